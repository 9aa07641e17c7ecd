package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// insertSeries stores a series and its frames. An HDF5 series (no UID) is new
// each time; a DICOM series is found by (sample, UID, geometry) and this file's
// frames are added to it (their order is worked out when read).
func insertSeries(ctx context.Context, tx txn, source int64, s *Series) error {
	what := fmt.Sprintf("series %s %s", s.Name, s.Instance)
	channels := max(s.Channels, 1)
	slope := s.RescaleSlope
	if slope == 0 {
		slope = 1
	}
	key := dicomSeriesKey{string(s.Sample), s.UID, s.Rows, s.Cols, channels, s.DType}
	sid, found := tx.known.series[key]
	if !found {
		var err error
		if sid, err = existingSeries(ctx, tx, s, channels); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	created := sid == 0
	if created {
		var owner any = source
		if s.UID != "" {
			owner = nil // shared by the files that hold its frames
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO series (sample_id, source_id, uid, grp, name, instance, modality,
				rows, cols, channels, spacing_row, spacing_col, slice_thickness, window_center, window_width,
				rescale_slope, rescale_intercept, bits_stored, photometric, dtype, date, status)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			s.Sample, owner, s.UID, s.Group, s.Name, s.Instance, s.Modality, s.Rows, s.Cols, channels,
			s.SpacingRow, s.SpacingCol, s.SliceThickness,
			s.WindowCenter, s.WindowWidth, slope, s.RescaleInter, s.BitsStored, s.Photometric, s.DType, s.Date, s.Status)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if sid, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if s.UID != "" {
		tx.known.series[key] = sid // a DICOM series the batch's next files add to
	}
	if !created && s.Status != "" {
		if _, err := tx.ExecContext(ctx, `UPDATE series SET status = ? WHERE id = ? AND status = ''`, s.Status, sid); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO frames (series_id, source_id, slice_pos, time_ms, inst)
		VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	px, err := tx.PrepareContext(ctx, `INSERT INTO frame_pixels (frame_id, pixels) VALUES (?, ?)`)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	ids := make([]int64, len(s.Frames))
	for i, f := range s.Frames {
		inst := f.Instance
		if s.UID == "" {
			inst = f.Index // HDF5: the array's order
		}
		res, err := st.ExecContext(ctx, sid, source, f.SlicePos, f.TimeMS, inst)
		if err != nil {
			return fmt.Errorf("%s frame %d: %w", what, f.Index, err)
		}
		if ids[i], err = res.LastInsertId(); err != nil {
			return fmt.Errorf("%s frame %d: %w", what, f.Index, err)
		}
		if f.Pixels != nil {
			if _, err := px.ExecContext(ctx, ids[i], f.Pixels); err != nil {
				return fmt.Errorf("%s frame %d: pixels: %w", what, f.Index, err)
			}
		}
	}
	for _, m := range s.Masks {
		if m.Frame < 0 || m.Frame >= len(ids) {
			return fmt.Errorf("%s: label map %s on frame %d of %d", what, m.Name, m.Frame, len(ids))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO masks (frame_id, name, instance, rows, cols, labels) VALUES (?, ?, ?, ?, ?, ?)`,
			ids[m.Frame], m.Name, m.Instance, m.Rows, m.Cols, m.Labels); err != nil {
			return fmt.Errorf("%s: label map %s: %w", what, m.Name, err)
		}
	}
	return nil
}

// existingSeries finds the DICOM series s belongs to (0 if none yet): same UID
// and the same pixel geometry and type.
func existingSeries(ctx context.Context, tx txn, s *Series, channels int) (int64, error) {
	if s.UID == "" {
		return 0, nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM series WHERE sample_id = ? AND uid = ? AND rows = ? AND cols = ?
		AND channels = ? AND dtype = ?`, s.Sample, s.UID, s.Rows, s.Cols, channels, s.DType).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}
