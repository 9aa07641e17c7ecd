package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is qcterm's SQLite database: one self-contained file (WAL mode, foreign keys on).
type Store struct {
	db      *sql.DB
	path    string
	columns columnCache
	stmts   stmtCache
}

// Open opens (creating if needed) the database at path and applies any pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path)
}

func open(ctx context.Context, path string, extra ...string) (*Store, error) {
	q := url.Values{}
	// 32 KiB pages: a frame's pixels span a few pages, not 16–32, which halves the
	// time to write and checkpoint them (BENCHMARKS.md, DICOM ingest). The driver
	// runs the _pragma list (sorted) before _journal_mode, so the page size takes
	// on a new database; an existing one keeps its own.
	for _, p := range []string{"page_size(32768)", "temp_store(MEMORY)", "foreign_keys(1)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	for _, p := range extra {
		q.Add("_pragma", p)
	}
	q.Set("_journal_mode", "WAL")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := &Store{db: db, path: path, stmts: stmtCache{db: db}}
	if err := retryBusy(ctx, s.migrate); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return s, nil
}

// retryBusy runs fn again while it fails with SQLITE_BUSY, for up to about 5 s.
// While another process turns a new database into WAL mode, SQLite can report
// the database locked at once, without waiting out the busy timeout.
func retryBusy(ctx context.Context, fn func(context.Context) error) error {
	for attempt := 1; ; attempt++ {
		err := fn(ctx)
		var e interface{ Code() int }
		if err == nil || !errors.As(err, &e) || e.Code()&0xff != sqliteBusy || attempt == 40 {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt) * 5 * time.Millisecond):
		}
	}
}

// sqliteBusy is SQLITE_BUSY, the primary result code of "database is locked".
const sqliteBusy = 5

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.close()
	return s.db.Close()
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// migrate applies the numbered migrations not yet recorded in PRAGMA user_version,
// after checking that those already applied are the ones this qcterm has (each
// is recorded with its SHA-256 in schema_migrations). Pending migrations run
// under an immediate (write-locked) transaction that re-reads the version, so
// processes opening a new database at once apply them exactly once.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	version, err := userVersion(ctx, s.db)
	if err != nil {
		return err
	}
	if version > len(names) {
		return fmt.Errorf("schema version %d is newer than this qcterm (%d): upgrade qcterm", version, len(names))
	}
	if version == len(names) {
		return s.checkApplied(ctx, names)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("lock for migration: %w", err)
	}
	if err := applyMigrations(ctx, conn, names); err != nil {
		_, _ = conn.ExecContext(context.Background(), "ROLLBACK")
		return err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("commit migrations: %w", err)
	}
	return s.checkApplied(ctx, names)
}

type querier interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

func userVersion(ctx context.Context, q querier) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// applyMigrations runs, inside the caller's transaction, the migrations after
// the version the database has now.
func applyMigrations(ctx context.Context, q querier, names []string) error {
	version, err := userVersion(ctx, q)
	if err != nil {
		return err
	}
	for i := version; i < len(names); i++ {
		n, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(names[i], "migrations/"), "_", 2)[0])
		if err != nil || n != i+1 {
			return fmt.Errorf("migration %s is out of sequence", names[i])
		}
		body, err := migrations.ReadFile(names[i])
		if err != nil {
			return err
		}
		for _, stmt := range []struct {
			q    string
			args []any
		}{
			{string(body), nil},
			{`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, sha256 TEXT NOT NULL)`, nil},
			{`INSERT INTO schema_migrations (version, sha256) VALUES (?, ?)`, []any{n, digest(body)}},
			{fmt.Sprintf("PRAGMA user_version = %d", n), nil},
		} {
			if _, err := q.ExecContext(ctx, stmt.q, stmt.args...); err != nil {
				return fmt.Errorf("migration %s: %w", names[i], err)
			}
		}
	}
	return nil
}

// ErrIncompatible marks a database made by another (development) version of
// qcterm's schema: it must be rebuilt.
var ErrIncompatible = errors.New("database schema differs from this qcterm's")

// checkApplied verifies the migrations a database says it has are this qcterm's.
func (s *Store) checkApplied(ctx context.Context, names []string) error {
	if len(names) == 0 {
		return nil
	}
	have := map[int]string{}
	rows, err := s.db.QueryContext(ctx, `SELECT version, sha256 FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("%w (no migration record); ingest again into a new database", ErrIncompatible)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		var h string
		if err := rows.Scan(&v, &h); err != nil {
			return err
		}
		have[v] = h
	}
	for i, name := range names {
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		if have[i+1] != digest(body) {
			return fmt.Errorf("%w (migration %s); ingest again into a new database", ErrIncompatible, strings.TrimPrefix(name, "migrations/"))
		}
	}
	return rows.Err()
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// withTxn runs fn in a transaction with cached statements, committing when it returns nil.
func (s *Store) withTxn(ctx context.Context, fn func(txn) error) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		return fn(txn{Tx: tx, stmts: &s.stmts, bound: map[string]*sql.Stmt{}, known: newTxnKnown()})
	})
}

// withTx runs fn in a transaction, committing when it returns nil.
func (s *Store) withTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}
