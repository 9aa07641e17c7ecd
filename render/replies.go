package render

import (
	"bytes"
	"strconv"
	"strings"
)

// The queries qcterm sends to learn what the terminal can do. Send them
// together (Queries) and read replies until RepliesComplete: every
// terminal answers DA1, and answers in order, so once DA1's reply is in,
// a query that was not answered never will be.
const (
	// QueryKittyGraphics asks for kitty graphics support: a 1×1 image query
	// answered "ESC _ G i=31;OK ESC \" by terminals that have it.
	QueryKittyGraphics = "\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\"
	// QueryXTVersion asks the terminal's name and version (ESC P >| … ESC \).
	QueryXTVersion = "\x1b[>0q"
	// QueryCellSize asks the cell size in pixels (CSI 6 ; height ; width t).
	QueryCellSize = "\x1b[16t"
	// QueryWindowPixels asks the text area's size in pixels (CSI 4 ; h ; w t).
	QueryWindowPixels = "\x1b[14t"
	// QueryWindowCells asks the text area's size in cells (CSI 8 ; rows ; cols t).
	QueryWindowCells = "\x1b[18t"
	// QuerySixelColors asks the number of sixel colour registers
	// (XTSMGRAPHICS; reply CSI ? 1 ; 0 ; N S).
	QuerySixelColors = "\x1b[?1;1;0S"
	// QueryTrueColor asks for the terminfo capability RGB (XTGETTCAP; reply
	// DCS 1 + r 524742 … ST when the terminal takes 24-bit colour).
	QueryTrueColor = "\x1bP+q524742\x1b\\"
	// QueryDA1 is Primary Device Attributes (CSI ? … c); parameter 4 means
	// sixel. Send it last.
	QueryDA1 = "\x1b[c"
)

// Queries returns every query, DA1 last. Inside tmux, which answers the
// others itself, the kitty query and a second XTVERSION are wrapped for
// passthrough so that the outer terminal answers them too (only when tmux
// allows passthrough).
func Queries(tmux bool) string {
	first := QueryKittyGraphics
	if tmux {
		first = string(TmuxPassthrough([]byte(QueryKittyGraphics))) + string(TmuxPassthrough([]byte(QueryXTVersion)))
	}
	return first + QueryXTVersion + QueryCellSize + QueryWindowPixels + QueryWindowCells +
		QuerySixelColors + QueryTrueColor + QueryDA1
}

// RepliesComplete reports whether b holds the reply to DA1, after which no
// further replies will come.
func RepliesComplete(b []byte) bool {
	for _, r := range parseReplies(b) {
		if r.kind == 'c' && r.private == '?' {
			return true
		}
	}
	return false
}

// reply is one control sequence found in terminal input.
type reply struct {
	kind    byte   // CSI final byte, or '_' (APC), 'P' (DCS)
	private byte   // CSI private marker ('?', '>'), or 0
	params  []int  // CSI numeric parameters
	text    string // APC or DCS body
}

// parseReplies finds the CSI, APC and DCS sequences in b, skipping anything
// else (such as keys typed meanwhile).
func parseReplies(b []byte) []reply {
	var out []reply
	for i := 0; i < len(b); i++ {
		if b[i] != 0x1b || i+1 >= len(b) {
			continue
		}
		switch b[i+1] {
		case '[':
			j := i + 2
			var r reply
			if j < len(b) && (b[j] == '?' || b[j] == '>' || b[j] == '<' || b[j] == '=') {
				r.private = b[j]
				j++
			}
			start := j
			for j < len(b) && (b[j] < 0x40 || b[j] > 0x7e) {
				j++
			}
			if j >= len(b) {
				return out
			}
			r.kind = b[j]
			for _, f := range strings.Split(string(b[start:j]), ";") {
				n, err := strconv.Atoi(strings.TrimSpace(f))
				if err != nil {
					n = -1
				}
				r.params = append(r.params, n)
			}
			out = append(out, r)
			i = j
		case '_', 'P':
			end := bytes.Index(b[i+2:], []byte("\x1b\\"))
			endBel := bytes.IndexByte(b[i+2:], 0x07)
			n := end
			if n < 0 || (endBel >= 0 && endBel < n) {
				n = endBel
			}
			if n < 0 {
				return out
			}
			out = append(out, reply{kind: b[i+1], text: string(b[i+2 : i+2+n])})
			i += 1 + n
		}
	}
	return out
}
