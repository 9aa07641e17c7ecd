package synth

import (
	"math"
	"math/rand/v2"
)

// Labels of the cine label map, as in ml4h's four-chamber segmentation.
const (
	LabelBackground = 0
	LabelMyocardium = 5
	LabelRA         = 8
	LabelRV         = 9
	LabelLA         = 10
	LabelLV         = 11
)

// CineArtefact is an imaging problem planted in a synthetic cine.
type CineArtefact int

// Cine artefacts.
const (
	NoCineArtefact CineArtefact = iota
	MotionGhosting              // faint copies of the moving heart along the phase-encoding direction
	DarkBand                    // an off-resonance band crossing the heart
	WrapAround                  // body outside the field of view folded in at the sides
)

// String names the artefact.
func (a CineArtefact) String() string {
	switch a {
	case MotionGhosting:
		return "motion ghosting"
	case DarkBand:
		return "dark band"
	case WrapAround:
		return "wrap-around"
	}
	return "none"
}

// CineSpec is what a synthetic four-chamber cine is made from: the heart's
// place and size at end-diastole (mm, degrees), how it contracts, and the
// signal of each tissue (0–255).
type CineSpec struct {
	HeartRate  float64 // bpm during the scan
	BaseX      float64 // centre of the mitral valve plane, mm from the image centre
	BaseY      float64
	AngleDeg   float64 // direction from the valve plane to the apex (0 = right, 90 = down)
	LVLength   float64 // valve plane to apex, cavity
	LVRadius   float64 // cavity half-width
	Wall       float64 // myocardium thickness
	RVRadius   float64
	Atrium     float64 // atrial radius
	Shortening float64 // fraction the LV half-width loses by end-systole
	Blood      float64
	Myocardium float64
	Fat        float64
	Tissue     float64
	Lung       float64
	Liver      float64
	NoiseSD    float64
	BodyWidth  float64 // half-width of the body, mm (more than 96 reaches past the field of view)
	Artefact   CineArtefact
}

// RandomCineSpec draws a cine's parameters; heartRate is the sample's rate
// (the scan's differs by a few bpm), bmi widens the body.
func RandomCineSpec(r *rand.Rand, heartRate, bmi float64) CineSpec {
	s := CineSpec{
		HeartRate: clamp(heartRate+normal(r, 0, 4, -10, 10), 45, 130),
		BaseX:     normal(r, -12, 5, -25, 0), BaseY: normal(r, 18, 5, 5, 30),
		AngleDeg: normal(r, -40, 10, -65, -15),
		LVLength: normal(r, 78, 7, 62, 92), LVRadius: normal(r, 23, 2.5, 17, 30),
		Wall: normal(r, 8, 1.2, 5.5, 12), RVRadius: normal(r, 19, 2.5, 13, 26),
		Atrium: normal(r, 19, 2, 14, 25), Shortening: normal(r, 0.33, 0.06, 0.15, 0.45),
		Blood: normal(r, 215, 12, 180, 240), Myocardium: normal(r, 70, 8, 50, 90),
		Fat: normal(r, 185, 10, 160, 210), Tissue: normal(r, 95, 10, 70, 120),
		Lung: normal(r, 18, 5, 5, 30), Liver: normal(r, 85, 10, 60, 110),
		NoiseSD:   normal(r, 5, 1.5, 2, 9),
		BodyWidth: clamp(105+2.5*(bmi-25), 95, 140),
	}
	switch x := r.Float64(); {
	case x < 0.08:
		s.Artefact = MotionGhosting
	case x < 0.15:
		s.Artefact = DarkBand
	case x < 0.22:
		s.Artefact, s.BodyWidth = WrapAround, max(s.BodyWidth, 130)
	}
	return s
}

// Cine is a rendered cine: CineFrames frames of CineSize × CineSize uint8
// pixels over one cardiac cycle (frame 0 at end-diastole), and the label map
// of frame 0.
type Cine struct {
	Frames  [][]byte
	TimeMS  []float64
	Labels  []byte
	Systole int // the frame nearest end-systole, where the LV is smallest
}

// rrMS is the cardiac cycle length during the scan.
func (s *CineSpec) rrMS() float64 { return 60000 / s.HeartRate }

// contraction is how far through systole the heart is at phase (0–1 of the
// cycle): 0 at end-diastole, 1 at end-systole; then rapid filling, diastasis
// and the atrial kick back to 0.
func (s *CineSpec) contraction(phase float64) float64 {
	es := (120 + 0.3*s.rrMS()) / s.rrMS()
	switch {
	case phase < es:
		return 0.5 * (1 - math.Cos(math.Pi*phase/es))
	case phase < es+0.15:
		return 0.25 + 0.75*0.5*(1+math.Cos(math.Pi*(phase-es)/0.15))
	case phase < 0.85:
		return 0.25 - 0.05*(phase-es-0.15)/(0.85-es-0.15)
	}
	return 0.2 * 0.5 * (1 + math.Cos(math.Pi*(phase-0.85)/0.15))
}

