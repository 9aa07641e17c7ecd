package render

import (
	"fmt"
	"strconv"
	"strings"
)

// Env is the part of the environment that says what the terminal is.
type Env struct {
	Term, TermProgram, TermProgramVersion, ColorTerm string
	// Tmux is $TMUX (set inside tmux).
	Tmux string
	// NoColor is true when $NO_COLOR is set to a non-empty value.
	NoColor bool
	// Graphics is $QCTERM_GRAPHICS, or the --graphics flag, which wins.
	Graphics string
	// TmuxPassthrough says tmux's allow-passthrough option is on (the
	// caller asks tmux: `tmux show -gv allow-passthrough`).
	TmuxPassthrough bool
}

// EnvFrom reads Env with lookup, such as os.LookupEnv.
func EnvFrom(lookup func(string) (string, bool)) Env {
	get := func(k string) string { v, _ := lookup(k); return v }
	return Env{
		Term:               get("TERM"),
		TermProgram:        get("TERM_PROGRAM"),
		TermProgramVersion: get("TERM_PROGRAM_VERSION"),
		ColorTerm:          get("COLORTERM"),
		Tmux:               get("TMUX"),
		NoColor:            get("NO_COLOR") != "",
		Graphics:           get("QCTERM_GRAPHICS"),
	}
}

// Caps is what the terminal supports, with the evidence for each finding,
// and the mode ModeAuto resolves to.
type Caps struct {
	// Mode is the image mode to use: the override if valid, else the first
	// of kitty → sixel → iTerm2 → blocks → ASCII that the terminal has.
	Mode Mode
	// Override is true when Mode came from QCTERM_GRAPHICS or --graphics.
	Override bool
	// Color is the text colour depth to use (NoColor under NO_COLOR).
	Color   ColorDepth
	NoColor bool
	// Kitty graphics, and whether it takes Unicode placeholders.
	Kitty, KittyPlaceholders bool
	Sixel                    bool
	SixelColors              int // colour registers, 0 if not reported
	ITerm                    bool
	// Cell is the cell size in pixels, zero if not reported.
	Cell CellSize
	// Tmux is true inside tmux; graphics other than sixel then need
	// TmuxPassthrough, and image sequences must be wrapped (TmuxPassthrough).
	Tmux, TmuxPassthrough bool
	// Terminal is the terminal's name and version (XTVERSION), if known.
	Terminal string
	// Evidence lists, in order, what each finding rests on.
	Evidence []string
}

