package data

import (
	"archive/zip"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// frameWant is what one frame must hold: the sum of its stored values and the
// values on a grid of every StepR-th row and StepC-th column (all channels).
type frameWant struct {
	Sum  float64   `json:"sum"`
	Grid []float64 `json:"grid"`
}

// tolerance bounds a lossy decode against the reference decoder's.
type tolerance struct {
	Mean float64 `json:"mean"`
	Max  float64 `json:"max"`
}

// imageWant is a file's entry in testdata/dicom/expected.json (or shared_expected.json).
type imageWant struct {
	Rows        int         `json:"rows"`
	Cols        int         `json:"cols"`
	Channels    int         `json:"channels"`
	DType       string      `json:"dtype"`
	Photometric string      `json:"photometric"`
	StepR       int         `json:"step_r"`
	StepC       int         `json:"step_c"`
	Frames      []frameWant `json:"frames"`
	Tolerance   *tolerance  `json:"tolerance"`
	External    string      `json:"external"` // decoded by an external tool: its transfer syntax name
	Error       string      `json:"error"`    // the file must be refused with this text
	Status      string      `json:"status"`   // the file is reported with this status
	Rescale     []float64   `json:"rescale"`
	FrameTimeMS float64     `json:"frame_time_ms"`
	Overlay     *frameWant  `json:"overlay"`
	Sample      string      `json:"sample"`
	SeriesName  string      `json:"series_name"`
	Instance    string      `json:"instance"`
	Warnings    []string    `json:"warnings"`
	ECG         *struct {
		Leads   []string  `json:"leads"`
		RateHz  float64   `json:"rate_hz"`
		Samples int       `json:"samples"`
		ScaleMV float64   `json:"scale_mv"`
		Sums    []float64 `json:"sums"`
		First   []float64 `json:"first"`
	} `json:"ecg"`
}

func loadWants(t *testing.T, path string) map[string]imageWant {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]imageWant
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// haveTool reports whether an external decoder is on PATH.
func haveTool(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}

// checkFrame compares one decoded frame with its expected sum and grid:
// exactly, or within tol for lossy files.
func checkFrame(t *testing.T, what string, x *Series, px []byte, want frameWant, w imageWant) {
	t.Helper()
	vals := DecodePixels(px, x.DType)
	ch := max(x.Channels, 1)
	if len(vals) != x.Rows*x.Cols*ch {
		t.Errorf("%s: %d values, want %d×%d×%d", what, len(vals), x.Rows, x.Cols, ch)
		return
	}
	var got []float64
	for r := 0; r < x.Rows; r += w.StepR {
		for c := 0; c < x.Cols; c += w.StepC {
			for k := 0; k < ch; k++ {
				got = append(got, vals[(r*x.Cols+c)*ch+k])
			}
		}
	}
	if len(got) != len(want.Grid) {
		t.Errorf("%s: grid of %d values, want %d", what, len(got), len(want.Grid))
		return
	}
	if w.Tolerance == nil {
		sum := 0.0
		for _, v := range vals {
			sum += v
		}
		if sum != want.Sum {
			t.Errorf("%s: sum %g, want %g", what, sum, want.Sum)
		}
		for i := range got {
			if got[i] != want.Grid[i] {
				t.Errorf("%s: grid value %d = %g, want %g", what, i, got[i], want.Grid[i])
				return
			}
		}
		return
	}
	var total, worst float64
	for i := range got {
		d := math.Abs(got[i] - want.Grid[i])
		total += d
		worst = math.Max(worst, d)
	}
	mean := total / float64(len(got))
	t.Logf("%s: lossy, mean |diff| %.3f, max %g against the reference decoder", what, mean, worst)
	if mean > w.Tolerance.Mean || worst > w.Tolerance.Max {
		t.Errorf("%s: mean |diff| %.3f, max %g; allowed %g, %g", what, mean, worst, w.Tolerance.Mean, w.Tolerance.Max)
	}
}

// checkSeries compares a read series' geometry and every frame with w.
func checkSeries(t *testing.T, name string, x *Series, w imageWant) {
	t.Helper()
	if x.Rows != w.Rows || x.Cols != w.Cols || x.Channels != w.Channels || x.DType != w.DType {
		t.Fatalf("%s: %d×%d×%d %s, want %d×%d×%d %s", name, x.Rows, x.Cols, x.Channels, x.DType, w.Rows, w.Cols, w.Channels, w.DType)
	}
	if w.Photometric != "" && x.Photometric != w.Photometric {
		t.Errorf("%s: photometric %q, want %q", name, x.Photometric, w.Photometric)
	}
	if len(x.Frames) != len(w.Frames) {
		t.Fatalf("%s: %d frames, want %d", name, len(x.Frames), len(w.Frames))
	}
	for k, f := range x.Frames {
		checkFrame(t, name+" frame "+strconv.Itoa(k), x, f.Pixels, w.Frames[k], w)
	}
}

// TestDICOMFixtures reads every project-owned DICOM fixture and compares it
// with the values pydicom and dcmtk computed (testdata/dicom/make_fixtures.py).
func TestDICOMFixtures(t *testing.T) {
	wants := loadWants(t, fixture("dicom", "expected.json"))
	names := make([]string, 0, len(wants))
	for n := range wants {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		w := wants[name]
		if w.ECG != nil || strings.HasSuffix(name, ".zip") {
			continue // TestDICOMECG, TestDICOMZip
		}
		t.Run(name, func(t *testing.T) {
			path := fixture("dicom", name)
			rec, err := ReadDICOM(path, DefaultReadOptions())
			if w.Error != "" {
				if err == nil {
					t.Fatalf("read without error, want %q", w.Error)
				}
				if !strings.Contains(err.Error(), w.Error) || !strings.Contains(err.Error(), path) {
					t.Fatalf("err = %v, want %q naming the file", err, w.Error)
				}
				if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrUnsupported) && !errors.Is(err, ErrTooLarge) {
					t.Errorf("err = %v, not one of the sentinel errors", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Series) != 1 || len(rec.Samples) != 1 || rec.Samples[0] != "7000002" {
				t.Fatalf("%d series for samples %v, want 1 for 7000002", len(rec.Series), rec.Samples)
			}
			x := &rec.Series[0]
			if w.External != "" && !haveTool("dcmdjpls") && !haveTool("gdcmconv") {
				if want := "not decodable here: " + w.External; !strings.HasPrefix(x.Status, want) {
					t.Errorf("status %q, want %q", x.Status, want)
				}
				return
			}
			if x.Status != "" {
				t.Fatalf("status %q", x.Status)
			}
			checkSeries(t, name, x, w)
			if len(w.Rescale) == 2 && (x.RescaleSlope != w.Rescale[0] || x.RescaleInter != w.Rescale[1]) {
				t.Errorf("rescale %g, %g, want %v (stored, not applied)", x.RescaleSlope, x.RescaleInter, w.Rescale)
			}
			if w.FrameTimeMS > 0 && len(x.Frames) > 1 && x.Frames[1].TimeMS-x.Frames[0].TimeMS != w.FrameTimeMS {
				t.Errorf("frame times %g, %g, want %g apart", x.Frames[0].TimeMS, x.Frames[1].TimeMS, w.FrameTimeMS)
			}
			if w.Overlay != nil {
				checkOverlay(t, x, *w.Overlay)
			}
		})
	}
}

func checkOverlay(t *testing.T, x *Series, want frameWant) {
	t.Helper()
	if len(x.Masks) != 1 || x.Masks[0].Name != "overlay_6000" || x.Masks[0].Frame != 0 {
		t.Fatalf("masks %+v, want overlay_6000 on frame 0", x.Masks)
	}
	m := x.Masks[0]
	sum := 0.0
	for _, v := range m.Labels {
		sum += float64(v)
	}
	var grid []float64
	for r := 0; r < m.Rows; r += 2 {
		for c := 0; c < m.Cols; c += 2 {
			grid = append(grid, float64(m.Labels[r*m.Cols+c]))
		}
	}
	if sum != want.Sum || len(grid) != len(want.Grid) {
		t.Fatalf("overlay sum %g over %d grid points, want %g over %d", sum, len(grid), want.Sum, len(want.Grid))
	}
	for i := range grid {
		if grid[i] != want.Grid[i] {
			t.Fatalf("overlay grid value %d = %g, want %g", i, grid[i], want.Grid[i])
		}
	}
}

// TestDICOMNotDecodableHere hides dcmtk and gdcm: JPEG-LS frames are missing and
// the series says why, keeping its metadata.
func TestDICOMNotDecodableHere(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	rec, err := ReadDICOM(fixture("dicom", "mr_jpegls.dcm"), DefaultReadOptions())
	if err != nil {
		t.Fatal(err)
	}
	x := rec.Series[0]
	want := "not decodable here: JPEG-LS Lossless; install dcmtk (dcmdjpls) or gdcm (gdcmconv)"
	if x.Status != want || len(x.Frames) != 1 || x.Frames[0].Pixels != nil {
		t.Errorf("status %q with %d frames, want %q and one frame without pixels", x.Status, len(x.Frames), want)
	}
	if x.Rows != 24 || x.Cols != 32 || x.Modality != "MR" || x.BitsStored != 12 {
		t.Errorf("metadata lost: %d×%d %s %d bits", x.Rows, x.Cols, x.Modality, x.BitsStored)
	}
}

// TestDICOMMetadata checks what a series keeps besides pixels.
func TestDICOMMetadata(t *testing.T) {
	rec := mustRead(t, ReadDICOM, fixture("dicom", "ct_signed16.dcm"))
	x := rec.Series[0]
	if x.Name != "qcterm_ct_signed" || x.Modality != "CT" || x.SpacingRow != 1.25 || x.SpacingCol != 1.5 ||
		x.SliceThickness != 8 || x.WindowCenter != 1000 || x.WindowWidth != 2000 || x.BitsStored != 16 ||
		x.Photometric != "MONOCHROME2" || x.Frames[0].SlicePos != 10 || x.Frames[0].Instance != 1 {
		t.Errorf("series %+v", x)
	}
}

// TestDICOMECG reads the 12-lead waveform fixture as an ECG in mV.
func TestDICOMECG(t *testing.T) {
	w := loadWants(t, fixture("dicom", "expected.json"))["ecg_12lead.dcm"].ECG
	rec := mustRead(t, ReadDICOM, fixture("dicom", "ecg_12lead.dcm"))
	if len(rec.ECGs) != 1 || len(rec.Series) != 0 {
		t.Fatalf("%d ECGs, %d series, want 1, 0", len(rec.ECGs), len(rec.Series))
	}
	e := rec.ECGs[0]
	if strings.Join(e.Leads, ",") != strings.Join(w.Leads, ",") || e.RateHz != w.RateHz || e.Len() != w.Samples || e.Kind != KindStrip {
		t.Fatalf("ECG %v at %g Hz × %d (%s), want %v at %g × %d", e.Leads, e.RateHz, e.Len(), e.Kind, w.Leads, w.RateHz, w.Samples)
	}
	if math.Abs(e.ScaleMV-w.ScaleMV) > 1e-12 {
		t.Errorf("scale %g mV, want %g", e.ScaleMV, w.ScaleMV)
	}
	for i := range e.Leads {
		sum := 0.0
		for _, v := range e.Samples[i] {
			sum += float64(v)
		}
		if sum != w.Sums[i] || float64(e.Samples[i][0]) != w.First[i] {
			t.Errorf("lead %s: sum %g first %g, want %g, %g", e.Leads[i], sum, e.Samples[i][0], w.Sums[i], w.First[i])
		}
	}
}

// TestDICOMZip reads the UK Biobank style zip: one series for the sample named by
// the zip, frames in InstanceNumber order once stored, junk and traversal entries warned about.
func TestDICOMZip(t *testing.T) {
	const name = "7000001_20208_2_0.zip"
	w := loadWants(t, fixture("dicom", "expected.json"))[name]
	path := fixture("dicom", name)
	rec := mustRead(t, ReadZip, path)
	if len(rec.Samples) != 1 || string(rec.Samples[0]) != w.Sample || len(rec.Series) != 1 {
		t.Fatalf("samples %v, %d series; want [%s], 1", rec.Samples, len(rec.Series), w.Sample)
	}
	for _, entry := range w.Warnings {
		found := false
		for _, msg := range rec.Warnings {
			found = found || strings.Contains(msg, `"`+entry+`"`)
		}
		if !found {
			t.Errorf("no warning about entry %q in %q", entry, rec.Warnings)
		}
	}
	x := rec.Series[0]
	if x.Name != w.SeriesName || x.Instance != w.Instance || len(x.Frames) != len(w.Frames) {
		t.Fatalf("series %s/%s with %d frames, want %s/%s with %d", x.Name, x.Instance, len(x.Frames), w.SeriesName, w.Instance, len(w.Frames))
	}
	ctx := context.Background()
	s := openTemp(t)
	if err := s.ReplaceSource(ctx, Source{Path: path, Kind: SourceZip, SHA256: "z"}, rec); err != nil {
		t.Fatal(err)
	}
	d, err := s.Sample(ctx, SampleID(w.Sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Series) != 1 || d.Series[0].FrameCount != len(w.Frames) {
		t.Fatalf("stored %d series, want 1 of %d frames", len(d.Series), len(w.Frames))
	}
	stored := d.Series[0]
	for k := range w.Frames {
		f, err := s.FrameData(ctx, stored.ID, k)
		if err != nil {
			t.Fatal(err)
		}
		if f.Instance != k+1 || f.TimeMS != 40*float64(k) {
			t.Errorf("frame %d: instance %d at %g ms, want %d at %g", k, f.Instance, f.TimeMS, k+1, 40*float64(k))
		}
		checkFrame(t, "stored frame "+strconv.Itoa(k), &stored, f.Pixels, w.Frames[k], w)
	}
}

// TestDICOMZipBadEntry: a broken DICOM entry refuses the zip, naming the zip and the entry.
func TestDICOMZipBadEntry(t *testing.T) {
	path := filepath.Join(t.TempDir(), "7000003_20208_2_0.zip")
	zf, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(zf)
	for _, name := range []string{"mr_explicit_le.dcm", "bad_truncated_pixels.dcm"} {
		b, err := os.ReadFile(fixture("dicom", name))
		if err != nil {
			t.Fatal(err)
		}
		e, err := zw.Create("dir/" + name)
		if err != nil {
			t.Fatal(err)
		}
		e.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zf.Close()
	_, err = ReadZip(path, DefaultReadOptions())
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "entry dir/bad_truncated_pixels.dcm") {
		t.Errorf("err = %v, want malformed naming the zip and entry dir/bad_truncated_pixels.dcm", err)
	}
	junk := filepath.Join(t.TempDir(), "x.zip")
	os.WriteFile(junk, []byte("PK\x03\x04 not really"), 0o644)
	if _, err := ReadZip(junk, DefaultReadOptions()); !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), junk) {
		t.Errorf("broken zip: err = %v", err)
	}
}

// TestDICOMMaxElements: a file claiming more values than allowed is refused before decoding.
func TestDICOMMaxElements(t *testing.T) {
	opts := DefaultReadOptions()
	opts.MaxElements = 100
	_, err := ReadDICOM(fixture("dicom", "mr_multiframe.dcm"), opts)
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

func TestLooksLikeDICOM(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"mr_explicit_le.dcm", true}, {"mr_no_meta.dcm", true}, {"bad_not_dicom.dcm", false}, {"7000001_20208_2_0.zip", false},
	} {
		b, err := os.ReadFile(fixture("dicom", tc.name))
		if err != nil {
			t.Fatal(err)
		}
		if got := LooksLikeDICOM(b[:min(len(b), 512)]); got != tc.want {
			t.Errorf("%s: LooksLikeDICOM = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestDICOMPatchedHeaders are regressions: headers edited to lie about the
// pixels must be refused with a reason, never panic or allocate what the file cannot hold.
func TestDICOMPatchedHeaders(t *testing.T) {
	for _, tc := range []struct {
		file, tag string // tag: little-endian group, element and explicit VR "US"
		value     []byte
		want      string
	}{
		// expandYBR422 read past the last row when Columns was odd.
		{"ybr_full_422_native.dcm", "\x28\x00\x11\x00US\x02\x00", []byte{31, 0}, "odd number of columns"},
		// NumberOfFrames far beyond the file: refused before any per-frame allocation.
		{"mr_multiframe.dcm", "\x28\x00\x08\x00IS\x02\x00", []byte("9999999999"), "frames in a file of"},
	} {
		b, err := os.ReadFile(fixture("dicom", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		i := strings.Index(string(b), tc.tag)
		if i < 0 {
			t.Fatalf("%s: no element %q", tc.file, tc.tag)
		}
		var out []byte
		if string(tc.tag[4:6]) == "IS" { // a string value: replace it whole, keeping the length even
			n := int(b[i+6]) | int(b[i+7])<<8
			v := tc.value
			if len(v)%2 == 1 {
				v = append(v, ' ')
			}
			out = append(append(append([]byte{}, b[:i+6]...), byte(len(v)), byte(len(v)>>8)), v...)
			out = append(out, b[i+8+n:]...) // no group lengths after the meta group: nothing else to fix
		} else {
			out = append([]byte{}, b...)
			copy(out[i+len(tc.tag):], tc.value)
		}
		rec := &Record{}
		err = readDICOMObject(out, dicomFile{name: tc.file}, DefaultReadOptions(), rec, map[SampleID]bool{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.file, err, tc.want)
		}
	}
}

// TestDICOMClaimedLengths is a fuzzing regression: an element claiming far more
// bytes than the file holds is refused before the parser allocates its length.
func TestDICOMClaimedLengths(t *testing.T) {
	b, err := os.ReadFile(fixture("dicom", "mr_explicit_le.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(b), "\xe0\x7f\x10\x00OW\x00\x00")
	if i < 0 {
		t.Fatal("no pixel data element")
	}
	for _, vl := range []uint32{0xF0000000, 0xFFFFFFF0} {
		out := append([]byte{}, b...)
		binary.LittleEndian.PutUint32(out[i+8:], vl)
		rec := &Record{}
		err := readDICOMObject(out, dicomFile{name: "x.dcm"}, DefaultReadOptions(), rec, map[SampleID]bool{})
		if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "pixel data truncated: element (7fe0,0010) claims") {
			t.Errorf("length %#x: err = %v", vl, err)
		}
	}
	// The same inside a sequence item (nested elements are checked too).
	ecg, err := os.ReadFile(fixture("dicom", "ecg_12lead.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	j := strings.Index(string(ecg), "\x00\x54\x10\x10OW\x00\x00") // WaveformData
	if j < 0 {
		t.Fatal("no waveform data element")
	}
	binary.LittleEndian.PutUint32(ecg[j+8:], 0xF0000000)
	err = readDICOMObject(ecg, dicomFile{name: "e.dcm"}, DefaultReadOptions(), &Record{}, map[SampleID]bool{})
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "element (5400,1010) claims") {
		t.Errorf("waveform data: err = %v", err)
	}
}
