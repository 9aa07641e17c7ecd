package data

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadHDF5Good(t *testing.T) {
	rec, err := ReadHDF5(fixture("hd5", "2000001.hd5"), DefaultReadOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Samples) != 1 || rec.Samples[0] != "2000001" {
		t.Errorf("samples = %v, want [2000001]", rec.Samples)
	}
	if len(rec.Warnings) != 0 {
		t.Errorf("warnings = %q, want none", rec.Warnings)
	}
	var kinds []string
	for _, e := range rec.ECGs {
		kinds = append(kinds, e.Kind+"/"+e.Instance)
		if got := strings.Join(e.Leads, ","); got != strings.Join(StandardLeads, ",") {
			t.Errorf("%s leads = %s", e.Kind, got)
		}
		if e.ScaleMV != DefaultScaleMV || e.Date != 1462269600 {
			t.Errorf("%s scale %g date %d", e.Kind, e.ScaleMV, e.Date)
		}
	}
	if got, want := strings.Join(kinds, " "), "strip/instance_0 median/instance_0 strip/instance_1 median/instance_1"; got != want {
		t.Errorf("ECGs = %s, want %s", got, want)
	}
	strip := rec.ECGs[0]
	if strip.Len() != 5000 || strip.RateHz != 500 || strip.Duration() != 10 {
		t.Errorf("strip: %d samples at %g Hz", strip.Len(), strip.RateHz)
	}
	if med := rec.ECGs[1]; med.Len() != 600 || med.RateHz != 500 {
		t.Errorf("median: %d samples at %g Hz", med.Len(), med.RateHz)
	}

	byName := map[string]Series{}
	for _, s := range rec.Series {
		byName[s.Name+"/"+s.Instance] = s
	}
	cine := byName["cine_segmented_lax_2ch/instance_0"]
	if cine.Rows != 24 || cine.Cols != 20 || len(cine.Frames) != 5 || cine.DType != DTypeUint8 {
		t.Fatalf("cine = %d×%d×%d %s", cine.Rows, cine.Cols, len(cine.Frames), cine.DType)
	}
	if cine.SpacingCol != 1.25 || cine.SpacingRow != 1.5 || cine.SliceThickness != 8 {
		t.Errorf("cine spacing %g×%g thickness %g", cine.SpacingRow, cine.SpacingCol, cine.SliceThickness)
	}
	// The fixture's value at (r, c, k) is (r*20*5 + c*5 + k) % 251.
	for _, at := range [][3]int{{0, 0, 0}, {3, 7, 2}, {23, 19, 4}} {
		r, c, k := at[0], at[1], at[2]
		got := cine.Frames[k].Pixels[r*20+c]
		if want := byte((r*100 + c*5 + k) % 251); got != want {
			t.Errorf("pixel (%d,%d) frame %d = %d, want %d", r, c, k, got, want)
		}
	}
	if len(cine.Masks) != 1 || cine.Masks[0].Frame != 2 {
		t.Fatalf("masks = %+v, want one on frame 2 (ml4h _annotated_3)", cine.Masks)
	}
	counts := map[byte]int{}
	for _, v := range cine.Masks[0].Labels {
		counts[v]++
	}
	if counts[11] != 20 || counts[9] != 40 {
		t.Errorf("label counts = %v, want 11:20 9:40", counts)
	}
	half := byName["cine_segmented_lax_2ch/instance_1"]
	if half.DType != DTypeFloat32 || len(half.Masks) != 0 {
		t.Errorf("instance_1 dtype %s masks %d", half.DType, len(half.Masks))
	}
	if v := DecodePixels(half.Frames[1].Pixels, half.DType)[0]; v != 0.75 {
		t.Errorf("instance_1 frame 1 pixel 0 = %g, want 0.75", v)
	}
	vf := byName["cine_segmented_sax_inlinevf/instance_0"]
	if len(vf.Frames) != 3 || vf.Slices != 3 || vf.DType != DTypeUint16 {
		t.Fatalf("inlinevf = %d frames %d slices %s", len(vf.Frames), vf.Slices, vf.DType)
	}
	for i, want := range []float64{1100, 1200, 1300} {
		if got := DecodePixels(vf.Frames[i].Pixels, vf.DType)[0]; got != want {
			t.Errorf("inlinevf frame %d = %g, want %g (InstanceNumber order)", i, got, want)
		}
	}

	fields := map[string]Value{}
	for _, f := range rec.Fields {
		fields[f.Origin+"/"+f.Name+"/"+f.Instance] = f.Value
	}
	for key, want := range map[string]Value{
		"categorical/sex/":                        Number(1),
		"continuous/21002_Weight_2_0/":            Number(81.5),
		"dates/enroll_date/":                      Text("2010-03-04"),
		"ukb_ecg_rest/VentricularRate/instance_1": Number(72),
		"ukb_ecg_rest/ramplitude_V6/instance_0":   Number(110),
		"ukb_ecg_rest/ecg_rest_text/instance_0":   Text("Sinus rhythm; normal ECG \x1b[31m(red)"),
	} {
		if got, ok := fields[key]; !ok || got != want {
			t.Errorf("field %s = %+v (present %v), want %+v", key, got, ok, want)
		}
	}
}

