package codec

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// dctRealFile is one entry of dct_real.json: references for the frames of
// a lossy JPEG DICOM, decoded by dcmtk's dcmdjpeg (see make_dct.py).
type dctRealFile struct {
	File    string `json:"file"`
	Rows    int    `json:"rows"`
	Cols    int    `json:"cols"`
	SPP     int    `json:"spp"`
	Bits    int    `json:"bits"`
	NFrames int    `json:"nframes"`
	Frames  []struct {
		Index  int    `json:"index"`
		SHA256 string `json:"sha256"` // of dcmdjpeg +cn, little-endian uint16
		Stride int    `json:"stride"`
		Sample string `json:"sample"` // every stride-th sample, base64 uint16 LE
		RGB    string `json:"rgb_sample"`
	} `json:"frames"`
}

// sampleDiff compares every stride-th sample of got with the base64
// reference sample.
func sampleDiff(t *testing.T, got []uint16, stride int, ref string) (int, float64) {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(ref)
	if err != nil {
		t.Fatal(err)
	}
	want := u16LE(b)
	var picked []uint16
	for i := 0; i < len(got); i += stride {
		picked = append(picked, got[i])
	}
	if len(picked) != len(want) {
		t.Fatalf("%d sampled values, reference has %d", len(picked), len(want))
	}
	return absDiff(picked, want)
}

func TestDecodeJPEGReal(t *testing.T) {
	if _, err := os.Stat(realDir); err != nil {
		t.Skipf("real DICOM files not present (%v); they live in ../shared/testdata/real", err)
	}
	var files []dctRealFile
	if err := json.Unmarshal(readFixture(t, "dct_real.json"), &files); err != nil {
		t.Fatalf("dct_real.json: %v", err)
	}
	for _, rf := range files {
		t.Run(rf.File, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(realDir, rf.File))
			if err != nil {
				t.Fatal(err)
			}
			frames, err := encapsulatedFrames(b, rf.NFrames)
			if err != nil {
				t.Fatal(err)
			}
			tol := lossyTolerance(rf.Bits)
			for _, ref := range rf.Frames {
				fr, err := DecodeJPEG(frames[ref.Index])
				if err != nil {
					t.Fatalf("frame %d: %v", ref.Index, err)
				}
				if fr.Width != rf.Cols || fr.Height != rf.Rows || fr.Components != rf.SPP {
					t.Fatalf("frame %d: %d×%d×%d, want %d×%d×%d", ref.Index, fr.Width, fr.Height, fr.Components,
						rf.Cols, rf.Rows, rf.SPP)
				}
				sum := sha256.Sum256(samplesLE(fr.Samples))
				exact := hex.EncodeToString(sum[:]) == ref.SHA256
				maxd, mean := sampleDiff(t, fr.Samples, ref.Stride, ref.Sample)
				t.Logf("frame %d: identical to dcmdjpeg: %v; sampled max abs diff %d, mean %.4f", ref.Index, exact, maxd, mean)
				if maxd > tol {
					t.Errorf("frame %d: max abs diff %d from dcmdjpeg (mean %.4f), want ≤ %d", ref.Index, maxd, mean, tol)
				}
				if ref.RGB == "" {
					continue
				}
				YBRToRGB(fr.Samples, fr.Precision)
				maxd, mean = sampleDiff(t, fr.Samples, ref.Stride, ref.RGB)
				t.Logf("frame %d RGB: sampled max abs diff %d, mean %.4f", ref.Index, maxd, mean)
				if maxd > tol {
					t.Errorf("frame %d RGB: max abs diff %d from dcmdjpeg (mean %.4f), want ≤ %d", ref.Index, maxd, mean, tol)
				}
			}
		})
	}
}
