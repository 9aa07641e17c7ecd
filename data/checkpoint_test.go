package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Batches of large frames are all there after Checkpoint, the log is folded in
// (empty), and a new database has 32 KiB pages.
func TestCheckpointAfterBatches(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bulk.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	px := make([]byte, 96*1024) // three 32 KiB pages per frame
	for batch := 0; batch < 8; batch++ {
		var items []Replacement
		for i := 0; i < 16; i++ {
			id := SampleID(fmt.Sprintf("s%d_%d", batch, i))
			items = append(items, Replacement{
				Source: Source{Path: string(id) + ".dcm", Kind: SourceDICOM, SHA256: string(id)},
				Record: &Record{Samples: []SampleID{id}, Series: []Series{{
					Sample: id, UID: "1.2." + string(id), Name: "cine", Rows: 96, Cols: 512, Channels: 1, DType: DTypeUint16,
					Frames: []Frame{{Pixels: px}},
				}}},
			})
		}
		if errs, err := s.ReplaceSources(ctx, items); err != nil || errs[0] != nil {
			t.Fatalf("batch %d: %v %v", batch, err, errs)
		}
	}
	if err := s.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() != 0 {
		t.Errorf("write-ahead log is %d bytes after Checkpoint, want 0", fi.Size())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var n, bytes int
	if err := r.db.QueryRowContext(ctx, `SELECT count(*), sum(length(pixels)) FROM frame_pixels`).Scan(&n, &bytes); err != nil {
		t.Fatal(err)
	}
	if n != 8*16 || bytes != 8*16*len(px) {
		t.Errorf("stored %d frames, %d bytes; want %d, %d", n, bytes, 8*16, 8*16*len(px))
	}
	var pageSize int
	if err := r.db.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&pageSize); err != nil || pageSize != 32768 {
		t.Errorf("page size %d (%v), want 32768 on a new database", pageSize, err)
	}
}
