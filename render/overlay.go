package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// LabelColor is the colour overlays use for a label (label 0 is never drawn):
// twelve well-separated hues, then hues spread by the golden angle.
func LabelColor(label uint8) (r, g, b uint8) {
	base := [12][3]uint8{
		{230, 25, 75}, {60, 180, 75}, {255, 225, 25}, {0, 130, 200}, {245, 130, 48}, {145, 30, 180},
		{70, 240, 240}, {240, 50, 230}, {210, 245, 60}, {250, 190, 212}, {0, 128, 128}, {220, 190, 255},
	}
	if label >= 1 && int(label) <= len(base) {
		c := base[label-1]
		return c[0], c[1], c[2]
	}
	return hsv(math.Mod(float64(label)*137.508, 360), 0.75, 1)
}

// hsv converts a hue in degrees, saturation and value to 8-bit RGB.
func hsv(h, s, v float64) (r, g, b uint8) {
	c := v * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	m := v - c
	var rf, gf, bf float64
	switch {
	case h < 60:
		rf, gf = c, x
	case h < 120:
		rf, gf = x, c
	case h < 180:
		gf, bf = c, x
	case h < 240:
		gf, bf = x, c
	case h < 300:
		rf, bf = x, c
	default:
		rf, bf = c, x
	}
	to := func(f float64) uint8 { return uint8(math.Round((f + m) * 255)) }
	return to(rf), to(gf), to(bf)
}

// Overlay blends the label map over img: each labelled pixel becomes
// alpha × LabelColor + (1 − alpha) × the image (alpha is clamped to 0–1;
// 0.4 reads well). A map of another size is stretched to the image
// (nearest label), so a mask at acquisition resolution fits a resized frame.
func Overlay(img RGBImage, m LabelMap, alpha float64) (RGBImage, error) {
	if err := m.Check(); err != nil {
		return RGBImage{}, fmt.Errorf("overlay: %w", err)
	}
	if len(img.Pix) != 3*img.W*img.H {
		return RGBImage{}, fmt.Errorf("overlay: image %d×%d has %d bytes", img.W, img.H, len(img.Pix))
	}
	alpha = math.Max(0, math.Min(1, alpha))
	a := int(math.Round(alpha * 256))
	var lut [256][3]int
	for l := 1; l < 256; l++ {
		r, g, b := LabelColor(uint8(l))
		lut[l] = [3]int{int(r) * a, int(g) * a, int(b) * a}
	}
	out := img
	out.Pix = make([]uint8, len(img.Pix))
	copy(out.Pix, img.Pix)
	for y := 0; y < img.H; y++ {
		my := y * m.H / img.H
		for x := 0; x < img.W; x++ {
			l := m.Labels[my*m.W+x*m.W/img.W]
			if l == 0 {
				continue
			}
			p := out.Pix[3*(y*img.W+x):]
			for c := 0; c < 3; c++ {
				p[c] = uint8((lut[l][c] + int(p[c])*(256-a) + 128) >> 8)
			}
		}
	}
	return out, nil
}

// Legend lists the labels present in m, in order, each as a colour swatch
// (when depth allows colour), its value, its name from names (sanitised)
// and its share of the pixels, on one line: "■ 1 LV 3.1%  ■ 2 myo 2.0%".
func Legend(m LabelMap, names map[uint8]string, depth ColorDepth) string {
	var counts [256]int
	for _, l := range m.Labels {
		counts[l]++
	}
	var parts []string
	for l := 1; l < 256; l++ {
		if counts[l] == 0 {
			continue
		}
		var b strings.Builder
		r, g, bl := LabelColor(uint8(l))
		if depth >= Color256 {
			b.WriteString("\x1b[")
			b.Write(sgrColor(nil, true, r, g, bl, depth))
			b.WriteString("m■\x1b[39m ")
		} else {
			b.WriteString("■ ")
		}
		b.WriteString(strconv.Itoa(l))
		if name := Sanitize(names[uint8(l)]); name != "" {
			b.WriteByte(' ')
			b.WriteString(name)
		}
		fmt.Fprintf(&b, " %.1f%%", 100*float64(counts[l])/float64(len(m.Labels)))
		parts = append(parts, b.String())
	}
	if len(parts) == 0 {
		return "no labels"
	}
	return strings.Join(parts, "  ")
}
