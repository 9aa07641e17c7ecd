package render

import (
	"math"
	"strings"
	"testing"
)

// TestECGBadSamples feeds NaN, infinities and huge values: the chart must
// still be drawn, at its size, with gaps where samples are not finite.
func TestECGBadSamples(t *testing.T) {
	in := synthECG()
	x := in.Leads[1].Samples
	x[100] = float32(math.NaN())
	x[2000] = float32(math.Inf(1))
	x[3000] = float32(math.Inf(-1))
	x[4000] = 3e38
	in.Leads[2].Samples = make([]float32, len(x))
	for i := range in.Leads[2].Samples {
		in.Leads[2].Samples[i] = float32(math.NaN())
	}
	for _, style := range []ECGStyle{StyleBox, StyleBraille} {
		for _, layout := range []ECGLayout{Layout3x4, Layout12x1} {
			got := ECG(in, ECGOptions{Width: 100, Height: 40, Style: style, Layout: layout})
			checkSize(t, got, 100, 40)
			if !strings.Contains(got, "aVR") {
				t.Errorf("%s %s: chart not drawn", style, layout)
			}
		}
	}
}

// TestECGTinySizes draws at sizes too small to be useful without failing.
func TestECGTinySizes(t *testing.T) {
	in := synthECG()
	for _, w := range []int{1, 5, 12} {
		for _, h := range []int{1, 3, 8} {
			for _, style := range []ECGStyle{StyleBox, StyleBraille} {
				_ = ECG(in, ECGOptions{Width: w, Height: h, Style: style})
				_ = ECG(in, ECGOptions{Width: w, Height: h, Style: style, Layout: Layout12x1})
			}
		}
	}
}

// TestImageTinyAndOdd renders 1×1 and odd-sized images in every mode.
func TestImageTinyAndOdd(t *testing.T) {
	imgs := []RGBImage{NewRGBImage(1, 1), Resize(overlaidPhantom(), 3, 7), Resize(windowedPhantom(), 301, 5)}
	for _, img := range imgs {
		for _, m := range Modes()[1:] {
			for _, box := range [][2]int{{1, 1}, {3, 2}, {80, 40}} {
				r, err := RenderImage(img, ImageOptions{Mode: m, Cols: box[0], Rows: box[1], KittyPlaceholders: true})
				if err != nil {
					t.Fatalf("%s %dx%d into %v: %v", m, img.W, img.H, box, err)
				}
				if m != ModePNG && (r.Cols > box[0] || r.Rows > box[1]) {
					t.Errorf("%s %dx%d into %v covers %d×%d cells", m, img.W, img.H, box, r.Cols, r.Rows)
				}
			}
		}
	}
}

// FuzzDetectCaps throws arbitrary terminal replies at the parser.
func FuzzDetectCaps(f *testing.F) {
	for _, s := range []string{replyKittyOK + replyKittyDA1, replyXtermVersion + replyXtermWindow + replyXtermColors + replyXtermDA1,
		"\x1b[6;;t", "\x1b[?1;0;S", "\x1bP>|\x1b\\", "\x1b_G;\x07", "\x1b[", "\x1bP"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c := DetectCaps(Env{Term: "xterm-256color"}, b)
		if strings.ContainsAny(c.Report(), "\x1b\x07\u009b") {
			t.Errorf("control characters in report")
		}
		_ = RepliesComplete(b)
	})
}

// FuzzParseWindow throws arbitrary window specifications at the parser.
func FuzzParseWindow(f *testing.F) {
	for _, s := range []string{"auto", "40,400", "lung", ",", "1e309,1", "-0,NaN"} {
		f.Add(s)
	}
	img := Image{W: 2, H: 2, Pix: []float32{0, 1, 2, 3}}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWindow(s, img)
		if err == nil && !(w.Width > 0) {
			t.Errorf("ParseWindow(%q) = %v without error", s, w)
		}
	})
}
