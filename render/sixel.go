package render

import (
	"strconv"
)

// SixelOptions control Sixel.
type SixelOptions struct {
	// Colors is the number of colour registers to use, 2–256; zero means
	// 256. A VT340 has 16; xterm reports its own via XTSMGRAPHICS.
	Colors int
	// OffsetX and OffsetY place the image that many pixels right of and below
	// where the sixel starts (the screen's corner in sixel display mode,
	// DECSDM), leaving the pixels before it untouched (transparent).
	OffsetX, OffsetY int
}

// Sixel encodes img as a DEC sixel image the size of img in pixels, with a
// palette quantised to opts.Colors (see quantize): raster attributes declare
// square pixels and the size, and each six-pixel band lists, colour by
// colour, its run-length-coded columns.
func Sixel(img RGBImage, opts SixelOptions) []byte {
	n := opts.Colors
	if n <= 0 {
		n = 256
	}
	pal, idx := quantize(img, n)
	w, h := img.W, img.H
	ox, oy := max(opts.OffsetX, 0), max(opts.OffsetY, 0)
	out := make([]byte, 0, w*h/2+len(pal)*20+oy/6+64)
	out = append(out, "\x1bP0;1;0q\"1;1;"...)
	out = strconv.AppendInt(out, int64(w+ox), 10)
	out = append(out, ';')
	out = strconv.AppendInt(out, int64(h+oy), 10)

	// Declare only the colours that occur.
	usedColor := make([]bool, len(pal))
	for _, c := range idx {
		usedColor[c] = true
	}
	for i, c := range pal {
		if !usedColor[i] {
			continue
		}
		out = append(out, '#')
		out = strconv.AppendInt(out, int64(i), 10)
		out = append(out, ";2;"...)
		out = strconv.AppendInt(out, int64(percent(c.r)), 10)
		out = append(out, ';')
		out = strconv.AppendInt(out, int64(percent(c.g)), 10)
		out = append(out, ';')
		out = strconv.AppendInt(out, int64(percent(c.b)), 10)
	}

	bits := make([]uint8, len(pal)*w) // per colour, per column: the band's six bits
	first := make([]int, len(pal))
	last := make([]int, len(pal))
	for i := range first {
		first[i] = -1
	}
	var inBand []int
	for y0 := 0; y0 < h+oy; y0 += 6 { // y0 counts canvas rows: the image starts at oy
		inBand = inBand[:0]
		for dy := 0; dy < 6 && y0+dy < h+oy; dy++ {
			iy := y0 + dy - oy
			if iy < 0 {
				continue
			}
			row := idx[iy*w : (iy+1)*w]
			bit := uint8(1) << dy
			for x, c := range row {
				ci := int(c)
				if first[ci] < 0 {
					first[ci] = x
					last[ci] = x
					inBand = append(inBand, ci)
				} else {
					first[ci] = min(first[ci], x)
					last[ci] = max(last[ci], x)
				}
				bits[ci*w+x] |= bit
			}
		}
		for k, ci := range inBand {
			if k > 0 {
				out = append(out, '$')
			}
			out = append(out, '#')
			out = strconv.AppendInt(out, int64(ci), 10)
			if f := first[ci] + ox; f >= 4 {
				out = append(out, '!')
				out = strconv.AppendInt(out, int64(f), 10)
				out = append(out, '?')
			} else {
				for ; f > 0; f-- {
					out = append(out, '?')
				}
			}
			out = appendSixelRuns(out, bits[ci*w+first[ci]:ci*w+last[ci]+1])
			clear(bits[ci*w+first[ci] : ci*w+last[ci]+1])
			first[ci] = -1
		}
		if y0+6 < h+oy {
			out = append(out, '-')
		}
	}
	return append(out, "\x1b\\"...)
}

// appendSixelRuns writes one colour's sixel characters for a band,
// repeating runs of four or more with "!count".
func appendSixelRuns(out []byte, row []uint8) []byte {
	for i := 0; i < len(row); {
		j := i + 1
		for j < len(row) && row[j] == row[i] {
			j++
		}
		ch := row[i] + 63
		if n := j - i; n >= 4 {
			out = append(out, '!')
			out = strconv.AppendInt(out, int64(n), 10)
			out = append(out, ch)
		} else {
			for ; n > 0; n-- {
				out = append(out, ch)
			}
		}
		i = j
	}
	return out
}

// percent converts an 8-bit channel to the 0–100 scale of sixel colours.
func percent(v uint8) int { return (int(v)*100 + 127) / 255 }