// DetectCaps works out the terminal's capabilities from env and from
// replies, the bytes the terminal sent back to Queries (nil when stdout is
// not a terminal or nothing was asked). It does no IO.
func DetectCaps(env Env, replies []byte) Caps {
	var c Caps
	note := func(format string, a ...any) { c.Evidence = append(c.Evidence, fmt.Sprintf(format, a...)) }
	term, prog := strings.ToLower(env.Term), strings.ToLower(env.TermProgram)

	c.Tmux = env.Tmux != "" || strings.HasPrefix(term, "tmux") || prog == "tmux"
	if c.Tmux {
		c.TmuxPassthrough = env.TmuxPassthrough
		note("inside tmux (TMUX=%q, TERM=%s); passthrough %s", Sanitize(env.Tmux), Sanitize(env.Term), onOff(env.TmuxPassthrough))
	}

	// Environment first; replies below confirm or add.
	switch {
	case term == "xterm-kitty":
		c.Kitty = true
		note("TERM=xterm-kitty: kitty graphics")
	case term == "xterm-ghostty" || prog == "ghostty":
		c.Kitty, c.KittyPlaceholders = true, true
		note("Ghostty (TERM=%s, TERM_PROGRAM=%s): kitty graphics with placeholders", Sanitize(env.Term), Sanitize(env.TermProgram))
	case prog == "wezterm":
		c.Kitty, c.Sixel, c.ITerm = true, true, true
		note("TERM_PROGRAM=WezTerm: kitty graphics (no placeholders), sixel, iTerm2 images")
	case prog == "iterm.app":
		c.ITerm = true
		note("TERM_PROGRAM=iTerm.app: iTerm2 inline images")
	case term == "foot" || strings.HasPrefix(term, "foot-") || strings.HasPrefix(term, "mlterm") || term == "contour" || term == "yaft-256color":
		c.Sixel = true
		note("TERM=%s: sixel", Sanitize(env.Term))
	}

	c.Color = envColor(env, note)

	for _, r := range parseReplies(replies) {
		switch {
		case r.kind == '_' && strings.HasPrefix(r.text, "G"):
			body := r.text[1:]
			if _, msg, _ := strings.Cut(body, ";"); msg == "OK" {
				c.Kitty = true
				note("kitty graphics query answered OK")
			} else {
				note("kitty graphics query answered %q", Sanitize(msg))
			}
		case r.kind == 'c' && r.private == '?':
			sixel := false
			for _, p := range r.params[1:] {
				sixel = sixel || p == 4
			}
			if sixel {
				c.Sixel = true
				note("DA1 reply lists 4: sixel")
			} else {
				note("DA1 reply without 4: no sixel")
			}
		case r.kind == 't' && len(r.params) == 3 && r.params[0] == 6 && r.params[1] > 0 && r.params[2] > 0:
			c.Cell = CellSize{W: r.params[2], H: r.params[1]}
			note("CSI 16 t reply: cell %d×%d px", c.Cell.W, c.Cell.H)
		case r.kind == 'S' && r.private == '?' && len(r.params) == 3 && r.params[0] == 1 && r.params[1] == 0:
			c.SixelColors = r.params[2]
			note("XTSMGRAPHICS: %d sixel colour registers", c.SixelColors)
		case r.kind == 'P' && strings.HasPrefix(r.text, ">|"):
			name := Sanitize(r.text[2:])
			note("XTVERSION: %s", name)
			c.fromVersion(name, note)
			if c.Terminal != "" {
				name = c.Terminal + "; " + name // tmux and the terminal outside it
			}
			c.Terminal = name
		case r.kind == 'P' && strings.HasPrefix(r.text, "1+r524742"):
			if c.Color < TrueColor && !env.NoColor {
				c.Color = TrueColor
			}
			note("XTGETTCAP RGB answered: 24-bit colour")
		}
	}
	if c.Cell == (CellSize{}) {
		c.Cell = cellFromWindow(parseReplies(replies), note)
	}
	if env.NoColor {
		c.NoColor, c.Color = true, NoColor
		note("NO_COLOR is set: no colour in text")
	}
	c.Mode = c.chooseMode(env, note)
	return c
}

// fromVersion learns from an XTVERSION name what the queries do not say.
func (c *Caps) fromVersion(version string, note func(string, ...any)) {
	name := strings.ToLower(version)
	switch {
	case strings.HasPrefix(name, "kitty("):
		c.Kitty = true
		if v := strings.TrimSuffix(strings.TrimPrefix(name, "kitty("), ")"); versionAtLeast(v, 0, 28) {
			c.KittyPlaceholders = true
			note("kitty %s ≥ 0.28: Unicode placeholders", v)
		}
		if c.Color < TrueColor {
			c.Color = TrueColor
		}
	case strings.HasPrefix(name, "ghostty"):
		c.Kitty, c.KittyPlaceholders = true, true
		c.Color = max(c.Color, TrueColor)
	case strings.HasPrefix(name, "wezterm"):
		c.ITerm = true
		c.Color = max(c.Color, TrueColor)
	case strings.HasPrefix(name, "iterm2"):
		c.ITerm = true
		c.Color = max(c.Color, TrueColor)
	}
}

// versionAtLeast reports whether dotted version v is at least major.minor.
func versionAtLeast(v string, major, minor int) bool {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return false
	}
	a, err1 := strconv.Atoi(parts[0])
	b, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return false
	}
	return a > major || (a == major && b >= minor)
}

// envColor is the colour depth the environment suggests.
func envColor(env Env, note func(string, ...any)) ColorDepth {
	term, prog, ct := strings.ToLower(env.Term), strings.ToLower(env.TermProgram), strings.ToLower(env.ColorTerm)
	switch {
	case ct == "truecolor" || ct == "24bit":
		note("COLORTERM=%s: 24-bit colour", Sanitize(env.ColorTerm))
		return TrueColor
	case strings.HasSuffix(term, "-direct") || term == "xterm-kitty" || term == "xterm-ghostty" || term == "alacritty" ||
		term == "foot" || term == "wezterm" || prog == "iterm.app" || prog == "wezterm" || prog == "vscode" || prog == "ghostty":
		note("TERM=%s TERM_PROGRAM=%s: 24-bit colour", Sanitize(env.Term), Sanitize(env.TermProgram))
		return TrueColor
	case strings.Contains(term, "256color"):
		note("TERM=%s: 256 colours", Sanitize(env.Term))
		return Color256
	case term == "" || term == "dumb":
		note("TERM=%q: no colour", Sanitize(env.Term))
		return NoColor
	case strings.HasPrefix(term, "xterm") || strings.HasPrefix(term, "screen") || strings.HasPrefix(term, "tmux") || strings.HasPrefix(term, "rxvt"):
		note("TERM=%s: assuming 256 colours", Sanitize(env.Term))
		return Color256
	}
	note("TERM=%s: assuming 16 colours", Sanitize(env.Term))
	return Color16
}

