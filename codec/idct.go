package codec

// The inverse DCT is libjpeg's accurate integer one (jidctint.c, the
// JDCT_ISLOW default that dcmtk uses): a separable Loeffler–Ligtenberg–
// Moschytz transform with 13-bit fixed-point constants. Doing the same
// arithmetic makes the output equal to dcmtk's for the same coefficients.
const (
	idctConstBits = 13
	fix0298631336 = 2446  // FIX(0.298631336)
	fix0390180644 = 3196  // FIX(0.390180644)
	fix0541196100 = 4433  // FIX(0.541196100)
	fix0765366865 = 6270  // FIX(0.765366865)
	fix0899976223 = 7373  // FIX(0.899976223)
	fix1175875602 = 9633  // FIX(1.175875602)
	fix1501321110 = 12299 // FIX(1.501321110)
	fix1847759065 = 15137 // FIX(1.847759065)
	fix1961570560 = 16069 // FIX(1.961570560)
	fix2053119869 = 16819 // FIX(2.053119869)
	fix2562915447 = 20995 // FIX(2.562915447)
	fix3072711026 = 25172 // FIX(3.072711026)
)

// idctParams are the precision-dependent constants of the transform.
type idctParams struct {
	pass1 uint // PASS1_BITS: 2 for 8-bit samples, 1 for 12-bit
	maxv  int  // largest sample value
	shift int  // level shift, 2^(P-1)
}

func newIDCTParams(precision int) idctParams {
	p := idctParams{pass1: 2, maxv: 255, shift: 128}
	if precision == 12 {
		p = idctParams{pass1: 1, maxv: 4095, shift: 2048}
	}
	return p
}

// descale divides x by 2^n, rounding half up (libjpeg DESCALE).
func descale(x int, n uint) int { return (x + 1<<(n-1)) >> n }

// idct dequantizes the 64 coefficients of blk (natural order) with q and
// writes the 8×8 samples, level-shifted and clamped, to out with the given
// stride.
func (p idctParams) idct(blk []int16, q *[64]int, out []uint16, stride int) {
	var ws [64]int
	blk = blk[:64]
	pass1 := p.pass1
	// Pass 1: columns from the input into the work array.
	for c := range 8 {
		if blk[8+c]|blk[16+c]|blk[24+c]|blk[32+c]|blk[40+c]|blk[48+c]|blk[56+c] == 0 {
			dc := int(blk[c]) * q[c] << pass1
			for r := range 8 {
				ws[8*r+c] = dc
			}
			continue
		}
		e0, e1, e2, e3, o0, o1, o2, o3 := butterfly(
			int(blk[c])*q[c], int(blk[8+c])*q[8+c], int(blk[16+c])*q[16+c], int(blk[24+c])*q[24+c],
			int(blk[32+c])*q[32+c], int(blk[40+c])*q[40+c], int(blk[48+c])*q[48+c], int(blk[56+c])*q[56+c])
		n := idctConstBits - pass1
		ws[c] = descale(e0+o3, n)
		ws[56+c] = descale(e0-o3, n)
		ws[8+c] = descale(e1+o2, n)
		ws[48+c] = descale(e1-o2, n)
		ws[16+c] = descale(e2+o1, n)
		ws[40+c] = descale(e2-o1, n)
		ws[24+c] = descale(e3+o0, n)
		ws[32+c] = descale(e3-o0, n)
	}
	// Pass 2: rows from the work array to the output.
	n := idctConstBits + pass1 + 3
	for r := range 8 {
		w := ws[8*r : 8*r+8 : 8*r+8]
		o := out[r*stride : r*stride+8 : r*stride+8]
		if w[1]|w[2]|w[3]|w[4]|w[5]|w[6]|w[7] == 0 {
			v := p.clamp(descale(w[0], pass1+3))
			for i := range o {
				o[i] = v
			}
			continue
		}
		e0, e1, e2, e3, o0, o1, o2, o3 := butterfly(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7])
		o[0] = p.clamp(descale(e0+o3, n))
		o[7] = p.clamp(descale(e0-o3, n))
		o[1] = p.clamp(descale(e1+o2, n))
		o[6] = p.clamp(descale(e1-o2, n))
		o[2] = p.clamp(descale(e2+o1, n))
		o[5] = p.clamp(descale(e2-o1, n))
		o[3] = p.clamp(descale(e3+o0, n))
		o[4] = p.clamp(descale(e3-o0, n))
	}
}

// clamp level-shifts an IDCT output and limits it to 0..maxv.
func (p idctParams) clamp(x int) uint16 {
	x += p.shift
	if uint(x) > uint(p.maxv) {
		if x < 0 {
			return 0
		}
		return uint16(p.maxv)
	}
	return uint16(x)
}

// butterfly is the one-dimensional transform of jidctint on the inputs
// x0..x7: it returns the even part tmp10, tmp11, tmp12, tmp13 and the odd
// part tmp0..tmp3, scaled by 2^13.
func butterfly(x0, x1, x2, x3, x4, x5, x6, x7 int) (e0, e1, e2, e3, o0, o1, o2, o3 int) {
	// Even part.
	z1 := (x2 + x6) * fix0541196100
	t2 := z1 - x6*fix1847759065
	t3 := z1 + x2*fix0765366865
	t0 := (x0 + x4) << idctConstBits
	t1 := (x0 - x4) << idctConstBits
	e0, e3 = t0+t3, t0-t3
	e1, e2 = t1+t2, t1-t2

	// Odd part.
	t0, t1, t2, t3 = x7, x5, x3, x1
	z1 = t0 + t3
	z2 := t1 + t2
	z3 := t0 + t2
	z4 := t1 + t3
	z5 := (z3 + z4) * fix1175875602
	t0 *= fix0298631336
	t1 *= fix2053119869
	t2 *= fix3072711026
	t3 *= fix1501321110
	z1 *= -fix0899976223
	z2 *= -fix2562915447
	z3 = z3*-fix1961570560 + z5
	z4 = z4*-fix0390180644 + z5
	o0 = t0 + z1 + z3
	o1 = t1 + z2 + z4
	o2 = t2 + z2 + z3
	o3 = t3 + z1 + z4
	return
}
