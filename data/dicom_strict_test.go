package data

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestStrictMatchesLenient reads every project DICOM fixture and every shared
// real DICOM both ways: in process (DecodeDICOM, the strict subset) and as the
// isolated reader does (ReadDICOM). A file the strict walk accepts must give
// the same record; one it does not must say ErrNotStrict and nothing else.
// The files ingest is expected to read fast (every well-formed fixture, the UK
// Biobank cine frames) must be in the strict subset.
func TestStrictMatchesLenient(t *testing.T) {
	files, err := filepath.Glob(fixture("dicom", "*.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	project := map[string]bool{}
	for _, p := range files {
		project[p] = true
	}
	zips := []string{fixture("dicom", "7000001_20208_2_0.zip")}
	if dir := filepath.Join("..", "..", "shared", "testdata"); dirExists(dir) {
		files = append(files, sharedDICOMFiles(t, filepath.Join(dir, "real"))...)
		zips = append(zips, filepath.Join(dir, "ml4h", "dicom", "1000001_20208_2_0.zip"))
	} else {
		t.Logf("shared files not present (%s): project fixtures only", dir)
	}
	t.Setenv("PATH", "") // compare the Go decoders, not dcmtk's
	var outside []string
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lenient, lerr := ReadDICOM(p, DefaultReadOptions())
		strict, serr := DecodeDICOM(p, append([]byte(nil), b...), DefaultReadOptions())
		if errors.Is(serr, ErrNotStrict) {
			outside = append(outside, p+": "+strings.TrimPrefix(serr.Error(), p+": "))
			if project[p] && !strings.HasPrefix(filepath.Base(p), "bad_") {
				t.Errorf("project fixture outside the strict subset: %v", serr)
			}
			continue
		}
		if (lerr == nil) != (serr == nil) || (lerr != nil && lerr.Error() != serr.Error()) {
			t.Errorf("%s: in process err %v, reader process err %v", p, serr, lerr)
			continue
		}
		if !reflect.DeepEqual(strict, lenient) {
			t.Errorf("%s: the in-process record differs from the reader process's", p)
		}
	}
	t.Logf("%d of %d files outside the strict subset (read in the reader process):\n  %s",
		len(outside), len(files), strings.Join(outside, "\n  "))
	for _, p := range zips {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fromMemory, err := DecodeZip(p, b, DefaultReadOptions())
		if err != nil {
			t.Errorf("UK Biobank zip in process: %v", err)
			continue
		}
		fromFile, err := DecodeZipFile(p, DefaultReadOptions())
		if err != nil || !reflect.DeepEqual(fromFile, fromMemory) {
			t.Errorf("%s read entry by entry from the file: err %v, or a record unlike the one read from memory", p, err)
		}
	}
}

func dirExists(p string) bool { fi, err := os.Stat(p); return err == nil && fi.IsDir() }

// TestStrictRefuses: streams the parser may read differently from the walk
// are ErrNotStrict in process, while the reader process still reads them.
func TestStrictRefuses(t *testing.T) {
	good, err := os.ReadFile(fixture("dicom", "mr_explicit_le.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	if string(good[132:136]) != "\x02\x00\x00\x00" || string(good[136:138]) != "UL" {
		t.Fatal("fixture does not start its meta group with (0002,0000) UL")
	}
	edit := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	at := func(b []byte, tagBytes string) int {
		i := strings.Index(string(b[132:]), tagBytes)
		if i < 0 {
			t.Fatalf("tag %x not in fixture", tagBytes)
		}
		return 132 + i
	}
	hang, err := os.ReadFile(fixture("dicom", "fuzz", "parser_allocates_4gb.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		b    []byte
		want string
	}{
		{"meta group length off by 2", edit(func(b []byte) []byte { b[140] += 2; return b }), "meta group length"},
		{"trailing bytes", edit(func(b []byte) []byte { return append(b, 1, 2, 3) }), "bytes left where an element should start"},
		{"unknown VR", edit(func(b []byte) []byte { i := at(b, "\x08\x00\x60\x00"); copy(b[i+4:], "ZZ"); return b }), "unknown VR"},
		{"2-byte length FFFFH", edit(func(b []byte) []byte {
			i := at(b, "\x08\x00\x60\x00")
			b[i+6], b[i+7] = 0xFF, 0xFF
			return b
		}), "FFFFH"},
		{"fuzzed file the parser allocated 4 GB for", hang, "strict subset"},
	} {
		_, err := DecodeDICOM(tc.name, tc.b, DefaultReadOptions())
		if !errors.Is(err, ErrNotStrict) || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), tc.name) {
			t.Errorf("%s: err = %v, want ErrNotStrict saying %q", tc.name, err, tc.want)
		}
	}
	if _, err := DecodeDICOM("good", good, DefaultReadOptions()); err != nil {
		t.Errorf("unchanged fixture: %v", err)
	}
}
