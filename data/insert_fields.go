package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
)

// fieldsPerInsert is how many field rows one INSERT statement carries
// (6 parameters each, well under SQLite's 32766).
const fieldsPerInsert = 500

type columnKey struct {
	origin, name, instance string
	derived                bool
}

// insertFields writes fields in multi-row statements, creating their columns as needed.
func insertFields(ctx context.Context, tx txn, source int64, fields []Field, cache *columnCache) (map[columnKey]columnInfo, error) {
	ids, changed, err := columnIDs(ctx, tx, fields, cache)
	if err != nil {
		return nil, err
	}
	var full *sql.Stmt
	args := make([]any, 0, 6*fieldsPerInsert)
	for start := 0; start < len(fields); start += fieldsPerInsert {
		batch := fields[start:min(start+fieldsPerInsert, len(fields))]
		args = args[:0]
		for _, f := range batch {
			var num, text any
			switch {
			case f.Value.Missing:
			case f.Value.IsText:
				text = f.Value.Text
			default:
				num = f.Value.Num
			}
			args = append(args, f.Sample, ids[columnKey{f.Origin, f.Name, f.Instance, f.Derived}], source, num, text, f.Date)
		}
		q := `INSERT INTO fields (sample_id, column_id, source_id, num, text, date) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?), ", len(batch)), ", ")
		var err error
		if len(batch) == fieldsPerInsert {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, q); err != nil {
					return nil, fmt.Errorf("fields: %w", err)
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, q, args...)
		}
		if err != nil {
			return nil, fmt.Errorf("fields: %w", err)
		}
	}
	return changed, nil
}

// columnCache remembers column ids (columns are never deleted), so storing a
// file's fields needs no lookups for columns seen before. Entries are added
// only after the transaction that created them commits.
type columnCache struct {
	mu  sync.Mutex
	ids map[columnKey]columnInfo
}

type columnInfo struct {
	id      int64
	hasText bool
}

func (c *columnCache) get(k columnKey) (columnInfo, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.ids[k]
	return v, ok
}

// merge records columns a committed transaction created or changed.
func (c *columnCache) merge(m map[columnKey]columnInfo) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ids == nil {
		c.ids = map[columnKey]columnInfo{}
	}
	for k, v := range m {
		c.ids[k] = v
	}
}

// columnIDs finds or creates the column of every distinct (origin, name,
// instance) and marks columns that now hold text; changed says what to merge
// into the cache once the transaction commits.
func columnIDs(ctx context.Context, tx txn, fields []Field, cache *columnCache) (ids map[columnKey]int64, changed map[columnKey]columnInfo, err error) {
	ids = map[columnKey]int64{}
	changed = map[columnKey]columnInfo{}
	var upsert, mark *sql.Stmt
	for _, f := range fields {
		k := columnKey{f.Origin, f.Name, f.Instance, f.Derived}
		info, seen := changed[k]
		if !seen {
			info, seen = cache.get(k)
		}
		if !seen {
			if upsert == nil {
				if upsert, err = tx.PrepareContext(ctx, `INSERT INTO columns (origin, name, instance, derived) VALUES (?, ?, ?, ?)
					ON CONFLICT (origin, name, instance) DO UPDATE SET derived = excluded.derived RETURNING id, has_text`); err != nil {
					return nil, nil, fmt.Errorf("columns: %w", err)
				}
			}
			if err := upsert.QueryRowContext(ctx, k.origin, k.name, k.instance, k.derived).Scan(&info.id, &info.hasText); err != nil {
				return nil, nil, fmt.Errorf("column %s %s: %w", k.origin, k.name, err)
			}
			changed[k] = info
		}
		ids[k] = info.id
		if f.Value.IsText && !info.hasText {
			if mark == nil {
				if mark, err = tx.PrepareContext(ctx, `UPDATE columns SET has_text = 1 WHERE id = ?`); err != nil {
					return nil, nil, fmt.Errorf("columns: %w", err)
				}
			}
			if _, err := mark.ExecContext(ctx, info.id); err != nil {
				return nil, nil, fmt.Errorf("column %s %s: %w", k.origin, k.name, err)
			}
			info.hasText = true
			changed[k] = info
		}
	}
	return ids, changed, nil
}
