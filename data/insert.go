package data

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
)

// insertRecord writes one file's record under source id.
func insertRecord(ctx context.Context, tx txn, source int64, rec *Record, cache *columnCache) (map[columnKey]columnInfo, error) {
	exec := func(what, q string, args ...any) (sql.Result, error) {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		return res, nil
	}
	for _, id := range rec.Samples {
		if !tx.known.samples[id] {
			if _, err := exec("sample "+string(id), `INSERT INTO samples (id) VALUES (?) ON CONFLICT DO NOTHING`, id); err != nil {
				return nil, err
			}
			tx.known.samples[id] = true
		}
		if _, err := exec("sample "+string(id), `INSERT INTO sample_sources (sample_id, source_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, id, source); err != nil {
			return nil, err
		}
	}
	for _, e := range rec.ECGs {
		if _, err := exec(fmt.Sprintf("ECG %s %s", e.Kind, e.Instance),
			`INSERT INTO ecgs (sample_id, source_id, grp, instance, kind, rate_hz, scale_mv, date, leads, n_samples, data)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Sample, source, e.Group, e.Instance, e.Kind, e.RateHz, e.ScaleMV, e.Date,
			strings.Join(e.Leads, ","), e.Len(), encodeLeads(e.Samples)); err != nil {
			return nil, err
		}
	}
	for i := range rec.Series {
		if err := insertSeries(ctx, tx, source, &rec.Series[i]); err != nil {
			return nil, err
		}
	}
	return insertFields(ctx, tx, source, rec.Fields, cache)
}

// encodeLeads packs leads of equal length as float32 little-endian, lead after lead.
func encodeLeads(leads [][]float32) []byte {
	n := 0
	for _, l := range leads {
		n += len(l)
	}
	out := make([]byte, 0, 4*n)
	for _, l := range leads {
		for _, v := range l {
			out = binary.LittleEndian.AppendUint32(out, math.Float32bits(v))
		}
	}
	return out
}

// decodeLeads unpacks encodeLeads' blob into nLeads leads of n samples.
func decodeLeads(b []byte, nLeads, n int) ([][]float32, error) {
	if nLeads*n*4 != len(b) {
		return nil, fmt.Errorf("%w: waveform blob of %d bytes for %d leads × %d samples", ErrMalformed, len(b), nLeads, n)
	}
	out := make([][]float32, nLeads)
	for i := range out {
		out[i] = make([]float32, n)
		for j := range out[i] {
			out[i][j] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*(i*n+j):]))
		}
	}
	return out, nil
}
