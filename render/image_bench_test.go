package render

import "testing"

// BenchmarkImage80x40 renders the 256×256 phantom into an 80×40-cell box
// (10×20-pixel cells, so 800×800 pixels for sixel and kitty), resize
// included, as qcterm show does.
func BenchmarkImage80x40(b *testing.B) {
	grey, over := windowedPhantom(), overlaidPhantom()
	cases := []struct {
		name string
		img  RGBImage
		opts ImageOptions
	}{
		{"sixel", grey, ImageOptions{Mode: ModeSixel}},
		{"sixel-overlay", over, ImageOptions{Mode: ModeSixel}},
		{"kitty", grey, ImageOptions{Mode: ModeKitty}},
		{"iterm", grey, ImageOptions{Mode: ModeITerm}},
		{"blocks-truecolor", grey, ImageOptions{Mode: ModeBlocks, Color: TrueColor}},
		{"blocks-256", grey, ImageOptions{Mode: ModeBlocks, Color: Color256}},
		{"quarter-truecolor", grey, ImageOptions{Mode: ModeQuarter, Color: TrueColor}},
		{"ascii", grey, ImageOptions{Mode: ModeASCII}},
	}
	for _, c := range cases {
		c.opts.Cols, c.opts.Rows = 80, 40
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				r, err := RenderImage(c.img, c.opts)
				if err != nil {
					b.Fatal(err)
				}
				n = len(r.Data)
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}

// BenchmarkEncode times the encoders alone on an image already at size:
// sixel at 800×800 pixels, half blocks at 80×80 (80×40 cells).
func BenchmarkEncode(b *testing.B) {
	grey := windowedPhantom()
	px := Resize(grey, 800, 800)
	half := Resize(grey, 80, 80)
	b.Run("sixel-800", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = Sixel(px, SixelOptions{})
		}
	})
	b.Run("halfblocks-80x40", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = HalfBlocks(half, TrueColor)
		}
	})
	b.Run("resize-256-to-800", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = Resize(grey, 800, 800)
		}
	})
}
