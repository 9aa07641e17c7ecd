package app

import (
	"context"
	"fmt"
	"strings"

	"qcterm/data"
	"qcterm/render"
	"qcterm/view"
)

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
	in := view.ECGInput(e, view.ECGHeader(d, e))
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
