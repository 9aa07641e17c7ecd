package synth

import (
	"fmt"
	"slices"
	"time"

	"qcterm/data"
)

// Where the demo's data appear to come from, as in ml4h's per-sample HDF5 files.
const (
	ECGGroup    = "ukb_ecg_rest"
	MRIGroup    = "ukb_cardiac_mri"
	CineName    = "cine_segmented_lax_4ch"
	Instance    = "instance_2"
	ECGTextName = "ecg_rest_text"
)

// SampleID is the id of the i-th demo sample (from 1): "fake_1", "fake_2", ….
func SampleID(i int) data.SampleID { return data.SampleID(fmt.Sprintf("fake_%d", i)) }

// Cohort generates the first n demo samples under seed, one record each.
func Cohort(n int, seed int64) []*data.Record {
	out := make([]*data.Record, n)
	for i := range out {
		out[i] = Sample(seed, i+1).Record
	}
	return out
}

// Generated is one demo sample: its record and what it was made from.
type Generated struct {
	Record *data.Record
	Person Person
	ECG    *ECGRecording
	Cine   CineSpec
	Cycle  *Cine
}

// Sample generates the i-th demo sample (from 1) under seed: a resting ECG
// (strip and median beat with measurements and text), a four-chamber cine with
// a label map on frame 0, and the cohort table's row. The same seed and i
// always give the same sample, whatever else is generated.
func Sample(seed int64, i int) *Generated {
	id := SampleID(i)
	rc := newRand(seed, i, streamCohort)
	person := randomPerson(rc)
	re := newRand(seed, i, streamECG)
	ecg := RandomECGSpec(re, ECGContext{Age: person.Age, Female: person.Female, Risk: person.Risk}).Generate(re)
	person.predict(rc, ecg.Measurements)
	rm := newRand(seed, i, streamCine)
	cine := RandomCineSpec(rm, ecg.Measurements.VentricularRate, person.BMI)
	cycle := cine.Render(rm)
	// A visit between 2014 and 2020, at a time of day between 08:00 and 18:00.
	visit := time.Date(2014, 6, 1, 8, 0, 0, 0, time.UTC).
		AddDate(0, 0, rc.IntN(6*365)).Add(time.Duration(rc.IntN(10*3600)) * time.Second).Unix()

	rec := &data.Record{Samples: []data.SampleID{id}}
	rec.ECGs = []data.ECG{
		ecgOf(id, data.KindStrip, ecg.Strip, visit),
		ecgOf(id, data.KindMedian, ecg.Median, visit),
	}
	rec.Fields = append(rec.Fields, ecgFields(id, ecg, visit)...)
	rec.Series = []data.Series{seriesOf(id, cycle, visit+3600)}
	rec.Fields = append(rec.Fields, person.fields(id)...)
	return &Generated{Record: rec, Person: person, ECG: ecg, Cine: cine, Cycle: cycle}
}

func ecgOf(id data.SampleID, kind string, leads [][]float32, date int64) data.ECG {
	return data.ECG{Sample: id, Group: ECGGroup, Instance: Instance, Kind: kind, RateHz: ECGRateHz,
		ScaleMV: ScaleMV, Date: date, Leads: slices.Clone(data.StandardLeads), Samples: leads, N: len(leads[0])}
}

// ecgFields are the machine's measurements and text, as the HDF5 reader makes
// them of ml4h's datasets. The per-lead amplitudes stay out: 24 more columns
// per sample would double what storing the fields costs.
func ecgFields(id data.SampleID, e *ECGRecording, date int64) []data.Field {
	f := func(name string, v data.Value) data.Field {
		return data.Field{Sample: id, Origin: ECGGroup, Name: name, Instance: Instance, Value: v, Date: date}
	}
	m := &e.Measurements
	var out []data.Field
	for _, nv := range m.named() {
		out = append(out, f(nv.name, data.Number(nv.value)))
	}
	return append(out, f(ECGTextName, data.Text(e.Text)))
}

// seriesOf is the cine as a stored series, its label map on frame 0 named as
// ml4h names it (frames counted from 1).
func seriesOf(id data.SampleID, c *Cine, date int64) data.Series {
	s := data.Series{Sample: id, Group: MRIGroup, Name: CineName, Instance: Instance, Modality: "MR",
		Rows: CineSize, Cols: CineSize, Channels: 1, Slices: 1, SpacingRow: CineSpacingMM, SpacingCol: CineSpacingMM,
		SliceThickness: 8, BitsStored: 8, Photometric: "MONOCHROME2", DType: data.DTypeUint8, Date: date,
		FrameCount: len(c.Frames)}
	for i, px := range c.Frames {
		s.Frames = append(s.Frames, data.Frame{Index: i, TimeMS: c.TimeMS[i], Instance: i + 1, Pixels: px})
	}
	s.Masks = []data.Mask{{Frame: 0, Name: CineName + "_annotated_1", Instance: Instance,
		Rows: CineSize, Cols: CineSize, Labels: c.Labels}}
	return s
}
