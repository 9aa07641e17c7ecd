package render

import (
	"strings"
	"testing"
)

// Replies as recorded from terminals (DA1 last, as Queries asks).
const (
	replyKittyOK      = "\x1b_Gi=31;OK\x1b\\"
	replyKittyVersion = "\x1bP>|kitty(0.35.2)\x1b\\"
	replyKittyOld     = "\x1bP>|kitty(0.26.5)\x1b\\"
	replyKittyCell    = "\x1b[6;20;10t"
	replyKittyDA1     = "\x1b[?62;c"
	replyXtermVersion = "\x1bP>|XTerm(379)\x1b\\"
	replyXtermDA1     = "\x1b[?63;1;2;4;6;9;15;16;22;28c" // xterm -ti vt340
	replyXtermColors  = "\x1b[?1;0;1024S"
	replyXtermWindow  = "\x1b[4;480;800t\x1b[8;24;80t" // no CSI 16 t answer
	replyTmuxDA1      = "\x1b[?1;2c"
	replyTmux34DA1    = "\x1b[?1;2;4c"
	replyTmuxVersion  = "\x1bP>|tmux 3.3a\x1b\\"
	replyWezVersion   = "\x1bP>|WezTerm 20240203-110809-5046fc22\x1b\\"
	replyRGB          = "\x1bP1+r524742=382F382F38\x1b\\"
	replyVTEDA1       = "\x1b[?65;1;9c" // GNOME Terminal
)

func TestDetectCaps(t *testing.T) {
	cases := []struct {
		name       string
		env        Env
		replies    string
		mode       Mode
		color      ColorDepth
		cell       CellSize
		placehold  bool
		sixelColor int
		evidence   string
	}{
		{"kitty by query", Env{Term: "xterm-kitty"}, replyKittyOK + replyKittyVersion + replyKittyCell + replyKittyDA1,
			ModeKitty, TrueColor, CellSize{10, 20}, true, 0, "kitty graphics query answered OK"},
		{"old kitty: no placeholders", Env{Term: "xterm-kitty"}, replyKittyOK + replyKittyOld + replyKittyDA1,
			ModeKitty, TrueColor, CellSize{}, false, 0, "XTVERSION: kitty(0.26.5)"},
		{"kitty over ssh: only TERM forwarded", Env{Term: "xterm-256color"}, replyKittyOK + replyKittyVersion + replyKittyDA1,
			ModeKitty, TrueColor, CellSize{}, true, 0, "kitty 0.35.2 ≥ 0.28"},
		{"xterm vt340: sixel", Env{Term: "xterm"}, replyXtermVersion + replyXtermWindow + replyXtermColors + replyXtermDA1,
			ModeSixel, Color256, CellSize{10, 20}, false, 1024, "DA1 reply lists 4: sixel"},
		{"xterm without sixel, truecolor via XTGETTCAP", Env{Term: "xterm-256color"}, replyXtermVersion + replyRGB + "\x1b[?64;1;2;6;9;15;22c",
			ModeBlocks, TrueColor, CellSize{}, false, 0, "XTGETTCAP RGB answered"},
		{"GNOME terminal", Env{Term: "xterm-256color", ColorTerm: "truecolor"}, replyVTEDA1,
			ModeBlocks, TrueColor, CellSize{}, false, 0, "COLORTERM=truecolor"},
		{"iTerm2 by env", Env{Term: "xterm-256color", TermProgram: "iTerm.app"}, "\x1b[?62;4c",
			ModeSixel, TrueColor, CellSize{}, false, 0, "TERM_PROGRAM=iTerm.app"},
		{"iTerm2 without sixel reply", Env{Term: "xterm-256color", TermProgram: "iTerm.app"}, "",
			ModeITerm, TrueColor, CellSize{}, false, 0, "auto: iTerm2"},
		{"WezTerm", Env{Term: "xterm-256color", TermProgram: "WezTerm"}, replyKittyOK + replyWezVersion + "\x1b[?65;4;6;18;22c",
			ModeKitty, TrueColor, CellSize{}, false, 0, "kitty graphics (no placeholders)"},
		{"Ghostty", Env{Term: "xterm-ghostty", TermProgram: "ghostty"}, "",
			ModeKitty, TrueColor, CellSize{}, true, 0, "Ghostty"},
		{"tmux 3.3 in kitty without passthrough", Env{Term: "tmux-256color", Tmux: "/tmp/tmux-0/default,1,0"}, replyTmuxVersion + replyKittyOK + replyTmuxDA1,
			ModeBlocks, Color256, CellSize{}, false, 0, "passthrough off"},
		{"tmux 3.3 in new kitty with passthrough", Env{Term: "tmux-256color", Tmux: "/tmp/tmux-0/default,1,0", TmuxPassthrough: true},
			replyKittyOK + replyKittyVersion + replyTmuxVersion + replyTmuxDA1, ModeKitty, TrueColor, CellSize{}, true, 0, "inside tmux"},
		{"tmux in kitty, passthrough but version unknown", Env{Term: "tmux-256color", Tmux: "/tmp/tmux-0/default,1,0", TmuxPassthrough: true},
			replyKittyOK + replyTmuxVersion + replyTmuxDA1, ModeBlocks, Color256, CellSize{}, false, 0, "passthrough on"},
		{"tmux 3.4 with sixel", Env{Term: "tmux-256color", Tmux: "/tmp/tmux-0/default,1,0"}, replyTmux34DA1,
			ModeSixel, Color256, CellSize{}, false, 0, "DA1 reply lists 4"},
		{"linux console", Env{Term: "linux"}, "\x1b[?6c", ModeASCII, Color16, CellSize{}, false, 0, "assuming 16 colours"},
		{"dumb", Env{Term: "dumb"}, "", ModeASCII, NoColor, CellSize{}, false, 0, "no colour"},
		{"NO_COLOR keeps graphics, drops colour", Env{Term: "xterm-kitty", NoColor: true}, replyKittyOK + replyKittyDA1,
			ModeKitty, NoColor, CellSize{}, false, 0, "NO_COLOR is set"},
		{"NO_COLOR without graphics: ascii", Env{Term: "xterm-256color", NoColor: true}, replyVTEDA1,
			ModeASCII, NoColor, CellSize{}, false, 0, "auto: ascii"},
		{"override", Env{Term: "xterm-kitty", Graphics: "Sixel"}, replyKittyOK + replyKittyDA1,
			ModeSixel, TrueColor, CellSize{}, false, 0, "forced by override"},
		{"bad override ignored", Env{Term: "xterm-256color", Graphics: "svg"}, replyVTEDA1,
			ModeBlocks, Color256, CellSize{}, false, 0, "graphics override ignored"},
		{"override auto", Env{Term: "xterm-256color", Graphics: "auto"}, replyXtermDA1,
			ModeSixel, Color256, CellSize{}, false, 0, "auto: sixel"},
		{"keys typed meanwhile and an error reply", Env{Term: "xterm-256color"}, "jj\x1b[A" + "\x1b_Gi=31;ENOTSUPPORTED:no\x1b\\" + replyVTEDA1,
			ModeBlocks, Color256, CellSize{}, false, 0, "answered \"ENOTSUPPORTED:no\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := DetectCaps(c.env, []byte(c.replies))
			if got.Mode != c.mode || got.Color != c.color || got.Cell != c.cell || got.KittyPlaceholders != c.placehold || got.SixelColors != c.sixelColor {
				t.Errorf("mode %s colour %s cell %v placeholders %v sixel colours %d; want %s %s %v %v %d\n%s",
					got.Mode, got.Color, got.Cell, got.KittyPlaceholders, got.SixelColors,
					c.mode, c.color, c.cell, c.placehold, c.sixelColor, got.Report())
			}
			if !strings.Contains(strings.Join(got.Evidence, "\n"), c.evidence) {
				t.Errorf("no evidence %q in:\n%s", c.evidence, strings.Join(got.Evidence, "\n"))
			}
		})
	}
}

