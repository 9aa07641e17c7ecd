package synth

import "math"

// Cine geometry: square frames of CineSize pixels, CineSpacingMM apart.
const (
	CineSize      = 128
	CineSpacingMM = 1.5
	CineFrames    = 30
	// aaMargin (mm) bounds the band around an outline where pixels are partly
	// covered (half a pixel either side) with room to spare: points farther in
	// or out, judged by (u/a)² + (v/b)² against (1 ± aaMargin/min(a, b))², are
	// wholly in or out.
	aaMargin = 1.0
)

// plane maps image millimetres (from the image centre, x right, y down) into a
// shape's own frame: u along angle, v a right angle clockwise from it.
type plane struct{ ox, oy, cos, sin float64 }

func newPlane(ox, oy, angleDeg float64) plane {
	s, c := math.Sincos(angleDeg * math.Pi / 180)
	return plane{ox, oy, c, s}
}

func (p plane) local(x, y float64) (u, v float64) {
	dx, dy := x-p.ox, y-p.oy
	return dx*p.cos + dy*p.sin, -dx*p.sin + dy*p.cos
}

func (p plane) image(u, v float64) (x, y float64) {
	return p.ox + u*p.cos - v*p.sin, p.oy + u*p.sin + v*p.cos
}

// pixelMM is the position of pixel index i's centre in mm from the image centre.
func pixelMM(i int) float64 { return (float64(i) + 0.5 - CineSize/2) * CineSpacingMM }

// ellipse is a filled ellipse in a plane, cut off where u < cut: semi-axes a
// along u and b along v around (cu, cv), all in mm. Drawn, it paints value
// and, where it covers most of a pixel, label (0 for unlabelled tissue).
type ellipse struct {
	p      plane
	cu, cv float64
	a, b   float64
	cut    float64
	value  float32
	label  byte
	hole   *ellipse // drawn over this one next: pixels well inside it are skipped
}

// distance approximates the signed distance (mm) from (u, v) to the outline:
// negative inside. Along the ray from the centre it is exact.
func (e *ellipse) distance(u, v float64) float64 {
	du, dv := u-e.cu, v-e.cv
	f := math.Sqrt(du*du/(e.a*e.a) + dv*dv/(e.b*e.b))
	var d float64
	if f == 0 {
		d = -min(e.a, e.b)
	} else {
		d = math.Sqrt(du*du+dv*dv) * (1 - 1/f)
	}
	return max(d, e.cut-u)
}

// coverage is how much of a pixel centred at (x, y) mm the ellipse covers, 0–1.
// Pixels clearly inside or outside skip the distance.
func (e *ellipse) coverage(x, y float64) float64 {
	u, v := e.p.local(x, y)
	du, dv := (u-e.cu)/e.a, (v-e.cv)/e.b
	f2 := du*du + dv*dv
	edge := aaMargin / min(e.a, e.b)
	switch {
	case f2 > (1+edge)*(1+edge) || u < e.cut-aaMargin:
		return 0
	case f2 < (1-edge)*(1-edge) && u > e.cut+aaMargin:
		return 1
	}
	return min(1, max(0, 0.5-e.distance(u, v)/CineSpacingMM))
}

// box is the pixel range [x0, x1) × [y0, y1) the ellipse can touch: the
// bounding box of the whole (uncut) ellipse.
func (e *ellipse) box() (x0, y0, x1, y1 int) {
	cx, cy := e.p.image(e.cu, e.cv)
	hx := math.Hypot(e.a*e.p.cos, e.b*e.p.sin)
	hy := math.Hypot(e.a*e.p.sin, e.b*e.p.cos)
	toPix := func(mm float64) int { return int(math.Floor(mm/CineSpacingMM + CineSize/2)) }
	return max(0, toPix(cx-hx)-1), max(0, toPix(cy-hy)-1), min(CineSize, toPix(cx+hx)+2), min(CineSize, toPix(cy+hy)+2)
}

