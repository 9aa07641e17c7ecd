package view

import (
	"fmt"
	"strconv"
	"time"

	"qcterm/data"
	"qcterm/render"
)

// ECGTextField is the ml4h dataset holding the ECG machine's interpretation.
const ECGTextField = "ecg_rest_text"

// keyMeasurements are shown in the ECG header when present.
var keyMeasurements = []struct{ field, label, unit string }{
	{"VentricularRate", "rate", "bpm"},
	{"PQInterval", "PR", "ms"},
	{"QRSDuration", "QRS", "ms"},
	{"QTInterval", "QT", "ms"},
	{"QTCInterval", "QTc", "ms"},
}

// ECGInput turns a loaded ECG into the renderer's input.
func ECGInput(e *data.ECG, header []string) render.ECGInput {
	in := render.ECGInput{RateHz: e.RateHz, ScaleMV: e.ScaleMV, Header: header}
	for i, l := range e.Leads {
		in.Leads = append(in.Leads, render.Waveform{Name: l, Samples: e.Samples[i]})
	}
	return in
}

// MachineText returns the ECG machine's read stored with the ECG's group and instance.
func MachineText(d *data.SampleDetail, e *data.ECG) string {
	for _, f := range d.Fields {
		if f.Origin == e.Group && f.Instance == e.Instance && f.Name == ECGTextField && f.Value.IsText {
			return f.Value.Text
		}
	}
	return ""
}

// ECGHeader is the text above a chart: which recording, the machine's read and
// its key measurements (render.ECG sanitises it).
func ECGHeader(d *data.SampleDetail, e *data.ECG) []string {
	first := fmt.Sprintf("sample %s · %s/%s · %s %.1f s at %g Hz", d.ID, e.Group, e.Instance, e.Kind, e.Duration(), e.RateHz)
	if e.Date != 0 {
		first += " · " + time.Unix(e.Date, 0).UTC().Format("2006-01-02 15:04")
	}
	lines := []string{first}
	if text := MachineText(d, e); text != "" {
		lines = append(lines, "machine read: "+text)
	}
	values := map[string]data.Value{}
	for _, f := range d.Fields {
		if f.Origin == e.Group && f.Instance == e.Instance {
			values[f.Name] = f.Value
		}
	}
	var parts string
	for _, m := range keyMeasurements {
		v, ok := values[m.field]
		if !ok || v.Missing || v.IsText {
			continue
		}
		if parts != "" {
			parts += " · "
		}
		parts += m.label + " " + strconv.FormatFloat(v.Num, 'g', 6, 64) + " " + m.unit
	}
	if parts != "" {
		lines = append(lines, parts)
	}
	return lines
}
