package render

import "math"

// brailleBit is the dot bit of U+2800 braille for dot (x, y) in a 2×4 cell.
func brailleBit(x, y int) uint8 {
	if y == 3 {
		return 0x40 << x
	}
	return 1 << (y + 3*x)
}

// dotCanvas is a canvas of braille dots, 2×4 per cell.
type dotCanvas struct {
	w, h int // in dots
	bits []uint8
}

func newDotCanvas(cellsW, cellsH int) *dotCanvas {
	return &dotCanvas{w: cellsW * 2, h: cellsH * 4, bits: make([]uint8, cellsW*cellsH)}
}

func (c *dotCanvas) set(x, y int) {
	if x < 0 || y < 0 || x >= c.w || y >= c.h {
		return
	}
	c.bits[(y/4)*(c.w/2)+x/2] |= brailleBit(x%2, y%4)
}

// vline sets the dots of column x from row y0 to y1 inclusive.
func (c *dotCanvas) vline(x, y0, y1 int) {
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	for y := y0; y <= y1; y++ {
		c.set(x, y)
	}
}

// drawBraille draws the strip's calibration mark and every panel's trace in
// braille dots: each dot column is a vertical run from its minimum to its
// maximum. Neighbouring columns share their boundary sample, so the runs join.
func (p *ecgPage) drawBraille(g *textGrid, s ecgStrip) {
	cv := newDotCanvas(g.w, s.h)
	foot, top := p.subRow(s, 0), p.subRow(s, 1)
	cv.vline(0, foot, foot)
	cv.vline(1, foot, top)
	cv.vline(2, top, top)
	cv.vline(3, top, top)
	cv.vline(4, top, foot)
	cv.vline(5, foot, foot)
	for _, pn := range s.panels {
		for c := range pn.lo {
			if math.IsNaN(pn.lo[c]) || math.IsNaN(pn.hi[c]) {
				continue
			}
			cv.vline(pn.x*2+c, p.subRow(s, pn.lo[c]), p.subRow(s, pn.hi[c]))
		}
	}
	cellsW := g.w
	colors := make([]uint8, cellsW)
	for i := range colors {
		colors[i] = calColor
	}
	for _, pn := range s.panels {
		c := leadColor(pn.name)
		for x := pn.x; x < min(pn.x+pn.w, cellsW); x++ {
			colors[x] = c
		}
	}
	for cy := 0; cy < s.h; cy++ {
		for cx := 0; cx < cellsW; cx++ {
			if bits := cv.bits[cy*cellsW+cx]; bits != 0 {
				g.set(cx, s.y+cy, rune(0x2800+int(bits)), colors[cx])
			}
		}
	}
}
