package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestImageGolden(t *testing.T) {
	grey, over := windowedPhantom(), overlaidPhantom()
	cases := []struct {
		name string
		img  RGBImage
		opts ImageOptions
	}{
		{"image_blocks_truecolor.txt", over, ImageOptions{Mode: ModeBlocks, Cols: 40, Rows: 20, Color: TrueColor}},
		{"image_blocks_256.txt", grey, ImageOptions{Mode: ModeBlocks, Cols: 40, Rows: 20, Color: Color256}},
		{"image_quarter_truecolor.txt", over, ImageOptions{Mode: ModeQuarter, Cols: 40, Rows: 20, Color: TrueColor}},
		{"image_quarter_256.txt", grey, ImageOptions{Mode: ModeQuarter, Cols: 40, Rows: 20, Color: Color256}},
		{"image_ascii.txt", grey, ImageOptions{Mode: ModeASCII, Cols: 60, Rows: 30}},
		{"image_ascii_tallpixels.txt", func() RGBImage { m := grey; m.Aspect = 2; return m }(), ImageOptions{Mode: ModeASCII, Cols: 60, Rows: 30}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := RenderImage(c.img, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(stripANSI(string(r.Data)), "\n")
			if len(lines) != r.Rows || r.Rows > c.opts.Rows {
				t.Errorf("%d lines, Rows %d, box %d", len(lines), r.Rows, c.opts.Rows)
			}
			for i, l := range lines {
				if n := utf8.RuneCountInString(l); n != r.Cols || n > c.opts.Cols {
					t.Errorf("line %d: %d cells, Cols %d, box %d", i, n, r.Cols, c.opts.Cols)
				}
			}
			golden(t, c.name, r.Data)
		})
	}
}

func TestRenderImageBoxes(t *testing.T) {
	img := windowedPhantom()
	cases := []struct {
		opts             ImageOptions
		wantW, wantH     int
		wantCols, wantRs int
	}{
		{ImageOptions{Mode: ModeSixel, Cols: 80, Rows: 40}, 800, 800, 80, 40},
		{ImageOptions{Mode: ModeSixel, Cols: 80, Rows: 24}, 480, 480, 48, 24},
		{ImageOptions{Mode: ModeSixel, Cols: 80, Rows: 40, Cell: CellSize{8, 16}}, 640, 640, 80, 40},
		{ImageOptions{Mode: ModeKitty, Cols: 30, Rows: 40, Cell: CellSize{9, 18}}, 270, 270, 30, 15},
		{ImageOptions{Mode: ModeITerm, Cols: 20, Rows: 10}, 200, 200, 20, 10},
		{ImageOptions{Mode: ModeBlocks, Cols: 80, Rows: 40}, 160, 80, 80, 40},  // 2×2 px per cell, split ▀ or ▌
		{ImageOptions{Mode: ModeQuarter, Cols: 80, Rows: 40}, 160, 80, 80, 40}, // 5×10 px sub-cells
		{ImageOptions{Mode: ModeASCII, Cols: 80, Rows: 40}, 80, 40, 80, 40},
		{ImageOptions{Mode: ModePNG}, 256, 256, 0, 0},
	}
	for _, c := range cases {
		r, err := RenderImage(img, c.opts)
		if err != nil {
			t.Fatalf("%+v: %v", c.opts, err)
		}
		if r.W != c.wantW || r.H != c.wantH || r.Cols != c.wantCols || r.Rows != c.wantRs {
			t.Errorf("%s %d×%d: %d×%d px in %d×%d cells; want %d×%d px in %d×%d",
				c.opts.Mode, c.opts.Cols, c.opts.Rows, r.W, r.H, r.Cols, r.Rows, c.wantW, c.wantH, c.wantCols, c.wantRs)
		}
	}
	if _, err := RenderImage(img, ImageOptions{Mode: ModeAuto, Cols: 10, Rows: 10}); err == nil {
		t.Error("auto accepted unresolved")
	}
	if _, err := RenderImage(img, ImageOptions{Mode: ModeBlocks}); err == nil {
		t.Error("empty box accepted")
	}
	// PNG mode makes pixels square.
	tall := img
	tall.Aspect = 1.5
	r, err := RenderImage(tall, ImageOptions{Mode: ModePNG})
	if err != nil || r.W != 256 || r.H != 384 {
		t.Errorf("png of 1.5-aspect pixels: %d×%d, %v", r.W, r.H, err)
	}
}

