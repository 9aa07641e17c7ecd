package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// fieldsPerInsert is how many field rows one INSERT statement carries
// (6 parameters each, well under SQLite's 32766).
const fieldsPerInsert = 500

type columnKey struct {
	origin, name, instance string
	derived                bool
}

// insertFields writes fields in multi-row statements, creating their columns as needed.
func insertFields(ctx context.Context, tx *sql.Tx, source int64, fields []Field) error {
	ids, err := columnIDs(ctx, tx, fields)
	if err != nil {
		return err
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
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
					return fmt.Errorf("fields: %w", err)
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, q, args...)
		}
		if err != nil {
			return fmt.Errorf("fields: %w", err)
		}
	}
	return nil
}

// columnIDs finds or creates the column of every distinct (origin, name, instance).
func columnIDs(ctx context.Context, tx *sql.Tx, fields []Field) (map[columnKey]int64, error) {
	ids := map[columnKey]int64{}
	for _, f := range fields {
		k := columnKey{f.Origin, f.Name, f.Instance, f.Derived}
		if _, ok := ids[k]; ok {
			continue
		}
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO columns (origin, name, instance, derived) VALUES (?, ?, ?, ?)
			ON CONFLICT (origin, name, instance) DO UPDATE SET derived = excluded.derived RETURNING id`,
			k.origin, k.name, k.instance, k.derived).Scan(&id)
		if err != nil {
			return nil, fmt.Errorf("column %s %s: %w", k.origin, k.name, err)
		}
		ids[k] = id
	}
	text := map[int64]bool{}
	for _, f := range fields {
		if f.Value.IsText {
			text[ids[columnKey{f.Origin, f.Name, f.Instance, f.Derived}]] = true
		}
	}
	for id := range text {
		if _, err := tx.ExecContext(ctx, `UPDATE columns SET has_text = 1 WHERE id = ? AND has_text = 0`, id); err != nil {
			return nil, fmt.Errorf("column %d: %w", id, err)
		}
	}
	return ids, nil
}
