package render

import "math"

// phantom is a 256×256 MRI-like frame in stored units (0–1200): a body
// ellipse with a smooth gradient, a bright ventricle, a darker myocardial
// ring, a small bright dot and a little deterministic noise, with 1.4 mm
// rows and 1.4 mm columns.
func phantom() Image {
	const n = 256
	img := Image{W: n, H: n, Pix: make([]float32, n*n), SpacingRow: 1.4, SpacingCol: 1.4}
	seed := uint32(7)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			fx, fy := (float64(x)-128)/128, (float64(y)-128)/128
			var v float64
			if fx*fx/0.8+fy*fy/0.55 < 1 {
				v = 300 + 250*(fx+1)
			}
			d := math.Hypot(fx+0.1, fy-0.05)
			switch {
			case d < 0.18:
				v = 1100
			case d < 0.28:
				v = 180
			}
			if math.Hypot(fx-0.45, fy+0.3) < 0.03 {
				v = 1200
			}
			seed = seed*1664525 + 1013904223
			v += 20 * (float64(seed>>8)/float64(1<<24) - 0.5)
			img.Pix[y*n+x] = float32(math.Max(0, v))
		}
	}
	return img
}

// phantomLabels marks the ventricle 1 and the myocardial ring 2.
func phantomLabels() LabelMap {
	const n = 256
	m := LabelMap{W: n, H: n, Labels: make([]uint8, n*n)}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			fx, fy := (float64(x)-128)/128, (float64(y)-128)/128
			d := math.Hypot(fx+0.1, fy-0.05)
			switch {
			case d < 0.18:
				m.Labels[y*n+x] = 1
			case d < 0.28:
				m.Labels[y*n+x] = 2
			}
		}
	}
	return m
}

// windowedPhantom is the phantom at its automatic window.
func windowedPhantom() RGBImage {
	img := phantom()
	m, err := ApplyWindow(img, AutoWindow(img, 1, 99))
	if err != nil {
		panic(err)
	}
	return m
}

// overlaidPhantom is the windowed phantom with its labels at alpha 0.4.
func overlaidPhantom() RGBImage {
	m, err := Overlay(windowedPhantom(), phantomLabels(), 0.4)
	if err != nil {
		panic(err)
	}
	return m
}