// Render draws the cine, its noise and texture drawn from r.
func (s CineSpec) Render(r *rand.Rand) *Cine {
	bg := s.background(r)
	c := &Cine{Labels: make([]byte, CineSize*CineSize)}
	img := make([]float32, CineSize*CineSize)
	heart := make([]float32, CineSize*CineSize)
	noise := noiseTable(r)
	var band []float32
	if s.Artefact == DarkBand {
		band = s.band()
	}
	best := -1.0
	for f := range CineFrames {
		phase := float64(f) / CineFrames
		k := s.contraction(phase)
		if k > best {
			best, c.Systole = k, f
		}
		copy(img, bg)
		var labels []byte
		if f == 0 {
			labels = c.Labels
		}
		for _, e := range s.heart(k) {
			e.draw(img, labels)
		}
		if s.Artefact == MotionGhosting {
			for i := range heart {
				heart[i] = img[i] - bg[i]
			}
			ghost(img, heart, 0.3)
		}
		for i, k := range band { // nil unless the cine has a dark band
			img[i] *= k
		}
		c.Frames = append(c.Frames, quantize(img, noise, r.IntN(len(noise)), float32(s.NoiseSD)))
		c.TimeMS = append(c.TimeMS, math.Round(phase*s.rrMS()*10)/10)
	}
	return c
}

// heart is the heart at contraction k, in drawing order: atrial walls and
// cavities, the RV, then the LV myocardium (which forms the septum) and cavity.
func (s *CineSpec) heart(k float64) []ellipse {
	p := newPlane(s.BaseX, s.BaseY, s.AngleDeg)
	base := 10 * k              // the valve plane descends towards the still apex
	myo := s.Wall * (1 + 0.6*k) // systolic thickening
	lvB := s.LVRadius * (1 - s.Shortening*k)
	lvA := s.LVLength*(1-0.06*k) - base
	rvB := s.RVRadius * (1 - 0.25*k)
	rvV := -(lvB + myo + 0.85*rvB)
	rvA := 0.78*s.LVLength - 0.8*base
	at := s.Atrium * (1 + 0.12*k) // atria fill while the ventricles empty
	none := math.Inf(-1)
	my := float32(s.Myocardium)
	blood := float32(s.Blood)
	ra := ellipse{p: p, cu: 0.8*base - 0.9*at, cv: 0.9 * rvV, a: at, b: 0.95 * at, cut: none, value: blood, label: LabelRA}
	la := ellipse{p: p, cu: base - 0.9*at, cv: 0, a: 1.05 * at, b: at, cut: none, value: blood, label: LabelLA}
	rv := ellipse{p: p, cu: 0.8 * base, cv: rvV, a: rvA, b: rvB, cut: 0.8 * base, value: blood, label: LabelRV}
	lv := ellipse{p: p, cu: base, cv: 0, a: lvA, b: lvB, cut: base, value: blood, label: LabelLV}
	wall := func(e ellipse, w, label float64) ellipse {
		return ellipse{p: p, cu: e.cu, cv: e.cv, a: e.a + w, b: e.b + w, cut: e.cut, value: my, label: byte(label), hole: &e}
	}
	lvWall := wall(lv, 0, LabelMyocardium)
	lvWall.a, lvWall.b = lvA+0.8*myo, lvB+myo
	return []ellipse{wall(ra, 2.5, 0), wall(la, 2.5, 0), ra, la, wall(rv, 3, 0), rv, lvWall, lv}
}

// noiseTable is a cine's noise: 2¹⁵ standard-normal values that every frame
// reads from its own starting point.
func noiseTable(r *rand.Rand) []float32 {
	n := fastNoise{r: r}
	out := make([]float32, 1<<15)
	for i := range out {
		out[i] = n.next()
	}
	return out
}

// quantize adds noise (sd times the table's values from start on, wrapping)
// and rounds to uint8.
func quantize(img, noise []float32, start int, sd float32) []byte {
	out := make([]byte, len(img))
	mask := len(noise) - 1
	for i, v := range img {
		v += sd * noise[(start+i)&mask]
		out[i] = byte(min(255, max(0, v+0.5)))
	}
	return out
}

// ghost adds faint copies of the moving part of the image a third of the
// field of view to either side (phase encoding runs left–right).
func ghost(img, moving []float32, w float32) {
	const shift = CineSize / 3
	for y := range CineSize {
		row := y * CineSize
		for x := range CineSize {
			img[row+x] += w*moving[row+(x+shift)%CineSize] + 0.6*w*moving[row+(x+CineSize-shift)%CineSize]
		}
	}
}

// band is the factor of each pixel of a thin dark arc across the heart, as
// off-resonance makes in bSSFP cine.
func (s *CineSpec) band() []float32 {
	out := make([]float32, CineSize*CineSize)
	cx, cy := s.BaseX-150, s.BaseY-60
	radius := math.Hypot(s.BaseX+20-cx, s.BaseY-30-cy)
	for y := range CineSize {
		for x := range CineSize {
			d := math.Hypot(pixelMM(x)-cx, pixelMM(y)-cy) - radius
			out[y*CineSize+x] = float32(1 - 0.85*math.Exp(-d*d/(2*2.5*2.5)))
		}
	}
	return out
}