// cellFromWindow derives the cell size from the window's size in pixels
// and in cells, for terminals that answer CSI 14 t and CSI 18 t only.
func cellFromWindow(rs []reply, note func(string, ...any)) CellSize {
	var ph, pw, rows, cols int
	for _, r := range rs {
		if r.kind != 't' || len(r.params) != 3 {
			continue
		}
		switch r.params[0] {
		case 4:
			ph, pw = r.params[1], r.params[2]
		case 8:
			rows, cols = r.params[1], r.params[2]
		}
	}
	if ph > 0 && pw > 0 && rows > 0 && cols > 0 {
		c := CellSize{W: pw / cols, H: ph / rows}
		if c.W > 0 && c.H > 0 {
			note("window %d×%d px over %d×%d cells: cell %d×%d px", pw, ph, cols, rows, c.W, c.H)
			return c
		}
	}
	return CellSize{}
}

// chooseMode applies the override or walks the ladder.
func (c *Caps) chooseMode(env Env, note func(string, ...any)) Mode {
	if env.Graphics != "" {
		m, err := ParseMode(env.Graphics)
		switch {
		case err != nil:
			note("graphics override ignored: %v", err)
		case m != ModeAuto:
			c.Override = true
			note("graphics mode %s forced by override", m)
			return m
		}
	}
	passthrough := !c.Tmux || c.TmuxPassthrough
	switch {
	case c.Kitty && (!c.Tmux || (c.TmuxPassthrough && c.KittyPlaceholders)):
		note("auto: kitty (first on the ladder kitty → sixel → iTerm2 → blocks → ascii)")
		return ModeKitty
	case c.Sixel:
		note("auto: sixel")
		return ModeSixel
	case c.ITerm && passthrough:
		note("auto: iTerm2 inline images")
		return ModeITerm
	case c.Color >= Color256:
		note("auto: blocks (%s)", c.Color)
		return ModeBlocks
	}
	note("auto: ascii (no graphics protocol, fewer than 256 colours)")
	return ModeASCII
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// Report describes the capabilities for qcterm doctor, one finding a line,
// then the evidence.
func (c Caps) Report() string {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	var b strings.Builder
	term := c.Terminal
	if term == "" {
		term = "unknown (no XTVERSION reply)"
	}
	fmt.Fprintf(&b, "terminal     %s\n", term)
	fmt.Fprintf(&b, "colour       %s\n", c.Color)
	kitty := yes(c.Kitty)
	if c.Kitty {
		kitty += ", Unicode placeholders " + yes(c.KittyPlaceholders)
	}
	fmt.Fprintf(&b, "kitty        %s\n", kitty)
	sixel := yes(c.Sixel)
	if c.SixelColors > 0 {
		sixel += fmt.Sprintf(", %d colour registers", c.SixelColors)
	}
	fmt.Fprintf(&b, "sixel        %s\n", sixel)
	fmt.Fprintf(&b, "iTerm2       %s\n", yes(c.ITerm))
	tmux := yes(c.Tmux)
	if c.Tmux {
		tmux += ", passthrough " + onOff(c.TmuxPassthrough)
	}
	fmt.Fprintf(&b, "tmux         %s\n", tmux)
	if c.Cell == (CellSize{}) {
		fmt.Fprintf(&b, "cell size    unknown (assuming %d×%d px)\n", DefaultCellW, DefaultCellH)
	} else {
		fmt.Fprintf(&b, "cell size    %d×%d px\n", c.Cell.W, c.Cell.H)
	}
	how := "auto"
	if c.Override {
		how = "override"
	}
	fmt.Fprintf(&b, "graphics     %s (%s)\n", c.Mode, how)
	b.WriteString("evidence\n")
	for _, e := range c.Evidence {
		fmt.Fprintf(&b, "  - %s\n", e)
	}
	return b.String()
}
