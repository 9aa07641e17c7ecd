package render

import (
	"math"
	"testing"
)

func TestAutoWindow(t *testing.T) {
	img := Image{W: 100, H: 10, Pix: make([]float32, 1000)}
	for i := range img.Pix {
		img.Pix[i] = float32(i) // 0…999
	}
	img.Pix[0] = float32(math.NaN())
	w := AutoWindow(img, 1, 99)
	lo, hi := w.Center-w.Width/2, w.Center+w.Width/2
	if math.Abs(lo-10) > 1 || math.Abs(hi-989) > 1 {
		t.Errorf("1–99%% window spans %.1f–%.1f, want about 10–989", lo, hi)
	}
	full := AutoWindow(img, 0, 100)
	if full.Center-full.Width/2 != 1 || full.Center+full.Width/2 != 999 {
		t.Errorf("full window %v, want 1–999", full)
	}
	flat := AutoWindow(Image{W: 2, H: 1, Pix: []float32{5, 5}}, 1, 99)
	if flat.Center != 5 || flat.Width != 1 {
		t.Errorf("flat window %v", flat)
	}
}

func TestParseWindow(t *testing.T) {
	img := phantom()
	cases := []struct {
		spec string
		want Window
		ok   bool
	}{
		{"40,400", Window{40, 400}, true},
		{" -600 , 1500 ", Window{-600, 1500}, true},
		{"lung", Window{-600, 1500}, true},
		{"BONE", Window{400, 1800}, true},
		{"auto", AutoWindow(img, 1, 99), true},
		{"full", AutoWindow(img, 0, 100), true},
		{"40", Window{}, false},
		{"40,0", Window{}, false},
		{"x,3", Window{}, false},
		{"nope", Window{}, false},
	}
	for _, c := range cases {
		got, err := ParseWindow(c.spec, img)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("ParseWindow(%q) = %v, %v; want %v ok=%v", c.spec, got, err, c.want, c.ok)
		}
	}
}

func TestApplyWindow(t *testing.T) {
	img := Image{W: 5, H: 1, Pix: []float32{-100, 0, 50, 100, 1000}, SpacingRow: 2, SpacingCol: 1}
	m, err := ApplyWindow(img, Window{Center: 50, Width: 101})
	if err != nil {
		t.Fatal(err)
	}
	// DICOM linear: 0 at c-0.5-(w-1)/2 = -0.5, 255 at c-0.5+(w-1)/2 = 99.5.
	want := []uint8{0, 1, 129, 255, 255}
	for i, w := range want {
		if g := m.Pix[3*i]; math.Abs(float64(g)-float64(w)) > 1 {
			t.Errorf("pixel %d = %d, want %d", i, g, w)
		}
	}
	if m.Aspect != 2 {
		t.Errorf("aspect %v, want 2", m.Aspect)
	}
	img.Monochrome1 = true
	inv, _ := ApplyWindow(img, Window{Center: 50, Width: 101})
	for i := range want {
		if inv.Pix[3*i] != 255-m.Pix[3*i] {
			t.Errorf("MONOCHROME1 pixel %d = %d, want %d", i, inv.Pix[3*i], 255-m.Pix[3*i])
		}
	}
	if _, err := ApplyWindow(Image{W: 2, H: 2, Pix: []float32{1}}, Window{}); err == nil {
		t.Error("short pixel buffer accepted")
	}
	rgbImg := Image{W: 1, H: 1, RGB: []uint8{1, 2, 3}}
	c, err := ApplyWindow(rgbImg, Window{Center: 0, Width: 1})
	if err != nil || c.Pix[0] != 1 || c.Pix[2] != 3 {
		t.Errorf("colour frame changed by window: %v %v", c.Pix, err)
	}
}

func TestFitUnits(t *testing.T) {
	cases := []struct {
		name                 string
		w, h                 int
		aspect, unitW, unitH float64
		maxX, maxY           int
		wantX, wantY         int
	}{
		{"square into half blocks 80x40", 256, 256, 1, 10, 10, 80, 80, 80, 80},
		{"square into ascii 80x40", 256, 256, 1, 10, 20, 80, 40, 80, 40},
		{"square into wide box", 256, 256, 1, 10, 10, 200, 80, 80, 80},
		{"tall pixels", 256, 256, 2, 10, 10, 80, 80, 40, 80},
		{"wide image", 512, 128, 1, 1, 1, 800, 800, 800, 200},
		{"sixel 80x40 cells of 10x20", 256, 256, 1, 1, 1, 800, 800, 800, 800},
		{"sixel 80x24 cells", 256, 256, 1, 1, 1, 800, 480, 480, 480},
	}
	for _, c := range cases {
		x, y := fitUnits(c.w, c.h, c.aspect, c.unitW, c.unitH, c.maxX, c.maxY)
		if x != c.wantX || y != c.wantY {
			t.Errorf("%s: %d×%d, want %d×%d", c.name, x, y, c.wantX, c.wantY)
		}
	}
}

func TestResize(t *testing.T) {
	src := windowedPhantom()
	mean := func(m RGBImage) float64 {
		s := 0
		for _, v := range m.Pix {
			s += int(v)
		}
		return float64(s) / float64(len(m.Pix))
	}
	for _, size := range [][2]int{{80, 80}, {37, 91}, {256, 256}, {800, 800}} {
		m := Resize(src, size[0], size[1])
		if m.W != size[0] || m.H != size[1] || len(m.Pix) != 3*m.W*m.H {
			t.Fatalf("Resize to %v gave %d×%d", size, m.W, m.H)
		}
		if d := math.Abs(mean(m) - mean(src)); d > 1.5 {
			t.Errorf("Resize to %v moved the mean by %.2f", size, d)
		}
	}
	// Shrinking must not drop a one-pixel bright dot: its area survives.
	dot := NewRGBImage(100, 100)
	dot.Pix[3*(50*100+50)] = 255
	if small := Resize(dot, 10, 10); small.Pix[3*(5*10+5)] == 0 {
		t.Error("a bright pixel vanished when shrinking")
	}
}
