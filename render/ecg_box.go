package render

import (
	"math"
	"strings"

	"github.com/guptarohit/asciigraph"
)

// drawBox draws a panel's trace with asciigraph. asciigraph draws the segment
// from point x to point x+1 in column x, so it is given two series of w+1
// points, the per-column maxima and minima, with the vertical range fixed to
// the strip's rows: every column's extreme values are segment ends and land
// on their own rows. asciigraph's Width option is never used, since its
// linear interpolation shrinks peaks.
func (p *ecgPage) drawBox(g *textGrid, s ecgStrip, pn ecgPanel) {
	if pn.lead < 0 || pn.w < 1 {
		return
	}
	rows := s.h
	top := float64(s.zero) * p.step
	bottom := float64(s.zero-(rows-1)) * p.step
	series := func(v []float64) []float64 {
		out := make([]float64, pn.w+1)
		for c := range out {
			x := v[min(c, len(v)-1)]
			if !math.IsNaN(x) {
				// Snap to rows here so asciigraph's rounding agrees with subRow.
				x = math.Round(x/p.step) * p.step
				x = math.Max(bottom, math.Min(top, x))
			}
			out[c] = x
		}
		return out
	}
	if rows < 2 {
		return
	}
	plot := asciigraph.PlotMany([][]float64{series(pn.lo), series(pn.hi)},
		asciigraph.Height(rows-1),
		asciigraph.LowerBound(bottom),
		asciigraph.UpperBound(top),
		asciigraph.Offset(1),
		asciigraph.YAxisValueFormatter(func(float64) string { return "" }),
	)
	color := leadColor(pn.name)
	for y, line := range strings.Split(plot, "\n") {
		if y >= rows {
			break
		}
		x := -1 // column 0 of the plot is asciigraph's axis
		for _, r := range line {
			if x >= 0 && x < pn.w && r != ' ' {
				g.set(pn.x+x, s.y+y, r, color)
			}
			x++
		}
	}
}
