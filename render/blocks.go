package render

import "unicode/utf8"

// rgb is one colour.
type rgb struct{ r, g, b uint8 }

func (m RGBImage) at(x, y int) rgb {
	i := 3 * (y*m.W + x)
	return rgb{m.Pix[i], m.Pix[i+1], m.Pix[i+2]}
}

// cellWriter writes cells with colours, sending an SGR sequence only when
// the foreground or background the terminal would use changes.
type cellWriter struct {
	buf    []byte
	depth  ColorDepth
	fg, bg uint32 // colour key + 1; 0 = terminal default
}

// key identifies a colour as the terminal will show it at the writer's depth.
func (w *cellWriter) key(c rgb) uint32 {
	if w.depth >= TrueColor {
		return (uint32(c.r)<<16 | uint32(c.g)<<8 | uint32(c.b)) + 1
	}
	return uint32(xterm256(c.r, c.g, c.b)) + 1
}

// put writes glyph with foreground fg and background bg. A nil colour means
// the glyph does not show it, so it need not be set.
func (w *cellWriter) put(glyph rune, fg, bg *rgb) {
	var setFg, setBg bool
	var kf, kb uint32
	if fg != nil {
		kf = w.key(*fg)
		setFg = kf != w.fg
	}
	if bg != nil {
		kb = w.key(*bg)
		setBg = kb != w.bg
	}
	if setFg || setBg {
		w.buf = append(w.buf, "\x1b["...)
		if setFg {
			w.buf = sgrColor(w.buf, true, fg.r, fg.g, fg.b, w.depth)
			w.fg = kf
		}
		if setBg {
			if setFg {
				w.buf = append(w.buf, ';')
			}
			w.buf = sgrColor(w.buf, false, bg.r, bg.g, bg.b, w.depth)
			w.bg = kb
		}
		w.buf = append(w.buf, 'm')
	}
	w.buf = utf8.AppendRune(w.buf, glyph)
}

// endLine resets colours and, unless last, starts a new line.
func (w *cellWriter) endLine(last bool) {
	if w.fg != 0 || w.bg != 0 {
		w.buf = append(w.buf, "\x1b[0m"...)
		w.fg, w.bg = 0, 0
	}
	if !last {
		w.buf = append(w.buf, '\n')
	}
}

// HalfBlocks encodes img with "▀" cells, two pixels per cell (foreground on
// top, background below): the output is img.W cells wide and (img.H+1)/2
// lines high. depth is TrueColor or else 256 colours.
func HalfBlocks(img RGBImage, depth ColorDepth) []byte {
	rows := (img.H + 1) / 2
	w := cellWriter{depth: depth, buf: make([]byte, 0, img.W*rows*24)}
	for cy := 0; cy < rows; cy++ {
		for x := 0; x < img.W; x++ {
			top := img.at(x, 2*cy)
			if 2*cy+1 >= img.H { // odd height: the last line's lower halves stay empty
				if w.bg != 0 {
					w.buf = append(w.buf, "\x1b[49m"...)
					w.bg = 0
				}
				w.put('▀', &top, nil)
				continue
			}
			bot := img.at(x, 2*cy+1)
			if w.key(top) == w.key(bot) {
				// One colour: reuse whichever of fg/bg already has it.
				if w.fg == w.key(top) {
					w.put('█', &top, nil)
				} else {
					w.put(' ', nil, &top)
				}
				continue
			}
			w.put('▀', &top, &bot)
		}
		w.endLine(cy == rows-1)
	}
	return w.buf
}

// HalfSplitBlocks encodes img, 2×2 pixels per cell, with half-block cells
// that split each cell top/bottom ("▀") or left/right ("▌"), whichever loses
// less, as chafa's half-symbol mode does: the same glyph family and bytes as
// HalfBlocks, with vertical edges kept. The output is (img.W+1)/2 cells wide
// and (img.H+1)/2 lines high.
func HalfSplitBlocks(img RGBImage, depth ColorDepth) []byte {
	return twoColourCells(img, depth, halfMasks)
}

// halfMasks are the splits HalfSplitBlocks may use: "▀" (the top pixels)
// and "▌" (the left pixels).
var halfMasks = []int{3, 5}

