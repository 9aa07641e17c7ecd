package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"qcterm/data"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// buildBinary compiles qcterm once for all end-to-end tests of this run.
func buildBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "qcterm-e2e-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "qcterm")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// TestKillDuringIngest kills `qcterm ingest` with SIGKILL part way through and
// checks that no sample is half-written and that the next run finishes the job.
func TestKillDuringIngest(t *testing.T) { stopDuringIngest(t, os.Kill) }

// TestInterruptIngest is the same with Ctrl-C (SIGINT): ingest stops between
// files, says so, and what it stored is whole.
func TestInterruptIngest(t *testing.T) { stopDuringIngest(t, os.Interrupt) }

func stopDuringIngest(t *testing.T, sig os.Signal) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	src, err := os.ReadFile(filepath.Join("testdata", "hd5", "2000001.hd5"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const n = 40
	for i := 0; i < n; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.hd5", 5000000+i)), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "k.db")
	ctx := context.Background()
	cmd := exec.Command(bin, "ingest", "--db", db, "--jobs", "2", dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until some files are committed, then stop it.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if c, err := counts(ctx, db); err == nil && c.SourcesOK >= 5 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("ingest committed nothing within 60 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(sig)
	waitErr := cmd.Wait()

	c, err := counts(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if c.SourcesOK >= n {
		t.Skipf("ingest finished before the signal (%d files); nothing to check", c.SourcesOK)
	}
	if sig == os.Interrupt && (waitErr == nil || !strings.Contains(stderr.String(), "ingest interrupted")) {
		t.Errorf("after Ctrl-C: exit %v, stderr:\n%s\nwant a failure saying \"ingest interrupted\"", waitErr, stderr.String())
	}
	// Every stored sample is whole: 4 ECGs, 3 series, 13 frames each, one per committed file.
	if c.Samples != c.SourcesOK || c.ECGs != 4*c.Samples || c.Series != 3*c.Samples || c.Frames != 13*c.Samples {
		t.Fatalf("after %v: %+v — a sample is partial", sig, c)
	}
	t.Logf("stopped (%v) after %d of %d files", sig, c.SourcesOK, n)

	out, err := exec.Command(bin, "ingest", "--db", db, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	want := fmt.Sprintf("%d stored (%d hdf5), %d unchanged", n-int(c.SourcesOK), n-int(c.SourcesOK), c.SourcesOK)
	if !strings.Contains(string(out), want) {
		t.Errorf("second run should say %q:\n%s", want, out)
	}
	if c, _ = counts(ctx, db); c.Samples != n || c.Frames != 13*n {
		t.Errorf("after the second run: %+v, want %d whole samples", c, n)
	}
}

func counts(ctx context.Context, db string) (data.Counts, error) {
	if _, err := os.Stat(db); err != nil {
		return data.Counts{}, err
	}
	s, err := data.Open(ctx, db)
	if err != nil {
		return data.Counts{}, err
	}
	defer s.Close()
	return s.Counts(ctx)
}

// TestCLI runs the documented commands on the project's fixtures.
func TestCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "c.db")
	run := func(args ...string) (string, int) {
		out, err := exec.Command(bin, args...).CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	if out, code := run("ingest", "--db", db, "testdata/hd5", "testdata/tables"); code != 3 || !strings.Contains(out, "rejected 8 files") {
		t.Errorf("ingest of fixtures with bad files: exit %d\n%s", code, out)
	}
	if out, code := run("inspect", "--db", db, "2000001", "--json"); code != 0 || !strings.Contains(out, `"sample_id": "2000001"`) {
		t.Errorf("inspect --json: exit %d\n%s", code, out)
	}
	if out, code := run("frobnicate"); code != 2 || !strings.Contains(out, "unknown command") {
		t.Errorf("unknown command: exit %d\n%s", code, out)
	}
	if _, code := run("--help"); code != 0 {
		t.Errorf("--help: exit %d", code)
	}
}
