package render

import "math"

// CellSize is the size of one terminal cell in pixels. The zero value means
// unknown; encoders then assume DefaultCellSize.
type CellSize struct{ W, H int }

// The cell size assumed when the terminal does not report one: 10×20
// pixels, the common 1:2 cell.
const (
	DefaultCellW = 10
	DefaultCellH = 20
)

func (c CellSize) orDefault() CellSize {
	if c.W <= 0 || c.H <= 0 {
		return CellSize{W: DefaultCellW, H: DefaultCellH}
	}
	return c
}

// fitUnits returns how many units across and down an image of w×h pixels,
// each pixel aspect tall per unit wide, should take to fill at most maxX×maxY
// units of unitW×unitH screen pixels, keeping its shape. Both are at least 1.
func fitUnits(w, h int, aspect, unitW, unitH float64, maxX, maxY int) (nx, ny int) {
	physW, physH := float64(w), float64(h)*aspect
	s := math.Min(float64(maxX)*unitW/physW, float64(maxY)*unitH/physH)
	nx = int(math.Round(physW * s / unitW))
	ny = int(math.Round(physH * s / unitH))
	return max(1, min(nx, maxX)), max(1, min(ny, maxY))
}

// Resize resamples src to w×h pixels: an area average when shrinking (every
// source pixel counts, so thin structures fade rather than vanish) and
// bilinear interpolation when enlarging. The result has square pixels.
func Resize(src RGBImage, w, h int) RGBImage {
	out := NewRGBImage(w, h)
	if src.W == w && src.H == h {
		copy(out.Pix, src.Pix)
		return out
	}
	xs, ys := resampleWeights(src.W, w), resampleWeights(src.H, h)
	if src.isGray() {
		resizeGray(src, out, xs, ys)
		return out
	}
	// Horizontal pass into float rows, then vertical pass.
	tmp := make([]float32, 3*w*src.H)
	for y := 0; y < src.H; y++ {
		row := src.Pix[3*y*src.W : 3*(y+1)*src.W]
		dst := tmp[3*y*w : 3*(y+1)*w]
		for x, c := range xs {
			var r, g, b float32
			for k, wt := range c.w {
				p := 3 * (c.start + k)
				r += wt * float32(row[p])
				g += wt * float32(row[p+1])
				b += wt * float32(row[p+2])
			}
			dst[3*x], dst[3*x+1], dst[3*x+2] = r, g, b
		}
	}
	acc := make([]float32, 3*w)
	for y, c := range ys {
		clear(acc)
		for k, wt := range c.w {
			srow := tmp[3*(c.start+k)*w : 3*(c.start+k+1)*w]
			for i, v := range srow {
				acc[i] += wt * v
			}
		}
		dst := out.Pix[3*y*w : 3*(y+1)*w]
		for i, v := range acc {
			dst[i] = clampByte(v)
		}
	}
	return out
}

func clampByte(v float32) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}

// contrib is the weighted run of source samples for one output sample.
type contrib struct {
	start int
	w     []float32
}

// resampleWeights gives, for each of n output samples over src input
// samples, the input run and weights (summing to 1).
func resampleWeights(src, n int) []contrib {
	out := make([]contrib, n)
	scale := float64(src) / float64(n)
	if scale <= 1 { // enlarge: bilinear between the two nearest centres
		w := make([]float32, 2*n)
		one := []float32{1}
		for i := range out {
			c := (float64(i)+0.5)*scale - 0.5
			j := int(math.Floor(c))
			f := float32(c - float64(j))
			switch {
			case j < 0:
				out[i] = contrib{0, one}
			case j >= src-1:
				out[i] = contrib{src - 1, one}
			default:
				w[2*i], w[2*i+1] = 1-f, f
				out[i] = contrib{j, w[2*i : 2*i+2]}
			}
		}
		return out
	}
	// One backing array for all weights: at most ceil(scale)+1 per output.
	backing := make([]float32, 0, n*(int(math.Ceil(scale))+1))
	for i := range out { // shrink: area of each input sample under the output
		a, b := float64(i)*scale, float64(i+1)*scale
		j0, j1 := int(math.Floor(a)), min(int(math.Ceil(b)), src)
		backing = append(backing, make([]float32, j1-j0)...)
		ws := backing[len(backing)-(j1-j0):]
		for j := j0; j < j1; j++ {
			ws[j-j0] = float32((math.Min(b, float64(j+1)) - math.Max(a, float64(j))) / scale)
		}
		out[i] = contrib{j0, ws}
	}
	return out
}

// resizeGray is Resize for a grey image: one channel instead of three.
func resizeGray(src, out RGBImage, xs, ys []contrib) {
	w := out.W
	tmp := make([]float32, w*src.H)
	for y := 0; y < src.H; y++ {
		row := src.Pix[3*y*src.W : 3*(y+1)*src.W]
		dst := tmp[y*w : (y+1)*w]
		for x, c := range xs {
			var v float32
			for k, wt := range c.w {
				v += wt * float32(row[3*(c.start+k)])
			}
			dst[x] = v
		}
	}
	acc := make([]float32, w)
	for y, c := range ys {
		clear(acc)
		for k, wt := range c.w {
			srow := tmp[(c.start+k)*w : (c.start+k+1)*w]
			for i, v := range srow {
				acc[i] += wt * v
			}
		}
		dst := out.Pix[3*y*w : 3*(y+1)*w]
		for i, v := range acc {
			g := clampByte(v)
			dst[3*i], dst[3*i+1], dst[3*i+2] = g, g, g
		}
	}
}
