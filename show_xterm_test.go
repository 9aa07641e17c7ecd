package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"qcterm/data"
	"qcterm/render"
)

// TestSixelInXterm runs `qcterm show --graphics sixel` in a real terminal,
// xterm emulating a VT340 under Xvfb, takes a screenshot and checks that the
// image region is not blank and correlates with the frame. The binary runs
// under script(1), which records the bytes it sent (to learn the image size)
// while passing queries and replies between qcterm and xterm.
// QCTERM_SIXEL_SHOTS=DIR keeps the screenshots.
func TestSixelInXterm(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	for _, tool := range []string{"xterm", "Xvfb", "import", "script"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (Debian: xterm, xvfb, imagemagick, bsdutils): skipping the real-terminal sixel check", tool)
		}
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "x.db")
	inputs := []string{filepath.Join("testdata", "hd5", "2000001.hd5")}
	shared := filepath.Join("..", "shared", "testdata", "ml4h", "hd5", "1000001.hd5")
	if _, err := os.Stat(shared); err == nil {
		inputs = append(inputs, shared)
	} else {
		t.Logf("shared real cine not present (%s): checking the project fixture only", shared)
	}
	if out, err := exec.Command(bin, append([]string{"ingest", "--db", db}, inputs...)...).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	display := startXvfb(t)

	cases := []struct{ name, sample, series, frame string }{
		{"fixture", "2000001", "cine_segmented_lax_2ch", "3"},
	}
	if len(inputs) > 1 {
		cases = append(cases, struct{ name, sample, series, frame string }{"shared", "1000001", "cine_segmented_lax_4ch", "0"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"show", "--db", db, c.sample, "--series", c.series, "--frame", c.frame, "--width", "40", "--height", "20"}
			dir := t.TempDir()
			log := filepath.Join(dir, "typescript")
			shot := runInXterm(t, display, dir, shellQuote(append([]string{bin}, append(args, "--graphics", "sixel")...)), log)

			sent, err := os.ReadFile(log)
			if err != nil {
				t.Fatal(err)
			}
			w, h, ok := sixelSize(sent)
			if !ok {
				t.Fatalf("no sixel image in what qcterm wrote:\n%q", sent)
			}
			if !bytes.Contains(sent, []byte("frame "+c.frame+" (of 0–")) {
				t.Errorf("caption missing from the terminal output")
			}
			frame, _ := strconv.Atoi(c.frame)
			want := greyOf(render.Resize(windowedFrame(t, db, c.sample, c.series, frame), w, h))
			var best float64
			var got []float64
			check := func(m image.Image) bool {
				best, got = bestCorrelation(m, want, w, h)
				return best > 0.95
			}
			m := pollScreenshot(t, display, shot, check)
			if sd := stddev(got); sd < 10 {
				t.Errorf("image region %d×%d is blank (grey std-dev %.1f)", w, h, sd)
			}
			if best < 0.95 {
				t.Errorf("screen region correlates %.3f with the frame, want > 0.95 (screenshot %s)", best, shot)
			}
			t.Logf("%s: sixel %d×%d px on screen, correlation with the frame %.4f (screen %v)", c.name, w, h, best, m.Bounds())
			if keep := os.Getenv("QCTERM_SIXEL_SHOTS"); keep != "" {
				b, _ := os.ReadFile(shot)
				os.WriteFile(filepath.Join(keep, "sixel-"+c.name+".png"), b, 0o644)
			}
		})
	}
}

// startXvfb starts a virtual X server on a free display and returns its name.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1400x900x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Skipf("Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Skip("Xvfb did not start")
		}
		return ":" + n
	case <-time.After(15 * time.Second):
		t.Skip("Xvfb did not report a display within 15 s")
	}
	return ""
}

