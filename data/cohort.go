package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// ColumnInfo describes a field name across the cohort.
type ColumnInfo struct {
	Name    string
	Numeric bool // no sample's value is text
	Derived bool
	Origins []string
}

// Columns lists the cohort-level field names (tables, categorical, continuous;
// not per-instance measurements), tables' columns first, in the order stored.
func (s *Store) Columns(ctx context.Context) ([]ColumnInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, max(derived), max(has_text), group_concat(origin, char(31)), min(id)
		FROM columns WHERE instance = '' GROUP BY name ORDER BY min(id)`)
	if err != nil {
		return nil, fmt.Errorf("columns: %w", err)
	}
	defer rows.Close()
	var out []ColumnInfo
	for rows.Next() {
		var c ColumnInfo
		var text bool
		var origins string
		var first int64
		if err := rows.Scan(&c.Name, &c.Derived, &text, &origins, &first); err != nil {
			return nil, fmt.Errorf("columns: %w", err)
		}
		c.Numeric = !text
		c.Origins = strings.Split(origins, "\x1f")
		out = append(out, c)
	}
	return out, rows.Err()
}

// SampleIDs lists every sample id in id order.
func (s *Store) SampleIDs(ctx context.Context) ([]SampleID, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM samples ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("samples: %w", err)
	}
	defer rows.Close()
	var out []SampleID
	for rows.Next() {
		var id SampleID
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("samples: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// ColumnValues returns, for each named field, its value per sample. When a name
// comes from several origins, a sample's first non-missing value (by origin) wins.
func (s *Store) ColumnValues(ctx context.Context, names []string) (map[string]map[SampleID]Value, error) {
	out := make(map[string]map[SampleID]Value, len(names))
	if len(names) == 0 {
		return out, nil
	}
	for _, n := range names {
		out[n] = map[SampleID]Value{}
	}
	args := make([]any, len(names))
	for i, n := range names {
		args[i] = n
	}
	q := `SELECT c.name, f.sample_id, f.num, f.text FROM columns c JOIN fields f ON f.column_id = c.id
		WHERE c.name IN (` + placeholders(len(names)) + `) ORDER BY c.origin`
	return out, scanValues(ctx, s.db, q, args, out)
}

// scanValues fills out[name][sample] from rows of (name, sample, num, text);
// the first non-missing value for a sample wins.
func scanValues(ctx context.Context, db *sql.DB, q string, args []any, out map[string]map[SampleID]Value) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("field values: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var id SampleID
		var num sql.NullFloat64
		var text sql.NullString
		if err := rows.Scan(&name, &id, &num, &text); err != nil {
			return fmt.Errorf("field values: %w", err)
		}
		if prev, ok := out[name][id]; ok && !prev.Missing {
			continue
		}
		switch {
		case text.Valid:
			out[name][id] = Text(text.String)
		case num.Valid:
			out[name][id] = Number(num.Float64)
		default:
			out[name][id] = Value{Missing: true}
		}
	}
	return rows.Err()
}

// SampleValues returns the named fields of the given samples (for the visible
// rows of a list), with the same precedence as ColumnValues.
func (s *Store) SampleValues(ctx context.Context, ids []SampleID, names []string) (map[string]map[SampleID]Value, error) {
	out := make(map[string]map[SampleID]Value, len(names))
	for _, n := range names {
		out[n] = map[SampleID]Value{}
	}
	if len(ids) == 0 || len(names) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(ids)+len(names))
	for _, id := range ids {
		args = append(args, id)
	}
	for _, n := range names {
		args = append(args, n)
	}
	q := `SELECT c.name, f.sample_id, f.num, f.text FROM fields f JOIN columns c ON c.id = f.column_id
		WHERE f.sample_id IN (` + placeholders(len(ids)) + `) AND c.name IN (` + placeholders(len(names)) + `) ORDER BY c.origin`
	return out, scanValues(ctx, s.db, q, args, out)
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }
