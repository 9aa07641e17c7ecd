package render

import (
	"strconv"
	"strings"
)

// cell is one terminal cell of a text canvas: a rune and a 256-colour
// foreground index (0 means the terminal's default colour).
type cell struct {
	r  rune
	fg uint8
}

// textGrid is a fixed-size canvas of cells that prints as lines of text.
type textGrid struct {
	w, h  int
	cells []cell
}

func newTextGrid(w, h int) *textGrid {
	g := &textGrid{w: w, h: h, cells: make([]cell, w*h)}
	for i := range g.cells {
		g.cells[i].r = ' '
	}
	return g
}

func (g *textGrid) set(x, y int, r rune, fg uint8) {
	if x < 0 || y < 0 || x >= g.w || y >= g.h {
		return
	}
	g.cells[y*g.w+x] = cell{r: r, fg: fg}
}

// text writes s from (x, y), one rune per cell, clipped at the right edge.
func (g *textGrid) text(x, y int, s string, fg uint8) {
	for _, r := range s {
		g.set(x, y, r, fg)
		x++
	}
}

// writeTo appends the grid to b as lines separated by "\n", trailing blanks
// trimmed. With color, each run of cells of one colour is wrapped in a
// 256-colour SGR sequence and every line ends with the colour reset.
func (g *textGrid) writeTo(b *strings.Builder, color bool) {
	for y := 0; y < g.h; y++ {
		if y > 0 {
			b.WriteByte('\n')
		}
		row := g.cells[y*g.w : (y+1)*g.w]
		end := len(row)
		for end > 0 && row[end-1].r == ' ' {
			end--
		}
		var cur uint8
		for _, c := range row[:end] {
			if color && c.fg != cur && c.r != ' ' {
				if c.fg == 0 {
					b.WriteString("\x1b[39m")
				} else {
					b.WriteString("\x1b[38;5;")
					b.WriteString(strconv.Itoa(int(c.fg)))
					b.WriteByte('m')
				}
				cur = c.fg
			}
			b.WriteRune(c.r)
		}
		if cur != 0 {
			b.WriteString("\x1b[39m")
		}
	}
}
