package render

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Window is a DICOM window: stored values from Center−Width/2 to
// Center+Width/2 map linearly from black to white.
type Window struct {
	Center, Width float64
}

// String formats the window as "center,width".
func (w Window) String() string {
	return strconv.FormatFloat(w.Center, 'g', 6, 64) + "," + strconv.FormatFloat(w.Width, 'g', 6, 64)
}

// windowPresets are the named windows: CT presets in Hounsfield units and
// "full", which ParseWindow and WindowFor resolve from the frame's range.
func windowPresets() map[string]Window {
	return map[string]Window{
		"brain":       {40, 80},
		"subdural":    {75, 215},
		"stroke":      {40, 40},
		"lung":        {-600, 1500},
		"mediastinum": {50, 350},
		"abdomen":     {40, 400},
		"liver":       {60, 160},
		"bone":        {400, 1800},
	}
}

// WindowPresetNames lists the names ParseWindow accepts besides numbers.
func WindowPresetNames() []string {
	names := []string{"auto", "full"}
	for n := range windowPresets() {
		names = append(names, n)
	}
	sort.Strings(names[2:])
	return names
}

// ParseWindow reads a window specification for img: "auto" (the 1st to
// 99th percentile of its values), "full" (its whole range), a preset name
// (WindowPresetNames), or "CENTER,WIDTH".
func ParseWindow(spec string, img Image) (Window, error) {
	s := strings.ToLower(strings.TrimSpace(spec))
	switch s {
	case "", "auto":
		return AutoWindow(img, 1, 99), nil
	case "full":
		return AutoWindow(img, 0, 100), nil
	}
	if w, ok := windowPresets()[s]; ok {
		return w, nil
	}
	c, wd, ok := strings.Cut(s, ",")
	if !ok {
		return Window{}, fmt.Errorf("window %q: want auto, full, a preset (%s) or CENTER,WIDTH",
			Sanitize(spec), strings.Join(WindowPresetNames()[2:], ", "))
	}
	center, err := strconv.ParseFloat(strings.TrimSpace(c), 64)
	if err != nil {
		return Window{}, fmt.Errorf("window %q: center: %w", Sanitize(spec), err)
	}
	width, err := strconv.ParseFloat(strings.TrimSpace(wd), 64)
	if err != nil {
		return Window{}, fmt.Errorf("window %q: width: %w", Sanitize(spec), err)
	}
	if !(width > 0) || math.IsInf(center, 0) || math.IsNaN(center) || math.IsInf(width, 0) {
		return Window{}, fmt.Errorf("window %q: width must be positive and both finite", Sanitize(spec))
	}
	return Window{Center: center, Width: width}, nil
}

// AutoWindow returns the window spanning the loPct-th to hiPct-th percentile
// of img's finite values (a 4,096-bin histogram, so values are exact to
// 1/4096 of the range). A constant frame gets a window of width 1.
func AutoWindow(img Image, loPct, hiPct float64) Window {
	mn, mx := math.Inf(1), math.Inf(-1)
	for _, v := range img.Pix {
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		mn, mx = math.Min(mn, f), math.Max(mx, f)
	}
	if mn > mx {
		return Window{Center: 0, Width: 1}
	}
	if mx == mn {
		return Window{Center: mn, Width: 1}
	}
	const bins = 4096
	var hist [bins]int
	scale := (bins - 1) / (mx - mn)
	total := 0
	for _, v := range img.Pix {
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		hist[int((f-mn)*scale)]++
		total++
	}
	at := func(pct float64) float64 {
		want := int(math.Ceil(pct / 100 * float64(total)))
		want = max(1, min(want, total))
		seen := 0
		for i, n := range hist {
			seen += n
			if seen >= want {
				return mn + float64(i)/scale
			}
		}
		return mx
	}
	lo, hi := at(loPct), at(hiPct)
	if hiPct >= 100 {
		hi = mx
	}
	if loPct <= 0 {
		lo = mn
	}
	if hi <= lo {
		hi = lo + 1
	}
	return Window{Center: (lo + hi) / 2, Width: hi - lo}
}

// ApplyWindow maps img's stored values through w to 8-bit grey (inverted
// for MONOCHROME1), or copies its colour, giving a raster with img's pixel
// aspect. A non-positive width is taken as 1; NaN pixels are black.
func ApplyWindow(img Image, w Window) (RGBImage, error) {
	if err := img.Check(); err != nil {
		return RGBImage{}, fmt.Errorf("apply window: %w", err)
	}
	out := NewRGBImage(img.W, img.H)
	out.Aspect = img.PixelAspect()
	if img.RGB != nil {
		copy(out.Pix, img.RGB)
		return out, nil
	}
	width := w.Width
	if !(width > 0) {
		width = 1
	}
	// DICOM PS3.3 C.11.2.1.2: linear from c−0.5−(w−1)/2 to c−0.5+(w−1)/2.
	lo := w.Center - 0.5 - (width-1)/2
	span := math.Max(width-1, 1e-9)
	k := 255 / span
	for i, v := range img.Pix {
		f := (float64(v) - lo) * k
		var g uint8
		switch {
		case !(f > 0): // includes NaN
			g = 0
		case f >= 255:
			g = 255
		default:
			g = uint8(f + 0.5)
		}
		if img.Monochrome1 {
			g = 255 - g
		}
		out.Pix[3*i], out.Pix[3*i+1], out.Pix[3*i+2] = g, g, g
	}
	return out, nil
}
