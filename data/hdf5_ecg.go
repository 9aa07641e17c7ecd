package data

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// isECGGroup reports a group holding resting-ECG leads (strip_<lead>, median_<lead>).
func isECGGroup(leaves []h5Leaf) bool {
	for _, l := range leaves {
		name, _ := instanceOf(l)
		if strings.HasPrefix(name, "strip_") || strings.HasPrefix(name, "median_") {
			return true
		}
	}
	return false
}

type ecgKey struct{ kind, instance string }

// ecgGroup turns strip_<lead>/median_<lead> datasets into one ECG per (kind, instance)
// and every other dataset of the group (measurements, text, amplitudes) into fields.
func (f *h5File) ecgGroup(sample SampleID, group string, leaves []h5Leaf, rec *Record) error {
	byKey := map[ecgKey]map[string]h5Leaf{}
	var keys []ecgKey
	flat := 0
	for _, l := range leaves {
		name, inst := instanceOf(l)
		kind, lead, ok := strings.Cut(name, "_")
		if !ok || (kind != KindStrip && kind != KindMedian) || lead == "" {
			if err := f.fieldLeaf(sample, group, l, StandardLeads, rec); err != nil {
				return err
			}
			continue
		}
		if len(l.parts) == 2 {
			flat++
		}
		k := ecgKey{kind, inst}
		if byKey[k] == nil {
			byKey[k] = map[string]h5Leaf{}
			keys = append(keys, k)
		}
		byKey[k][lead] = l
	}
	if flat > 0 {
		f.warnf("%s: %d leads have no instance level (/%s/<lead> is a dataset); read as instance \"\"", group, flat, group)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].instance != keys[j].instance {
			return keys[i].instance < keys[j].instance
		}
		return keys[i].kind > keys[j].kind // strip before median
	})
	for _, k := range keys {
		ecg, err := f.ecg(sample, group, k, byKey[k])
		if err != nil {
			return err
		}
		if ecg != nil {
			rec.ECGs = append(rec.ECGs, *ecg)
		}
	}
	return nil
}

// leadOrder puts the standard 12 leads first, in StandardLeads order, then any others by name.
func leadOrder(leads map[string]h5Leaf) []string {
	var out, extra []string
	for _, l := range StandardLeads {
		if _, ok := leads[l]; ok {
			out = append(out, l)
		}
	}
	for l := range leads {
		if !slices.Contains(StandardLeads, l) {
			extra = append(extra, l)
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}

// ecg reads one ECG's leads. Leads that are not 1-D, or whose length differs from
// the others, are left out with a warning; missing standard leads are named.
func (f *h5File) ecg(sample SampleID, group string, k ecgKey, leads map[string]h5Leaf) (*ECG, error) {
	what := strings.TrimSpace(fmt.Sprintf("%s %s %s", group, k.kind, k.instance))
	e := &ECG{Sample: sample, Group: group, Instance: k.instance, Kind: k.kind, ScaleMV: f.opts.ScaleMV}
	var missing []string
	for _, l := range StandardLeads {
		if _, ok := leads[l]; !ok {
			missing = append(missing, l)
		}
	}
	if len(missing) > 0 {
		f.warnf("%s: missing leads %s", what, strings.Join(missing, ", "))
	}
	n := -1
	for _, lead := range leadOrder(leads) {
		l := leads[lead]
		info, err := f.info(l)
		if err != nil {
			return nil, err
		}
		if len(info.dims) != 1 || !info.numeric() {
			f.warnf("%s: lead %s skipped: %s of shape %v is not a 1-D waveform", what, lead, info.class, info.dims)
			continue
		}
		if n >= 0 && info.dims[0] != n {
			f.warnf("%s: lead %s skipped: %d samples where the other leads have %d", what, lead, info.dims[0], n)
			continue
		}
		v, err := f.numbers(l, info)
		if err != nil {
			return nil, err
		}
		n = len(v)
		w := make([]float32, n)
		for i, x := range v {
			w[i] = float32(x)
		}
		if e.Date == 0 {
			e.Date = date(l)
		}
		e.Leads = append(e.Leads, lead)
		e.Samples = append(e.Samples, w)
	}
	if len(e.Leads) == 0 || n == 0 {
		f.warnf("%s: no usable leads", what)
		return nil, nil
	}
	e.RateHz = ecgRate(k.kind, n)
	return e, nil
}

// ecgRate is the sampling rate of an ml4h resting ECG: strips span 10 s
// (5000 samples at 500 Hz); median beats are sampled at 500 Hz.
func ecgRate(kind string, n int) float64 {
	if kind == KindStrip {
		return float64(n) / 10
	}
	return 500
}
