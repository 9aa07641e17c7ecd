package render

import (
	"slices"
)

// quantize maps img to at most n colours (4 ≤ n ≤ 256), returning the palette
// and one palette index per pixel. Grey pixels (red = green = blue, the bulk
// of a medical frame) take evenly spaced grey levels, at most 101 of them
// since sixel colours are given in whole percent; the other pixels, such as
// an overlay, share a quarter of the palette chosen by median cut.
func quantize(img RGBImage, n int) ([]rgb, []uint8) {
	n = max(4, min(n, 256))
	pix := img.Pix
	count := len(pix) / 3
	idx := make([]uint8, count)
	colourful := !img.isGray()
	nGrey, nColour := n, 0
	if colourful {
		nColour = max(1, n/4)
		nGrey = n - nColour
	}
	nGrey = max(2, min(nGrey, 101))

	// Grey levels k = 0…nGrey-1 stand for round(k·255/(nGrey−1)).
	var greyIdx [256]uint8
	var pal []rgb
	for v := 0; v < 256; v++ {
		greyIdx[v] = uint8((v*(nGrey-1) + 127) / 255)
	}
	for k := 0; k < nGrey; k++ {
		g := uint8((k*255 + (nGrey-1)/2) / (nGrey - 1))
		pal = append(pal, rgb{g, g, g})
	}
	if !colourful {
		for i := range idx {
			idx[i] = greyIdx[pix[3*i]]
		}
		return pal, idx
	}
	lut := medianCut(pix, nColour, &pal)
	for i := range idx {
		r, g, b := pix[3*i], pix[3*i+1], pix[3*i+2]
		if r == g && g == b {
			idx[i] = greyIdx[r]
		} else {
			idx[i] = lut[bin15(r, g, b)]
		}
	}
	return pal, idx
}

func bin15(r, g, b uint8) int { return int(r>>3)<<10 | int(g>>3)<<5 | int(b>>3) }

// medianCut chooses up to n colours for the non-grey pixels of pix by
// median cut over a 5-bit-per-channel histogram, appends them to pal and
// returns the palette index of every histogram bin.
func medianCut(pix []uint8, n int, pal *[]rgb) []uint8 {
	type binStat struct{ n, r, g, b int }
	stats := make([]binStat, 1<<15)
	var used []int32
	for i := 0; i+2 < len(pix); i += 3 {
		r, g, b := pix[i], pix[i+1], pix[i+2]
		if r == g && g == b {
			continue
		}
		k := bin15(r, g, b)
		s := &stats[k]
		if s.n == 0 {
			used = append(used, int32(k))
		}
		s.n++
		s.r += int(r)
		s.g += int(g)
		s.b += int(b)
	}
	lut := make([]uint8, 1<<15)
	if len(used) == 0 {
		return lut
	}
	chans := func(k int32) [3]int32 { return [3]int32{k >> 10, k >> 5 & 31, k & 31} }
	type box struct {
		bins  []int32
		count int
		span  int32 // widest channel range
		ch    int
	}
	measure := func(bins []int32) box {
		bx := box{bins: bins}
		lo, hi := [3]int32{31, 31, 31}, [3]int32{}
		for _, k := range bins {
			bx.count += stats[k].n
			c := chans(k)
			for j := 0; j < 3; j++ {
				lo[j], hi[j] = min(lo[j], c[j]), max(hi[j], c[j])
			}
		}
		for j := 0; j < 3; j++ {
			if hi[j]-lo[j] > bx.span {
				bx.span, bx.ch = hi[j]-lo[j], j
			}
		}
		return bx
	}
	boxes := []box{measure(used)}
	for len(boxes) < n {
		best := -1
		for i, bx := range boxes {
			if bx.span > 0 && (best < 0 || bx.count*int(bx.span) > boxes[best].count*int(boxes[best].span)) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		bx := boxes[best]
		slices.SortFunc(bx.bins, func(a, b int32) int { return int(chans(a)[bx.ch] - chans(b)[bx.ch]) })
		half, seen, cut := bx.count/2, 0, 1
		for i, k := range bx.bins[:len(bx.bins)-1] {
			seen += stats[k].n
			cut = i + 1
			if seen >= half {
				break
			}
		}
		boxes[best] = measure(bx.bins[:cut])
		boxes = append(boxes, measure(bx.bins[cut:]))
	}
	for _, bx := range boxes {
		var r, g, b int
		for _, k := range bx.bins {
			r, g, b = r+stats[k].r, g+stats[k].g, b+stats[k].b
		}
		c := bx.count
		i := uint8(len(*pal))
		*pal = append(*pal, rgb{uint8((r + c/2) / c), uint8((g + c/2) / c), uint8((b + c/2) / c)})
		for _, k := range bx.bins {
			lut[k] = i
		}
	}
	return lut
}
