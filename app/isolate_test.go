package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qcterm/data"
)

func TestIsolatedReaderSurvivesCrash(t *testing.T) {
	iso, err := newIsolatedReader(time.Minute, 4<<30)
	if err != nil {
		t.Fatal(err)
	}
	defer iso.close()
	opts := data.DefaultReadOptions()
	for _, tc := range []struct{ file, want string }{
		{"2000001.hd5", ""},
		{"bad_heap_size.hd5", "the reader crashed: runtime: out of memory"},
		{"2000002.hd5", ""}, // a new worker after the crash
		{"bad_not_hdf5.hd5", "not an HDF5 file"},
	} {
		rec, err := iso.read(data.SourceHDF5, filepath.Join("..", "testdata", "hd5", tc.file), opts)
		if tc.want == "" {
			if err != nil || rec == nil || len(rec.ECGs) == 0 {
				t.Errorf("%s: rec %v err %v", tc.file, rec != nil, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.file) {
			t.Errorf("%s: err = %v, want %q naming the file", tc.file, err, tc.want)
		}
		if !errors.Is(err, data.ErrMalformed) {
			t.Errorf("%s: err = %v does not say malformed to errors.Is across the process boundary", tc.file, err)
		}
	}
}

func TestIsolatedReaderTimeout(t *testing.T) {
	iso, err := newIsolatedReader(time.Nanosecond, 4<<30)
	if err != nil {
		t.Fatal(err)
	}
	defer iso.close()
	_, err = iso.read(data.SourceHDF5, filepath.Join("..", "testdata", "hd5", "2000001.hd5"), data.DefaultReadOptions())
	if !errors.Is(err, data.ErrMalformed) || !strings.Contains(err.Error(), "gave up after") {
		t.Errorf("err = %v, want a timeout", err)
	}
}

// FuzzReadHDF5 feeds mutated HDF5 files through the isolated reader: whatever
// the file does to the third-party parser, ingest must get a record or an error.
func FuzzReadHDF5(f *testing.F) {
	var seeds []string
	for _, name := range []string{"2000002.hd5", "bad_empty.hd5", "bad_huge.hd5", "bad_heap_size.hd5"} {
		seeds = append(seeds, filepath.Join("..", "testdata", "hd5", name))
	}
	fuzzIsolated(f, data.SourceHDF5, "fuzz.hd5", seeds)
}

// fuzzIsolated runs a fuzz target that reads each input as a file of kind
// through one isolated reader (replaced whenever a worker dies), seeded with
// the given files. A record or an error is fine; a nil record without an
// error, or a panic in qcterm's own reading code, is not.
func fuzzIsolated(f *testing.F, kind, name string, seeds []string) {
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	iso, err := newIsolatedReader(10*time.Second, 4<<30)
	if err != nil {
		f.Fatal(err)
	}
	dir := f.TempDir()
	opts := data.DefaultReadOptions()
	opts.MaxElements = 1 << 20
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		rec, err := iso.read(kind, p, opts)
		if err == nil && rec == nil {
			t.Fatal("nil record without an error")
		}
		if err != nil && strings.Contains(err.Error(), "the reader crashed: panic") {
			t.Fatalf("the reader panicked: %v", err)
		}
	})
}
