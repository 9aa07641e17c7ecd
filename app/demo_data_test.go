package app

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"qcterm/data"
	"qcterm/synth"
)

func TestBuildDemoDB(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cache", "qcterm-demo.db")
	if err := BuildDemoDB(ctx, path, 12, 7); err != nil {
		t.Fatal(err)
	}
	store, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	d, err := store.Sample(ctx, "fake_1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Sources, []string{"demo://fake_1"}; len(got) != 1 || got[0] != want[0] {
		t.Errorf("sources = %v, want %v", got, want)
	}
	if len(d.ECGs) != 2 {
		t.Fatalf("%d ECGs, want 2 (strip and median)", len(d.ECGs))
	}
	for _, e := range d.ECGs {
		want := map[string]int{data.KindStrip: synth.StripLen, data.KindMedian: synth.MedianLen}[e.Kind]
		if e.Group != synth.ECGGroup || e.Instance != synth.Instance || len(e.Leads) != 12 || e.N != want || e.ScaleMV != 0.005 {
			t.Errorf("ECG %s: group %s instance %s, %d leads × %d, scale %g", e.Kind, e.Group, e.Instance, len(e.Leads), e.N, e.ScaleMV)
		}
	}
	if len(d.Series) != 1 {
		t.Fatalf("%d series, want 1", len(d.Series))
	}
	s := d.Series[0]
	if s.Name != synth.CineName || s.FrameCount != 30 || s.Rows != 128 || s.Cols != 128 || len(s.Masks) != 1 {
		t.Errorf("series %s: %d×%d × %d frames, %d label maps", s.Name, s.Rows, s.Cols, s.FrameCount, len(s.Masks))
	} else if m := s.Masks[0]; m.Frame != 0 || len(m.Present) < 5 {
		t.Errorf("label map on frame %d with labels %v", m.Frame, m.Present)
	}
	f, err := store.FrameData(ctx, s.ID, 29)
	if err != nil || len(f.Pixels) != 128*128 || f.TimeMS <= 0 {
		t.Errorf("frame 29: %d bytes at %g ms, %v", len(f.Pixels), f.TimeMS, err)
	}
	fields := map[string]data.Field{}
	for _, f := range d.Fields {
		fields[f.Origin+"/"+f.Name] = f
	}
	for _, name := range []string{"demo_cohort.csv/age", "demo_cohort.csv/qt_interval_delta", "demo_cohort.csv/ecg_exercise_program",
		"ukb_ecg_rest/VentricularRate", "ukb_ecg_rest/ecg_rest_text", "ukb_ecg_rest/SokolovLVHIndex"} {
		if _, ok := fields[name]; !ok {
			t.Errorf("no field %s", name)
		}
	}
	if !fields["demo_cohort.csv/qt_interval_delta"].Derived || fields["demo_cohort.csv/age"].Derived {
		t.Errorf("only the deltas should be derived")
	}

	// A second call finds every sample and stores nothing.
	before, _ := os.Stat(path)
	src, _ := store.LookupSource(ctx, "demo://fake_12")
	if err := BuildDemoDB(ctx, path, 12, 7); err != nil {
		t.Fatal(err)
	}
	again, _ := store.LookupSource(ctx, "demo://fake_12")
	if again.ID != src.ID || again.SHA256 != src.SHA256 {
		t.Errorf("second call replaced fake_12: %+v then %+v", src, again)
	}
	if after, _ := os.Stat(path); after.Size() != before.Size() {
		t.Errorf("second call changed the database: %d then %d bytes", before.Size(), after.Size())
	}
}

// A different seed replaces the samples; more samples add to them.
func TestBuildDemoDBReseedAndGrow(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	for _, step := range []struct {
		n    int
		seed int64
	}{{3, 1}, {3, 2}, {5, 2}} {
		if err := BuildDemoDB(ctx, path, step.n, step.seed); err != nil {
			t.Fatal(err)
		}
	}
	store, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for i := 1; i <= 5; i++ {
		src, err := store.LookupSource(ctx, demoSourcePath(i))
		if err != nil || src.SHA256 != demoDigest(i, 2) || src.Kind != "demo" {
			t.Errorf("sample %d: %+v, %v", i, src, err)
		}
	}
}

func TestBuildDemoDBCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := BuildDemoDB(ctx, filepath.Join(t.TempDir(), "demo.db"), 20, 1)
	if err == nil {
		t.Fatal("cancelled build succeeded")
	}
}

func TestDefaultDemoDB(t *testing.T) {
	p, err := DefaultDemoDB()
	if err != nil {
		t.Skip("no cache directory:", err)
	}
	if filepath.Base(p) != "qcterm-demo.db" || filepath.Base(filepath.Dir(p)) != "qcterm" {
		t.Errorf("DefaultDemoDB = %s", p)
	}
}

// BenchmarkBuildDemoDB200 builds the default demo database from nothing. It
// also reports the process's CPU time per build: on a shared machine wall time
// says more about the neighbours.
func BenchmarkBuildDemoDB200(b *testing.B) {
	b.ReportAllocs()
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			b.Fatal(err)
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	for b.Loop() {
		path := filepath.Join(b.TempDir(), "demo.db")
		if err := BuildDemoDB(context.Background(), path, DefaultDemoSamples, DefaultDemoSeed); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpu()-start).Seconds()/float64(b.N), "cpu-s/op")
}
