package data

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/suyashkumar/dicom/pkg/tag"
)

// dicomLeadNames maps the words of a channel's CodeMeaning ("Lead I (Einthoven)",
// "Lead aVR", "V1") to qcterm's lead names.
func dicomLeadName(meaning string) string {
	m := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(meaning), "Lead"))
	if i := strings.IndexAny(m, " (-"); i > 0 {
		m = m[:i]
	}
	for _, l := range StandardLeads {
		if strings.EqualFold(m, l) {
			return l
		}
	}
	return m
}

// dicomECGs reads the 12-lead waveforms of a DICOM waveform object: one ECG per
// multiplex group, values as stored with the channel sensitivity as the mV scale.
func dicomECGs(d dcm, sample SampleID, name string) ([]ECG, error) {
	var out []ECG
	for gi, g := range d.items(tag.WaveformSequence) {
		nch, ns := g.int(tag.NumberOfWaveformChannels, 0), g.int(tag.NumberOfWaveformSamples, 0)
		rate := g.float(tag.SamplingFrequency, 0)
		bits := g.int(tag.WaveformBitsAllocated, 16)
		interp := g.str(tag.WaveformSampleInterpretation)
		raw := g.bytes(tag.WaveformData)
		what := fmt.Sprintf("%s: waveform group %d", name, gi)
		if nch <= 0 || ns <= 0 || rate <= 0 {
			return nil, fmt.Errorf("%s: %w: %d channels × %d samples at %g Hz", what, ErrMalformed, nch, ns, rate)
		}
		if bits != 16 || (interp != "SS" && interp != "US") {
			return nil, fmt.Errorf("%s: %w: %d-bit %q samples", what, ErrUnsupported, bits, interp)
		}
		if nch > len(raw)/2 || ns > len(raw)/2/nch {
			return nil, fmt.Errorf("%s: %w: waveform data truncated: %d bytes for %d channels × %d samples", what, ErrMalformed, len(raw), nch, ns)
		}
		chans := g.items(tag.ChannelDefinitionSequence)
		if len(chans) != nch {
			return nil, fmt.Errorf("%s: %w: %d channel definitions for %d channels", what, ErrMalformed, len(chans), nch)
		}
		kind := KindStrip
		if strings.Contains(strings.ToUpper(g.str(tag.MultiplexGroupLabel)), "MEDIAN") {
			kind = KindMedian
		}
		e := ECG{Sample: sample, Group: "dicom", Instance: "waveform", Kind: kind, RateHz: rate}
		scales := make([]float64, nch)
		for c, ch := range chans {
			lead := fmt.Sprintf("channel_%d", c+1)
			if src := ch.items(tag.ChannelSourceSequence); len(src) > 0 {
				if m := src[0].str(tag.CodeMeaning); m != "" {
					lead = dicomLeadName(m)
				}
			}
			unit := 1.0 // mV per unit of sensitivity
			if u := ch.items(tag.ChannelSensitivityUnitsSequence); len(u) > 0 {
				switch strings.ToLower(u[0].str(tag.CodeValue)) {
				case "uv":
					unit = 0.001
				case "v":
					unit = 1000
				}
			}
			scales[c] = ch.float(tag.ChannelSensitivity, 1) * ch.float(tag.ChannelSensitivityCorrectionFactor, 1) * unit
			base := ch.float(tag.ChannelBaseline, 0)
			w := make([]float32, ns)
			for i := range w {
				v := binary.LittleEndian.Uint16(raw[2*(i*nch+c):])
				x := float64(v)
				if interp == "SS" {
					x = float64(int16(v))
				}
				w[i] = float32(x + base)
			}
			e.Leads = append(e.Leads, lead)
			e.Samples = append(e.Samples, w)
		}
		// One scale per ECG: when channels differ, samples are rescaled to the first channel's.
		e.ScaleMV = scales[0]
		for c := range e.Samples {
			if scales[c] != scales[0] && scales[0] != 0 {
				k := float32(scales[c] / scales[0])
				for i := range e.Samples[c] {
					e.Samples[c][i] *= k
				}
			}
		}
		orderLeads(&e)
		out = append(out, e)
	}
	return out, nil
}

// orderLeads sorts an ECG's leads into StandardLeads order, others after.
func orderLeads(e *ECG) {
	rank := func(l string) int {
		for i, s := range StandardLeads {
			if s == l {
				return i
			}
		}
		return len(StandardLeads)
	}
	idx := make([]int, len(e.Leads))
	for i := range idx {
		idx[i] = i
	}
	for i := 1; i < len(idx); i++ { // insertion sort: stable, tiny n
		for j := i; j > 0 && rank(e.Leads[idx[j]]) < rank(e.Leads[idx[j-1]]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	leads, samples := make([]string, len(idx)), make([][]float32, len(idx))
	for i, k := range idx {
		leads[i], samples[i] = e.Leads[k], e.Samples[k]
	}
	e.Leads, e.Samples = leads, samples
}
