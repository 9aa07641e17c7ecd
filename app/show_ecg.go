package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"qcterm/data"
	"qcterm/render"
)

// keyMeasurements are the ECG machine's measurements shown in the header,
// with the labels and units a reader expects.
var keyMeasurements = []struct{ field, label, unit string }{
	{"VentricularRate", "rate", "bpm"},
	{"PQInterval", "PR", "ms"},
	{"QRSDuration", "QRS", "ms"},
	{"QTInterval", "QT", "ms"},
	{"QTCInterval", "QTc", "ms"},
}

// showECG draws one ECG of the sample: the strip (the median beats for
// --layout median) of the first instance, or of --instance.
func showECG(ctx context.Context, env Env, store *data.Store, d *data.SampleDetail, o showOptions) error {
	layout := render.ECGLayout(strings.ToLower(o.layout))
	switch layout {
	case render.Layout3x4, render.Layout12x1, render.LayoutMedian:
	default:
		return usagef("--layout %q: want 3x4, 12x1 or median", render.Sanitize(o.layout))
	}
	style := render.ECGStyle(strings.ToLower(o.style))
	if style != render.StyleBox && style != render.StyleBraille {
		return usagef("--style %q: want box or braille", render.Sanitize(o.style))
	}
	color, err := o.colorOn(env)
	if err != nil {
		return err
	}
	kind := data.KindStrip
	if layout == render.LayoutMedian {
		kind = data.KindMedian
	}
	meta, err := pickECG(d, kind, o.instance)
	if err != nil {
		return err
	}
	e, err := store.ECGData(ctx, meta.ID)
	if err != nil {
		return fmt.Errorf("sample %s: %w", d.ID, err)
	}
	in := render.ECGInput{RateHz: e.RateHz, ScaleMV: e.ScaleMV, Header: ecgHeader(d, e)}
	for i, name := range e.Leads {
		in.Leads = append(in.Leads, render.Waveform{Name: name, Samples: e.Samples[i]})
	}
	cols, rows := cellBox(env, o, 1)
	opts := render.ECGOptions{Layout: layout, Style: style, Width: cols, Height: rows,
		From: o.from, To: o.to, Color: color}
	if o.leads != "" {
		for _, l := range strings.Split(o.leads, ",") {
			if l = strings.TrimSpace(l); l != "" {
				opts.Leads = append(opts.Leads, l)
			}
		}
	}
	if err := render.ValidateECG(in, opts); err != nil {
		return usagef("sample %s ECG %s/%s %s: %v", render.Sanitize(string(d.ID)),
			render.Sanitize(e.Group), render.Sanitize(e.Instance), e.Kind, err)
	}
	page := render.ECG(in, opts)
	if !strings.HasSuffix(page, "\n") {
		page += "\n"
	}
	return writeOutput(env, o, []byte(page))
}

// pickECG finds the ECG of kind at --instance, else the first of that kind.
func pickECG(d *data.SampleDetail, kind, instance string) (data.ECG, error) {
	var have []string
	for _, e := range d.ECGs {
		if e.Kind != kind {
			continue
		}
		if matchInstance(e.Instance, instance) {
			return e, nil
		}
		have = append(have, render.Sanitize(e.Group+"/"+e.Instance))
	}
	if len(have) == 0 {
		return data.ECG{}, fmt.Errorf("sample %s has no %s ECG: %w", render.Sanitize(string(d.ID)), kind, data.ErrNotFound)
	}
	return data.ECG{}, usagef("sample %s has no %s ECG at instance %q; it has %s",
		render.Sanitize(string(d.ID)), kind, render.Sanitize(instance), strings.Join(have, ", "))
}

// ecgHeader is the text above the chart: which recording, the machine's
// read and its key measurements. render.ECG sanitises it.
func ecgHeader(d *data.SampleDetail, e *data.ECG) []string {
	first := fmt.Sprintf("sample %s · %s/%s · %s %.1f s at %g Hz", d.ID, e.Group, e.Instance, e.Kind, e.Duration(), e.RateHz)
	if e.Date != 0 {
		first += " · " + time.Unix(e.Date, 0).UTC().Format("2006-01-02 15:04")
	}
	lines := []string{first}
	var text string
	values := map[string]data.Value{}
	for _, f := range d.Fields {
		if f.Origin != e.Group || f.Instance != e.Instance {
			continue
		}
		if f.Name == ecgTextField && f.Value.IsText {
			text = f.Value.Text
			continue
		}
		values[f.Name] = f.Value
	}
	if text != "" {
		lines = append(lines, "machine read: "+text)
	}
	var parts []string
	for _, m := range keyMeasurements {
		v, ok := values[m.field]
		if !ok || v.Missing {
			continue
		}
		s := v.Text
		if !v.IsText {
			s = strconv.FormatFloat(v.Num, 'g', 6, 64)
		}
		parts = append(parts, m.label+" "+s+" "+m.unit)
	}
	if len(parts) > 0 {
		lines = append(lines, strings.Join(parts, " · "))
	}
	return lines
}
