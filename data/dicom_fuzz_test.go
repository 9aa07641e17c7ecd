package data

import (
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"testing"
)

// dicomSeeds are the project's DICOM fixtures and the regression inputs fuzzing found.
func dicomSeeds(f *testing.F) [][]byte {
	f.Helper()
	paths, err := filepath.Glob(fixture("dicom", "*.dcm"))
	if err != nil {
		f.Fatal(err)
	}
	found, _ := filepath.Glob(fixture("dicom", "fuzz", "*"))
	var out [][]byte
	for _, p := range append(paths, found...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// FuzzReadDICOM feeds mutated DICOM objects to the reader as ingest runs it in
// process (the strict subset; anything else is ErrNotStrict, for the isolated
// reader, fuzzed in app): the third-party parser's panics become errors, and
// qcterm's own code must not panic, must bound what it allocates, and must
// return a record or an error that names the file.
func FuzzReadDICOM(f *testing.F) {
	for _, b := range dicomSeeds(f) {
		f.Add(b)
	}
	opts := DefaultReadOptions()
	opts.MaxElements = 1 << 20
	f.Fuzz(func(t *testing.T, b []byte) {
		t.Setenv("PATH", "")          // no external decoders: keep each input in-process and fast
		b = append([]byte(nil), b...) // the reader decodes native pixels in place
		rec := &Record{}
		before := allocated()
		err := readDICOMObject(b, dicomFile{name: "fuzz.dcm", strict: true}, opts, rec, map[SampleID]bool{})
		if n := allocated() - before; n > maxFuzzAlloc {
			t.Fatalf("a %d-byte input allocated %d bytes", len(b), n)
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.dcm") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, s := range rec.Series {
			n := s.Rows * s.Cols * max(s.Channels, 1) * DTypeSize(s.DType)
			for k, fr := range s.Frames {
				if fr.Pixels != nil && len(fr.Pixels) != n {
					t.Fatalf("series %s frame %d: %d bytes of pixels, want %d", s.Name, k, len(fr.Pixels), n)
				}
			}
			for _, m := range s.Masks {
				if m.Frame < 0 || m.Frame >= len(s.Frames) || len(m.Labels) != m.Rows*m.Cols {
					t.Fatalf("mask %s on frame %d of %d with %d labels for %d×%d", m.Name, m.Frame, len(s.Frames), len(m.Labels), m.Rows, m.Cols)
				}
			}
		}
		for _, e := range rec.ECGs {
			if len(e.Leads) != len(e.Samples) {
				t.Fatalf("%d leads, %d sample rows", len(e.Leads), len(e.Samples))
			}
		}
	})
}

// FuzzDecodeZip feeds mutated zips of DICOM objects (seeded with the UK Biobank
// fixture) to the in-process zip reader: a record or an error naming the zip.
func FuzzDecodeZip(f *testing.F) {
	for _, name := range []string{"7000001_20208_2_0.zip"} {
		b, err := os.ReadFile(fixture("dicom", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	opts := DefaultReadOptions()
	opts.MaxElements = 1 << 20
	f.Fuzz(func(t *testing.T, b []byte) {
		t.Setenv("PATH", "")
		before := allocated()
		rec, err := DecodeZip("fuzz.zip", append([]byte(nil), b...), opts)
		if n := allocated() - before; n > maxFuzzAlloc {
			t.Fatalf("a %d-byte zip allocated %d bytes", len(b), n)
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.zip") {
				t.Fatalf("error does not name the zip: %v", err)
			}
			return
		}
		if rec == nil || len(rec.Series)+len(rec.ECGs) == 0 {
			t.Fatalf("no error and nothing read: %+v", rec)
		}
		if n := rec.PayloadBytes(); int64(n) > maxZipBytes(opts) {
			t.Fatalf("%d bytes of images, beyond the zip bound %d", n, maxZipBytes(opts))
		}
	})
}

// maxFuzzAlloc bounds what reading one fuzz input may allocate: its frames are
// bounded by MaxElements (1 Mi values, at most 8 MiB as float64 or RGB), and
// the parser's copies by the input's size.
const maxFuzzAlloc = 64 << 20

// allocated is the bytes this process has allocated so far (all goroutines:
// the fuzz worker runs one input at a time).
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
