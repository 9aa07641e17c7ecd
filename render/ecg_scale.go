package render

import (
	"fmt"
	"math"
)

// niceSteps are the voltage scales, in mV per text row, that a chart may use.
func niceSteps() []float64 {
	return []float64{0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10, 15, 20, 25, 50, 100}
}

// chooseScale sets p.step (mV per sub-row) to fixed mV per row when given,
// else to the smallest nice scale at which every strip's traces fit in its
// rows, and then places each strip's zero level so its traces are centred.
func (p *ecgPage) chooseScale(fixed float64) {
	if fixed > 0 {
		p.step = fixed / float64(p.subY)
	} else {
		need := 0.0
		for _, s := range p.strips {
			lo, hi := s.extent()
			sub := float64(s.h * p.subY)
			// One and a half sub-rows are kept for rounding at both ends.
			need = math.Max(need, (hi-lo)/math.Max(sub-1.5, 0.5))
		}
		perRow := need * float64(p.subY)
		steps := niceSteps()
		chosen := steps[len(steps)-1]
		for _, st := range steps {
			if st >= perRow-1e-12 {
				chosen = st
				break
			}
		}
		// Default to the smallest useful scale for flat traces, never finer.
		if chosen < 0.1 {
			chosen = 0.1
		}
		p.step = chosen / float64(p.subY)
	}
	for i := range p.strips {
		s := &p.strips[i]
		lo, hi := s.extent()
		sub := s.h * p.subY
		// Clamp so absurd values (clipped anyway) cannot overflow an int.
		lim := float64(4 * sub)
		top := int(math.Max(-lim, math.Min(lim, math.Round(hi/p.step))))
		bot := int(math.Max(-lim, math.Min(lim, math.Round(lo/p.step))))
		slack := sub - 1 - (top - bot)
		if slack < 0 {
			slack = 0
		}
		s.zero = top + slack/2
	}
}

// extent is the lowest and highest envelope value over the strip's panels,
// with 0 included so the baseline is always inside.
func (s ecgStrip) extent() (lo, hi float64) {
	for _, pn := range s.panels {
		for c := range pn.lo {
			if !math.IsNaN(pn.lo[c]) {
				lo = math.Min(lo, pn.lo[c])
			}
			if !math.IsNaN(pn.hi[c]) {
				hi = math.Max(hi, pn.hi[c])
			}
		}
	}
	return lo, hi
}

// subRow is the sub-row, from the strip's top, at which v mV is drawn,
// clipped to the strip.
func (p *ecgPage) subRow(s ecgStrip, v float64) int {
	r := float64(s.zero) - math.Round(v/p.step)
	return int(math.Max(0, math.Min(r, float64(s.h*p.subY-1))))
}

// scaleLine states the scale actually drawn, most important first.
func (p *ecgPage) scaleLine(from, to float64) string {
	perRow := p.step * float64(p.subY)
	line := fmt.Sprintf("%s s/col · %s mV/row", fmtNum(p.secPerCol), fmtNum(perRow))
	if p.subX > 1 || p.subY > 1 {
		line += fmt.Sprintf(" (dot %s s × %s mV)", fmtNum(p.secPerCol/float64(p.subX)), fmtNum(p.step))
	}
	// Paper ECGs run at 25 mm/s and 10 mm/mV: say what a cell is on paper.
	line += fmt.Sprintf(" · %s · %.2f–%.2f s · cal 1 mV · paper: col %s mm, row %s mm",
		p.title, from, to, fmtNum(p.secPerCol*25), fmtNum(perRow*10))
	return line
}

// fmtNum formats a scale value with three significant digits.
func fmtNum(v float64) string {
	return fmt.Sprintf("%.3g", v)
}
