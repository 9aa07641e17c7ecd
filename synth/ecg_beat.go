package synth

import "math"

// beatTiming places a beat's waves in ms relative to its R peak.
type beatTiming struct {
	pOn, pOff float64 // P onset and offset
	qrsOn     float64
	qrsOff    float64
	tEnd      float64
	qt, rr    float64
	hasP      bool
}

// timing is where the waves of a beat fall when the preceding RR interval is rr ms.
func (s *ECGSpec) timing(rr float64) beatTiming {
	t := beatTiming{rr: rr, hasP: s.Rhythm == Sinus}
	t.qrsOn, t.qrsOff = -s.QRS/2, s.QRS/2
	t.qt = s.QTc * math.Sqrt(rr/1000)
	t.tEnd = t.qrsOn + t.qt
	t.pOn = t.qrsOn - s.PQ
	t.pOff = t.pOn + s.PDur
	return t
}

// waves are the Gaussians of one beat after an RR interval of rr ms.
func (s *ECGSpec) waves(rr float64) []gauss {
	// The model's own loops (Frank coordinates, mV) before the spec rotates and
	// scales them: a P loop in two halves (right then left atrium), a QRS loop of
	// septal, main and terminal forces, and a T loop concordant with the QRS.
	dirP1, dirP2 := vec3{0.06, 0.07, -0.04}, vec3{0.13, 0.03, 0.05}
	dirQ, dirR, dirS := vec3{-0.15, 0.05, -0.30}, vec3{1.30, 0.60, 0.60}, vec3{-0.35, -0.30, 0.50}
	dirT := vec3{0.45, 0.20, -0.10}
	t := s.timing(rr)
	out := make([]gauss, 0, 7)
	if t.hasP {
		sp := 0.16 * s.PDur
		out = append(out,
			gauss{t.pOn + 0.4*s.PDur, sp, dirP1.rotate(s.PAxis, s.TurnDeg).scale(s.PGain)},
			gauss{t.pOn + 0.6*s.PDur, sp, dirP2.rotate(s.PAxis, s.TurnDeg).scale(s.PGain)})
	}
	sq, sr, ss := 0.075*s.QRS, 0.1*s.QRS, 0.085*s.QRS
	rot := func(d vec3) vec3 { return d.rotate(s.AxisDeg, s.TurnDeg).scale(s.QRSGain) }
	out = append(out,
		gauss{t.qrsOn + 2.5*sq, sq, rot(dirQ)},
		gauss{0, sr, rot(dirR)},
		gauss{t.qrsOff - 2.5*ss, ss, rot(dirS)})
	st := 0.085 * t.qt
	td := dirT.rotate(s.TAxis, s.TurnDeg).scale(s.TGain)
	out = append(out,
		gauss{t.tEnd - 3.8*st, 1.3 * st, td.scale(0.4)},
		gauss{t.tEnd - 2.6*st, st, td})
	return out
}
