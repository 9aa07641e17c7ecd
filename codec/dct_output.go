package codec

// output runs the inverse DCT of every coded block and assembles the frame:
// components interleaved by pixel, subsampled ones upsampled as libjpeg
// 6b does (jdsample.c).
func (d *dctDecoder) output() (*Frame, error) {
	nf := len(d.comps)
	f := &Frame{Width: d.width, Height: d.height, Components: nf, Precision: d.precision,
		Samples: make([]uint16, d.width*d.height*nf), ColorTransform: d.transform}
	p := newIDCTParams(d.precision)
	row := make([]uint16, 0, d.width+16)
	for ci := range d.comps {
		c := &d.comps[ci]
		plane, stride := c.pixels(p)
		hr, vr := d.hmax/c.h, d.vmax/c.v
		fancy := c.w > 2 && hr == 2 && vr <= 2
		for y := range d.height {
			var src []uint16
			switch {
			case hr == 1 && vr == 1:
				src = plane[y*stride : y*stride+d.width]
			case fancy && vr == 1:
				src = upsampleH2V1(row[:0], plane[y*stride:y*stride+c.w])
			case fancy:
				iy := y / 2
				near := min(max(iy+2*(y&1)-1, 0), c.hgt-1) // the row above, or below
				src = upsampleH2V2(row[:0], plane[iy*stride:iy*stride+c.w], plane[near*stride:near*stride+c.w])
			default:
				src = upsampleReplicate(row[:0], plane[(y/vr)*stride:], hr, d.width)
			}
			out := f.Samples[y*d.width*nf+ci:]
			for x, v := range src[:d.width] {
				out[x*nf] = v
			}
		}
	}
	return f, nil
}

// pixels returns the component's samples, a plane with the given stride
// holding at least c.w × c.hgt samples, by inverse DCT of its coded blocks.
func (c *dctComp) pixels(p idctParams) ([]uint16, int) {
	bx, by := ceilDiv(c.w, 8), ceilDiv(c.hgt, 8)
	stride := 8 * bx
	plane := make([]uint16, stride*8*by)
	for y := range by {
		for x := range bx {
			off := (y*c.bw + x) * 64
			p.idct(c.coef[off:off+64], &c.q, plane[(8*y)*stride+8*x:], stride)
		}
	}
	return plane, stride
}

// upsampleH2V1 doubles a row horizontally with libjpeg's triangular filter
// (h2v1_fancy_upsample): each output is ¾ of the nearer input plus ¼ of the
// further one. in has at least three samples.
func upsampleH2V1(out, in []uint16) []uint16 {
	n := len(in)
	out = append(out, in[0], uint16((3*int(in[0])+int(in[1])+2)>>2))
	for i := 1; i < n-1; i++ {
		v := 3 * int(in[i])
		out = append(out, uint16((v+int(in[i-1])+1)>>2), uint16((v+int(in[i+1])+2)>>2))
	}
	return append(out, uint16((3*int(in[n-1])+int(in[n-2])+1)>>2), in[n-1])
}

// upsampleH2V2 doubles a row in both directions with libjpeg's triangular
// filter (h2v2_fancy_upsample): in0 is the input row nearest the output row,
// in1 the next nearest (above or below, replicated at the edges). in0 and in1
// have the same length, at least three.
func upsampleH2V2(out, in0, in1 []uint16) []uint16 {
	n := len(in0)
	in1 = in1[:n]
	col := func(i int) int { return 3*int(in0[i]) + int(in1[i]) }
	this, next := col(0), col(1)
	out = append(out, uint16((4*this+8)>>4), uint16((3*this+next+7)>>4))
	last := this
	this = next
	for i := 2; i < n; i++ {
		next = col(i)
		out = append(out, uint16((3*this+last+8)>>4), uint16((3*this+next+7)>>4))
		last, this = this, next
	}
	return append(out, uint16((3*this+last+8)>>4), uint16((4*this+7)>>4))
}

// upsampleReplicate repeats each sample of in hr times, producing width
// samples (libjpeg int_upsample and the plain h2v1/h2v2 upsamplers).
func upsampleReplicate(out, in []uint16, hr, width int) []uint16 {
	for x := range width {
		out = append(out, in[x/hr])
	}
	return out
}

// YBRToRGB converts interleaved Y, Cb, Cr samples of the given precision
// (8 or 12 bits; other values are treated as 8) to R, G, B in place, with
// the full-range ITU-R BT.601 equations of JFIF that DICOM PS3.3 C.7.6.3.1.2
// gives for YBR_FULL (and YBR_FULL_422 once upsampled):
//
//	R = Y + 1.402 (Cr − c)
//	G = Y − 0.344136 (Cb − c) − 0.714136 (Cr − c)
//	B = Y + 1.772 (Cb − c)
//
// where c = 2^(precision−1), each result clamped to 0..2^precision − 1. The
// arithmetic is libjpeg's 16-bit fixed point (jdcolor.c), so the output
// equals dcmtk's. A trailing partial pixel is left unchanged.
func YBRToRGB(samples []uint16, precision int) {
	maxv := 255
	if precision == 12 {
		maxv = 4095
	}
	center := (maxv + 1) / 2
	const (
		bits = 16
		half = 1 << (bits - 1)
	)
	clampTo := func(v int) uint16 { return uint16(min(max(v, 0), maxv)) }
	for i := 0; i+3 <= len(samples); i += 3 {
		y := int(samples[i])
		cb := min(int(samples[i+1]), maxv) - center
		cr := min(int(samples[i+2]), maxv) - center
		r := y + (91881*cr+half)>>bits
		g := y + (-22554*cb-46802*cr+half)>>bits
		b := y + (116130*cb+half)>>bits
		samples[i], samples[i+1], samples[i+2] = clampTo(r), clampTo(g), clampTo(b)
	}
}
