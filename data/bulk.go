package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync"
)

// OpenBulk opens the store for a long run of writes (ingest). SQLite's automatic
// checkpoint, which copies the write-ahead log into the database on the writing
// connection whenever a commit takes the log past 1000 pages, is off; instead a
// goroutine checkpoints on a connection of its own after each commit, so the
// copy overlaps the next batch rather than holding it up. Readers elsewhere are
// unaffected. Call Checkpoint at the end to fold in what is left.
func OpenBulk(ctx context.Context, path string) (*Store, error) {
	s, err := open(ctx, path, "wal_autocheckpoint(0)")
	if err != nil {
		return nil, err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("open database %s: checkpoint connection: %w", path, err)
	}
	s.ckpt = newCheckpointer(conn, path+"-wal")
	return s, nil
}

// walLimit is the write-ahead log size past which the background checkpoint also
// waits for the writer and truncates the log, which a log the writer never
// finds fully copied would otherwise outgrow.
const walLimit = 256 << 20

// checkpointer runs checkpoints on its own connection when kicked.
type checkpointer struct {
	conn    *sql.Conn
	wal     string
	kicks   chan struct{}
	done    chan struct{}
	mu      sync.Mutex
	stopped bool
}

func newCheckpointer(conn *sql.Conn, wal string) *checkpointer {
	c := &checkpointer{conn: conn, wal: wal, kicks: make(chan struct{}, 1), done: make(chan struct{})}
	go c.run()
	return c
}

// kick asks for a checkpoint; kicks while one runs fold into one more.
func (c *checkpointer) kick() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped {
		return
	}
	select {
	case c.kicks <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run() {
	defer close(c.done)
	for range c.kicks {
		mode := "PASSIVE" // copies what it can without waiting for the writer
		if fi, err := os.Stat(c.wal); err == nil && fi.Size() > walLimit {
			mode = "TRUNCATE"
		}
		// A failed checkpoint loses nothing: the log keeps every commit, and the
		// final Checkpoint (or the last connection's close) folds it in.
		_, _ = c.conn.ExecContext(context.Background(), "PRAGMA wal_checkpoint("+mode+")")
	}
}

// stop waits for a running checkpoint and releases the connection; kicks after
// it are ignored.
func (c *checkpointer) stop() {
	c.mu.Lock()
	if c.stopped {
		c.mu.Unlock()
		return
	}
	c.stopped = true
	close(c.kicks)
	c.mu.Unlock()
	<-c.done
	c.conn.Close()
}
