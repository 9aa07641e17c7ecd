package render

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test ./render -update to create it): %v", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from golden file; run go test ./render -run %s -update and review the diff\n got:\n%s",
			name, t.Name(), got)
	}
}

// synthECG makes a 12-lead resting ECG like ml4h's: 500 Hz, 10 s, stored as
// counts of 5 µV, heart rate 72/min, with P, QRS and T waves whose sizes and
// signs differ by lead, slight baseline wander and a little noise.
func synthECG() ECGInput {
	const rate, n = 500.0, 5000
	type shape struct{ p, q, r, s, t float64 } // mV
	shapes := map[string]shape{
		"I": {0.1, -0.05, 0.8, -0.1, 0.25}, "II": {0.15, -0.1, 1.4, -0.2, 0.35}, "III": {0.05, -0.1, 0.6, -0.15, 0.1},
		"aVR": {-0.12, 0.05, -1.0, 0.1, -0.3}, "aVL": {0.05, -0.05, 0.3, -0.05, 0.1}, "aVF": {0.1, -0.1, 1.0, -0.15, 0.2},
		"V1": {0.05, 0, 0.3, -1.2, -0.1}, "V2": {0.08, 0, 0.6, -1.6, 0.4}, "V3": {0.1, -0.05, 1.0, -0.9, 0.45},
		"V4": {0.1, -0.1, 1.6, -0.5, 0.4}, "V5": {0.1, -0.1, 1.5, -0.3, 0.3}, "V6": {0.1, -0.08, 1.1, -0.2, 0.25},
	}
	gauss := func(t, mu, sigma float64) float64 { return math.Exp(-(t - mu) * (t - mu) / (2 * sigma * sigma)) }
	var in ECGInput
	in.RateHz, in.ScaleMV = rate, 0.005
	seed := uint32(1)
	for li, name := range standardLeads() {
		sh := shapes[name]
		x := make([]float32, n)
		for i := range x {
			t := float64(i) / rate
			beat := math.Mod(t+0.3, 60.0/72)
			v := sh.p*gauss(beat, 0.15, 0.025) + sh.q*gauss(beat, 0.27, 0.008) + sh.r*gauss(beat, 0.29, 0.009) +
				sh.s*gauss(beat, 0.31, 0.009) + sh.t*gauss(beat, 0.55, 0.045)
			v += 0.05 * math.Sin(2*math.Pi*0.3*t+float64(li))
			seed = seed*1664525 + 1013904223
			v += 0.01 * (float64(seed>>8)/float64(1<<24) - 0.5)
			x[i] = float32(math.Round(v / 0.005))
		}
		in.Leads = append(in.Leads, Waveform{Name: "strip_" + name, Samples: x})
	}
	in.Header = []string{"sample 1000001 · 500 Hz · 10 s · HR 72", "Sinus rhythm\x1b[31m · Normal ECG"}
	return in
}

// synthMedian makes 12 median beats of 1.2 s at 500 Hz from synthECG, the R
// peak at 0.4 s.
func synthMedian() ECGInput {
	full := synthECG()
	var in ECGInput
	in.RateHz, in.ScaleMV = full.RateHz, full.ScaleMV
	for _, l := range full.Leads {
		in.Leads = append(in.Leads, Waveform{Name: strings.Replace(l.Name, "strip_", "median_", 1), Samples: l.Samples[212:812]})
	}
	in.Header = []string{"median beats"}
	return in
}

// stripANSI removes SGR sequences.
func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
