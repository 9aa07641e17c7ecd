package synth

import (
	"math"
	"math/rand/v2"

	"qcterm/data"
)

// CohortOrigin is the table the cohort fields appear to come from.
const CohortOrigin = "demo_cohort.csv"

// RiskGroups are the values of ecg_exercise_program, lowest risk first.
func RiskGroups() []string { return []string{"No risk", "Small risk", "Medium risk", "High risk"} }

// Person is one row of the demo cohort table: the phenotypes ml4h's demo table
// has, and the actual/prediction pairs of three models with planted errors.
type Person struct {
	Age    float64
	BMI    float64
	Female bool
	Risk   int // index into RiskGroups

	QTActual, QTPrediction       float64 // ms; error grows with the risk group
	PAxisActual, PAxisPrediction float64 // degrees; larger errors when BMI > 30; NaN in atrial fibrillation
	FatActual, FatPrediction     float64 // liver proton density fat fraction, %; larger errors when BMI > 30
}

// randomPerson draws the phenotypes; the model outputs come later, from the ECG.
func randomPerson(r *rand.Rand) Person {
	p := Person{Age: math.Round(normal(r, 64, 7.5, 45, 82)), Female: chance(r, 0.52)}
	p.BMI = math.Round(normal(r, 26.5, 4.5, 17, 45)*10) / 10
	p.Risk = min(3, int(4*clamp(r.Float64()+0.004*(p.Age-64), 0, 0.999)))
	return p
}

// predict fills the model outputs: the QT interval and P axis the ECG machine
// measured, a fat fraction that rises with BMI, and predictions whose errors
// are planted (QT by risk group, P axis and fat fraction above BMI 30).
func (p *Person) predict(r *rand.Rand, m Measurements) {
	p.QTActual = m.QTInterval
	qtSD := []float64{3, 8, 20, 45}[p.Risk]
	p.QTPrediction = math.Round(p.QTActual + qtSD*r.NormFloat64() + 2*float64(p.Risk))
	p.PAxisActual = m.PAxis
	axisSD, fatSD := 6.0, 0.6
	if p.BMI > 30 {
		axisSD, fatSD = 25, 3.5
	}
	p.PAxisPrediction = math.Round(clamp(p.PAxisActual, -90, 180) + axisSD*r.NormFloat64())
	if math.IsNaN(p.PAxisActual) { // no P waves: the model still answers
		p.PAxisPrediction = math.Round(normal(r, 55, 20, -30, 120))
	}
	p.FatActual = math.Round(clamp(1.5+0.45*(p.BMI-22)+2.5*r.ExpFloat64()*0.6, 0.5, 35)*100) / 100
	p.FatPrediction = math.Round(math.Max(0, p.FatActual+fatSD*r.NormFloat64())*100) / 100
}

// fields are the person as the cohort table's fields, in the table's column
// order, then the derived <x>_delta = actual − prediction (missing when either is).
func (p *Person) fields(id data.SampleID) []data.Field {
	sex := "Male"
	if p.Female {
		sex = "Female"
	}
	cols := []struct {
		name string
		v    data.Value
	}{
		{"age", data.Number(p.Age)},
		{"bmi", data.Number(p.BMI)},
		{"sex_at_birth", data.Text(sex)},
		{"ecg_exercise_program", data.Text(RiskGroups()[p.Risk])},
		{"qt_interval_actual", data.Number(p.QTActual)},
		{"qt_interval_prediction", data.Number(p.QTPrediction)},
		{"p_axis_actual", data.Number(p.PAxisActual)},
		{"p_axis_prediction", data.Number(p.PAxisPrediction)},
		{"proton_density_fat_actual", data.Number(p.FatActual)},
		{"proton_density_fat_prediction", data.Number(p.FatPrediction)},
		{"qt_interval_delta", data.Number(p.QTActual - p.QTPrediction)},
		{"p_axis_delta", data.Number(p.PAxisActual - p.PAxisPrediction)},
		{"proton_density_fat_delta", data.Number(p.FatActual - p.FatPrediction)},
	}
	out := make([]data.Field, len(cols))
	for i, c := range cols {
		out[i] = data.Field{Sample: id, Origin: CohortOrigin, Name: c.name, Value: c.v, Derived: i >= 10}
	}
	return out
}
