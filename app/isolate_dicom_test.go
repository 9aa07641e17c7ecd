package app

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"qcterm/data"
)

// TestIsolatedReaderDICOM reads DICOM files and a zip in the worker: records
// come back whole, and bad files are refused with a line naming them.
func TestIsolatedReaderDICOM(t *testing.T) {
	iso, err := newIsolatedReader(time.Minute, 4<<30)
	if err != nil {
		t.Fatal(err)
	}
	defer iso.close()
	opts := data.DefaultReadOptions()
	for _, tc := range []struct{ kind, file, want string }{
		{data.SourceDICOM, "mr_multiframe_jpeg_ll.dcm", ""},
		{data.SourceDICOM, "bad_truncated_pixels.dcm", "truncated"},
		{data.SourceZip, "7000001_20208_2_0.zip", ""},
		{data.SourceDICOM, "bad_not_dicom.dcm", "not readable as DICOM"},
		{data.SourceDICOM, "ecg_12lead.dcm", ""},
	} {
		path := filepath.Join("..", "testdata", "dicom", tc.file)
		rec, err := iso.read(tc.kind, path, opts)
		if tc.want == "" {
			if err != nil || rec == nil || len(rec.Series)+len(rec.ECGs) == 0 {
				t.Errorf("%s: rec %v err %v", tc.file, rec != nil, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: err = %v, want %q naming the file", tc.file, err, tc.want)
		}
	}
}

// FuzzReadDICOM feeds mutated DICOM files through the isolated reader, as ingest
// reads them: whatever a file does, ingest must get a record or an error, and a
// worker that dies must be replaced for the next file.
func FuzzReadDICOM(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "dicom", "*.dcm"))
	if err != nil {
		f.Fatal(err)
	}
	found, _ := filepath.Glob(filepath.Join("..", "testdata", "dicom", "fuzz", "*"))
	fuzzIsolated(f, data.SourceDICOM, "fuzz.dcm", append(paths, found...))
}

// TestIngestDICOMBatch ingests a folder of DICOM fixtures with bad files among
// them: each bad file gets one line naming it, the rest is stored, exit code 3.
// TestIngestDICOMBatch ingests good and bad DICOM files and a zip, read in
// process (the default) and in the reader process (--isolate): the same files
// are stored and rejected for the same reasons, and the stored samples are equal.
func TestIngestDICOMBatch(t *testing.T) {
	dir := copyTree(t, "dicom/mr_explicit_le.dcm", "dicom/mr_rle.dcm", "dicom/ecg_12lead.dcm", "dicom/7000001_20208_2_0.zip",
		"dicom/bad_truncated_pixels.dcm", "dicom/bad_absurd_dimensions.dcm", "dicom/bad_not_dicom.dcm")
	inspected := map[string][]string{}
	for _, mode := range [][]string{nil, {"--isolate"}} {
		db := filepath.Join(t.TempDir(), "s.db")
		out, _, code := runCmd(t, Ingest, append(append([]string{"--db", db, "--jobs", "2"}, mode...), dir)...)
		if code != ExitRejected {
			t.Fatalf("%v: exit %d, want %d:\n%s", mode, code, ExitRejected, out)
		}
		for _, want := range []string{"4 stored", "3 rejected", "bad_truncated_pixels.dcm: malformed: pixel data truncated",
			"bad_absurd_dimensions.dcm: malformed: image of 65535×65535 pixels", "bad_not_dicom.dcm: malformed: not readable as DICOM",
			`skipped zip entry "../evil.dcm"`, `skipped zip entry "manifest.cvs"`} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: summary lacks %q:\n%s", mode, want, out)
			}
		}
		for _, id := range []string{"7000001", "7000002"} {
			js, _, code := runCmd(t, Inspect, "--db", db, id, "--json")
			if code != ExitOK {
				t.Errorf("%v: sample %s was not stored", mode, id)
			}
			inspected[id] = append(inspected[id], storeIDs.ReplaceAllString(js, `"id": _`)) // row ids follow the order files were read in
		}
	}
	for id, js := range inspected {
		if len(js) == 2 && js[0] != js[1] {
			t.Errorf("sample %s differs between in-process and --isolate reading:\n%s\n---\n%s", id, js[0], js[1])
		}
	}
}

var storeIDs = regexp.MustCompile(`"id": \d+`)

// TestIngestNotStrictFallsBack: a file outside the strict subset read in
// process (here a private sequence of undefined length in implicit VR, as
// vendors write; and the fuzzed file the parser allocated 4 GB for) goes to the
// reader process, which stores the first and rejects the second by name.
func TestIngestNotStrictFallsBack(t *testing.T) {
	dir := copyTree(t, "dicom/mr_implicit_le.dcm", "dicom/fuzz/parser_allocates_4gb.dcm")
	p := filepath.Join(dir, "mr_implicit_le.dcm")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.LastIndex(b, []byte{0xE0, 0x7F, 0x10, 0x00}) // (7FE0,0010) Pixel Data
	if at < 0 {
		t.Fatal("no pixel data in the fixture")
	}
	private := []byte{
		0x29, 0x00, 0x10, 0x10, 0xFF, 0xFF, 0xFF, 0xFF, // (0029,1010), undefined length
		0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF, // item, undefined length
		0x29, 0x00, 0x10, 0x00, 0x04, 0x00, 0x00, 0x00, 'A', 'B', 'C', 'D', // (0029,0010) "ABCD"
		0xFE, 0xFF, 0x0D, 0xE0, 0x00, 0x00, 0x00, 0x00, // item delimiter
		0xFE, 0xFF, 0xDD, 0xE0, 0x00, 0x00, 0x00, 0x00, // sequence delimiter
	}
	b = append(b[:at:at], append(private, b[at:]...)...)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := data.DecodeDICOM(p, append([]byte(nil), b...), data.DefaultReadOptions()); !errors.Is(err, data.ErrNotStrict) {
		t.Fatalf("the edited file is not outside the strict subset: %v", err)
	}
	db := filepath.Join(t.TempDir(), "s.db")
	out, _, code := runCmd(t, Ingest, "--db", db, dir)
	if code != ExitRejected {
		t.Fatalf("exit %d, want %d:\n%s", code, ExitRejected, out)
	}
	for _, want := range []string{"1 stored (1 dicom)", "1 rejected", "parser_allocates_4gb.dcm: unsupported",
		"2 DICOM files or zips were read in the separate reader process"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}