func TestParseMode(t *testing.T) {
	for in, want := range map[string]Mode{"auto": ModeAuto, "SIXEL": ModeSixel, "iterm2": ModeITerm, "half": ModeBlocks, " png ": ModePNG, "quarter": ModeQuarter} {
		if got, err := ParseMode(in); err != nil || got != want {
			t.Errorf("ParseMode(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseMode("svg"); err == nil {
		t.Error("svg accepted")
	}
}

func TestHalfBlocksColours(t *testing.T) {
	img := NewRGBImage(2, 3)
	copy(img.Pix, []uint8{255, 0, 0, 0, 0, 255, 0, 255, 0, 0, 0, 255, 9, 9, 9, 9, 9, 9})
	got := string(HalfBlocks(img, TrueColor))
	want := "\x1b[38;2;255;0;0;48;2;0;255;0m▀\x1b[48;2;0;0;255m \x1b[0m\n" +
		"\x1b[38;2;9;9;9m▀▀\x1b[0m"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if g256 := string(HalfBlocks(img, Color256)); !strings.Contains(g256, "38;5;196") {
		t.Errorf("256-colour red missing: %q", g256)
	}
}

func TestXterm256(t *testing.T) {
	cases := []struct {
		r, g, b uint8
		want    uint8
	}{
		{0, 0, 0, 16}, {255, 255, 255, 231}, {255, 0, 0, 196}, {128, 128, 128, 244}, {8, 8, 8, 232}, {238, 238, 238, 255},
	}
	for _, c := range cases {
		if got := xterm256(c.r, c.g, c.b); got != c.want {
			t.Errorf("xterm256(%d,%d,%d) = %d, want %d", c.r, c.g, c.b, got, c.want)
		}
	}
	// Every grey maps within 9 levels (238 to 255 is the widest gap).
	for v := 0; v < 256; v++ {
		r, _, _ := xterm256Value(xterm256(uint8(v), uint8(v), uint8(v)))
		if d := int(r) - v; d > 9 || d < -9 {
			t.Errorf("grey %d shown as %d", v, r)
		}
	}
}

func TestOverlayAndLegend(t *testing.T) {
	base := windowedPhantom()
	labels := phantomLabels()
	out, err := Overlay(base, labels, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	i := 128*256 + 110 // inside the ventricle (label 1)
	r, g, b := LabelColor(1)
	want := rgb{uint8((int(r) + int(base.Pix[3*i])) / 2), uint8((int(g) + int(base.Pix[3*i+1])) / 2), uint8((int(b) + int(base.Pix[3*i+2])) / 2)}
	if got := out.at(110, 128); absDiff(got.r, want.r) > 1 || absDiff(got.g, want.g) > 1 || absDiff(got.b, want.b) > 1 {
		t.Errorf("blended %v, want %v", got, want)
	}
	if out.at(5, 5) != base.at(5, 5) {
		t.Error("unlabelled pixel changed")
	}
	// A half-size map is stretched.
	small := LabelMap{W: 128, H: 128, Labels: make([]uint8, 128*128)}
	small.Labels[64*128+55] = 3
	out2, err := Overlay(base, small, 1)
	if err != nil {
		t.Fatal(err)
	}
	r3, _, _ := LabelColor(3)
	if out2.at(110, 128).r != r3 || out2.at(111, 129).r != r3 {
		t.Error("stretched label missing")
	}
	if _, err := Overlay(base, LabelMap{W: 2, H: 2}, 0.5); err == nil {
		t.Error("bad map accepted")
	}

	leg := Legend(labels, map[uint8]string{1: "LV blood pool", 2: "myo\x1b[2J"}, NoColor)
	if !strings.HasPrefix(leg, "■ 1 LV blood pool ") || !strings.Contains(leg, "■ 2 myo 3.6%") || strings.Contains(leg, "\x1b") {
		t.Errorf("legend %q", leg)
	}
	if c := Legend(labels, nil, TrueColor); !strings.Contains(c, "\x1b[38;2;230;25;75m■") {
		t.Errorf("colour legend %q", c)
	}
	if Legend(LabelMap{W: 1, H: 1, Labels: []uint8{0}}, nil, NoColor) != "no labels" {
		t.Error("empty legend")
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestQuantizePaletteSize(t *testing.T) {
	img := Resize(overlaidPhantom(), 64, 64)
	for _, n := range []int{4, 16, 64, 256} {
		pal, idx := quantize(img, n)
		if len(pal) > n {
			t.Errorf("n=%d: palette of %d", n, len(pal))
		}
		for _, i := range idx {
			if int(i) >= len(pal) {
				t.Fatalf("n=%d: index %d past palette", n, i)
			}
		}
	}
}
