package render

import "strconv"

// ColorDepth is how many colours the terminal shows in text.
type ColorDepth int

// The colour depths, least first.
const (
	NoColor   ColorDepth = iota // monochrome text (NO_COLOR, dumb terminals)
	Color16                     // the 16 ANSI colours
	Color256                    // the xterm 256-colour palette
	TrueColor                   // 24-bit colour
)

// String names the depth as qcterm doctor prints it.
func (d ColorDepth) String() string {
	switch d {
	case Color16:
		return "16 colours"
	case Color256:
		return "256 colours"
	case TrueColor:
		return "24-bit colour"
	}
	return "no colour"
}

// cubeLevels are the channel values of the xterm 6×6×6 colour cube.
func cubeLevel(i int) int {
	if i == 0 {
		return 0
	}
	return 55 + 40*i
}

// nearestCube is the index 0–5 of the cube level nearest to v.
func nearestCube(v uint8) int {
	switch {
	case v < 48:
		return 0
	case v < 115:
		return 1
	}
	return (int(v) - 35) / 40
}

// xterm256 returns the palette index (16–255) nearest to r, g, b: the best of
// the colour cube entry and the grey-ramp entry.
func xterm256(r, g, b uint8) uint8 {
	cr, cg, cb := nearestCube(r), nearestCube(g), nearestCube(b)
	cube := 16 + 36*cr + 6*cg + cb
	dc := sq(int(r)-cubeLevel(cr)) + sq(int(g)-cubeLevel(cg)) + sq(int(b)-cubeLevel(cb))
	avg := (int(r) + int(g) + int(b)) / 3
	gi := 0
	if avg > 238 {
		gi = 23
	} else if avg > 3 {
		gi = (avg - 3) / 10
		if gi > 23 {
			gi = 23
		}
	}
	gv := 8 + 10*gi
	dg := sq(int(r)-gv) + sq(int(g)-gv) + sq(int(b)-gv)
	if dg < dc {
		return uint8(232 + gi)
	}
	return uint8(cube)
}

// xterm256Value is the colour the terminal shows for a palette index ≥ 16.
func xterm256Value(i uint8) (r, g, b uint8) {
	if i >= 232 {
		v := uint8(8 + 10*(int(i)-232))
		return v, v, v
	}
	c := int(i) - 16
	return uint8(cubeLevel(c / 36)), uint8(cubeLevel(c / 6 % 6)), uint8(cubeLevel(c % 6))
}

func sq(x int) int { return x * x }

// sgrColor appends the SGR parameters selecting r, g, b as foreground (fg)
// or background at depth d (TrueColor or else 256 colours).
func sgrColor(buf []byte, fg bool, r, g, b uint8, d ColorDepth) []byte {
	if fg {
		buf = append(buf, '3', '8')
	} else {
		buf = append(buf, '4', '8')
	}
	if d >= TrueColor {
		buf = append(buf, ";2;"...)
		buf = strconv.AppendInt(buf, int64(r), 10)
		buf = append(buf, ';')
		buf = strconv.AppendInt(buf, int64(g), 10)
		buf = append(buf, ';')
		return strconv.AppendInt(buf, int64(b), 10)
	}
	buf = append(buf, ";5;"...)
	return strconv.AppendInt(buf, int64(xterm256(r, g, b)), 10)
}
