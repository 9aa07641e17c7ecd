package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runCmd runs a subcommand with captured output.
func runCmd(t *testing.T, cmd func(context.Context, Env, []string) error, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	err := cmd(context.Background(), env, args)
	if err != nil {
		errb.WriteString(err.Error())
	}
	return out.String(), errb.String(), ExitCode(err)
}

// copyTree copies the project's fixtures into a temp folder the test may modify.
func copyTree(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join("..", "testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestIngestGoodThenUnchangedThenChanged(t *testing.T) {
	dir := copyTree(t, "hd5/2000001.hd5", "hd5/2000002.hd5", "tables/cohort.csv", "tables/inference.tsv")
	os.WriteFile(filepath.Join(dir, "README.txt"), []byte("not data"), 0o644)
	db := filepath.Join(t.TempDir(), "s.db")

	out, _, code := runCmd(t, Ingest, "--db", db, "--jobs", "2", dir)
	if code != ExitOK {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, want := range []string{"4 stored (2 hdf5, 2 table)", "1 skipped", "README.txt",
		"database " + db + ": 3 samples, 5 ECGs, 3 series, 13 frames, 1 label maps", "size: inputs", "this run: 3 samples"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}

	out, _, code = runCmd(t, Ingest, "--db", db, dir)
	if code != ExitOK || !strings.Contains(out, "0 stored, 4 unchanged") || !strings.Contains(out, "nothing to do") {
		t.Errorf("second run (exit %d) should do nothing:\n%s", code, out)
	}

	// Touching a file without changing it: hashed, found unchanged.
	future := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(dir, "cohort.csv"), future, future)
	out, _, _ = runCmd(t, Ingest, "--db", db, dir)
	if !strings.Contains(out, "0 stored, 4 unchanged") {
		t.Errorf("touched file should be unchanged by hash:\n%s", out)
	}

	// Changing a table replaces its values.
	os.WriteFile(filepath.Join(dir, "cohort.csv"), []byte("sample_id,age\n2000001,62\n"), 0o644)
	out, _, _ = runCmd(t, Ingest, "--db", db, dir)
	if !strings.Contains(out, "1 stored (1 table), 3 unchanged") {
		t.Errorf("changed table should be re-read:\n%s", out)
	}
	js, _, code := runCmd(t, Inspect, "--db", db, "2000001", "--json")
	if code != ExitOK {
		t.Fatalf("inspect exit %d: %s", code, js)
	}
	var s SampleJSON
	if err := json.Unmarshal([]byte(js), &s); err != nil {
		t.Fatal(err)
	}
	ages := 0
	for _, f := range s.Fields {
		if f.Origin == "cohort.csv" {
			ages++
			if f.Name != "age" || f.Value != 62.0 {
				t.Errorf("cohort field %s = %v, want only age = 62", f.Name, f.Value)
			}
		}
	}
	if ages != 1 {
		t.Errorf("cohort fields = %d, want 1", ages)
	}
	if _, _, code := runCmd(t, Inspect, "--db", db, "only_in_table"); code != ExitError {
		t.Errorf("sample only in the old table should be gone, exit %d", code)
	}
}

func TestIngestRejectsButContinues(t *testing.T) {
	dir := copyTree(t, "hd5/2000001.hd5", "hd5/bad_truncated.hd5", "hd5/bad_not_hdf5.hd5", "hd5/bad_heap_size.hd5",
		"tables/ragged.csv", "tables/cohort.csv")
	os.WriteFile(filepath.Join(dir, "evil\x1b[2J.csv"), []byte("x\n"), 0o644)
	db := filepath.Join(t.TempDir(), "s.db")
	out, errOut, code := runCmd(t, Ingest, "--db", db, dir)
	if code != ExitRejected {
		t.Fatalf("exit %d, want %d", code, ExitRejected)
	}
	for _, want := range []string{"2 stored", "5 rejected", "bad_truncated.hd5: malformed: not readable as HDF5",
		"bad_heap_size.hd5: malformed: the reader crashed: runtime: out of memory",
		"ragged.csv: malformed: ragged row at line 3", "evil.csv: unsupported: no sample_id column"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+errOut, "\x1b") {
		t.Error("an escape sequence from a file name reached the output")
	}
	if _, _, code := runCmd(t, Inspect, "--db", db, "2000001"); code != ExitOK {
		t.Error("the good file was not stored")
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"--jobs", "0", "x"}, {"--nope", "x"}} {
		if _, _, code := runCmd(t, Ingest, args...); code != ExitUsage {
			t.Errorf("ingest %q: exit %d, want %d", args, code, ExitUsage)
		}
	}
	if _, _, code := runCmd(t, Inspect, "--db", filepath.Join(t.TempDir(), "none.db"), "1"); code != ExitError {
		t.Errorf("inspect on a missing database: exit %d, want 1", code)
	}
	if _, _, code := runCmd(t, Inspect); code != ExitUsage {
		t.Errorf("inspect without a sample: exit %d", code)
	}
	if ExitCode(errors.New("x")) != ExitError {
		t.Error("plain errors should exit 1")
	}
}

func TestInspectHumanSanitised(t *testing.T) {
	dir := copyTree(t, "hd5/2000001.hd5", "tables/cohort.csv")
	db := filepath.Join(t.TempDir(), "s.db")
	runCmd(t, Ingest, "--db", db, dir)
	out, _, code := runCmd(t, Inspect, "--db", db, "2000001")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"ukb_ecg_rest/instance_0 strip: 12 leads × 5000 samples, 500 Hz, 10.00 s",
		"text: Sinus rhythm; normal ECG (red)", "VentricularRate=72", "qt_interval_delta                    10.5  (derived",
		"cine_segmented_lax_2ch/instance_0: 24×20 × 5 frames, uint8, spacing 1.5×1.25 mm, slice 8 mm",
		"label map cine_segmented_lax_2ch_annotated_3 on frame 2: labels 0 9 11", "3 slices"} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape sequence from the HDF5 text reached the terminal")
	}
}
