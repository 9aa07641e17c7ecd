package render

import "testing"

func TestSanitize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"Sinus rhythm \x1b[31m(red)\x1b[0m", "Sinus rhythm (red)"},
		{"needs \x1b]0;evil title\x07review", "needs review"},
		{"st \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "st link"},
		{"kitty \x1b_Ga=T;AAAA\x1b\\ end", "kitty  end"},
		{"8-bit \u009b2J csi", "8-bit  csi"},
		{"line1\nline2\ttab", "line1 line2 tab"},
		{"bell\x07 del\x7f", "bell del"},
		{"bidi \u202Eevil", "bidi evil"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"trailing esc \x1b", "trailing esc "},
		{"unterminated \x1b[12", "unterminated "},
		{"µV ✓ 日本", "µV ✓ 日本"},
	} {
		if got := Sanitize(tc.in); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	f.Add("a\x1b[31mb")
	f.Add("\x1b]0;x\x07")
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		for _, r := range out {
			if r < 0x20 || (r >= 0x7f && r < 0xa0) {
				t.Fatalf("Sanitize(%q) kept control %U", s, r)
			}
		}
	})
}
