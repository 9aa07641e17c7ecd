package synth

import (
	"math"
	"math/rand/v2"
)

// airSignal is the signal outside the body.
const airSignal = 3

// background is what does not beat: air, the chest wall and its fat, the
// lungs, the liver, the fat around the heart and the descending aorta, with a
// smooth texture, and the body folded in from outside the field of view when
// the cine has wrap-around.
func (s *CineSpec) background(r *rand.Rand) []float32 {
	img := make([]float32, CineSize*CineSize)
	for i := range img {
		img[i] = airSignal
	}
	id := newPlane(0, 0, 0)
	hp := newPlane(s.BaseX, s.BaseY, s.AngleDeg)
	none := math.Inf(-1)
	heartV := -(s.LVRadius + s.Wall + 1.85*s.RVRadius) / 2
	shapes := []ellipse{
		{p: id, cu: 0, cv: 8, a: s.BodyWidth, b: 88, cut: none, value: float32(s.Fat)},
		{p: id, cu: 0, cv: 8, a: s.BodyWidth - 9, b: 79, cut: none, value: float32(s.Tissue)},
		{p: id, cu: -30, cv: 62, a: 75, b: 22, cut: none, value: float32(s.Liver)},
		{p: id, cu: -52, cv: -12, a: 36, b: 58, cut: none, value: float32(s.Lung)},
		{p: id, cu: 58, cv: -20, a: 32, b: 55, cut: none, value: float32(s.Lung)},
		{p: hp, cu: 0.3 * s.LVLength, cv: heartV, a: 0.75*s.LVLength + 14,
			b: (s.LVRadius+s.Wall+1.85*s.RVRadius)/2 + 10, cut: none, value: float32(0.6*s.Fat + 0.4*s.Tissue)},
		{p: hp, cu: -2*s.Atrium - 8, cv: 14, a: 11, b: 11, cut: none, value: float32(0.85 * s.Blood)},
	}
	for i := range shapes {
		shapes[i].draw(img, nil)
	}
	if s.Artefact == WrapAround {
		fov := CineSize * CineSpacingMM
		for y := range CineSize {
			for x := range CineSize {
				for _, shift := range []float64{-fov, fov} {
					xm, ym := pixelMM(x)+shift, pixelMM(y)
					if math.Abs(xm) < fov/2 {
						continue
					}
					fat, inner := shapes[0].coverage(xm, ym), shapes[1].coverage(xm, ym)
					img[y*CineSize+x] += float32(fat*(1-inner)*s.Fat + inner*s.Tissue)
				}
			}
		}
	}
	texture(img, r)
	return img
}

// texture multiplies img by a smooth random field (±7 %): a coarse grid of
// normal values, interpolated bilinearly.
func texture(img []float32, r *rand.Rand) {
	const grid = 17
	var g [grid][grid]float64
	for i := range g {
		for j := range g[i] {
			g[i][j] = 0.07 * r.NormFloat64()
		}
	}
	step := float64(grid-1) / CineSize
	for y := range CineSize {
		fy := float64(y) * step
		y0 := int(fy)
		ty := fy - float64(y0)
		for x := range CineSize {
			fx := float64(x) * step
			x0 := int(fx)
			tx := fx - float64(x0)
			v := (1-ty)*((1-tx)*g[y0][x0]+tx*g[y0][x0+1]) + ty*((1-tx)*g[y0+1][x0]+tx*g[y0+1][x0+1])
			img[y*CineSize+x] *= float32(1 + v)
		}
	}
}
