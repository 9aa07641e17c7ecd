package data

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// missingTokens are the cell values read as missing (compared case-insensitively).
var missingTokens = map[string]bool{"": true, "na": true, "nan": true, "n/a": true, "null": true, "none": true}

// ReadTable reads a CSV (comma) or TSV (tab) table whose header has a sample_id
// column: cohort tables, ml4h inference TSVs. Numbers stay numbers, NA and empty
// cells are missing, anything else is text. Each <x>_actual / <x>_prediction
// pair of columns also yields a derived <x>_delta = actual − prediction.
func ReadTable(path string, opts ReadOptions) (*Record, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer fh.Close()
	comma := ','
	if strings.EqualFold(filepath.Ext(path), ".tsv") {
		comma = '\t'
	}
	rec, err := readTable(fh, filepath.Base(path), comma, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rec, nil
}

// readTable parses a table from r; origin names it in every field.
func readTable(r io.Reader, origin string, comma rune, opts ReadOptions) (*Record, error) {
	cr := csv.NewReader(bufio.NewReaderSize(r, 1<<16))
	cr.Comma = comma
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%w: empty table, no header", ErrMalformed)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrMalformed, err)
	}
	cols := make([]string, len(header))
	idCol := -1
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if h == "" {
			return nil, fmt.Errorf("%w: header column %d has no name", ErrMalformed, i+1)
		}
		if seen[h] {
			return nil, fmt.Errorf("%w: header names column %q twice", ErrMalformed, h)
		}
		seen[h] = true
		cols[i] = h
		if strings.EqualFold(h, "sample_id") {
			idCol = i
		}
	}
	if idCol < 0 {
		return nil, fmt.Errorf("%w: no sample_id column in the header (%d columns)", ErrUnsupported, len(cols))
	}
	pairs := deltaPairs(cols)
	rec := &Record{}
	rows := map[SampleID][]Field{} // a repeated sample_id replaces the earlier row
	samples := map[SampleID]bool{}
	dups, total := 0, int64(0)
	for line := 2; ; line++ {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				return nil, fmt.Errorf("%w: ragged row at line %d: %d cells where the header has %d", ErrMalformed, pe.Line, len(row), len(cols))
			}
			return nil, fmt.Errorf("%w: line %d: %v", ErrMalformed, line, err)
		}
		if total += int64(len(cols)); opts.MaxElements > 0 && total > opts.MaxElements {
			return nil, fmt.Errorf("%w: more than %d values", ErrTooLarge, opts.MaxElements)
		}
		id := SampleID(strings.TrimSpace(row[idCol]))
		if id == "" {
			return nil, fmt.Errorf("%w: line %d has an empty sample_id", ErrMalformed, line)
		}
		if samples[id] {
			dups++
		}
		rec.AddSample(id, samples)
		fields := make([]Field, 0, len(cols)+len(pairs))
		vals := make(map[string]Value, len(cols))
		for i, c := range cols {
			if i == idCol {
				continue
			}
			v := cell(row[i])
			vals[c] = v
			fields = append(fields, Field{Sample: id, Origin: origin, Name: c, Value: v})
		}
		for _, p := range pairs {
			a, pr := vals[p.actual], vals[p.prediction]
			d := Value{Missing: true}
			if !a.Missing && !a.IsText && !pr.Missing && !pr.IsText {
				d = Number(a.Num - pr.Num)
			}
			fields = append(fields, Field{Sample: id, Origin: origin, Name: p.delta, Value: d, Derived: true})
		}
		rows[id] = fields
	}
	for _, id := range rec.Samples {
		rec.Fields = append(rec.Fields, rows[id]...)
	}
	if len(rec.Samples) == 0 {
		return nil, fmt.Errorf("%w: header but no rows", ErrMalformed)
	}
	if dups > 0 {
		rec.Warnings = append(rec.Warnings, fmt.Sprintf("%d rows repeat an earlier sample_id; the last row of each was kept", dups))
	}
	return rec, nil
}

// cell interprets one table cell.
func cell(s string) Value {
	s = strings.TrimSpace(s)
	if missingTokens[strings.ToLower(s)] {
		return Value{Missing: true}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
		return Number(f)
	}
	return Text(s)
}

type deltaPair struct{ actual, prediction, delta string }

// deltaPairs finds <x>_actual / <x>_prediction column pairs whose <x>_delta the table does not already have.
func deltaPairs(cols []string) []deltaPair {
	has := map[string]bool{}
	for _, c := range cols {
		has[c] = true
	}
	var out []deltaPair
	for _, c := range cols {
		base, ok := strings.CutSuffix(c, "_actual")
		if !ok || !has[base+"_prediction"] || has[base+"_delta"] {
			continue
		}
		out = append(out, deltaPair{c, base + "_prediction", base + "_delta"})
	}
	return out
}
