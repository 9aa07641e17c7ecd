package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// SampleDetail is everything stored for one sample, without waveform or pixel data.
type SampleDetail struct {
	ID          SampleID
	Sources     []string
	Fields      []Field
	ECGs        []ECG    // Samples not loaded
	Series      []Series // Frames not loaded; Masks without Labels
	Annotations int
}

// Sample returns what is stored for id, or ErrNotFound.
func (s *Store) Sample(ctx context.Context, id SampleID) (*SampleDetail, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM samples WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sample %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sample %s: %w", id, err)
	}
	d := &SampleDetail{ID: id}
	steps := []func(context.Context, *SampleDetail) error{s.loadSources, s.loadFields, s.loadECGs, s.loadSeries}
	for _, step := range steps {
		if err := step(ctx, d); err != nil {
			return nil, fmt.Errorf("sample %s: %w", id, err)
		}
	}
	err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM annotations WHERE sample_id = ? AND undone_at IS NULL`, id).Scan(&d.Annotations)
	if err != nil {
		return nil, fmt.Errorf("sample %s: annotations: %w", id, err)
	}
	return d, nil
}

func (s *Store) loadSources(ctx context.Context, d *SampleDetail) error {
	rows, err := s.db.QueryContext(ctx, `SELECT s.path FROM sources s JOIN sample_sources ss ON ss.source_id = s.id
		WHERE ss.sample_id = ? ORDER BY s.path`, d.ID)
	if err != nil {
		return fmt.Errorf("sources: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return fmt.Errorf("sources: %w", err)
		}
		d.Sources = append(d.Sources, p)
	}
	return rows.Err()
}

func (s *Store) loadFields(ctx context.Context, d *SampleDetail) error {
	rows, err := s.db.QueryContext(ctx, `SELECT c.origin, c.name, c.instance, f.num, f.text, f.date, c.derived
		FROM fields f JOIN columns c ON c.id = f.column_id
		WHERE f.sample_id = ? ORDER BY c.origin, c.instance, c.id`, d.ID)
	if err != nil {
		return fmt.Errorf("fields: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		f := Field{Sample: d.ID}
		var num sql.NullFloat64
		var text sql.NullString
		if err := rows.Scan(&f.Origin, &f.Name, &f.Instance, &num, &text, &f.Date, &f.Derived); err != nil {
			return fmt.Errorf("fields: %w", err)
		}
		switch {
		case text.Valid:
			f.Value = Text(text.String)
		case num.Valid:
			f.Value = Number(num.Float64)
		default:
			f.Value = Value{Missing: true}
		}
		d.Fields = append(d.Fields, f)
	}
	return rows.Err()
}

const ecgColumns = `id, sample_id, grp, instance, kind, rate_hz, scale_mv, date, leads, n_samples`

func scanECG(sc interface{ Scan(...any) error }, e *ECG, n *int, extra ...any) error {
	var leads string
	dest := append([]any{&e.ID, &e.Sample, &e.Group, &e.Instance, &e.Kind, &e.RateHz, &e.ScaleMV, &e.Date, &leads, n}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return err
	}
	if leads != "" {
		e.Leads = strings.Split(leads, ",")
	}
	return nil
}

func (s *Store) loadECGs(ctx context.Context, d *SampleDetail) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+ecgColumns+` FROM ecgs WHERE sample_id = ?
		ORDER BY grp, instance, kind DESC`, d.ID)
	if err != nil {
		return fmt.Errorf("ECGs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e ECG
		var n int
		if err := scanECG(rows, &e, &n); err != nil {
			return fmt.Errorf("ECGs: %w", err)
		}
		e.N = n
		d.ECGs = append(d.ECGs, e)
	}
	return rows.Err()
}

// ECGData loads one ECG with its samples.
func (s *Store) ECGData(ctx context.Context, id int64) (*ECG, error) {
	var e ECG
	var n int
	var blob []byte
	row := s.db.QueryRowContext(ctx, `SELECT `+ecgColumns+`, data FROM ecgs WHERE id = ?`, id)
	err := scanECG(row, &e, &n, &blob)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("ECG %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("ECG %d: %w", id, err)
	}
	e.N = n
	if e.Samples, err = decodeLeads(blob, len(e.Leads), n); err != nil {
		return nil, fmt.Errorf("ECG %d: %w", id, err)
	}
	return &e, nil
}

func (s *Store) loadSeries(ctx context.Context, d *SampleDetail) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, sample_id, uid, grp, name, instance, modality, rows, cols, channels,
		(SELECT count(*) FROM frames f WHERE f.series_id = series.id),
		max(1, (SELECT count(DISTINCT f.slice_pos) FROM frames f WHERE f.series_id = series.id)),
		spacing_row, spacing_col, slice_thickness, window_center, window_width, rescale_slope, rescale_intercept,
		bits_stored, photometric, dtype, date, status
		FROM series WHERE sample_id = ? ORDER BY grp, name, instance, id`, d.ID)
	if err != nil {
		return fmt.Errorf("series: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x Series
		if err := rows.Scan(&x.ID, &x.Sample, &x.UID, &x.Group, &x.Name, &x.Instance, &x.Modality, &x.Rows, &x.Cols, &x.Channels,
			&x.FrameCount, &x.Slices, &x.SpacingRow, &x.SpacingCol, &x.SliceThickness, &x.WindowCenter, &x.WindowWidth,
			&x.RescaleSlope, &x.RescaleInter, &x.BitsStored, &x.Photometric, &x.DType, &x.Date, &x.Status); err != nil {
			return fmt.Errorf("series: %w", err)
		}
		d.Series = append(d.Series, x)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("series: %w", err)
	}
	rows.Close()
	for i := range d.Series {
		if err := s.loadMasks(ctx, &d.Series[i]); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) loadMasks(ctx context.Context, x *Series) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+frameIndex+` AS idx, m.name, m.instance, m.rows, m.cols, m.labels
		FROM masks m JOIN frames f ON f.id = m.frame_id WHERE f.series_id = ? ORDER BY idx, m.name`, x.ID)
	if err != nil {
		return fmt.Errorf("masks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m Mask
		if err := rows.Scan(&m.Frame, &m.Name, &m.Instance, &m.Rows, &m.Cols, &m.Labels); err != nil {
			return fmt.Errorf("masks: %w", err)
		}
		m.Present = presentLabels(m.Labels)
		m.Labels = nil
		x.Masks = append(x.Masks, m)
	}
	return rows.Err()
}

