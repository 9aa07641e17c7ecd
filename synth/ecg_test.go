package synth

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// testECGs generates n ECGs the way the demo does, each from its own stream.
func testECGs(t *testing.T, n int) []*ECGRecording {
	t.Helper()
	out := make([]*ECGRecording, n)
	for i := range out {
		r := newRand(11, i+1, streamECG)
		ctx := ECGContext{Age: float64(45 + i%37), Female: i%2 == 0, Risk: i % 4}
		out[i] = RandomECGSpec(r, ctx).Generate(r)
	}
	return out
}

// detectR finds R peaks in one lead (counts at 500 Hz), after Pan and
// Tompkins: a 20 ms moving average (which also cancels 50 Hz), the squared
// curvature (second difference over 10 ms, which favours the narrow QRS over
// P and T waves) averaged over 12 ms, a threshold at a quarter of its largest value,
// the largest value within 200 ms of a crossing (a P wave comes before its
// QRS), and a 280 ms refractory period.
func detectR(lead []float32) []int {
	avg := func(x []float64, w int) []float64 {
		out := make([]float64, len(x))
		var acc float64
		for i := range x {
			acc += x[i]
			if i >= w {
				acc -= x[i-w]
			}
			if i >= w-1 {
				out[i-w/2] = acc / float64(w)
			}
		}
		return out
	}
	x := make([]float64, len(lead))
	for i, v := range lead {
		x[i] = float64(v)
	}
	smooth := avg(x, 10)
	e := make([]float64, len(x))
	for i := 10; i < len(x)-10; i++ {
		d := smooth[i+5] - 2*smooth[i] + smooth[i-5]
		e[i] = d * d
	}
	e = avg(e, 6)
	top := slices.Max(e)
	var peaks []int
	for i := 0; i < len(e); i++ {
		if e[i] < 0.25*top {
			continue
		}
		best := i
		for j := i; j < min(len(e), i+100); j++ {
			if e[j] > e[best] {
				best = j
			}
		}
		peaks = append(peaks, best)
		i = best + 140
	}
	return peaks
}

// rrStats is the mean (ms) and coefficient of variation of the intervals between peaks.
func rrStats(peaks []int) (mean, cv float64) {
	var rr []float64
	for k := 1; k < len(peaks); k++ {
		rr = append(rr, float64(peaks[k]-peaks[k-1])*sampleMS)
	}
	m, sd := meanSD(rr)
	return m, sd / m
}

func TestECGRateAndRhythm(t *testing.T) {
	recs := testECGs(t, 300)
	rhythms := map[Rhythm]int{}
	for i, rec := range recs {
		m := rec.Measurements
		if m.VentricularRate < 45 || m.VentricularRate > 135 {
			t.Errorf("ECG %d: rate %g outside 45–135", i, m.VentricularRate)
		}
		peaks := detectR(rec.Strip[1])
		mean, cv := rrStats(peaks)
		if got := 60000 / mean; math.Abs(got-m.VentricularRate) > 5 {
			t.Errorf("ECG %d (%v, %v): detected %.1f bpm in lead II, VentricularRate %g", i, rec.Spec.Rhythm, rec.Spec.Artefact, got, m.VentricularRate)
		}
		rhythms[rec.Spec.Rhythm]++
		switch rec.Spec.Rhythm {
		case AtrialFibrillation:
			if cv <= 0.1 {
				t.Errorf("ECG %d: atrial fibrillation with RR variation %.3f", i, cv)
			}
			if !strings.HasPrefix(rec.Text, "Atrial fibrillation") || !math.IsNaN(m.PAxis) || !math.IsNaN(m.PQInterval) {
				t.Errorf("ECG %d: atrial fibrillation read as %q, P axis %g, PQ %g", i, rec.Text, m.PAxis, m.PQInterval)
			}
		case Sinus:
			if cv >= 0.06 {
				t.Errorf("ECG %d: sinus rhythm with RR variation %.3f", i, cv)
			}
			if want := map[bool]string{true: "Sinus bradycardia", false: "Sinus"}[m.VentricularRate < 60]; !strings.HasPrefix(rec.Text, want) {
				t.Errorf("ECG %d: sinus at %g bpm read as %q", i, m.VentricularRate, rec.Text)
			}
		}
		if m.QRSNum != float64(len(rec.RPeaks)) || math.Abs(m.QTCInterval-m.QTInterval/math.Sqrt(m.RRInterval/1000)) > 1.5 {
			t.Errorf("ECG %d: inconsistent measurements %+v", i, m)
		}
	}
	if rhythms[AtrialFibrillation] < 10 || rhythms[Sinus] < 200 {
		t.Errorf("rhythms %v: want both, mostly sinus", rhythms)
	}
}

