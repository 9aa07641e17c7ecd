package data

import (
	"context"
	"errors"
	"fmt"
)

// MaskData loads the label maps drawn on frame frameIdx (0-based) of a
// series, with their labels, in name order; none is an empty slice, not an error.
func (s *Store) MaskData(ctx context.Context, seriesID int64, frameIdx int) ([]Mask, error) {
	id, err := s.frameID(ctx, seriesID, frameIdx)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT ?, m.name, m.instance, m.rows, m.cols, m.labels
		FROM masks m WHERE m.frame_id = ? ORDER BY m.name, m.id`, frameIdx, id)
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
		m.Present = presentLabels(m.Labels)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("series %d frame %d: masks: %w", seriesID, frameIdx, err)
	}
	return out, nil
}
