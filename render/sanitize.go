package render

import (
	"strings"
	"unicode"
)

// Sanitize removes control characters and terminal escape sequences from s, so
// that text taken from a file (DICOM tags, HDF5 strings, CSV cells, comments)
// cannot drive the terminal. Newlines and tabs become spaces; invalid UTF-8
// becomes U+FFFD.
func Sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r == unicode.ReplacementChar || unicode.IsControl(r) || isBidiControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteByte(' ')
		case unicode.IsControl(r) || isBidiControl(r):
			// ESC, C1 controls (including the 8-bit CSI 0x9b) and DEL vanish.
			// What followed an ESC is left as inert printable text.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBidiControl reports the Unicode bidirectional overrides and isolates, which
// can make displayed text differ from what a file says.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F
}
