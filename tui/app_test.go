package tui

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"qcterm/data"
	"qcterm/render"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixtureStore ingests the project's fixtures into a temporary store.
func fixtureStore(t testing.TB) *data.Store {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, f := range []struct {
		path string
		read func(string, data.ReadOptions) (*data.Record, error)
	}{
		{"../testdata/hd5/2000001.hd5", data.ReadHDF5},
		{"../testdata/hd5/2000002.hd5", data.ReadHDF5},
		{"../testdata/tables/cohort.csv", data.ReadTable},
		{"../testdata/tables/inference.tsv", data.ReadTable},
	} {
		rec, err := f.read(f.path, data.DefaultReadOptions())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ReplaceSource(ctx, data.Source{Path: f.path, Kind: "test"}, rec); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// driver runs a model the way Bubble Tea does, synchronously: each command's
// message is fed back, up to a bound (cine ticks would go on forever).
type driver struct {
	t *testing.T
	m Model
}

func newDriver(t *testing.T, s *data.Store, opts Options, w, h int) *driver {
	d := &driver{t: t, m: New(context.Background(), s, opts)}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(d.m.Init())
	return d
}

func (d *driver) send(msg tea.Msg) {
	next, cmd := d.m.Update(msg)
	d.m = next.(Model)
	d.run(cmd)
}

// run executes cmd and feeds its messages back, at most 50 of them.
func (d *driver) run(cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0 && n < 50; n++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := runWithTimeout(c)
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case playTickMsg:
			// A tick fires once per call: tests step the cine explicitly.
			next, _ := d.m.Update(msg)
			d.m = next.(Model)
		default:
			next, c := d.m.Update(msg)
			d.m = next.(Model)
			queue = append(queue, c)
		}
	}
}

func runWithTimeout(c tea.Cmd) tea.Msg {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case m := <-ch:
		return m
	case <-time.After(2 * time.Second):
		return nil
	}
}

func (d *driver) keys(keys ...string) {
	for _, k := range keys {
		d.send(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func (d *driver) screen() string { return ansi.Strip(d.m.render()) }

func (d *driver) contains(want ...string) {
	d.t.Helper()
	s := d.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			d.t.Errorf("screen lacks %q:\n%s", w, s)
		}
	}
}

func TestListSearchFilterSort(t *testing.T) {
	d := newDriver(t, fixtureStore(t), Options{}, 120, 40)
	d.contains("3 of 3 samples", "2000001", "only_in_table", "qt_interval_delta")
	d.keys("/", "2", "0")
	d.contains("/20█", "2000002")
	d.keys("enter")
	d.contains("2 of 3 samples", `search "20"`)
	d.keys("esc")
	d.contains("3 of 3 samples")
	d.keys("f")
	for _, r := range "bmi > 30" {
		d.keys(string(r))
	}
	d.keys("enter")
	d.contains("1 of 3 samples", "filter bmi > 30", "2000001")
	d.keys("f", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	for _, r := range "bmi >" {
		d.keys(string(r))
	}
	d.keys("enter")
	d.contains("filter: expected")
	d.keys("esc") // clears search and filter
	d.contains("3 of 3 samples")
	// Sort by bmi descending: 2000001 (31.5), only_in_table (22), then 2000002 (NA, last).
	d.keys("s", "s", "S")
	d.contains("bmi▼")
	lines := strings.Split(d.screen(), "\n")
	if !strings.HasPrefix(lines[2], "2000001") || !strings.HasPrefix(lines[3], "only_in_table") || !strings.HasPrefix(lines[4], "2000002") {
		t.Errorf("bmi descending order wrong:\n%s", strings.Join(lines[:6], "\n"))
	}
}

func TestSampleViewNavigation(t *testing.T) {
	d := newDriver(t, fixtureStore(t), Options{}, 120, 40)
	d.keys("enter")
	d.contains("sample 2000001 (1 of 3)", "machine read: Sinus rhythm; normal ECG (red)", "qt_interval", "410.5 | 400 | Δ +10.5",
		"cine_segmented_lax_2ch/instance_0", "frame 0 (0–4)")
	if strings.Contains(d.m.render(), "\x1b[31m") {
		t.Error("the HDF5 text's escape sequence reached the screen")
	}
	d.keys("]", "]")
	d.contains("frame 2 (0–4)")
	d.keys("o")
	d.contains("labels:")
	d.keys("[", "[", "[")
	d.contains("frame 4 (0–4)")
	d.keys("z")
	d.contains("zoom ×2")
	d.keys("Z", "e")
	d.contains("cine_segmented_lax_2ch/instance_1", "frame 0 (0–4)")
	d.keys("e")
	d.contains("cine_segmented_sax_inlinevf", "3 slices")
	d.keys("L")
	d.contains("ECG 12x1")
	d.keys("L")
	d.contains("ECG median", "median 1.2 s")
	d.keys("n")
	d.contains("sample 2000002 (2 of 3)", "ECG median", "no median ECG for this sample")
	d.keys("L", "L")
	d.contains("ECG 3x4", "strip 10.0 s at 250 Hz", "V5: not recorded")
	d.keys("p")
	d.contains("sample 2000001 (1 of 3)")
	d.keys("space")
	if !d.m.sample.playing {
		t.Error("space should start the cine")
	}
	d.send(playTickMsg{seq: d.m.sample.playSeq})
	d.keys("space")
	if d.m.sample.playing {
		t.Error("space should stop the cine")
	}
	d.keys("esc")
	d.contains("3 of 3 samples")
	d.keys("?")
	d.contains("qcterm review — keys", "play / pause cine", "filter expression")
	d.keys("x")
	d.contains("3 of 3 samples")
}

func TestStartWithOptions(t *testing.T) {
	d := newDriver(t, fixtureStore(t), Options{Sample: "2000002", Filter: "age > 50", Sort: "-bmi"}, 120, 40)
	d.contains("sample 2000002")
	d.keys("esc")
	d.contains("filter age > 50")
}

func TestGoldenViews(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		d := newDriver(t, fixtureStore(t), Options{Graphics: render.ModeASCII}, size.w, size.h)
		golden(t, "list", size.w, size.h, d.screen())
		d.keys("enter")
		golden(t, "sample", size.w, size.h, d.screen())
		if size.w == 80 {
			d.keys("tab")
			golden(t, "sample-ecg", size.w, size.h, d.screen())
			d.keys("tab")
			golden(t, "sample-mri", size.w, size.h, d.screen())
		}
		for i, line := range strings.Split(d.screen(), "\n") {
			if w := ansi.StringWidth(line); w > size.w {
				t.Errorf("%dx%d line %d is %d cells wide", size.w, size.h, i, w)
			}
		}
	}
}

func golden(t *testing.T, name string, w, h int, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+"-"+itoa(w)+"x"+itoa(h)+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (go test ./tui -update to accept):\n%s", name, path, got)
	}
	if n := strings.Count(got, "\n") + 1; n != h {
		t.Errorf("%s has %d lines, want %d", name, n, h)
	}
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

func TestFrameLoadErrorShown(t *testing.T) {
	d := newDriver(t, fixtureStore(t), Options{}, 120, 40)
	d.keys("enter")
	x, _ := d.m.sample.currentSeries()
	key := frameKey{x.ID, 3}
	delete(d.m.sample.d.frames, key)
	d.send(frameLoadedMsg{id: d.m.sample.id, key: key, err: errors.New("frame 3: disk on fire")})
	d.keys("]", "]", "]")
	d.contains("frame 3 (0–4)", "disk on fire")
}
