package data

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sums are the reference sums testdata/make_fixtures.py computed with h5py.
func sums(t *testing.T) map[string]map[string]float64 {
	t.Helper()
	b, err := os.ReadFile(fixture("shared_sums.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]map[string]float64
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

// TestSharedHDF5 checks every value qcterm stores from the shared ml4h files
// against sums h5py computed from the same files.
func TestSharedHDF5(t *testing.T) {
	dir := sharedDir(t)
	ref := sums(t)
	ctx := context.Background()
	s := openTemp(t)
	for _, id := range []string{"1000001", "1000002", "1000003", "1000004"} {
		path := filepath.Join(dir, "hd5", id+".hd5")
		rec := mustRead(t, ReadHDF5, path)
		if len(rec.Warnings) > 0 {
			t.Errorf("%s: warnings %q", id, rec.Warnings)
		}
		if err := s.ReplaceSource(ctx, Source{Path: path, Kind: SourceHDF5}, rec); err != nil {
			t.Fatal(err)
		}
		checked := 0
		want := ref[id]
		d, err := s.Sample(ctx, SampleID(id))
		if err != nil {
			t.Fatal(err)
		}
		for _, meta := range d.ECGs {
			e, err := s.ECGData(ctx, meta.ID)
			if err != nil {
				t.Fatal(err)
			}
			for i, lead := range e.Leads {
				key := e.Group + "/" + e.Kind + "_" + lead + "/" + e.Instance
				sum := 0.0
				for _, v := range e.Samples[i] {
					sum += float64(v)
				}
				if !near(sum, want[key]) {
					t.Errorf("%s %s: sum %g, h5py %g", id, key, sum, want[key])
				}
				checked++
			}
		}
		for _, x := range d.Series {
			sum := 0.0
			for k := 0; k < x.FrameCount; k++ {
				f, err := s.FrameData(ctx, x.ID, k)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range DecodePixels(f.Pixels, x.DType) {
					sum += v
				}
			}
			key := x.Group + "/" + x.Name + "/" + x.Instance
			if !near(sum, want[key]) {
				t.Errorf("%s %s: pixel sum %g, h5py %g", id, key, sum, want[key])
			}
			checked++
		}
		for _, f := range d.Fields {
			key := strings.TrimPrefix(f.Origin+"/"+f.Name, "//")
			if f.Instance != "" {
				key += "/" + f.Instance
			}
			if w, ok := want[key]; ok {
				if f.Value.Missing || f.Value.IsText || !near(f.Value.Num, w) {
					t.Errorf("%s field %s = %+v, h5py %g", id, key, f.Value, w)
				}
				checked++
			}
		}
		// Every float dataset h5py saw, except geometry folded into the series and
		// per-lead amplitude arrays stored element by element, was compared.
		expect := 0
		for k := range want {
			if !strings.HasPrefix(k, "mri_pixel_") && !strings.Contains(k, "amplitude") && !strings.Contains(k, "_annotated_") {
				expect++
			}
		}
		if checked != expect {
			t.Errorf("%s: compared %d datasets, h5py listed %d", id, checked, expect)
		}
	}
	// The facts the issue names.
	d, _ := s.Sample(ctx, "1000001")
	strip, median := d.ECGs[0], d.ECGs[1]
	if strip.Kind != KindStrip || len(strip.Leads) != 12 || strip.Len() != 5000 || strip.RateHz != 500 {
		t.Errorf("1000001 strip = %s %d leads × %d at %g Hz", strip.Kind, len(strip.Leads), strip.Len(), strip.RateHz)
	}
	if median.Kind != KindMedian || len(median.Leads) != 12 || median.Len() != 600 {
		t.Errorf("1000001 median = %s %d leads × %d", median.Kind, len(median.Leads), median.Len())
	}
	if len(d.Series) != 1 || d.Series[0].Name != "cine_segmented_lax_4ch" || d.Series[0].Rows != 256 ||
		d.Series[0].Cols != 256 || d.Series[0].FrameCount != 16 || len(d.Series[0].Masks) != 1 {
		t.Errorf("1000001 series = %+v", d.Series)
	}
	d2, _ := s.Sample(ctx, "1000002")
	if len(d2.Series) != 1 || d2.Series[0].Group != "ukb_brain_mri" || d2.Series[0].Rows != 64 || d2.Series[0].FrameCount != 10 {
		t.Errorf("1000002 series = %+v", d2.Series)
	}
}

// TestSharedCohort checks the 20,000-row cohort table against Python's sums.
func TestSharedCohort(t *testing.T) {
	dir := sharedDir(t)
	ref := sums(t)["cohort.csv"]
	rec := mustRead(t, ReadTable, filepath.Join(dir, "cohort.csv"))
	if len(rec.Samples) != int(ref["rows"]) || len(rec.Samples) != 20000 {
		t.Fatalf("samples = %d, want %g", len(rec.Samples), ref["rows"])
	}
	got := map[string]float64{}
	for _, f := range rec.Fields {
		if !f.Value.Missing && !f.Value.IsText {
			got[f.Name] += f.Value.Num
		}
	}
	for col, want := range ref {
		if col == "rows" {
			continue
		}
		if !near(got[col], want) {
			t.Errorf("%s: sum %.6f, Python %.6f", col, got[col], want)
		}
	}
}
