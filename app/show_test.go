package app

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"qcterm/data"
)

// showDB ingests the project's 2000001.hd5 (ECGs and a 24×20×5 uint8 series
// with a label map on frame 2) into a fresh database.
func showDB(t *testing.T) string {
	t.Helper()
	dir := copyTree(t, "hd5/2000001.hd5")
	db := filepath.Join(t.TempDir(), "s.db")
	if out, errOut, code := runCmd(t, Ingest, "--db", db, dir); code != ExitOK {
		t.Fatalf("ingest exit %d:\n%s%s", code, out, errOut)
	}
	return db
}

// storedFrame reads a frame's stored values straight from the store.
func storedFrame(t *testing.T, db, sample, series, instance string, frame int) (data.Series, []float64) {
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
		if x.Name == series && (instance == "" || x.Instance == instance) {
			f, err := st.FrameData(ctx, x.ID, frame)
			if err != nil {
				t.Fatal(err)
			}
			return x, data.DecodePixels(f.Pixels, x.DType)
		}
	}
	t.Fatalf("no series %s", series)
	return data.Series{}, nil
}

var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// visibleLines splits text into lines without SGR sequences.
func visibleLines(s string) []string {
	return strings.Split(strings.TrimRight(sgr.ReplaceAllString(s, ""), "\n"), "\n")
}

func maxWidth(lines []string) int {
	w := 0
	for _, l := range lines {
		w = max(w, utf8.RuneCountInString(l))
	}
	return w
}

func TestShowECGLayouts(t *testing.T) {
	db := showDB(t)
	cases := []struct {
		name string
		args []string
		want []string
		w, h int
	}{
		{"clinical page", []string{"--ecg"}, []string{"sample 2000001 · ukb_ecg_rest/instance_0 · strip 10.0 s at 500 Hz",
			"machine read: Sinus rhythm; normal ECG (red)", "rate 72 bpm · QT 398 ms", "s/col", "mV/row", "cal 1 mV",
			" I ", " aVR ", " V1 ", " V4", " II ", " aVL ", " V6"}, 120, 40},
		{"12x1", []string{"--ecg", "--layout", "12x1", "--width", "100", "--height", "60"},
			[]string{"s/col", "mV/row", " aVF", " V5"}, 100, 60},
		{"median", []string{"--ecg", "--layout", "median", "--width", "90", "--height", "30"},
			[]string{"median 1.2 s at 500 Hz", "s/col", " V3 "}, 90, 30},
		{"two leads, window", []string{"--ecg", "--leads", "II,V1", "--from", "2.0", "--to", "4.5", "--width", "160", "--height", "40"},
			[]string{"2.00–4.50 s", " II", " V1"}, 160, 40},
		{"braille, second instance", []string{"--ecg", "--style", "braille", "--instance", "instance_1", "--width", "80", "--height", "24"},
			[]string{"ukb_ecg_rest/instance_1", "dot "}, 80, 24},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runCmd(t, Show, append([]string{"--db", db, "2000001"}, c.args...)...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if strings.Contains(out, "\x1b") {
				t.Error("escape sequence in output that is not a terminal (colour must be off, file text sanitised)")
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			lines := visibleLines(out)
			if len(lines) > c.h || maxWidth(lines) > c.w {
				t.Errorf("output %d×%d cells, want within %d×%d", maxWidth(lines), len(lines), c.w, c.h)
			}
		})
	}
	out, _, _ := runCmd(t, Show, "--db", db, "2000001", "--ecg", "--color", "always")
	if !strings.Contains(out, "\x1b[") {
		t.Error("--color always drew no colour")
	}
}

