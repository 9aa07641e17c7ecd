package render

import (
	"math"
	"strings"
)

// Colours (256-colour indices) for the chart's furniture.
const (
	gridColor = 238 // faint grid dots
	calColor  = 250 // calibration mark
)

// draw renders the planned page into b.
func (p *ecgPage) draw(in ECGInput, opts ECGOptions, b *strings.Builder) {
	w := opts.Width
	from, to := p.window()
	for _, h := range in.Header {
		b.WriteString(truncateRunes(Sanitize(h), w))
		b.WriteByte('\n')
	}
	b.WriteString(truncateRunes(p.scaleLine(from, to), w))
	b.WriteByte('\n')
	g := newTextGrid(w, p.height)
	for _, s := range p.strips {
		if opts.Color {
			p.drawGrid(g, s)
		}
		switch opts.Style {
		case StyleBraille:
			p.drawBraille(g, s)
		default:
			p.drawCalBox(g, s)
			for _, pn := range s.panels {
				p.drawBox(g, s, pn)
			}
		}
		for _, pn := range s.panels {
			if pn.lead < 0 {
				g.text(pn.x+1, s.y+s.h/2, pn.name+": not recorded", 0)
			}
			g.text(pn.x, s.y, pn.name, leadColor(pn.name))
		}
	}
	g.writeTo(b, opts.Color)
}

// window is the time span the page covers.
func (p *ecgPage) window() (from, to float64) {
	from, to = math.Inf(1), math.Inf(-1)
	for _, s := range p.strips {
		for _, pn := range s.panels {
			from, to = math.Min(from, pn.from), math.Max(to, pn.to)
		}
	}
	return from, to
}

// drawCalBox draws the 1 mV calibration pulse in box-drawing characters in
// the strip's left margin, its foot at the strip's zero level.
func (p *ecgPage) drawCalBox(g *textGrid, s ecgStrip) {
	foot := p.subRow(s, 0)
	top := p.subRow(s, 1)
	y0 := s.y + foot
	if top == foot {
		g.text(0, y0, "─┴─", calColor)
		return
	}
	yt := s.y + top
	g.set(0, y0, '─', calColor)
	g.set(1, y0, '┘', calColor)
	g.set(2, y0, '└', calColor)
	for y := yt + 1; y < y0; y++ {
		g.set(1, y, '│', calColor)
		g.set(2, y, '│', calColor)
	}
	g.set(1, yt, '┌', calColor)
	g.set(2, yt, '┐', calColor)
}

// drawGrid puts faint dots where the major time and voltage lines of the
// paper grid cross (0.2 s × 0.5 mV, coarser when that would crowd the cells).
func (p *ecgPage) drawGrid(g *textGrid, s ecgStrip) {
	perRow := p.step * float64(p.subY)
	gt := firstAtLeast([]float64{0.2, 1, 5}, 3*p.secPerCol)
	gv := firstAtLeast([]float64{0.5, 1, 2, 5}, 2*perRow)
	for _, pn := range s.panels {
		for y := 0; y < s.h; y++ {
			vTop := (float64(s.zero-y*p.subY) + 0.5) * p.step
			vBot := (float64(s.zero-(y+1)*p.subY) + 0.5) * p.step
			if math.Floor(vTop/gv) == math.Floor(vBot/gv) {
				continue
			}
			for x := 0; x < pn.w; x++ {
				t0 := pn.from + float64(x)*p.secPerCol
				t1 := t0 + p.secPerCol
				if math.Floor(t1/gt) != math.Floor(t0/gt) {
					g.set(pn.x+x, s.y+y, '·', gridColor)
				}
			}
		}
	}
}

// firstAtLeast returns the first value in steps that is ≥ min, or the last.
func firstAtLeast(steps []float64, min float64) float64 {
	for _, s := range steps {
		if s >= min {
			return s
		}
	}
	return steps[len(steps)-1]
}

// truncateRunes cuts s to at most n runes.
func truncateRunes(s string, n int) string {
	if n <= 0 {
		return ""
	}
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}
