package data

import (
	"context"
	"database/sql"
	"sync"
)

// txn is a transaction whose statements come from the store's cache of
// prepared statements: SQLite parses each statement text once per connection
// instead of once per file (parsing was a third of storing a small file).
type txn struct {
	*sql.Tx
	stmts *stmtCache
	bound map[string]*sql.Stmt // this transaction's statements, by text
	known *txnKnown
}

// txnKnown is what a transaction has written or found so far, so the files of
// one batch (often frames of the same series) do not look it up again. It holds
// only for the transaction (which has the database's write lock), and is
// forgotten when anything is removed or rolled back to a savepoint.
type txnKnown struct {
	samples map[SampleID]bool
	series  map[dicomSeriesKey]int64
}

type dicomSeriesKey struct {
	sample, uid          string
	rows, cols, channels int
	dtype                string
}

func newTxnKnown() *txnKnown {
	return &txnKnown{samples: map[SampleID]bool{}, series: map[dicomSeriesKey]int64{}}
}

// forget drops everything known: after a removal or a rollback to a savepoint.
func (k *txnKnown) forget() {
	if k != nil {
		clear(k.samples)
		clear(k.series)
	}
}

// stmtCache holds statements prepared on the database, by their text.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func (c *stmtCache) get(ctx context.Context, q string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[q]; ok {
		return st, nil
	}
	st, err := c.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[q] = st
	return st, nil
}

// close releases every cached statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}

// PrepareContext returns the cached statement bound to this transaction, the
// same one for every use in it (binding one per file was a tenth of storing a
// small file). The transaction closes it when it ends; callers must not.
func (t txn) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := t.bound[q]; ok {
		return st, nil
	}
	st, err := t.stmts.get(ctx, q)
	if err != nil {
		return nil, err
	}
	bound := t.Tx.StmtContext(ctx, st)
	if t.bound != nil {
		t.bound[q] = bound
	}
	return bound, nil
}

// ExecContext runs a cached statement in the transaction.
func (t txn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := t.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// QueryContext runs a cached query in the transaction.
func (t txn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := t.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs a cached one-row query in the transaction.
func (t txn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := t.PrepareContext(ctx, q)
	if err != nil {
		return t.Tx.QueryRowContext(ctx, q, args...) // reports the same error when scanned
	}
	return st.QueryRowContext(ctx, args...)
}
