package render

import "bytes"

// TmuxPassthrough wraps one escape sequence so that tmux passes it to the
// outer terminal (needs `set -g allow-passthrough on`, tmux ≥ 3.3):
// ESC P tmux; then the sequence with every ESC doubled, then ESC \.
// Wrap each sequence separately; text between sequences stays outside.
func TmuxPassthrough(seq []byte) []byte {
	out := make([]byte, 0, len(seq)+16+bytes.Count(seq, []byte{0x1b}))
	out = append(out, "\x1bPtmux;"...)
	for _, c := range seq {
		if c == 0x1b {
			out = append(out, 0x1b)
		}
		out = append(out, c)
	}
	return append(out, "\x1b\\"...)
}