func TestDetectCapsSanitisesReplies(t *testing.T) {
	c := DetectCaps(Env{Term: "xterm\x1b]0;pwned\x07"}, []byte("\x1bP>|evil\x1b[2Jterm\x1b\\"+replyVTEDA1))
	if r := c.Report(); strings.ContainsAny(r, "\x1b\x07") {
		t.Errorf("control characters in report: %q", r)
	}
}

func TestRepliesComplete(t *testing.T) {
	if RepliesComplete([]byte(replyKittyOK + replyKittyVersion)) {
		t.Error("complete before DA1")
	}
	if !RepliesComplete([]byte(replyKittyOK + replyKittyDA1)) {
		t.Error("not complete after DA1")
	}
	if RepliesComplete([]byte("\x1b[?62;")) {
		t.Error("complete on a partial DA1")
	}
}

func TestQueries(t *testing.T) {
	q := Queries(false)
	if !strings.HasPrefix(q, QueryKittyGraphics) || !strings.HasSuffix(q, QueryDA1) {
		t.Errorf("queries %q: want kitty first, DA1 last", q)
	}
	if qt := Queries(true); !strings.HasPrefix(qt, "\x1bPtmux;\x1b\x1b_G") {
		t.Errorf("tmux queries %q: kitty query not wrapped", qt[:20])
	}
}

func TestEnvFrom(t *testing.T) {
	vars := map[string]string{"TERM": "xterm-kitty", "NO_COLOR": "1", "QCTERM_GRAPHICS": "ascii", "TMUX": "x"}
	e := EnvFrom(func(k string) (string, bool) { v, ok := vars[k]; return v, ok })
	if e.Term != "xterm-kitty" || !e.NoColor || e.Graphics != "ascii" || e.Tmux != "x" {
		t.Errorf("%+v", e)
	}
	vars["NO_COLOR"] = ""
	if EnvFrom(func(k string) (string, bool) { v, ok := vars[k]; return v, ok }).NoColor {
		t.Error("empty NO_COLOR counted")
	}
}

func TestCapsReport(t *testing.T) {
	r := DetectCaps(Env{Term: "xterm"}, []byte(replyXtermVersion+replyXtermWindow+replyXtermDA1)).Report()
	for _, want := range []string{"terminal     XTerm(379)", "sixel        yes", "cell size    10×20 px", "graphics     sixel (auto)", "  - DA1 reply lists 4: sixel"} {
		if !strings.Contains(r, want) {
			t.Errorf("report lacks %q:\n%s", want, r)
		}
	}
}
