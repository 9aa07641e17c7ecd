package synth

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"qcterm/data"
)

func TestSampleDeterministic(t *testing.T) {
	a, b := Sample(42, 3).Record, Sample(42, 3).Record
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed and sample gave different records")
	}
	if c := Cohort(3, 42)[2]; !reflect.DeepEqual(a, c) {
		t.Error("a sample generated alone differs from the same sample in a cohort")
	}
	other := Sample(43, 3).Record
	if reflect.DeepEqual(a.ECGs[0].Samples, other.ECGs[0].Samples) || reflect.DeepEqual(a.Series[0].Frames, other.Series[0].Frames) {
		t.Error("another seed gave the same signals")
	}
}

func TestSampleRecord(t *testing.T) {
	g := Sample(1, 7)
	rec := g.Record
	if len(rec.Samples) != 1 || rec.Samples[0] != "fake_7" {
		t.Fatalf("samples %v", rec.Samples)
	}
	if len(rec.ECGs) != 2 || rec.ECGs[0].Kind != data.KindStrip || rec.ECGs[1].Kind != data.KindMedian {
		t.Fatalf("ECGs %d", len(rec.ECGs))
	}
	for _, e := range rec.ECGs {
		if e.Sample != "fake_7" || e.Group != ECGGroup || e.Instance != Instance || e.RateHz != 500 || e.ScaleMV != data.DefaultScaleMV ||
			!reflect.DeepEqual(e.Leads, data.StandardLeads) || e.Date == 0 {
			t.Errorf("ECG %s: %+v", e.Kind, e)
		}
	}
	if rec.ECGs[0].Len() != StripLen || rec.ECGs[1].Len() != MedianLen {
		t.Errorf("strip %d, median %d samples", rec.ECGs[0].Len(), rec.ECGs[1].Len())
	}
	if len(rec.Series) != 1 {
		t.Fatalf("%d series", len(rec.Series))
	}
	s := rec.Series[0]
	if s.Group != MRIGroup || s.Name != CineName || s.Instance != Instance || s.DType != data.DTypeUint8 ||
		len(s.Frames) != CineFrames || s.SpacingRow != CineSpacingMM || len(s.Masks) != 1 || s.Masks[0].Frame != 0 ||
		s.Masks[0].Name != "cine_segmented_lax_4ch_annotated_1" || len(s.Masks[0].Labels) != CineSize*CineSize {
		t.Errorf("series %+v", s)
	}
	fields := map[string]data.Field{}
	for _, f := range rec.Fields {
		if f.Sample != "fake_7" {
			t.Errorf("field %s of sample %s", f.Name, f.Sample)
		}
		fields[f.Origin+"/"+f.Instance+"/"+f.Name] = f
	}
	for _, name := range []string{"VentricularRate", "PQInterval", "QRSDuration", "QTInterval", "QTCInterval", "RRInterval",
		"PAxis", "RAxis", "TAxis", "SokolovLVHIndex", ECGTextName} {
		if _, ok := fields[ECGGroup+"/"+Instance+"/"+name]; !ok {
			t.Errorf("no ECG field %s (with the ECG's origin and instance)", name)
		}
	}
	if v := fields[ECGGroup+"/"+Instance+"/VentricularRate"].Value; v.Num != g.ECG.Measurements.VentricularRate {
		t.Errorf("VentricularRate field %v, measured %g", v, g.ECG.Measurements.VentricularRate)
	}
	if v := fields[ECGGroup+"/"+Instance+"/"+ECGTextName].Value; !v.IsText || v.Text != g.ECG.Text {
		t.Errorf("text field %v", v)
	}
	for _, name := range []string{"age", "bmi", "sex_at_birth", "ecg_exercise_program", "qt_interval_actual", "qt_interval_prediction",
		"p_axis_actual", "p_axis_prediction", "proton_density_fat_actual", "proton_density_fat_prediction",
		"qt_interval_delta", "p_axis_delta", "proton_density_fat_delta"} {
		f, ok := fields[CohortOrigin+"//"+name]
		if !ok {
			t.Errorf("no cohort field %s", name)
			continue
		}
		if f.Derived != strings.HasSuffix(name, "_delta") {
			t.Errorf("%s: derived %v", name, f.Derived)
		}
	}
	if got := fields[CohortOrigin+"//qt_interval_actual"].Value.Num; got != g.ECG.Measurements.QTInterval {
		t.Errorf("qt_interval_actual %g, the ECG's QTInterval %g", got, g.ECG.Measurements.QTInterval)
	}
}

// column is one cohort field of every record, by name.
func column(recs []*data.Record, name string) []data.Value {
	out := make([]data.Value, len(recs))
	for i, r := range recs {
		for _, f := range r.Fields {
			if f.Origin == CohortOrigin && f.Name == name {
				out[i] = f.Value
			}
		}
	}
	return out
}

func TestCohortPlantedErrors(t *testing.T) {
	recs := Cohort(160, 9)
	risk, bmi := column(recs, "ecg_exercise_program"), column(recs, "bmi")
	groups := map[string]int{}
	for i, g := range RiskGroups() {
		groups[g] = i
	}
	var qt [4][]float64
	var axis, fat [2][]float64 // bmi ≤ 30, bmi > 30
	afSeen := false
	for _, x := range []string{"qt_interval", "p_axis", "proton_density_fat"} {
		act, pred, delta := column(recs, x+"_actual"), column(recs, x+"_prediction"), column(recs, x+"_delta")
		for i := range recs {
			if act[i].Missing || pred[i].Missing {
				if !delta[i].Missing {
					t.Errorf("%s %d: delta %v of a missing value", x, i, delta[i])
				}
				afSeen = afSeen || x == "p_axis"
				continue
			}
			if d := act[i].Num - pred[i].Num; delta[i].Missing || delta[i].Num != d {
				t.Fatalf("%s %d: delta %v, want %g", x, i, delta[i], d)
			}
			obese := 0
			if bmi[i].Num > 30 {
				obese = 1
			}
			switch x {
			case "qt_interval":
				g, ok := groups[risk[i].Text]
				if !ok {
					t.Fatalf("sample %d: ecg_exercise_program %v", i, risk[i])
				}
				qt[g] = append(qt[g], math.Abs(delta[i].Num))
			case "p_axis":
				axis[obese] = append(axis[obese], math.Abs(delta[i].Num))
			default:
				fat[obese] = append(fat[obese], math.Abs(delta[i].Num))
			}
		}
	}
	mean := func(v []float64) float64 { m, _ := meanSD(v); return m }
	for g := 1; g < 4; g++ {
		if len(qt[g]) < 10 || mean(qt[g]) <= mean(qt[g-1]) {
			t.Errorf("mean |qt delta| of %s (%d samples) %.1f, of %s %.1f: want it to grow with risk",
				RiskGroups()[g], len(qt[g]), mean(qt[g]), RiskGroups()[g-1], mean(qt[g-1]))
		}
	}
	if len(axis[1]) < 10 || mean(axis[1]) < 2*mean(axis[0]) {
		t.Errorf("mean |p axis delta| %.1f above BMI 30 (%d samples), %.1f below", mean(axis[1]), len(axis[1]), mean(axis[0]))
	}
	if mean(fat[1]) < 2*mean(fat[0]) {
		t.Errorf("mean |fat delta| %.2f above BMI 30, %.2f below", mean(fat[1]), mean(fat[0]))
	}
	if !afSeen {
		t.Error("no sample without a P axis (atrial fibrillation) in 160")
	}
}
