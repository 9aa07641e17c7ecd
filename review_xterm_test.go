package main

import (
	"fmt"
	"image"
	"image/draw"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"qcterm/render"
)

// sixelPlacement is what the review UI logs (QCTERM_LOG) when it encodes a frame.
type sixelPlacement struct{ frame, x, y, w, h, cellW, cellH int }

var placementLine = regexp.MustCompile(`sixel frame=(\d+) x=(\d+) y=(\d+) w=(\d+) h=(\d+) cols=\d+ rows=\d+ cellw=(\d+) cellh=(\d+)`)

// lastPlacement reads the newest placement of frame from the UI's log.
func lastPlacement(path string, frame int) (sixelPlacement, bool) {
	b, _ := os.ReadFile(path)
	var p sixelPlacement
	found := false
	for _, m := range placementLine.FindAllSubmatch(b, -1) {
		var v [7]int
		for i := range v {
			v[i], _ = strconv.Atoi(string(m[i+1]))
		}
		if v[0] == frame {
			p, found = sixelPlacement{v[0], v[1], v[2], v[3], v[4], v[5], v[6]}, true
		}
	}
	return p, found
}

// TestReviewSixelInXterm runs the review UI in xterm emulating a VT340 under
// Xvfb with sixel images, steps frames with real key presses (xdotool), and
// checks from screenshots that the image region shows each frame and that the
// text above it is untouched. QCTERM_SIXEL_SHOTS=DIR keeps the screenshots.
func TestReviewSixelInXterm(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	for _, tool := range []string{"xterm", "Xvfb", "import", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (Debian: xterm, xvfb, imagemagick, xdotool): skipping the review sixel check", tool)
		}
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	sample, series := "2000001", "cine_segmented_lax_2ch"
	input := filepath.Join("testdata", "hd5", "2000001.hd5")
	if shared := filepath.Join("..", "shared", "testdata", "ml4h", "hd5", "1000001.hd5"); fileExists(shared) {
		sample, series, input = "1000001", "cine_segmented_lax_4ch", shared
	}
	if out, err := exec.Command(bin, "ingest", "--db", db, input).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	display := startXvfb(t)
	logPath := filepath.Join(dir, "review.log")
	x := exec.Command("xterm", "-ti", "vt340", "-geometry", "120x40+0+0", "-b", "0", "+sb", "-fa", "Monospace", "-fs", "10",
		"-xrm", "XTerm*numColorRegisters: 256", "-e", "env", "QCTERM_LOG="+logPath, bin, "review", "--db", db, "--sample", sample, "--graphics", "sixel")
	x.Env = append(os.Environ(), "DISPLAY="+display)
	if err := x.Start(); err != nil {
		t.Skipf("xterm: %v", err)
	}
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })

	shot := filepath.Join(dir, "screen.png")
	check := func(frame int) (image.Image, sixelPlacement) {
		t.Helper()
		var p sixelPlacement
		deadline := time.Now().Add(20 * time.Second)
		for {
			var ok bool
			if p, ok = lastPlacement(logPath, frame); ok {
				break
			}
			if time.Now().After(deadline) {
				log, _ := os.ReadFile(logPath)
				t.Fatalf("the UI never drew frame %d as sixel; log:\n%s", frame, log)
			}
			time.Sleep(50 * time.Millisecond)
		}
		want := greyOf(render.Resize(windowedFrame(t, db, sample, series, frame), p.w, p.h))
		var best float64
		m := pollScreenshot(t, display, shot, func(m image.Image) bool {
			best, _ = bestCorrelation(subImage(m, p.x, p.y), want, p.w, p.h)
			return best > 0.9
		})
		if best <= 0.9 {
			t.Errorf("frame %d: the image region at (%d,%d) px correlates %.3f with the frame, want > 0.9", frame, p.x, p.y, best)
		}
		t.Logf("frame %d: %d×%d px at (%d,%d), correlation %.4f", frame, p.w, p.h, p.x, p.y, best)
		if keep := os.Getenv("QCTERM_SIXEL_SHOTS"); keep != "" {
			b, _ := os.ReadFile(shot)
			os.WriteFile(filepath.Join(keep, fmt.Sprintf("review-sixel-frame%d.png", frame)), b, 0o644)
		}
		return m, p
	}
	first, p := check(0)
	for _, k := range []string{"bracketright", "bracketright", "bracketright"} {
		key := exec.Command("xdotool", "key", k)
		key.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := key.CombinedOutput(); err != nil {
			t.Fatalf("xdotool: %v\n%s", err, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	after, _ := check(3)
	// The text above the image (fields, ECG), except the caption row that names
	// the frame, must be exactly as before.
	top := image.Rect(0, 0, p.x+p.w, p.y-2*p.cellH)
	if d := differingPixels(first, after, top); d > 0 {
		t.Errorf("%d pixels of the text panes changed when only the frame should have", d)
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func subImage(m image.Image, x, y int) image.Image {
	out := image.NewRGBA(image.Rect(0, 0, m.Bounds().Dx()-x, m.Bounds().Dy()-y))
	draw.Draw(out, out.Bounds(), m, image.Pt(m.Bounds().Min.X+x, m.Bounds().Min.Y+y), draw.Src)
	return out
}

func differingPixels(a, b image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x, y).RGBA()
			if ar != br || ag != bg || ab != bb {
				n++
			}
		}
	}
	return n
}
