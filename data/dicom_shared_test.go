package data

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// sharedReal returns ../shared/testdata/real or skips the test when it is absent.
func sharedReal(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(filepath.Dir(sharedDir(t)), "real")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared real files not present (%s): %v", dir, err)
	}
	return dir
}

// sharedWant is a file's entry in testdata/dicom/shared_expected.json
// (testdata/dicom/make_shared_expected.py).
type sharedWant struct {
	imageWant
	Twin       *imageWant `json:"twin"`
	OverlaySum *float64   `json:"overlay_sum"`
	Waveforms  []struct {
		Label        string    `json:"label"`
		RateHz       float64   `json:"rate_hz"`
		Samples      int       `json:"samples"`
		Channels     int       `json:"channels"`
		LeadMeanings []string  `json:"lead_meanings"`
		MVSums       []float64 `json:"mv_sums"`
	} `json:"waveforms"`
}

// sharedDICOMFiles lists the DICOM files under dir as the reference script
// chose them: *.dcm, and files of any name with a preamble and "DICM".
func sharedDICOMFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".dcm") {
			out = append(out, p)
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		head := make([]byte, 132)
		if n, _ := f.Read(head); n == 132 && string(head[128:]) == "DICM" {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestSharedDICOM reads every DICOM file in ../shared/testdata/real: each is
// decoded to the values dcmtk and pydicom give, or reported for its specific reason.
func TestSharedDICOM(t *testing.T) {
	dir := sharedReal(t)
	var wants map[string]sharedWant
	b, err := os.ReadFile(fixture("dicom", "shared_expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &wants); err != nil {
		t.Fatal(err)
	}
	files := sharedDICOMFiles(t, dir)
	if len(files) != len(wants) {
		t.Errorf("%d DICOM files under %s, %d in shared_expected.json", len(files), dir, len(wants))
	}
	for _, path := range files {
		rel := filepath.ToSlash(strings.TrimPrefix(path, dir+string(filepath.Separator)))
		t.Run(rel, func(t *testing.T) {
			w, ok := wants[rel]
			if !ok {
				t.Fatalf("no reference values for %s: rerun testdata/dicom/make_shared_expected.py", rel)
			}
			rec, err := ReadDICOM(path, DefaultReadOptions())
			switch {
			case w.Error != "":
				if err == nil || !strings.Contains(err.Error(), w.Error) || !strings.Contains(err.Error(), path) {
					t.Fatalf("err = %v, want %q naming the file", err, w.Error)
				}
				return
			case err != nil:
				t.Fatal(err)
			case w.Waveforms != nil:
				checkSharedECG(t, rec, w)
				return
			}
			if len(rec.Series) != 1 {
				t.Fatalf("%d series, want 1", len(rec.Series))
			}
			x := &rec.Series[0]
			if w.Status == "" && strings.HasPrefix(x.Status, "not decodable here: JPEG-LS") && !haveTool("dcmdjpls") && !haveTool("gdcmconv") {
				t.Logf("%s (neither dcmdjpls nor gdcmconv on PATH)", x.Status)
				return
			}
			if w.Status != "" {
				if strings.HasPrefix(x.Status, w.Status) {
					if x.Rows != w.Rows || x.Cols != w.Cols {
						t.Errorf("metadata %d×%d, want %d×%d", x.Rows, x.Cols, w.Rows, w.Cols)
					}
					return
				}
				if x.Status != "" {
					t.Fatalf("status %q, want %q", x.Status, w.Status)
				}
				if w.Twin == nil {
					t.Logf("decoded by an external tool; no reference to compare with")
					return
				}
				w.imageWant = *w.Twin // decoded (gdcm installed): must equal its uncompressed twin
			}
			if x.Status != "" {
				t.Fatalf("status %q", x.Status)
			}
			checkSeries(t, rel, x, w.imageWant)
			if w.OverlaySum != nil {
				sum := 0
				if len(x.Masks) == 1 {
					for _, v := range x.Masks[0].Labels {
						sum += int(v)
					}
				}
				if len(x.Masks) != 1 || float64(sum) != *w.OverlaySum {
					t.Errorf("%d masks, overlay sum %d, want 1 with %g", len(x.Masks), sum, *w.OverlaySum)
				}
			}
		})
	}
}

// checkSharedECG compares a waveform file's ECGs with pydicom's sums in mV.
func checkSharedECG(t *testing.T, rec *Record, w sharedWant) {
	t.Helper()
	if len(rec.ECGs) != len(w.Waveforms) {
		t.Fatalf("%d ECGs, want %d", len(rec.ECGs), len(w.Waveforms))
	}
	for i, g := range w.Waveforms {
		e := rec.ECGs[i]
		if e.RateHz != g.RateHz || e.Len() != g.Samples || len(e.Leads) != g.Channels {
			t.Errorf("group %d: %d leads × %d at %g Hz, want %d × %d at %g", i, len(e.Leads), e.Len(), e.RateHz, g.Channels, g.Samples, g.RateHz)
			continue
		}
		for c, meaning := range g.LeadMeanings {
			lead := dicomLeadName(meaning)
			k := -1
			for j, l := range e.Leads {
				if l == lead {
					k = j
				}
			}
			if k < 0 {
				t.Errorf("group %d: no lead %q (from %q) in %v", i, lead, meaning, e.Leads)
				continue
			}
			sum := 0.0
			for _, v := range e.Samples[k] {
				sum += float64(v)
			}
			if mv := sum * e.ScaleMV; math.Abs(mv-g.MVSums[c]) > 1e-4*math.Max(1, math.Abs(g.MVSums[c])) {
				t.Errorf("group %d lead %s: %g mV in all, pydicom %g", i, lead, mv, g.MVSums[c])
			}
		}
	}
}

// TestSharedUKBZip: the shared UK Biobank zip is one 16-frame 256×256 series of
// sample 1000001, in InstanceNumber order, equal to the HDF5 cine of that sample.
func TestSharedUKBZip(t *testing.T) {
	dir := sharedDir(t)
	ctx := context.Background()
	zipPath := filepath.Join(dir, "dicom", "1000001_20208_2_0.zip")
	rec := mustRead(t, ReadZip, zipPath)
	if len(rec.Samples) != 1 || rec.Samples[0] != "1000001" || len(rec.Series) != 1 {
		t.Fatalf("samples %v with %d series, want [1000001] with 1", rec.Samples, len(rec.Series))
	}
	s := openTemp(t)
	if err := s.ReplaceSource(ctx, Source{Path: zipPath, Kind: SourceZip, SHA256: "z"}, rec); err != nil {
		t.Fatal(err)
	}
	d, err := s.Sample(ctx, "1000001")
	if err != nil {
		t.Fatal(err)
	}
	x := d.Series[0]
	if len(d.Series) != 1 || x.Name != "cine_segmented_lax_4ch" || x.FrameCount != 16 || x.Rows != 256 || x.Cols != 256 {
		t.Fatalf("series %s %d×%d × %d frames, want cine_segmented_lax_4ch 256×256 × 16", x.Name, x.Rows, x.Cols, x.FrameCount)
	}
	h5 := mustRead(t, ReadHDF5, filepath.Join(dir, "hd5", "1000001.hd5"))
	var cine *Series
	for i := range h5.Series {
		if h := &h5.Series[i]; h.Name == "cine_segmented_lax_4ch" && h.Instance == "instance_2" {
			cine = h
		}
	}
	if cine == nil || len(cine.Frames) != 16 || cine.Rows != 256 || cine.Cols != 256 {
		t.Fatalf("HDF5 cine_segmented_lax_4ch/instance_2: %+v", cine)
	}
	lastInst := 0
	for k := 0; k < 16; k++ {
		f, err := s.FrameData(ctx, x.ID, k)
		if err != nil {
			t.Fatal(err)
		}
		if f.Instance <= lastInst {
			t.Errorf("frame %d: InstanceNumber %d after %d", k, f.Instance, lastInst)
		}
		lastInst = f.Instance
		got, want := DecodePixels(f.Pixels, x.DType), DecodePixels(cine.Frames[k].Pixels, cine.DType)
		if len(got) != len(want) {
			t.Fatalf("frame %d: %d values, HDF5 %d", k, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("frame %d pixel %d (row %d col %d) = %g, HDF5 %g", k, i, i/256, i%256, got[i], want[i])
			}
		}
	}
}
