package synth

import (
	"math"
	"strings"
)

// Measurements are what the ECG machine reports, named as ml4h stores them:
// intervals in ms, axes in degrees, rate in bpm, amplitudes in µV. NaN means
// not measurable (no P waves in atrial fibrillation).
type Measurements struct {
	VentricularRate float64
	RRInterval      float64
	PPInterval      float64
	PQInterval      float64
	PDuration       float64
	QRSDuration     float64
	QTInterval      float64
	QTCInterval     float64 // Bazett
	PAxis           float64
	RAxis           float64
	TAxis           float64
	QRSNum          float64 // QRS complexes in the strip
	SokolovLVHIndex float64 // S in V1 + the larger R of V5 and V6, µV
	RAmplitude      [12]float64
	SAmplitude      [12]float64
}

// named lists the scalar measurements in ml4h's names, in a fixed order.
func (m *Measurements) named() []namedValue {
	return []namedValue{
		{"VentricularRate", m.VentricularRate}, {"PQInterval", m.PQInterval}, {"PDuration", m.PDuration},
		{"QRSDuration", m.QRSDuration}, {"QTInterval", m.QTInterval}, {"QTCInterval", m.QTCInterval},
		{"RRInterval", m.RRInterval}, {"PPInterval", m.PPInterval}, {"SokolovLVHIndex", m.SokolovLVHIndex},
		{"PAxis", m.PAxis}, {"RAxis", m.RAxis}, {"TAxis", m.TAxis}, {"QRSNum", m.QRSNum},
	}
}

type namedValue struct {
	name  string
	value float64
}

// measure derives the machine's measurements from the beats that were drawn
// (rate, intervals), the noise-free beat as the electrodes saw it (axes) and
// the median beat (amplitudes).
func (s *ECGSpec) measure(beats []float64, peaks []int, med [][]float32) Measurements {
	rr, _ := stripRR(beats)
	t := s.timing(rr)
	m := Measurements{
		VentricularRate: math.Round(60000 / rr), RRInterval: math.Round(rr),
		PPInterval: math.NaN(), PQInterval: math.NaN(), PDuration: math.NaN(), PAxis: math.NaN(),
		QRSDuration: math.Round(s.QRS), QTInterval: math.Round(t.qt),
		QTCInterval: math.Round(t.qt / math.Sqrt(rr/1000)), QRSNum: float64(len(peaks)),
	}
	clean := newDipoleTrack(MedianLen, sampleMS)
	clean.add(medianRMS, 1, s.waves(rr))
	leads := clean.project()
	if s.Artefact == LeadReversal {
		reverseArms(leads[baseI], leads[baseII])
	}
	axis := func(from, to float64) float64 { return frontalAxis(leads[baseI], leads[baseII], from, to) }
	if t.hasP {
		m.PPInterval, m.PQInterval, m.PDuration = m.RRInterval, math.Round(s.PQ), math.Round(s.PDur)
		m.PAxis = axis(t.pOn, t.pOff)
	}
	m.RAxis = axis(t.qrsOn, t.qrsOff)
	m.TAxis = axis(t.qrsOff, t.tEnd)
	at := func(ms float64) int { return min(MedianLen-1, max(0, MedianR+int(math.Round(ms/sampleMS)))) }
	b0, lo, hi := at(t.qrsOn-10), at(t.qrsOn), at(t.qrsOff)
	for k, l := range med {
		top, bottom := l[b0], l[b0]
		for _, v := range l[lo : hi+1] {
			top, bottom = max(top, v), min(bottom, v)
		}
		m.RAmplitude[k] = math.Round(float64(top-l[b0]) * ScaleMV * 1000)
		m.SAmplitude[k] = math.Round(float64(l[b0]-bottom) * ScaleMV * 1000)
	}
	m.SokolovLVHIndex = m.SAmplitude[6] + max(m.RAmplitude[10], m.RAmplitude[11])
	return m
}

// frontalAxis is the mean frontal-plane axis (degrees) of the part of a beat
// between from and to ms from the R peak, from the areas under leads I and
// aVF = II − I/2 (aVF sees √3/2 of a vector along it).
func frontalAxis(i, ii []float64, from, to float64) float64 {
	var ai, af float64
	for j := max(0, MedianR+int(from/sampleMS)); j <= min(len(i)-1, MedianR+int(to/sampleMS)); j++ {
		ai += i[j]
		af += ii[j] - i[j]/2
	}
	return math.Round(math.Atan2(af*2/math.Sqrt(3), ai) * 180 / math.Pi)
}

// text is the ECG machine's interpretation: the rhythm, abnormal findings,
// flagged artefacts, and an overall statement, joined by "; ".
func (s *ECGSpec) text(m Measurements) string {
	var out []string
	abnormal, borderline := false, false
	rate := m.VentricularRate
	switch {
	case s.Rhythm == AtrialFibrillation && rate > 100:
		out, abnormal = append(out, "Atrial fibrillation with rapid ventricular response"), true
	case s.Rhythm == AtrialFibrillation && rate < 60:
		out, abnormal = append(out, "Atrial fibrillation with slow ventricular response"), true
	case s.Rhythm == AtrialFibrillation:
		out, abnormal = append(out, "Atrial fibrillation"), true
	case rate < 60:
		out, borderline = append(out, "Sinus bradycardia"), true
	case rate > 100:
		out, borderline = append(out, "Sinus tachycardia"), true
	default:
		out = append(out, "Sinus rhythm")
	}
	if m.PQInterval > 200 {
		out[0] += " with 1st degree A-V block"
		abnormal = true
	}
	switch {
	case m.RAxis < -30:
		out, abnormal = append(out, "Left axis deviation"), true
	case m.RAxis > 90:
		out, abnormal = append(out, "Right axis deviation"), true
	}
	if m.QTCInterval > 470 {
		out, abnormal = append(out, "Prolonged QT"), true
	}
	if s.Flagged {
		switch s.Artefact {
		case FlatLead:
			out = append(out, "Artifact in lead "+s.ArtefactLead)
		case BaselineWander:
			out = append(out, "Baseline wander")
		case MainsNoise:
			out = append(out, "Technically poor quality: AC interference")
		case LeadReversal:
			out = append(out, "Suspect arm lead reversal")
		}
	}
	switch {
	case abnormal:
		out = append(out, "Abnormal ECG")
	case borderline:
		out = append(out, "Borderline ECG")
	default:
		out = append(out, "Normal ECG")
	}
	return strings.Join(out, "; ")
}
