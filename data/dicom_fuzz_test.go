package data

import (
	"os"
	"path/filepath"
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

// FuzzReadDICOM feeds mutated DICOM objects to the reader in-process: the
// third-party parser's panics become errors, and qcterm's own code must not
// panic, must bound what it allocates by MaxElements, and must return a record
// or an error that names the file.
func FuzzReadDICOM(f *testing.F) {
	for _, b := range dicomSeeds(f) {
		f.Add(b)
	}
	opts := DefaultReadOptions()
	opts.MaxElements = 1 << 20
	f.Fuzz(func(t *testing.T, b []byte) {
		t.Setenv("PATH", "") // no external decoders: keep each input in-process and fast
		rec := &Record{}
		err := readDICOMObject(b, dicomFile{name: "fuzz.dcm"}, opts, rec, map[SampleID]bool{})
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
