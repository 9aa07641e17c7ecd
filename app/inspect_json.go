package app

import (
	"time"

	"qcterm/data"
	"qcterm/view"
)

// SampleJSON is the shape `qcterm inspect --json` prints (documented in the README).
type SampleJSON struct {
	SampleID    string       `json:"sample_id"`
	Sources     []string     `json:"sources"`
	Fields      []FieldJSON  `json:"fields"`
	ECGs        []ECGJSON    `json:"ecgs"`
	Series      []SeriesJSON `json:"series"`
	Annotations int          `json:"annotations"`
}

// FieldJSON is one value: a number, a string, or null when missing.
type FieldJSON struct {
	Origin   string `json:"origin"`
	Name     string `json:"name"`
	Instance string `json:"instance,omitempty"`
	Value    any    `json:"value"`
	Date     string `json:"date,omitempty"`
	Derived  bool   `json:"derived,omitempty"`
}

// ECGJSON describes one stored ECG.
type ECGJSON struct {
	ID             int64          `json:"id"`
	Group          string         `json:"group"`
	Instance       string         `json:"instance"`
	Kind           string         `json:"kind"`
	Leads          []string       `json:"leads"`
	SamplesPerLead int            `json:"samples_per_lead"`
	RateHz         float64        `json:"rate_hz"`
	DurationS      float64        `json:"duration_s"`
	ScaleMV        float64        `json:"scale_mv"`
	Date           string         `json:"date,omitempty"`
	Text           string         `json:"text,omitempty"`
	Measurements   map[string]any `json:"measurements,omitempty"`
}

// SeriesJSON describes one stored image series.
type SeriesJSON struct {
	ID             int64          `json:"id"`
	Group          string         `json:"group"`
	Name           string         `json:"name"`
	Instance       string         `json:"instance"`
	Modality       string         `json:"modality,omitempty"`
	Rows           int            `json:"rows"`
	Cols           int            `json:"cols"`
	Frames         int            `json:"frames"`
	Slices         int            `json:"slices"`
	SpacingMM      [2]float64     `json:"spacing_mm"` // [row spacing, column spacing]; 0 when unknown
	SliceThickness float64        `json:"slice_thickness_mm,omitempty"`
	Window         *[2]float64    `json:"window,omitempty"` // [center, width]
	DType          string         `json:"dtype"`
	Date           string         `json:"date,omitempty"`
	Status         string         `json:"status,omitempty"`
	LabelMaps      []LabelMapJSON `json:"label_maps"`
}

// LabelMapJSON is a label map on one (0-based) frame, with the label values present.
type LabelMapJSON struct {
	Name     string `json:"name"`
	Instance string `json:"instance"`
	Frame    int    `json:"frame"`
	Labels   []int  `json:"labels"`
}

// sampleJSON arranges a stored sample for printing: the fields of an ECG's group
// and instance (measurements, text) go with that ECG, the rest stay fields.
func sampleJSON(d *data.SampleDetail) SampleJSON {
	out := SampleJSON{SampleID: string(d.ID), Sources: d.Sources, Annotations: d.Annotations,
		Fields: []FieldJSON{}, ECGs: []ECGJSON{}, Series: []SeriesJSON{}}
	type gi struct{ group, instance string }
	byECG := map[gi][]int{}
	for i, e := range d.ECGs {
		byECG[gi{e.Group, e.Instance}] = append(byECG[gi{e.Group, e.Instance}], i)
		out.ECGs = append(out.ECGs, ECGJSON{ID: e.ID, Group: e.Group, Instance: e.Instance, Kind: e.Kind,
			Leads: e.Leads, SamplesPerLead: e.Len(), RateHz: e.RateHz, DurationS: e.Duration(),
			ScaleMV: e.ScaleMV, Date: dateText(e.Date)})
	}
	for _, f := range d.Fields {
		if idx, ok := byECG[gi{f.Origin, f.Instance}]; ok {
			for _, i := range idx {
				e := &out.ECGs[i]
				if f.Name == view.ECGTextField {
					e.Text = f.Value.Text
					continue
				}
				if e.Measurements == nil {
					e.Measurements = map[string]any{}
				}
				e.Measurements[f.Name] = valueJSON(f.Value)
			}
			continue
		}
		out.Fields = append(out.Fields, FieldJSON{Origin: f.Origin, Name: f.Name, Instance: f.Instance,
			Value: valueJSON(f.Value), Date: dateText(f.Date), Derived: f.Derived})
	}
	for _, s := range d.Series {
		sj := SeriesJSON{ID: s.ID, Group: s.Group, Name: s.Name, Instance: s.Instance, Modality: s.Modality,
			Rows: s.Rows, Cols: s.Cols, Frames: s.FrameCount, Slices: s.Slices,
			SpacingMM: [2]float64{s.SpacingRow, s.SpacingCol}, SliceThickness: s.SliceThickness,
			DType: s.DType, Date: dateText(s.Date), Status: s.Status, LabelMaps: []LabelMapJSON{}}
		if s.WindowWidth > 0 {
			sj.Window = &[2]float64{s.WindowCenter, s.WindowWidth}
		}
		for _, m := range s.Masks {
			sj.LabelMaps = append(sj.LabelMaps, LabelMapJSON{Name: m.Name, Instance: m.Instance, Frame: m.Frame, Labels: m.Present})
		}
		out.Series = append(out.Series, sj)
	}
	return out
}

func valueJSON(v data.Value) any {
	switch {
	case v.Missing:
		return nil
	case v.IsText:
		return v.Text
	}
	return v.Num
}

// dateText renders epoch seconds as an RFC 3339 UTC time, "" when unknown.
func dateText(sec int64) string {
	if sec == 0 {
		return ""
	}
	return time.Unix(sec, 0).UTC().Format(time.RFC3339)
}

// sortedFieldOrigins lists the origins of fields in first-seen order.
func sortedFieldOrigins(fields []FieldJSON) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range fields {
		if !seen[f.Origin] {
			seen[f.Origin] = true
			out = append(out, f.Origin)
		}
	}
	return out
}
