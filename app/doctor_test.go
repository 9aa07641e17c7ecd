package app

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runWithEnv runs a subcommand with the given environment variables.
func runWithEnv(t *testing.T, cmd func(context.Context, Env, []string) error, vars map[string]string, args ...string) (string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return vars[k] }}
	err := cmd(context.Background(), env, args)
	if err != nil {
		out.WriteString(err.Error())
	}
	return out.String(), ExitCode(err)
}

func TestDoctor(t *testing.T) {
	cases := []struct {
		vars map[string]string
		args []string
		want []string
	}{
		{map[string]string{"TERM": "xterm-256color"}, nil,
			[]string{"graphics     blocks (auto)", "stdout is not a terminal: environment only", "auto picks blocks: no kitty graphics; no sixel; no iTerm2 images; text colour 256 colours"}},
		{map[string]string{"TERM": "xterm-kitty"}, nil, []string{"kitty        yes", "auto picks kitty: kitty graphics is the first rung"}},
		{map[string]string{"TERM": "foot"}, nil, []string{"sixel        yes", "auto picks sixel: no kitty graphics; sixel reported"}},
		{map[string]string{"TERM": "dumb"}, nil, []string{"auto picks ascii:", "(blocks need 256 colours)"}},
		{map[string]string{"TERM": "xterm-256color", "QCTERM_GRAPHICS": "sixel"}, nil,
			[]string{"graphics     sixel (override)", "auto picks blocks", "but sixel is forced"}},
		{map[string]string{"TERM": "xterm-256color", "QCTERM_GRAPHICS": "sixel"}, []string{"--graphics", "ascii"},
			[]string{"graphics     ascii (override)", "but ascii is forced"}},
		{map[string]string{"TERM": "xterm\x1b[2J", "NO_COLOR": "1"}, nil, []string{"TERM                 xterm", "NO_COLOR is set"}},
	}
	for _, c := range cases {
		out, code := runWithEnv(t, Doctor, c.vars, c.args...)
		if code != ExitOK {
			t.Fatalf("doctor %v: exit %d: %s", c.vars, code, out)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("doctor %q: lacks %q:\n%s", c.vars, w, out)
			}
		}
		if strings.Contains(out, "\x1b") {
			t.Errorf("doctor %q printed an escape sequence", c.vars)
		}
	}
	if _, code := runWithEnv(t, Doctor, nil, "--graphics", "vga"); code != ExitUsage {
		t.Errorf("bad --graphics: exit %d", code)
	}
	if _, code := runWithEnv(t, Doctor, nil, "extra"); code != ExitUsage {
		t.Errorf("extra argument: exit %d", code)
	}
}

func TestShowGraphicsFromEnvironment(t *testing.T) {
	db := showDB(t)
	args := []string{"--db", db, "2000001", "--series", "cine_segmented_lax_2ch", "--width", "20", "--height", "10"}
	out, _ := runWithEnv(t, Show, map[string]string{"QCTERM_GRAPHICS": "ascii", "TERM": "xterm-kitty"}, args...)
	if !strings.Contains(out, " ascii ") || strings.Contains(out, "\x1b") {
		t.Errorf("QCTERM_GRAPHICS=ascii ignored:\n%s", out)
	}
	out, _ = runWithEnv(t, Show, map[string]string{"QCTERM_GRAPHICS": "ascii"}, append(args, "--graphics", "kitty")...)
	if !strings.HasPrefix(out, "\x1b_G") {
		t.Errorf("--graphics kitty should win over QCTERM_GRAPHICS: %q", out[:min(40, len(out))])
	}
	out, _ = runWithEnv(t, Show, map[string]string{"TERM": "xterm-kitty"}, args...)
	if !strings.HasPrefix(out, "\x1b_G") || !strings.Contains(out, "kitty ") {
		t.Errorf("auto in kitty (from TERM) should pick kitty: %q", out[:min(40, len(out))])
	}
}
