package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Source kinds.
const (
	SourceHDF5  = "hdf5"
	SourceTable = "table"
)

// Source is a ledger row: one input file and what became of it.
type Source struct {
	ID       int64
	Path     string
	Kind     string
	Size     int64
	MtimeNS  int64
	SHA256   string
	Status   string // "ok" or "rejected"
	Error    string
	Warnings []string
}

// LookupSource returns the ledger row for path, or ErrNotFound.
func (s *Store) LookupSource(ctx context.Context, path string) (Source, error) {
	src, err := scanSource(s.db.QueryRowContext(ctx, `SELECT `+sourceColumns+` FROM sources WHERE path = ?`, path))
	if errors.Is(err, sql.ErrNoRows) {
		return Source{}, fmt.Errorf("source %s: %w", path, ErrNotFound)
	}
	if err != nil {
		return Source{}, fmt.Errorf("source %s: %w", path, err)
	}
	return src, nil
}

// LookupSources is the ledger's rows for paths (those it has), by path: a query
// per 500 paths, where ingest would otherwise look up each of many files in
// turn, and memory in proportion to the paths asked for, not the whole ledger.
func (s *Store) LookupSources(ctx context.Context, paths []string) (map[string]Source, error) {
	const chunk = 500
	out := map[string]Source{}
	for start := 0; start < len(paths); start += chunk {
		part := paths[start:min(start+chunk, len(paths))]
		args := make([]any, len(part))
		for i, p := range part {
			args[i] = p
		}
		rows, err := s.db.QueryContext(ctx, `SELECT `+sourceColumns+` FROM sources WHERE path IN (?`+strings.Repeat(", ?", len(part)-1)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("read the ledger: %w", err)
		}
		for rows.Next() {
			src, err := scanSource(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("read the ledger: %w", err)
			}
			out[src.Path] = src
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read the ledger: %w", err)
		}
	}
	return out, nil
}

const sourceColumns = `id, path, kind, size, mtime_ns, sha256, status, error, warnings`

func scanSource(row interface{ Scan(...any) error }) (Source, error) {
	var src Source
	var warnings string
	if err := row.Scan(&src.ID, &src.Path, &src.Kind, &src.Size, &src.MtimeNS, &src.SHA256, &src.Status, &src.Error, &warnings); err != nil {
		return Source{}, err
	}
	if warnings != "" {
		src.Warnings = strings.Split(warnings, "\n")
	}
	return src, nil
}

// TouchSource records a new mtime for a file whose content hash is unchanged.
func (s *Store) TouchSource(ctx context.Context, path string, mtimeNS int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sources SET mtime_ns = ? WHERE path = ?`, mtimeNS, path)
	if err != nil {
		return fmt.Errorf("source %s: update mtime: %w", path, err)
	}
	return nil
}

// RejectSource records that a file could not be ingested. Whatever an earlier,
// good version of the file contributed stays in the store.
func (s *Store) RejectSource(ctx context.Context, src Source, reason string) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO sources (path, kind, size, mtime_ns, sha256, status, error, ingested_at)
		VALUES (?, ?, ?, ?, ?, 'rejected', ?, ?)
		ON CONFLICT(path) DO UPDATE SET kind = excluded.kind, size = excluded.size, mtime_ns = excluded.mtime_ns,
			sha256 = excluded.sha256, status = 'rejected', error = excluded.error, ingested_at = excluded.ingested_at`,
		src.Path, src.Kind, src.Size, src.MtimeNS, src.SHA256, reason, now())
	if err != nil {
		return fmt.Errorf("source %s: record rejection: %w", src.Path, err)
	}
	return nil
}

// ReplaceSource stores what one file contributes, in one transaction: the
// file's earlier contribution is removed, the new one inserted and the ledger
// row marked ok. A crash at any point leaves either the old or the new state.
func (s *Store) ReplaceSource(ctx context.Context, src Source, rec *Record) error {
	errs, err := s.ReplaceSources(ctx, []Replacement{{src, rec}})
	if err != nil {
		return err
	}
	return errs[0]
}

// Replacement is one file's new contribution.
type Replacement struct {
	Source Source
	Record *Record
}

// ReplaceSources stores several files' contributions in one transaction: a file
// the store refuses is rolled back alone (its error is in errs, at its index) and
// the others are committed. Every file is stored whole or not at all; a crash
// leaves each file either as it was or as new. err reports a failure of the
// transaction itself (nothing was stored).
//
// The batch is first written without savepoints: a savepoint makes SQLite copy
// every page a file touches to a sub-journal, which cost a fifth of DICOM ingest.
// Only when a file is refused is the batch rolled back and written again with a
// savepoint per file.
func (s *Store) ReplaceSources(ctx context.Context, items []Replacement) (errs []error, err error) {
	errs, err = s.writeBatch(ctx, items, false)
	if errors.Is(err, errRefused) {
		errs, err = s.writeBatch(ctx, items, true)
	}
	return errs, err
}

// uncancelled is ctx for the statements that store one file: the driver watches a
// cancellable context with a goroutine per statement, a tenth of the time to
// store a small file. A batch checks ctx between files instead.
func uncancelled(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }

