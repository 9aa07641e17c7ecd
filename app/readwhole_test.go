package app

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qcterm/data"
)

func TestReadWhole(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 4095, 70_000} {
		want := bytes.Repeat([]byte{0xA5}, size)
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readWhole(p)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("size %d: got %d bytes, err %v", size, len(got), err)
		}
	}
	if _, err := readWhole(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing file: err = %v, want one naming the file", err)
	}
	if _, err := readWhole(dir); err == nil {
		t.Error("a directory read as a file")
	}
}

// withTimeout returns a read's own result, and gives up on one that runs too
// long with an error naming the file, without waiting for it.
func TestWithTimeout(t *testing.T) {
	rec, err := withTimeout(time.Second, "quick.dcm", func() (*data.Record, error) {
		return &data.Record{Samples: []data.SampleID{"1"}}, nil
	})
	if err != nil || rec == nil || rec.Samples[0] != "1" {
		t.Fatalf("quick read: %v %v", rec, err)
	}
	release := make(chan struct{})
	defer close(release)
	start := time.Now()
	_, err = withTimeout(20*time.Millisecond, "loops.dcm", func() (*data.Record, error) {
		<-release // a parser that never finishes
		return nil, nil
	})
	if !errors.Is(err, data.ErrMalformed) || !strings.Contains(err.Error(), "loops.dcm") || !strings.Contains(err.Error(), "gave up after 20ms") {
		t.Errorf("err = %v, want a timeout naming the file", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("gave up after %v", d)
	}
}