// runInXterm runs command in `xterm -ti vt340` under script(1), recording to
// log, waits until it has finished and returns the screenshot path to fill.
func runInXterm(t *testing.T, display, dir, command, log string) string {
	t.Helper()
	done := filepath.Join(dir, "done")
	sh := fmt.Sprintf("script -q -c %s %s; touch %s; exec sleep 600", shellQuote([]string{command}), shellQuote([]string{log}), shellQuote([]string{done}))
	var stderr bytes.Buffer
	x := exec.Command("xterm", "-ti", "vt340", "-geometry", "100x30+0+0", "-b", "0", "+sb", "-fa", "Monospace", "-fs", "10", "-e", "sh", "-c", sh)
	x.Env = append(os.Environ(), "DISPLAY="+display)
	x.Stderr = &stderr
	if err := x.Start(); err != nil {
		t.Skipf("xterm: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- x.Wait() }()
	t.Cleanup(func() { x.Process.Kill(); <-exited })
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(done); err == nil {
			break
		}
		select {
		case err := <-exited:
			exited <- err
			t.Skipf("xterm exited before the command finished (%v): %s", err, stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("command did not finish in xterm within 30 s: %s", stderr.String())
		}
	}
	return filepath.Join(dir, "screen.png")
}

// pollScreenshot takes screenshots until ok accepts one or 10 s pass
// (xterm paints asynchronously), and returns the last.
func pollScreenshot(t *testing.T, display, path string, ok func(image.Image) bool) image.Image {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		cmd := exec.Command("import", "-window", "root", path)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		m := decodePNGFile(t, path)
		if ok(m) || time.Now().After(deadline) {
			return m
		}
		time.Sleep(100 * time.Millisecond) // let xterm paint before the next screenshot
	}
}

var sixelRaster = regexp.MustCompile(`\x1bP[0-9;]*q"1;1;([0-9]+);([0-9]+)`)

// sixelSize finds the raster attributes of the first sixel image in b.
func sixelSize(b []byte) (w, h int, ok bool) {
	m := sixelRaster.FindSubmatch(b)
	if m == nil {
		return 0, 0, false
	}
	w, _ = strconv.Atoi(string(m[1]))
	h, _ = strconv.Atoi(string(m[2]))
	return w, h, w > 0 && h > 0
}

func decodePNGFile(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// windowedFrame is a stored frame through the auto window, as show draws
// it before fitting it to the cell box (the frames used here have no
// rescale and no stored window).
func windowedFrame(t *testing.T, db, sample, series string, frame int) render.RGBImage {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d, err := st.Sample(ctx, data.SampleID(sample))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range d.Series {
		if x.Name != series {
			continue
		}
		f, err := st.FrameData(ctx, x.ID, frame)
		if err != nil {
			t.Fatal(err)
		}
		img := render.Image{W: x.Cols, H: x.Rows, SpacingRow: x.SpacingRow, SpacingCol: x.SpacingCol}
		for _, v := range data.DecodePixels(f.Pixels, x.DType) {
			img.Pix = append(img.Pix, float32(v))
		}
		rgb, err := render.ApplyWindow(img, render.AutoWindow(img, 1, 99))
		if err != nil {
			t.Fatal(err)
		}
		return rgb
	}
	t.Fatalf("sample %s has no series %s", sample, series)
	return render.RGBImage{}
}

func greyOf(img render.RGBImage) []float64 {
	out := make([]float64, img.W*img.H)
	for i := range out {
		out[i] = (float64(img.Pix[3*i]) + float64(img.Pix[3*i+1]) + float64(img.Pix[3*i+2])) / 3
	}
	return out
}

// bestCorrelation compares want (w×h) with the screenshot region at the
// top-left corner, allowing a few pixels of border, and returns the best
// Pearson correlation and that region's greys.
func bestCorrelation(m image.Image, want []float64, w, h int) (float64, []float64) {
	best := math.Inf(-1)
	var bestGot []float64
	b := m.Bounds()
	for dy := 0; dy <= 4; dy++ {
		for dx := 0; dx <= 4; dx++ {
			if dx+w > b.Dx() || dy+h > b.Dy() {
				continue
			}
			got := make([]float64, w*h)
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					r, g, bl, _ := m.At(b.Min.X+dx+x, b.Min.Y+dy+y).RGBA()
					got[y*w+x] = (float64(r>>8) + float64(g>>8) + float64(bl>>8)) / 3
				}
			}
			if c := correlation(got, want); c > best {
				best, bestGot = c, got
			}
		}
	}
	return best, bestGot
}

func correlation(a, b []float64) float64 {
	n := float64(len(a))
	var sa, sb float64
	for i := range a {
		sa += a[i]
		sb += b[i]
	}
	ma, mb := sa/n, sb/n
	var cov, va, vb float64
	for i := range a {
		cov += (a[i] - ma) * (b[i] - mb)
		va += (a[i] - ma) * (a[i] - ma)
		vb += (b[i] - mb) * (b[i] - mb)
	}
	if va == 0 || vb == 0 {
		return 0
	}
	return cov / math.Sqrt(va*vb)
}

func stddev(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	var s, s2 float64
	for _, x := range v {
		s += x
		s2 += x * x
	}
	n := float64(len(v))
	return math.Sqrt(math.Max(0, s2/n-(s/n)*(s/n)))
}

// shellQuote joins words as single-quoted sh words.
func shellQuote(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}
