package data

import (
	"context"
	"fmt"
)

// MaskData loads the label maps drawn on frame frameIdx (0-based) of a
// series, with their labels, in name order; none is an empty slice, not an error.
func (s *Store) MaskData(ctx context.Context, seriesID int64, frameIdx int) ([]Mask, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT f.idx, m.name, m.instance, m.rows, m.cols, m.labels
		FROM masks m JOIN frames f ON f.id = m.frame_id WHERE f.series_id = ? AND f.idx = ? ORDER BY m.name, m.id`,
		seriesID, frameIdx)
	if err != nil {
		return nil, fmt.Errorf("series %d frame %d: masks: %w", seriesID, frameIdx, err)
	}
	defer rows.Close()
	var out []Mask
	for rows.Next() {
		var m Mask
		if err := rows.Scan(&m.Frame, &m.Name, &m.Instance, &m.Rows, &m.Cols, &m.Labels); err != nil {
			return nil, fmt.Errorf("series %d frame %d: masks: %w", seriesID, frameIdx, err)
		}
		if len(m.Labels) != m.Rows*m.Cols {
			return nil, fmt.Errorf("series %d frame %d: mask %s: %d labels for %d×%d: %w",
				seriesID, frameIdx, m.Name, len(m.Labels), m.Rows, m.Cols, ErrMalformed)
		}
		var present [256]bool
		for _, v := range m.Labels {
			present[v] = true
		}
		for v, ok := range present {
			if ok {
				m.Present = append(m.Present, v)
			}
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("series %d frame %d: masks: %w", seriesID, frameIdx, err)
	}
	return out, nil
}
