package render

import "math"

// ecgPanel is one lead drawn over one time span at one place on the page.
type ecgPanel struct {
	lead     int    // index into ECGInput.Leads, or -1 when not recorded
	name     string // as displayed
	x, w     int    // first cell column and width in cells
	from, to float64
	// lo and hi are the per-sub-column envelope in mV about the lead's baseline.
	lo, hi []float64
}

// ecgStrip is a row of panels sharing rows and a baseline (zero) level.
type ecgStrip struct {
	y, h   int // first row in the chart area and height in rows
	panels []ecgPanel
	zero   int // sub-row (from the strip's top) at which 0 mV is drawn
}

// ecgPage is the planned geometry and scale of a chart.
type ecgPage struct {
	title     string
	strips    []ecgStrip
	width     int     // chart width in cells
	height    int     // chart area height in rows
	subX      int     // sub-columns per cell: 1 box, 2 braille
	subY      int     // sub-rows per cell: 1 box, 4 braille
	step      float64 // mV per sub-row
	secPerCol float64 // seconds per cell column
}

// calWidth is the left margin, in cells, that holds the calibration mark.
const calWidth = 4

// planECG lays out panels for the layout in opts, computes their envelopes
// and chooses the voltage scale.
func planECG(in ECGInput, opts ECGOptions) *ecgPage {
	p := &ecgPage{width: opts.Width, subX: 1, subY: 1}
	if opts.Style == StyleBraille {
		p.subX, p.subY = 2, 4
	}
	n := len(in.Leads[0].Samples)
	dur := float64(n) / in.RateHz
	from := opts.From
	to := opts.To
	if to == 0 || to > dur {
		to = dur
	}
	usable := opts.Width - calWidth
	if usable < 4 {
		usable = 4
	}
	var rows [][]ecgPanel
	grid3x4 := [3][4]string{{"I", "aVR", "V1", "V4"}, {"II", "aVL", "V2", "V5"}, {"III", "aVF", "V3", "V6"}}
	switch {
	case len(opts.Leads) == 0 && (opts.Layout == Layout3x4 || opts.Layout == LayoutMedian):
		if opts.Layout == Layout3x4 && opts.To == 0 && to > from+10 {
			to = from + 10
		}
		pw := usable / 4
		// On the clinical page the columns are consecutive quarters of one
		// span; median beats show the whole beat in every panel.
		span := (to - from) / 4
		if opts.Layout == LayoutMedian {
			span = to - from
		}
		for _, names := range grid3x4 {
			var row []ecgPanel
			for j, name := range names {
				t0 := from + float64(j)*span
				if opts.Layout == LayoutMedian {
					t0 = from
				}
				row = append(row, newPanel(in, name, calWidth+j*pw, pw, t0, t0+span))
			}
			rows = append(rows, row)
		}
		if opts.Layout == Layout3x4 {
			rows = append(rows, []ecgPanel{newPanel(in, opts.RhythmLead, calWidth, 4*pw, from, to)})
			p.title = "3x4 + " + displayName(opts.RhythmLead) + " rhythm"
		} else {
			p.title = "median beats"
		}
		p.secPerCol = span / float64(pw)
	default:
		names := opts.Leads
		if len(names) == 0 {
			for _, l := range in.Leads {
				names = append(names, l.Name)
			}
		}
		for _, name := range names {
			rows = append(rows, []ecgPanel{newPanel(in, name, calWidth, usable, from, to)})
		}
		p.title = "strips"
		if len(opts.Leads) == 0 {
			p.title = string(Layout12x1)
		}
		p.secPerCol = (to - from) / float64(usable)
	}
	p.placeStrips(rows, opts.Height-headerLines(in, opts))
	for si := range p.strips {
		for pi := range p.strips[si].panels {
			p.strips[si].panels[pi].measure(in, p.subX)
		}
	}
	p.chooseScale(opts.MVPerRow)
	return p
}

func newPanel(in ECGInput, name string, x, w int, from, to float64) ecgPanel {
	return ecgPanel{lead: findLead(in.Leads, name), name: displayName(name), x: x, w: w, from: from, to: to}
}

// headerLines is how many lines precede the chart area.
func headerLines(in ECGInput, opts ECGOptions) int {
	return len(in.Header) + 1
}

// placeStrips gives each row of panels an equal share of the rows available,
// at least 2.
func (p *ecgPage) placeStrips(rows [][]ecgPanel, avail int) {
	h := avail / len(rows)
	if h < 2 {
		h = 2
	}
	y := 0
	for _, r := range rows {
		p.strips = append(p.strips, ecgStrip{y: y, h: h, panels: r})
		y += h
	}
	p.height = y
}

// measure computes the panel's envelope in mV about the lead's median over
// the panel's time span, one entry per sub-column.
func (pn *ecgPanel) measure(in ECGInput, subX int) {
	if pn.lead < 0 {
		return
	}
	x := in.Leads[pn.lead].Samples
	scale := in.ScaleMV
	if scale == 0 {
		scale = 1
	}
	start, end := pn.from*in.RateHz, pn.to*in.RateHz
	i0, i1 := int(math.Floor(start)), int(math.Ceil(end))+1
	i0 = max(0, min(i0, len(x)-1))
	i1 = max(i0+1, min(i1, len(x)))
	base := float64(median(x[i0:i1]))
	cols := pn.w * subX
	pn.lo, pn.hi = make([]float64, cols), make([]float64, cols)
	envelope(x, start, end, pn.lo, pn.hi)
	for c := range pn.lo {
		a, b := (pn.lo[c]-base)*scale, (pn.hi[c]-base)*scale
		pn.lo[c], pn.hi[c] = math.Min(a, b), math.Max(a, b)
		if !finite(a) || !finite(b) { // a gap in the trace
			pn.lo[c], pn.hi[c] = math.NaN(), math.NaN()
		}
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// median returns the median of x without modifying it (0 when it has no
// finite value).
func median(x []float32) float32 {
	s := make([]float32, 0, len(x))
	for _, v := range x {
		if finite(float64(v)) {
			s = append(s, v)
		}
	}
	if len(s) == 0 {
		return 0
	}
	k := len(s) / 2
	lo, hi := 0, len(s)-1
	for lo < hi {
		pivot := s[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for s[i] < pivot {
				i++
			}
			for s[j] > pivot {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return s[k]
		}
	}
	return s[k]
}