// frameIndex is the SQL for a frame f's 0-based index in its series: its rank
// in (slice position, trigger time, instance number, id) order.
const frameIndex = `(SELECT count(*) FROM frames o WHERE o.series_id = f.series_id
	AND (o.slice_pos, o.time_ms, o.inst, o.id) < (f.slice_pos, f.time_ms, f.inst, f.id))`

// frameID finds the id of frame idx (0-based) of a series.
func (s *Store) frameID(ctx context.Context, seriesID int64, idx int) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM frames WHERE series_id = ?
		ORDER BY slice_pos, time_ms, inst, id LIMIT 1 OFFSET ?`, seriesID, idx).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) || idx < 0 {
		return 0, fmt.Errorf("series %d frame %d: %w", seriesID, idx, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("series %d frame %d: %w", seriesID, idx, err)
	}
	return id, nil
}

// FrameData loads frame idx (0-based) of a series.
func (s *Store) FrameData(ctx context.Context, seriesID int64, idx int) (Frame, error) {
	id, err := s.frameID(ctx, seriesID, idx)
	if err != nil {
		return Frame{}, err
	}
	f := Frame{Index: idx}
	err = s.db.QueryRowContext(ctx, `SELECT f.slice_pos, f.time_ms, f.inst, p.pixels,
			(SELECT count(DISTINCT o.slice_pos) FROM frames o WHERE o.series_id = f.series_id AND o.slice_pos < f.slice_pos)
		FROM frames f LEFT JOIN frame_pixels p ON p.frame_id = f.id WHERE f.id = ?`, id).
		Scan(&f.SlicePos, &f.TimeMS, &f.Instance, &f.Pixels, &f.Slice)
	if err != nil {
		return Frame{}, fmt.Errorf("series %d frame %d: %w", seriesID, idx, err)
	}
	return f, nil
}
