package render

import (
	"strings"
	"unicode"
)

// Sanitize removes control characters and terminal escape sequences from s, so
// that text taken from a file (DICOM tags, HDF5 strings, CSV cells, comments)
// cannot drive the terminal. Whole CSI (ESC [ … final), OSC (ESC ] … BEL/ST),
// DCS/APC/PM/SOS strings and two-byte ESC sequences are dropped; newlines and
// tabs become spaces; other controls vanish; invalid UTF-8 becomes U+FFFD.
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
	rs := []rune(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == 0x1b && i+1 < len(rs):
			i = skipEscape(rs, i)
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(rs, i+1)
		case r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98: // 8-bit OSC, DCS, PM, APC, SOS
			i = skipString(rs, i+1)
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteByte(' ')
		case unicode.IsControl(r) || isBidiControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// skipEscape returns the index of the last rune of the escape sequence starting at rs[i] == ESC.
func skipEscape(rs []rune, i int) int {
	switch rs[i+1] {
	case '[':
		return skipCSI(rs, i+2)
	case ']', 'P', '_', '^', 'X':
		return skipString(rs, i+2)
	}
	return i + 1 // ESC plus one character (e.g. ESC c, ESC 7)
}

// skipCSI skips parameter and intermediate bytes up to and including the final byte.
func skipCSI(rs []rune, i int) int {
	for ; i < len(rs); i++ {
		if rs[i] < 0x20 || rs[i] > 0x3f { // final byte, or a byte that cannot continue the sequence
			return i
		}
	}
	return len(rs) - 1
}

// skipString skips a control string up to and including BEL or ST (ESC \ or 0x9c).
func skipString(rs []rune, i int) int {
	for ; i < len(rs); i++ {
		switch {
		case rs[i] == 0x07 || rs[i] == 0x9c:
			return i
		case rs[i] == 0x1b && i+1 < len(rs) && rs[i+1] == '\\':
			return i + 1
		}
	}
	return len(rs) - 1
}

// isBidiControl reports the Unicode bidirectional overrides and isolates, which
// can make displayed text differ from what a file says.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F
}
