package synth

import (
	"math"
	"math/rand/v2"
)

// Rhythm is the heart rhythm of a synthetic ECG.
type Rhythm int

// Rhythms.
const (
	Sinus              Rhythm = iota // regular RR with a little respiratory variation, P waves
	AtrialFibrillation               // irregular RR, no P waves, fibrillatory baseline
)

// ECGArtefact is a recording problem planted in a synthetic ECG.
type ECGArtefact int

// ECG artefacts.
const (
	NoECGArtefact  ECGArtefact = iota
	BaselineWander             // slow drift of every lead (breathing, electrode contact)
	MainsNoise                 // 50 Hz interference
	FlatLead                   // one precordial lead disconnected: a flat line
	LeadReversal               // left and right arm electrodes swapped
)

// String names the artefact.
func (a ECGArtefact) String() string {
	switch a {
	case BaselineWander:
		return "baseline wander"
	case MainsNoise:
		return "mains noise"
	case FlatLead:
		return "flat lead"
	case LeadReversal:
		return "arm lead reversal"
	}
	return "none"
}

// ECGSpec is what a synthetic resting ECG is made from. Times are in ms,
// angles in degrees, gains relative to a typical adult heart.
type ECGSpec struct {
	Rhythm  Rhythm
	RateBPM float64 // mean ventricular rate aimed at
	AxisDeg float64 // frontal rotation of the QRS loop from the model's own (about +45°)
	TurnDeg float64 // horizontal rotation of the loops (moves the precordial transition)
	PAxis   float64 // frontal rotation of the P loop
	TAxis   float64 // frontal rotation of the T loop
	PQ      float64 // P onset to QRS onset
	PDur    float64 // P wave duration
	QRS     float64 // QRS duration
	QTc     float64 // Bazett-corrected QT
	PGain   float64
	QRSGain float64
	TGain   float64
	Noise   float64 // white noise, mV

	Artefact     ECGArtefact
	ArtefactLead string  // the flat lead, for FlatLead
	ArtefactSize float64 // mV of wander or mains noise
	Flagged      bool    // the machine's text mentions the artefact
}

// ECGContext is what a sample's other data says about its heart.
type ECGContext struct {
	Age    float64
	Female bool
	Risk   int // 0 (no risk) … 3 (high risk)
}

// RandomECGSpec draws an ECG's parameters: mostly normal sinus rhythms, some
// atrial fibrillation (more with age and risk), some planted artefacts.
func RandomECGSpec(r *rand.Rand, c ECGContext) ECGSpec {
	s := ECGSpec{Rhythm: Sinus}
	pAF := 0.04 + 0.003*math.Max(0, c.Age-50) + 0.03*float64(c.Risk)
	if chance(r, pAF) {
		s.Rhythm = AtrialFibrillation
		s.RateBPM = normal(r, 95, 18, 55, 130)
	} else {
		s.RateBPM = normal(r, 66, 11, 45, 125)
		if chance(r, 0.05) {
			s.RateBPM = uniform(r, 100, 130)
		}
	}
	s.AxisDeg = normal(r, 0, 22, -60, 60)
	s.TurnDeg = normal(r, 0, 12, -30, 30)
	s.PAxis = normal(r, 0, 12, -40, 40)
	s.TAxis = 0.5*s.AxisDeg + normal(r, 0, 10, -30, 30)
	s.PQ = normal(r, 158, 22, 110, 240)
	s.PDur = math.Min(normal(r, 100, 10, 80, 120), s.PQ-25)
	s.QRS = normal(r, 92, 10, 70, 118)
	s.QTc = normal(r, 412, 20, 360, 500)
	if c.Female {
		s.QTc += 10
	}
	s.QTc += 6 * float64(c.Risk)
	s.PGain = normal(r, 1, 0.2, 0.5, 1.5)
	s.QRSGain = normal(r, 1, 0.2, 0.55, 1.6)
	s.TGain = normal(r, 1, 0.2, 0.4, 1.5)
	s.Noise = uniform(r, 0.006, 0.015)
	switch x := r.Float64(); {
	case x < 0.08:
		s.Artefact, s.ArtefactSize = BaselineWander, uniform(r, 0.25, 0.7)
	case x < 0.14:
		s.Artefact, s.ArtefactSize = MainsNoise, uniform(r, 0.05, 0.15)
	case x < 0.19:
		s.Artefact = FlatLead
		s.ArtefactLead = []string{"V1", "V2", "V3", "V4", "V5", "V6"}[r.IntN(6)]
	case x < 0.22:
		s.Artefact = LeadReversal
	}
	if s.Artefact != NoECGArtefact {
		s.Flagged = s.Artefact == FlatLead || chance(r, 0.5)
	}
	return s
}