func TestReadHDF5Variant(t *testing.T) {
	rec, err := ReadHDF5(fixture("hd5", "2000002.hd5"), DefaultReadOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.ECGs) != 1 {
		t.Fatalf("ECGs = %d, want the strip only (the median lead is 2-D)", len(rec.ECGs))
	}
	e := rec.ECGs[0]
	if e.Instance != "" || len(e.Leads) != 10 || e.Len() != 2500 || e.RateHz != 250 {
		t.Errorf("strip instance %q, %d leads × %d at %g Hz", e.Instance, len(e.Leads), e.Len(), e.RateHz)
	}
	if len(rec.Series) != 0 {
		t.Errorf("series = %d, want 0 (bike ECG arrays are not images)", len(rec.Series))
	}
	want := []string{"no instance level", "missing leads V5, V6", "lead I skipped", "ukb_ecg_bike/strip/instance_0"}
	all := strings.Join(rec.Warnings, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("warnings lack %q:\n%s", w, all)
		}
	}
	// int16 counts come through as exact values.
	for _, v := range e.Samples[0] {
		if v != float32(math.Trunc(float64(v))) {
			t.Fatalf("int16 lead value %g is not an integer", v)
		}
	}
}

func TestReadHDF5Rejects(t *testing.T) {
	for _, tc := range []struct {
		file string
		is   error
		msg  string
	}{
		{"bad_truncated.hd5", ErrMalformed, "not readable as HDF5"},
		{"bad_not_hdf5.hd5", ErrMalformed, "not an HDF5 file"},
		{"bad_empty.hd5", ErrUnsupported, "no ml4h ECG, MRI or field datasets"},
		{"bad_huge.hd5", ErrTooLarge, "exceeds the limit of 67108864 elements"},
		{"does_not_exist.hd5", nil, "no such file"},
	} {
		path := fixture("hd5", tc.file)
		rec, err := ReadHDF5(path, DefaultReadOptions())
		if err == nil {
			t.Errorf("%s: read %+v, want an error", tc.file, rec)
			continue
		}
		if tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("%s: error %v is not %v", tc.file, err, tc.is)
		}
		if !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %q should name the file and say %q", tc.file, err, tc.msg)
		}
	}
}

func TestReadHDF5MaxElements(t *testing.T) {
	opts := DefaultReadOptions()
	opts.MaxElements = 1000 // below one 5000-sample lead
	_, err := ReadHDF5(fixture("hd5", "2000001.hd5"), opts)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestReadHDF5EveryTruncation(t *testing.T) {
	whole, err := os.ReadFile(fixture("hd5", "2000002.hd5"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, n := range []int{0, 7, 8, 100, 512, 2048, len(whole) / 2, len(whole) - 1} {
		p := filepath.Join(dir, "cut.hd5")
		if err := os.WriteFile(p, whole[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadHDF5(p, DefaultReadOptions()); err == nil && n < len(whole)/2 {
			t.Errorf("truncated to %d bytes: no error", n)
		}
	}
}

func TestParseDatasetInfo(t *testing.T) {
	for _, tc := range []struct {
		in    string
		class string
		dims  []int
		bad   bool
	}{
		{"Dataset: float (size=8 bytes), 1D array [5000], chunked (chunks=[5000 8])", "float", []int{5000}, false},
		{"Dataset: float (size=4 bytes), 2D array [256 x 256], chunked (chunks=[32 64 4])", "float", []int{256, 256}, false},
		{"Dataset: float (size=4 bytes), 3D array [256 256 16], chunked (x)", "float", []int{256, 256, 16}, false},
		{"Dataset: class_9 (size=16 bytes), scalar, contiguous (address=0x1, size=16)", "class_9", nil, false},
		{"Dataset: integer (size=2 bytes), 2D array [3], x", "", nil, true},
		{"something else", "", nil, true},
	} {
		got, err := parseDatasetInfo(tc.in)
		if (err != nil) != tc.bad {
			t.Errorf("parse(%q) error = %v", tc.in, err)
			continue
		}
		if tc.bad {
			continue
		}
		if got.class != tc.class || len(got.dims) != len(tc.dims) {
			t.Errorf("parse(%q) = %+v", tc.in, got)
		}
		for i := range tc.dims {
			if got.dims[i] != tc.dims[i] {
				t.Errorf("parse(%q) dims = %v, want %v", tc.in, got.dims, tc.dims)
			}
		}
	}
	if n := (dsInfo{dims: []int{1 << 40, 1 << 40}}).elements(); n != -1 {
		t.Errorf("overflowing shape counts %d elements, want -1", n)
	}
}