// span is the pixel columns [x0, x1) of row y within the ellipse grown by
// grow (relative): where f(x) = (u/a)² + (v/b)², quadratic in x, is at most (1+grow)².
func (e *ellipse) span(y int, grow float64) (x0, x1 int) {
	c, s := e.p.cos, e.p.sin
	ym := pixelMM(y) - e.p.oy
	u0 := -e.p.ox*c + ym*s - e.cu // u = c·x + u0
	v0 := e.p.ox*s + ym*c - e.cv  // v = −s·x + v0
	ia, ib := 1/(e.a*e.a), 1/(e.b*e.b)
	qa := c*c*ia + s*s*ib
	qb := 2 * (c*u0*ia - s*v0*ib)
	qc := u0*u0*ia + v0*v0*ib - (1+grow)*(1+grow)
	disc := qb*qb - 4*qa*qc
	if disc < 0 {
		return 0, 0
	}
	r := math.Sqrt(disc)
	lo, hi := (-qb-r)/(2*qa), (-qb+r)/(2*qa)
	toPix := func(mm float64) int { return int(math.Floor(mm/CineSpacingMM + CineSize/2 - 0.5)) }
	return max(0, toPix(lo)), min(CineSize, toPix(hi)+2)
}

// draw paints the ellipse into img (CineSize² values) and, when labels is not
// nil, its label into labels where it covers most of a pixel. Along a row u
// and v change by fixed steps; only pixels near the outline need a distance.
func (e *ellipse) draw(img []float32, labels []byte) {
	_, y0, _, y1 := e.box()
	ia, ib := 1/(e.a*e.a), 1/(e.b*e.b)
	edge := aaMargin / min(e.a, e.b)
	in2, out2 := (1-edge)*(1-edge), (1+edge)*(1+edge)
	stepU, stepV := e.p.cos*CineSpacingMM, -e.p.sin*CineSpacingMM
	var h holeTest
	if e.hole != nil {
		h = e.hole.holeTest(e)
	}
	for y := y0; y < y1; y++ {
		x0, x1 := e.span(y, edge)
		ym := pixelMM(y)
		u0, _ := e.p.local(pixelMM(x0), ym)
		x0, x1 = e.cutSpan(x0, x1, u0, stepU)
		if x0 >= x1 {
			continue
		}
		u, v := e.p.local(pixelMM(x0), ym)
		row := img[y*CineSize : (y+1)*CineSize]
		for x := x0; x < x1; x, u, v = x+1, u+stepU, v+stepV {
			du, dv := u-e.cu, v-e.cv
			f2 := du*du*ia + dv*dv*ib
			var a float32
			switch {
			case f2 > out2 || u < e.cut-aaMargin:
				continue
			case h.covers(u, v):
				continue
			case f2 < in2 && u > e.cut+aaMargin:
				a = 1
			default:
				a = float32(min(1, max(0, 0.5-e.distance(u, v)/CineSpacingMM)))
				if a == 0 {
					continue
				}
			}
			row[x] += (e.value - row[x]) * a
			if labels != nil && a >= 0.5 {
				labels[y*CineSize+x] = e.label
			}
		}
	}
}

// cutSpan narrows the columns [x0, x1) of a row to where u, which is u0 at x0
// and grows by step a column, is not more than a pixel below the cut.
func (e *ellipse) cutSpan(x0, x1 int, u0, step float64) (int, int) {
	if math.IsInf(e.cut, -1) {
		return x0, x1
	}
	lim := e.cut - aaMargin
	switch {
	case step > 0:
		return max(x0, x0+int(math.Floor((lim-u0)/step))), x1
	case step < 0:
		return x0, min(x1, x0+int(math.Ceil((lim-u0)/step))+1)
	case u0 < lim:
		return x0, x0
	}
	return x0, x1
}

// holeTest tells whether a point of an ellipse's own frame lies well inside
// another ellipse of the same plane (so that what is drawn there now will be
// painted over).
type holeTest struct {
	on             bool
	cu, cv, ia, ib float64
	in2, cut       float64
}

// holeTest prepares the test for points of outer, which shares h's plane.
func (h *ellipse) holeTest(outer *ellipse) holeTest {
	edge := aaMargin / min(h.a, h.b)
	return holeTest{on: h.p == outer.p, cu: h.cu, cv: h.cv, ia: 1 / (h.a * h.a), ib: 1 / (h.b * h.b),
		in2: (1 - edge) * (1 - edge), cut: h.cut + aaMargin}
}

func (t *holeTest) covers(u, v float64) bool {
	if !t.on || u <= t.cut {
		return false
	}
	du, dv := u-t.cu, v-t.cv
	return du*du*t.ia+dv*dv*t.ib < t.in2
}
