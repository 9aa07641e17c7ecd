package render

import "math"

// envelope fills lo[c] and hi[c] with the minimum and maximum, over column c,
// of the piecewise-linear signal through x. The n columns split the sample
// interval [start, end] (fractional sample indices) evenly, and each column's
// interval is closed, so neighbouring columns share their boundary value:
// every sample lands in at least one column, which is why no peak is lost
// however many samples fall into one column, and the trace stays connected.
func envelope(x []float32, start, end float64, lo, hi []float64) {
	n := len(lo)
	if n == 0 || len(x) == 0 {
		return
	}
	last := float64(len(x) - 1)
	step := (end - start) / float64(n)
	for c := 0; c < n; c++ {
		a := math.Max(0, math.Min(last, start+float64(c)*step))
		b := math.Max(0, math.Min(last, start+float64(c+1)*step))
		va, vb := interpAt(x, a), interpAt(x, b)
		mn, mx := math.Min(va, vb), math.Max(va, vb)
		for i := int(math.Ceil(a)); i <= int(math.Floor(b)); i++ {
			v := float64(x[i])
			if v < mn {
				mn = v
			}
			if v > mx {
				mx = v
			}
		}
		lo[c], hi[c] = mn, mx
	}
}

// interpAt is x linearly interpolated at fractional index p in [0, len(x)-1].
func interpAt(x []float32, p float64) float64 {
	i := int(p)
	if i >= len(x)-1 {
		return float64(x[len(x)-1])
	}
	f := p - float64(i)
	if f == 0 {
		return float64(x[i])
	}
	return float64(x[i])*(1-f) + float64(x[i+1])*f
}
