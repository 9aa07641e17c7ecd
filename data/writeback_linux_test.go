package data

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// StartWriteback runs beside writes and checkpoints without changing what is
// stored, and stop releases the descriptors it opened.
func TestStartWriteback(t *testing.T) {
	ctx := context.Background()
	fds := func() int {
		ents, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Skipf("no /proc/self/fd: %v", err)
		}
		return len(ents)
	}
	s, err := Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before := fds()
	stop := s.StartWriteback()
	px := make([]byte, 200_000)
	for i := range 20 {
		id := SampleID("w" + string(rune('a'+i)))
		rec := &Record{Samples: []SampleID{id}, Series: []Series{{Sample: id, UID: "1.2." + string(id), Name: "cine",
			Rows: 400, Cols: 500, Channels: 1, DType: DTypeUint8, Frames: []Frame{{Pixels: px}}}}}
		if err := s.ReplaceSource(ctx, Source{Path: string(id), Kind: SourceDICOM, SHA256: string(id)}, rec); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := s.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * writebackEvery)
	stop()
	if after := fds(); after > before {
		t.Errorf("%d descriptors open after stop, %d before", after, before)
	}
	c, err := s.Counts(ctx)
	if err != nil || c.Frames != 20 {
		t.Errorf("counts %+v, %v; want 20 frames", c, err)
	}
}