// errRefused aborts a batch written without savepoints when one file is refused.
var errRefused = errors.New("a file in the batch was refused")

// writeBatch writes items in one transaction. Without savepoints, a refused
// file aborts it with errRefused; with a savepoint per file, a refused file is
// rolled back alone and its error kept in errs.
func (s *Store) writeBatch(ctx context.Context, items []Replacement, savepoints bool) (errs []error, err error) {
	errs = make([]error, len(items))
	changed := map[columnKey]columnInfo{}
	err = s.withTxn(ctx, func(tx txn) error {
		q := uncancelled(ctx)
		exec := func(stmt string) error { _, err := tx.ExecContext(q, stmt); return err }
		for i, it := range items {
			if err := ctx.Err(); err != nil {
				return err
			}
			if savepoints {
				if err := exec(`SAVEPOINT file`); err != nil {
					return err
				}
			}
			c, err := replaceOne(q, tx, it.Source, it.Record, &s.columns)
			switch {
			case err != nil && !savepoints:
				errs[i] = fmt.Errorf("store %s: %w", it.Source.Path, err)
				return errRefused
			case err != nil:
				errs[i] = fmt.Errorf("store %s: %w", it.Source.Path, err)
				if err := exec(`ROLLBACK TO file`); err != nil {
					return err
				}
				tx.known.forget()
			default:
				for k, v := range c {
					changed[k] = v
				}
			}
			if savepoints {
				if err := exec(`RELEASE file`); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if errors.Is(err, errRefused) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("store %d files: %w", len(items), err)
	}
	s.columns.merge(changed)
	return errs, nil
}

// replaceOne writes one file's ledger row and contribution in tx.
func replaceOne(ctx context.Context, tx txn, src Source, rec *Record, cache *columnCache) (map[columnKey]columnInfo, error) {
	warnings, at := strings.Join(rec.Warnings, "\n"), now()
	// A path new to the ledger gets a new id, which nothing refers to yet: one
	// statement, and nothing to remove.
	var id int64
	err := tx.QueryRowContext(ctx, `
		INSERT INTO sources (path, kind, size, mtime_ns, sha256, status, error, warnings, ingested_at)
		VALUES (?, ?, ?, ?, ?, 'ok', '', ?, ?)
		ON CONFLICT(path) DO NOTHING
		RETURNING id`,
		src.Path, src.Kind, src.Size, src.MtimeNS, src.SHA256, warnings, at).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows): // a known path: its row is updated, its contribution replaced
		err = tx.QueryRowContext(ctx, `
			UPDATE sources SET kind = ?, size = ?, mtime_ns = ?, sha256 = ?, status = 'ok', error = '', warnings = ?, ingested_at = ?
			WHERE path = ?
			RETURNING id`,
			src.Kind, src.Size, src.MtimeNS, src.SHA256, warnings, at, src.Path).Scan(&id)
		if err != nil {
			return nil, fmt.Errorf("ledger: %w", err)
		}
		if err := deleteContribution(ctx, tx, id); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, fmt.Errorf("ledger: %w", err)
	}
	return insertRecord(ctx, tx, id, rec, cache)
}

// deleteContribution removes a source's rows and the samples only it contributed.
// DICOM series left without frames are removed.
func deleteContribution(ctx context.Context, tx txn, id int64) error {
	var any bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sample_sources WHERE source_id = ?)`, id).Scan(&any); err != nil {
		return fmt.Errorf("remove earlier data: %w", err)
	}
	if !any { // a new file (or one only ever rejected) has contributed nothing
		return nil
	}
	tx.known.forget() // samples and series may go
	var shared []int64
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT f.series_id FROM frames f JOIN series s ON s.id = f.series_id
		WHERE f.source_id = ? AND s.source_id IS NULL`, id)
	if err != nil {
		return fmt.Errorf("remove earlier data: %w", err)
	}
	for rows.Next() {
		var sid int64
		if err := rows.Scan(&sid); err != nil {
			rows.Close()
			return fmt.Errorf("remove earlier data: %w", err)
		}
		shared = append(shared, sid)
	}
	rows.Close()
	for _, q := range []string{
		`DELETE FROM samples WHERE id IN (SELECT sample_id FROM sample_sources WHERE source_id = ?1)
			AND NOT EXISTS (SELECT 1 FROM sample_sources o WHERE o.sample_id = samples.id AND o.source_id != ?1)`,
		`DELETE FROM ecgs WHERE source_id = ?1`,
		`DELETE FROM series WHERE source_id = ?1`,
		`DELETE FROM frames WHERE source_id = ?1`,
		`DELETE FROM fields WHERE source_id = ?1`,
		`DELETE FROM sample_sources WHERE source_id = ?1`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("remove earlier data: %w", err)
		}
	}
	for _, sid := range shared {
		if _, err := tx.ExecContext(ctx, `DELETE FROM series WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM frames WHERE series_id = ?1)`, sid); err != nil {
			return fmt.Errorf("remove emptied series: %w", err)
		}
	}
	return nil
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }
