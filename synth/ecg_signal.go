package synth

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Sampling of an ml4h resting ECG.
const (
	ECGRateHz  = 500   // samples per second, strip and median beat
	StripLen   = 5000  // samples of the 10 s strip
	MedianLen  = 600   // samples of the median beat
	MedianR    = 250   // sample of the median beat's R peak
	ScaleMV    = 0.005 // mV per count, as ml4h stores resting ECGs
	sampleMS   = 1000.0 / ECGRateHz
	stripMS    = StripLen * sampleMS
	medianRMS  = MedianR * sampleMS
	medianPost = MedianLen - MedianR
)

// ECGRecording is a generated resting ECG: the 12 standard leads in counts
// (ScaleMV mV each, data.StandardLeads order), what the ECG machine measured
// on it and its text.
type ECGRecording struct {
	Spec         ECGSpec
	Strip        [][]float32 // 12 leads × StripLen
	Median       [][]float32 // 12 leads × MedianLen
	RPeaks       []int       // samples of the strip's R peaks
	Measurements Measurements
	Text         string
}

// Generate draws a recording of spec from r.
func (s ECGSpec) Generate(r *rand.Rand) *ECGRecording {
	beats := s.beatTimes(r)
	track := newDipoleTrack(StripLen, sampleMS)
	resp, phase := uniform(r, 3500, 5500), uniform(r, 0, 2*math.Pi)
	var peaks []int
	for k, t := range beats {
		rr := 60000 / s.RateBPM
		if k > 0 {
			rr = t - beats[k-1]
		}
		gain := 1 + 0.05*math.Sin(2*math.Pi*t/resp+phase)
		track.add(t, gain, s.waves(rr))
		if p := int(math.Round(t / sampleMS)); t >= 0 && p < StripLen {
			peaks = append(peaks, p)
		}
	}
	if s.Rhythm == AtrialFibrillation {
		addFibrillation(track, r)
	}
	mv := track.project()
	s.addNoise(mv, r)
	base := s.toCounts(mv, r)
	med := medianBeat(base, peaks)
	rec := &ECGRecording{Spec: s, Strip: deriveLeads(base), Median: deriveLeads(med), RPeaks: peaks}
	rec.Measurements = s.measure(beats, peaks, rec.Median)
	rec.Text = s.text(rec.Measurements)
	return rec
}

// beatTimes are the R peaks (ms) from a little before the strip to a little
// after it. Sinus rhythm varies a few percent with breathing; atrial
// fibrillation is irregularly irregular (redrawn until it clearly is, at a
// mean rate of 45–130 bpm).
func (s *ECGSpec) beatTimes(r *rand.Rand) []float64 {
	rr0 := 60000 / s.RateBPM
	resp, phase := uniform(r, 3500, 5500), uniform(r, 0, 2*math.Pi)
	for {
		var out []float64
		for t := -rr0 * (1 + r.Float64()); t < stripMS+rr0; {
			out = append(out, t)
			if s.Rhythm == AtrialFibrillation {
				t += clamp(rr0*math.Exp(0.25*r.NormFloat64()), math.Max(300, 0.5*rr0), 2*rr0)
			} else {
				t += rr0 * (1 + 0.03*math.Sin(2*math.Pi*t/resp+phase) + 0.004*r.NormFloat64())
			}
		}
		mean, cv := stripRR(out)
		if s.Rhythm == Sinus || cv > 0.15 && mean >= 60000/130 && mean <= 60000/45 {
			return out
		}
	}
}

// stripRR is the mean and coefficient of variation of the RR intervals between beats within the strip.
func stripRR(beats []float64) (mean, cv float64) {
	var rr []float64
	for k := 1; k < len(beats); k++ {
		if beats[k-1] >= 0 && beats[k] < stripMS {
			rr = append(rr, beats[k]-beats[k-1])
		}
	}
	mean, sd := meanSD(rr)
	return mean, sd / mean
}

func meanSD(v []float64) (mean, sd float64) {
	if len(v) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	for _, x := range v {
		sd += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sd / float64(len(v)))
}

// addFibrillation adds fibrillatory atrial activity: a 4–9 Hz wandering
// oscillation of the atrial dipole, largest in V1 and the inferior leads.
func addFibrillation(t *dipoleTrack, r *rand.Rand) {
	f0, amp := uniform(r, 5, 7.5), uniform(r, 0.05, 0.12)
	d1, d2 := vec3{-0.25, 0.35, -0.6}, vec3{0.3, 0.25, -0.3}
	a, b, c := uniform(r, 0, 6.3), uniform(r, 0, 6.3), uniform(r, 0, 6.3)
	ph := 0.0
	for i := range t.x[0] {
		sec := float64(i) * t.dtMS / 1000
		ph += 2 * math.Pi * (f0 + 1.2*math.Sin(2*math.Pi*0.17*sec+a)) * t.dtMS / 1000
		m := amp * (1 + 0.4*math.Sin(2*math.Pi*0.31*sec+b))
		x, y := m*math.Sin(ph), 0.5*m*math.Sin(2*ph+c)
		for k := range 3 {
			t.x[k][i] += d1[k]*x + d2[k]*y
		}
	}
}

// addNoise adds white noise, and baseline wander or mains noise when planted, to the independent leads (mV).
func (s *ECGSpec) addNoise(mv [nBase][]float64, r *rand.Rand) {
	f1, f2 := uniform(r, 0.15, 0.35), uniform(r, 0.04, 0.1)
	for _, l := range mv {
		w1, w2 := uniform(r, -1, 1), uniform(r, -1, 1)
		p1, p2, pm := uniform(r, 0, 6.3), uniform(r, 0, 6.3), uniform(r, 0, 6.3)
		am := s.ArtefactSize * uniform(r, 0.5, 1)
		for i := range l {
			l[i] += s.Noise * r.NormFloat64()
			sec := float64(i) / ECGRateHz
			switch s.Artefact {
			case BaselineWander:
				l[i] += s.ArtefactSize * (w1*math.Sin(2*math.Pi*f1*sec+p1) + w2*math.Sin(2*math.Pi*f2*sec+p2))
			case MainsNoise:
				l[i] += am * math.Sin(2*math.Pi*50*sec+pm)
			}
		}
	}
}

// toCounts rounds the independent leads to counts, in place, and plants a
// flat lead or swapped arm electrodes (lead I inverted, II and III exchanged).
func (s *ECGSpec) toCounts(leads [nBase][]float64, r *rand.Rand) [nBase][]float64 {
	for _, l := range leads {
		for i, v := range l {
			l[i] = math.Round(v / ScaleMV)
		}
	}
	if s.Artefact == FlatLead {
		flat := leads[baseV1+slices.Index([]string{"V1", "V2", "V3", "V4", "V5", "V6"}, s.ArtefactLead)]
		for i := range flat {
			flat[i] = math.Round(0.4 * r.NormFloat64())
		}
	}
	if s.Artefact == LeadReversal {
		reverseArms(leads[baseI], leads[baseII])
	}
	return leads
}

// reverseArms turns leads I and II into what swapped arm electrodes record.
func reverseArms(i, ii []float64) {
	for k := range i {
		i[k], ii[k] = -i[k], ii[k]-i[k]
	}
}

// medianBeat is, for each independent lead and each sample around the R
// peak, the median over the beats whose window lies within the strip.
func medianBeat(base [nBase][]float64, peaks []int) [nBase][]float64 {
	var use []int
	for _, p := range peaks {
		if p-MedianR >= 0 && p+medianPost <= len(base[0]) {
			use = append(use, p)
		}
	}
	var out [nBase][]float64
	buf := make([]float64, len(use))
	for k, l := range base {
		m := make([]float64, MedianLen)
		for j := range m {
			for b, p := range use {
				buf[b] = l[p-MedianR+j]
			}
			m[j] = median(buf)
		}
		out[k] = m
	}
	return out
}

// median of v (reordered in place), rounded to a whole count; 0 for none.
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return math.Round((v[n/2-1] + v[n/2]) / 2)
}

// deriveLeads makes the 12 standard leads from the independent ones in counts:
// III = II − I exactly (Einthoven), aVR = −(I+II)/2, aVL = I − II/2, aVF = II − I/2
// (Goldberger) rounded to whole counts, V1–V6 as they are.
func deriveLeads(base [nBase][]float64) [][]float32 {
	n := len(base[0])
	out := make([][]float32, 12)
	for k := range out {
		out[k] = make([]float32, n)
	}
	for i := range n {
		li, lii := base[baseI][i], base[baseII][i]
		out[0][i] = float32(li)
		out[1][i] = float32(lii)
		out[2][i] = float32(lii - li)
		out[3][i] = float32(math.Round(-(li + lii) / 2))
		out[4][i] = float32(math.Round(li - lii/2))
		out[5][i] = float32(math.Round(lii - li/2))
		for k := baseV1; k < nBase; k++ {
			out[6+k-baseV1][i] = float32(base[k][i])
		}
	}
	return out
}