// allMasks are every two-colour split of a 2×2 cell (quadrant glyphs).
var allMasks = []int{0, 1, 2, 3, 4, 5, 6, 7}

// QuarterBlocks encodes img with quadrant block glyphs, 2×2 pixels per cell:
// each cell takes the split of its four pixels into two colours that loses
// least. The output is (img.W+1)/2 cells wide and (img.H+1)/2 lines high.
func QuarterBlocks(img RGBImage, depth ColorDepth) []byte {
	return twoColourCells(img, depth, allMasks)
}

// twoColourCells writes 2×2-pixel cells, each split into two colours by the
// best of masks (bit q: pixel q, in reading order, takes the foreground).
func twoColourCells(img RGBImage, depth ColorDepth, masks []int) []byte {
	cols, rows := (img.W+1)/2, (img.H+1)/2
	w := cellWriter{depth: depth, buf: make([]byte, 0, cols*rows*28)}
	glyphs := []rune(" ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█")
	var px [4]rgb
	for cy := 0; cy < rows; cy++ {
		for cx := 0; cx < cols; cx++ {
			for q := 0; q < 4; q++ {
				x, y := min(2*cx+q%2, img.W-1), min(2*cy+q/2, img.H-1)
				px[q] = img.at(x, y)
			}
			mask, fg, bg := bestSplit(&px, masks)
			if mask == 0 || w.key(fg) == w.key(bg) {
				if w.fg == w.key(bg) {
					w.put('█', &bg, nil)
				} else {
					w.put(' ', nil, &bg)
				}
				continue
			}
			// Swap roles if that saves an SGR change.
			if w.key(fg) == w.bg && w.key(bg) == w.fg {
				mask, fg, bg = mask^15, bg, fg
			}
			w.put(glyphs[mask], &fg, &bg)
		}
		w.endLine(cy == rows-1)
	}
	return w.buf
}

// bestSplit picks, of masks, the two-colour split of four pixels with the
// least squared error: the foreground mask and the mean colours of both parts.
func bestSplit(px *[4]rgb, masks []int) (mask int, fg, bg rgb) {
	bestErr := -1
	for _, m := range masks { // masks without bit 3 cover every split once
		var sf, sb [3]int
		nf, nb := 0, 0
		for q := 0; q < 4; q++ {
			p := px[q]
			if m&(1<<q) != 0 {
				sf[0], sf[1], sf[2] = sf[0]+int(p.r), sf[1]+int(p.g), sf[2]+int(p.b)
				nf++
			} else {
				sb[0], sb[1], sb[2] = sb[0]+int(p.r), sb[1]+int(p.g), sb[2]+int(p.b)
				nb++
			}
		}
		var f, b rgb
		if nf > 0 {
			f = rgb{uint8((sf[0] + nf/2) / nf), uint8((sf[1] + nf/2) / nf), uint8((sf[2] + nf/2) / nf)}
		}
		b = rgb{uint8((sb[0] + nb/2) / nb), uint8((sb[1] + nb/2) / nb), uint8((sb[2] + nb/2) / nb)}
		e := 0
		for q := 0; q < 4; q++ {
			c := b
			if m&(1<<q) != 0 {
				c = f
			}
			e += sq(int(px[q].r)-int(c.r)) + sq(int(px[q].g)-int(c.g)) + sq(int(px[q].b)-int(c.b))
		}
		if bestErr < 0 || e < bestErr {
			bestErr, mask, fg, bg = e, m, f, b
		}
		if e == 0 {
			break
		}
	}
	return mask, fg, bg
}

// ASCII encodes img as a plain character ramp, one pixel per cell, darkest
// as a space: no escape sequences at all.
func ASCII(img RGBImage) []byte {
	const ramp = " .:-=+*#%@"
	out := make([]byte, 0, (img.W+1)*img.H)
	for y := 0; y < img.H; y++ {
		for x := 0; x < img.W; x++ {
			c := img.at(x, y)
			lum := (299*int(c.r) + 587*int(c.g) + 114*int(c.b)) / 1000
			out = append(out, ramp[lum*len(ramp)/256])
		}
		if y < img.H-1 {
			out = append(out, '\n')
		}
	}
	return out
}