func TestECGLeadsConsistent(t *testing.T) {
	for i, rec := range testECGs(t, 100) {
		for _, ecg := range []struct {
			kind  string
			leads [][]float32
			n     int
		}{{"strip", rec.Strip, StripLen}, {"median", rec.Median, MedianLen}} {
			if len(ecg.leads) != 12 {
				t.Fatalf("ECG %d %s: %d leads", i, ecg.kind, len(ecg.leads))
			}
			for k, l := range ecg.leads {
				if len(l) != ecg.n {
					t.Fatalf("ECG %d %s lead %d: %d samples, want %d", i, ecg.kind, k, len(l), ecg.n)
				}
			}
			I, II, III, aVR, aVL, aVF := ecg.leads[0], ecg.leads[1], ecg.leads[2], ecg.leads[3], ecg.leads[4], ecg.leads[5]
			for j := range I {
				if I[j]+III[j] != II[j] {
					t.Fatalf("ECG %d %s sample %d: I %g + III %g != II %g", i, ecg.kind, j, I[j], III[j], II[j])
				}
				if s := aVR[j] + aVL[j] + aVF[j]; math.Abs(float64(s)) > 1 {
					t.Fatalf("ECG %d %s sample %d: aVR + aVL + aVF = %g", i, ecg.kind, j, s)
				}
				if I[j] != float32(math.Round(float64(I[j]))) {
					t.Fatalf("ECG %d %s: %g is not a whole count", i, ecg.kind, I[j])
				}
			}
		}
		// The median beat has its R peak where it says, in the lead with the largest QRS.
		if rec.Spec.Artefact != FlatLead && rec.Spec.Artefact != LeadReversal {
			best, at := float32(0), 0
			for j := MedianR - 50; j < MedianR+50; j++ {
				if v := float32(math.Abs(float64(rec.Median[10][j]))); v > best { // V5
					best, at = v, j
				}
			}
			if at < MedianR-25 || at > MedianR+25 || best*ScaleMV < 0.3 {
				t.Errorf("ECG %d: median V5 peaks at %d with %.2f mV, want near %d", i, at, best*ScaleMV, MedianR)
			}
		}
	}
}

// amplitudeAt is the amplitude (counts) of frequency hz in lead (Goertzel).
func amplitudeAt(lead []float32, hz float64) float64 {
	w := 2 * math.Pi * hz / ECGRateHz
	var s1, s2 float64
	for _, v := range lead {
		s1, s2 = float64(v)+2*math.Cos(w)*s1-s2, s1
	}
	return 2 * math.Sqrt(s1*s1+s2*s2-2*math.Cos(w)*s1*s2) / float64(len(lead))
}

func TestECGArtefacts(t *testing.T) {
	seen := map[ECGArtefact]int{}
	for i, rec := range testECGs(t, 300) {
		a := rec.Spec.Artefact
		seen[a]++
		mains := amplitudeAt(rec.Strip[11], 50) * ScaleMV
		switch a {
		case MainsNoise:
			if mains < 0.02 {
				t.Errorf("ECG %d: mains noise of %.3f mV at 50 Hz in V6", i, mains)
			}
		case FlatLead:
			k := 6 + slices.Index([]string{"V1", "V2", "V3", "V4", "V5", "V6"}, rec.Spec.ArtefactLead)
			for _, v := range rec.Strip[k] {
				if math.Abs(float64(v)) > 3 {
					t.Fatalf("ECG %d: flat lead %s reaches %g counts", i, rec.Spec.ArtefactLead, v)
				}
			}
			if !strings.Contains(rec.Text, "Artifact in lead "+rec.Spec.ArtefactLead) {
				t.Errorf("ECG %d: flat lead %s not in %q", i, rec.Spec.ArtefactLead, rec.Text)
			}
		case BaselineWander:
			var lo, hi float64 = math.Inf(1), math.Inf(-1)
			for s := 0; s+ECGRateHz <= StripLen; s += ECGRateHz / 2 { // 1 s means of lead II
				var sum float64
				for _, v := range rec.Strip[1][s : s+ECGRateHz] {
					sum += float64(v)
				}
				m := sum / ECGRateHz * ScaleMV
				lo, hi = min(lo, m), max(hi, m)
			}
			if hi-lo < 0.05 {
				t.Errorf("ECG %d: baseline wander moves lead II's mean by %.3f mV", i, hi-lo)
			}
		case NoECGArtefact:
			if mains > 0.01 {
				t.Errorf("ECG %d: %.3f mV at 50 Hz without mains noise", i, mains)
			}
		}
	}
	for _, a := range []ECGArtefact{BaselineWander, MainsNoise, FlatLead, LeadReversal} {
		if seen[a] == 0 {
			t.Errorf("no ECG with %v in 300", a)
		}
	}
}