func TestShowUsageAndErrors(t *testing.T) {
	db := showDB(t)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"2000001", "--series", "cine_segmented_lax_2ch", "--frame", "5"}, ExitUsage, "frames 0–4"},
		{[]string{"2000001", "--series", "cine_segmented_lax_2ch", "--frame", "-1"}, ExitUsage, "numbered from 0"},
		{[]string{"2000001", "--series", "nope"}, ExitUsage, "it has cine_segmented_lax_2ch, cine_segmented_sax_inlinevf"},
		{[]string{"2000001", "--series", "cine_segmented_lax_2ch", "--instance", "instance_7"}, ExitUsage, "it has instance_0, instance_1"},
		{[]string{"2000001"}, ExitUsage, "choose --ecg or --series"},
		{[]string{"2000001", "--ecg", "--series", "x"}, ExitUsage, "choose --ecg or --series"},
		{[]string{"2000001", "--ecg", "--frame", "1"}, ExitUsage, "--frame does not go with --ecg"},
		{[]string{"2000001", "--series", "cine_segmented_lax_2ch", "--layout", "12x1"}, ExitUsage, "--layout does not go with --series"},
		{[]string{"2000001", "--ecg", "--leads", "II,X"}, ExitUsage, `no lead "X"`},
		{[]string{"2000001", "--ecg", "--layout", "6x2"}, ExitUsage, "want 3x4, 12x1 or median"},
		{[]string{"2000001", "--ecg", "--instance", "9"}, ExitUsage, "instance_0, ukb_ecg_rest/instance_1"},
		{[]string{"2000001", "--series", "cine_segmented_lax_2ch", "--graphics", "vga"}, ExitUsage, "want one of"},
		{[]string{"2000001", "--series", "cine_segmented_lax_2ch", "--window", "bright"}, ExitUsage, "CENTER,WIDTH"},
		{[]string{"2000001", "--series", "cine_segmented_lax_2ch", "--raw", "--graphics", "ascii"}, ExitUsage, "--raw needs --graphics png"},
		{[]string{"2000001", "--ecg", "--color", "sometimes"}, ExitUsage, "auto, always or never"},
		{[]string{"9999999", "--ecg"}, ExitError, "not found"},
	}
	for _, c := range cases {
		_, errOut, code := runCmd(t, Show, append([]string{"--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("show %q: exit %d %q, want exit %d with %q", c.args, code, errOut, c.code, c.want)
		}
	}
}

func TestShowPNG(t *testing.T) {
	db := showDB(t)
	dir := t.TempDir()
	windowed, raw := filepath.Join(dir, "w.png"), filepath.Join(dir, "r.png")
	args := []string{"--db", db, "2000001", "--series", "cine_segmented_lax_2ch", "--frame", "3"}
	if _, errOut, code := runCmd(t, Show, append(args, "--graphics", "png", "-o", windowed)...); code != ExitOK {
		t.Fatalf("png: exit %d: %s", code, errOut)
	}
	// 20×24 pixels of 1.25×1.5 mm: stretched to square pixels, 20×29.
	m := decodePNG(t, windowed)
	if b := m.Bounds(); b.Dx() != 20 || b.Dy() != 29 {
		t.Errorf("windowed png is %v, want 20×29", b)
	}
	if _, ok := m.(*image.Gray); !ok {
		t.Errorf("windowed png of a grey frame is %T, want 8-bit grey", m)
	}

	out, errOut, code := runCmd(t, Show, append(args, "--raw", "-o", raw)...)
	if code != ExitOK {
		t.Fatalf("raw: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "wrote "+raw) || !strings.Contains(out, "16-bit grey") {
		t.Errorf("raw png report: %q", out)
	}
	g, ok := decodePNG(t, raw).(*image.Gray16)
	if !ok {
		t.Fatalf("raw png is not 16-bit grey")
	}
	x, want := storedFrame(t, db, "2000001", "cine_segmented_lax_2ch", "instance_0", 3)
	if g.Bounds().Dx() != x.Cols || g.Bounds().Dy() != x.Rows {
		t.Fatalf("raw png is %v, want %d×%d", g.Bounds(), x.Cols, x.Rows)
	}
	for i, v := range want {
		if got := g.Gray16At(i%x.Cols, i/x.Cols).Y; float64(got) != v {
			t.Fatalf("raw pixel %d = %d, stored %g", i, got, v)
		}
	}

	// PNG to stdout (not a terminal) is the file itself; the caption goes to stderr.
	var stdout, stderr bytes.Buffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	if err := Show(context.Background(), env, append(args, "--graphics", "png")); err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(&stdout); err != nil {
		t.Errorf("png on stdout does not decode: %v", err)
	}
	if !strings.Contains(stderr.String(), "frame 3 (of 0–4)") {
		t.Errorf("caption not on stderr: %q", stderr.String())
	}
}

func decodePNG(t *testing.T, path string) image.Image {
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

func TestShowTextModes(t *testing.T) {
	db := showDB(t)
	args := []string{"--db", db, "2000001", "--series", "cine_segmented_lax_2ch"}
	// The frame is 25 mm wide, 36 mm high; cells are 1:2.
	cases := []struct {
		mode       string
		cols, rows int // the box
		w, h       int // the image in cells
	}{
		{"ascii", 40, 20, 28, 20},
		{"ascii", 20, 40, 20, 14},
		{"blocks", 40, 20, 28, 20},
		{"quarter", 40, 20, 28, 20},
	}
	for _, c := range cases {
		out, errOut, code := runCmd(t, Show, append(args, "--graphics", c.mode, "--width", strconv.Itoa(c.cols), "--height", strconv.Itoa(c.rows))...)
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", c.mode, code, errOut)
		}
		lines := visibleLines(out)
		img, caption := lines[:len(lines)-1], lines[len(lines)-1]
		if len(img) != c.h || maxWidth(img) != c.w {
			t.Errorf("%s in %d×%d: image %d×%d cells, want %d×%d", c.mode, c.cols, c.rows, maxWidth(img), len(img), c.w, c.h)
		}
		for _, want := range []string{"cine_segmented_lax_2ch instance_0", "frame 0 (of 0–4)", "window ", "(auto 1–99 %)",
			"20×24 px at 1.25×1.5 mm", c.mode + " "} {
			if !strings.Contains(caption, want) {
				t.Errorf("%s caption lacks %q: %q", c.mode, want, caption)
			}
		}
		if c.mode == "ascii" && strings.Contains(out, "\x1b") {
			t.Error("ascii output has escape sequences")
		}
	}
	out, _, _ := runCmd(t, Show, append(args, "--graphics", "sixel", "--width", "40", "--height", "20", "--window", "100,50")...)
	if !strings.HasPrefix(out, "\x1bP") || !strings.Contains(out, "\x1b\\") || !strings.Contains(out, "window 100/50 (given)") {
		t.Errorf("sixel output: %q…", out[:min(len(out), 40)])
	}
}

func TestShowOverlay(t *testing.T) {
	db := showDB(t)
	args := []string{"--db", db, "2000001", "--series", "cine_segmented_lax_2ch", "--graphics", "ascii", "--overlay"}
	out, _, code := runCmd(t, Show, append(args, "--frame", "2")...)
	if code != ExitOK || !strings.Contains(out, "labels (cine_segmented_lax_2ch_annotated_3): ■ 9 8.3%  ■ 11 4.2%") {
		t.Errorf("overlay legend (exit %d):\n%s", code, out)
	}
	out, _, _ = runCmd(t, Show, append(args, "--frame", "0")...)
	if !strings.Contains(out, "no label map on frame 0 (label maps on frames 2)") {
		t.Errorf("frame without a label map:\n%s", out)
	}

	// The overlay colours the labelled pixels: compare PNGs with and without.
	dir := t.TempDir()
	plain, over := filepath.Join(dir, "p.png"), filepath.Join(dir, "o.png")
	base := []string{"--db", db, "2000001", "--series", "cine_segmented_lax_2ch", "--frame", "2", "--graphics", "png"}
	runCmd(t, Show, append(base, "-o", plain)...)
	runCmd(t, Show, append(base, "--overlay", "-o", over)...)
	if _, ok := decodePNG(t, over).(*image.Gray); ok {
		t.Error("overlaid png is still grey")
	}
	if _, ok := decodePNG(t, plain).(*image.Gray); !ok {
		t.Error("plain png is not grey")
	}
}

func TestShowSharedCine(t *testing.T) {
	src := filepath.Join("..", "..", "shared", "testdata", "ml4h", "hd5", "1000001.hd5")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("shared real cine not present (%s): %v", src, err)
	}
	db := filepath.Join(t.TempDir(), "s.db")
	if _, errOut, code := runCmd(t, Ingest, "--db", db, src); code != ExitOK {
		t.Fatalf("ingest: %s", errOut)
	}
	raw := filepath.Join(t.TempDir(), "r.png")
	args := []string{"--db", db, "1000001", "--series", "cine_segmented_lax_4ch", "--frame", "7"}
	if _, errOut, code := runCmd(t, Show, append(args, "--raw", "-o", raw)...); code != ExitOK {
		t.Fatalf("raw: %s", errOut)
	}
	g := decodePNG(t, raw).(*image.Gray16)
	x, want := storedFrame(t, db, "1000001", "cine_segmented_lax_4ch", "", 7)
	if g.Bounds().Dx() != 256 || g.Bounds().Dy() != 256 {
		t.Fatalf("raw png %v, want 256×256", g.Bounds())
	}
	for i, v := range want {
		if got := g.Gray16At(i%x.Cols, i/x.Cols).Y; float64(got) != v {
			t.Fatalf("raw pixel %d = %d, stored %g", i, got, v)
		}
	}
	out, errOut, code := runCmd(t, Show, append(args, "--graphics", "blocks", "--width", "80", "--height", "40")...)
	if code != ExitOK {
		t.Fatal(errOut)
	}
	if lines := visibleLines(out); len(lines) != 41 || maxWidth(lines[:40]) != 80 {
		t.Errorf("blocks of a square frame in 80×40: %d×%d", maxWidth(lines[:40]), len(lines)-1)
	}
	out, _, _ = runCmd(t, Show, "--db", db, "1000001", "--series", "cine_segmented_lax_4ch", "--graphics", "ascii", "--overlay", "--width", "40", "--height", "20")
	if !strings.Contains(out, "labels (cine_segmented_lax_4ch_annotated_1): ■ 1 ") {
		t.Errorf("overlay legend on the real cine:\n%s", out)
	}
	out, _, _ = runCmd(t, Show, "--db", db, "1000001", "--ecg", "--width", "200", "--height", "50")
	for _, want := range []string{"machine read: Atrial fibrillation; Right bundle branch block", "rate 118 bpm", " V6"} {
		if !strings.Contains(out, want) {
			t.Errorf("real ECG page lacks %q", want)
		}
	}
}
