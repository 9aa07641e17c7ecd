package data

import (
	"context"
	"fmt"
	"os"
)

// Counts is how much the store holds.
type Counts struct {
	Samples, ECGs, Series, Frames, Masks, Fields, Annotations int64
	SourcesOK, SourcesRejected                                int64
	Bytes                                                     int64 // database file plus write-ahead log
}

// Counts counts what the store holds.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	for _, q := range []struct {
		dst *int64
		sql string
	}{
		{&c.Samples, `SELECT count(*) FROM samples`},
		{&c.ECGs, `SELECT count(*) FROM ecgs`},
		{&c.Series, `SELECT count(*) FROM series`},
		{&c.Frames, `SELECT count(*) FROM frames`},
		{&c.Masks, `SELECT count(*) FROM masks`},
		{&c.Fields, `SELECT count(*) FROM fields`},
		{&c.Annotations, `SELECT count(*) FROM annotations`},
		{&c.SourcesOK, `SELECT count(*) FROM sources WHERE status = 'ok'`},
		{&c.SourcesRejected, `SELECT count(*) FROM sources WHERE status = 'rejected'`},
	} {
		if err := s.db.QueryRowContext(ctx, q.sql).Scan(q.dst); err != nil {
			return Counts{}, fmt.Errorf("count: %s: %w", q.sql, err)
		}
	}
	for _, p := range []string{s.path, s.path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			c.Bytes += fi.Size()
		}
	}
	return c, nil
}

// Checkpoint folds the write-ahead log into the database file, so the file alone
// is complete and its size is what a copy would take.
func (s *Store) Checkpoint(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("checkpoint %s: %w", s.path, err)
	}
	return nil
}
