package tui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"qcterm/data"
)

// sampleData is one sample as the sample view needs it: metadata, every ECG's
// samples and the frames loaded so far.
type sampleData struct {
	detail *data.SampleDetail
	ecgs   map[int64]*data.ECG
	frames map[frameKey][]byte
	times  map[frameKey]float64 // trigger times, ms
	masks  map[frameKey][]data.Mask
	// frameErr holds frames that could not be loaded, so they are not asked for again.
	frameErr map[frameKey]error
}

type frameKey struct {
	series int64
	idx    int
}

// maxPreload bounds the frame bytes loaded with a sample; further frames load on demand.
const maxPreload = 48 << 20

// Messages carrying load results. req identifies the request; replies to
// superseded requests are dropped.
type (
	listLoadedMsg struct {
		ids  []data.SampleID
		cols []data.ColumnInfo
		err  error
	}
	columnsLoadedMsg struct {
		values map[string]map[data.SampleID]data.Value
		page   bool // values of the visible rows only, ahead of whole columns
		err    error
	}
	sampleLoadedMsg struct {
		id  data.SampleID
		d   *sampleData
		err error
	}
	frameLoadedMsg struct {
		id  data.SampleID
		key frameKey
		px  []byte
		err error
	}
)

func loadList(ctx context.Context, s *data.Store) tea.Cmd {
	return func() tea.Msg {
		ids, err := s.SampleIDs(ctx)
		if err != nil {
			return listLoadedMsg{err: err}
		}
		cols, err := s.Columns(ctx)
		return listLoadedMsg{ids: ids, cols: cols, err: err}
	}
}

// loadPage reads the shown columns of the visible rows: the first screen needs
// no more, and whole columns (for sorting and filtering) follow.
func loadPage(ctx context.Context, s *data.Store, ids []data.SampleID, names []string) tea.Cmd {
	return func() tea.Msg {
		v, err := s.SampleValues(ctx, ids, names)
		return columnsLoadedMsg{values: v, page: true, err: err}
	}
}

func loadColumns(ctx context.Context, s *data.Store, names []string) tea.Cmd {
	return func() tea.Msg {
		v, err := s.ColumnValues(ctx, names)
		return columnsLoadedMsg{values: v, err: err}
	}
}

// loadSample reads a sample's metadata, ECG samples and, within maxPreload,
// its frames and label maps.
func loadSample(ctx context.Context, s *data.Store, id data.SampleID) tea.Cmd {
	return func() tea.Msg {
		d, err := readSample(ctx, s, id)
		return sampleLoadedMsg{id: id, d: d, err: err}
	}
}

func readSample(ctx context.Context, s *data.Store, id data.SampleID) (*sampleData, error) {
	detail, err := s.Sample(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &sampleData{detail: detail, ecgs: map[int64]*data.ECG{}, frames: map[frameKey][]byte{},
		times: map[frameKey]float64{}, masks: map[frameKey][]data.Mask{}, frameErr: map[frameKey]error{}}
	for _, e := range detail.ECGs {
		full, err := s.ECGData(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		d.ecgs[e.ID] = full
	}
	budget := maxPreload
	for _, x := range detail.Series {
		size := x.Rows * x.Cols * max(x.Channels, 1) * data.DTypeSize(x.DType)
		for k := 0; k < x.FrameCount && budget >= size; k++ {
			f, err := s.FrameData(ctx, x.ID, k)
			if err != nil {
				return nil, err
			}
			d.frames[frameKey{x.ID, k}] = f.Pixels
			d.times[frameKey{x.ID, k}] = f.TimeMS
			budget -= size
		}
		for _, m := range x.Masks {
			key := frameKey{x.ID, m.Frame}
			if _, done := d.masks[key]; done {
				continue
			}
			if d.masks[key], err = s.MaskData(ctx, x.ID, m.Frame); err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

func loadFrame(ctx context.Context, s *data.Store, id data.SampleID, key frameKey) tea.Cmd {
	return func() tea.Msg {
		f, err := s.FrameData(ctx, key.series, key.idx)
		if err != nil {
			return frameLoadedMsg{id: id, key: key, err: fmt.Errorf("frame %d: %w", key.idx, err)}
		}
		return frameLoadedMsg{id: id, key: key, px: f.Pixels}
	}
}
