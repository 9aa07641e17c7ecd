package synth

import (
	"math"
	"slices"
	"testing"
)

// testCines renders n cines the way the demo does.
func testCines(n int) ([]CineSpec, []*Cine) {
	specs, cines := make([]CineSpec, n), make([]*Cine, n)
	for i := range n {
		r := newRand(5, i+1, streamCine)
		specs[i] = RandomCineSpec(r, float64(50+i%70), float64(20+i%15))
		cines[i] = specs[i].Render(r)
	}
	return specs, cines
}

// brightLV counts the pixels of region that are brighter than halfway between
// myocardium and blood.
func brightLV(frame []byte, region []int, s CineSpec) int {
	cut := (s.Myocardium + s.Blood) / 2
	n := 0
	for _, i := range region {
		if float64(frame[i]) > cut {
			n++
		}
	}
	return n
}

func TestCineShape(t *testing.T) {
	specs, cines := testCines(40)
	seen := map[CineArtefact]bool{}
	for i, c := range cines {
		seen[specs[i].Artefact] = true
		if len(c.Frames) != CineFrames || len(c.TimeMS) != CineFrames || len(c.Labels) != CineSize*CineSize {
			t.Fatalf("cine %d: %d frames, %d times, %d labels", i, len(c.Frames), len(c.TimeMS), len(c.Labels))
		}
		for f, px := range c.Frames {
			if len(px) != CineSize*CineSize {
				t.Fatalf("cine %d frame %d: %d pixels", i, f, len(px))
			}
		}
		if c.TimeMS[0] != 0 || !slices.IsSorted(c.TimeMS) || c.TimeMS[CineFrames-1] >= specs[i].rrMS() {
			t.Errorf("cine %d: times %v over a cycle of %.0f ms", i, c.TimeMS, specs[i].rrMS())
		}
		var present []byte
		for v := range 256 {
			if slices.Contains(c.Labels, byte(v)) {
				present = append(present, byte(v))
			}
		}
		if want := []byte{LabelBackground, LabelMyocardium, LabelRA, LabelRV, LabelLA, LabelLV}; !slices.Equal(present, want) {
			t.Errorf("cine %d: labels %v, want %v", i, present, want)
		}
	}
	for _, a := range []CineArtefact{NoCineArtefact, MotionGhosting, DarkBand, WrapAround} {
		if !seen[a] {
			t.Errorf("no cine with %v in 40", a)
		}
	}
}

func TestCineBeats(t *testing.T) {
	specs, cines := testCines(40)
	for i, c := range cines {
		s := specs[i]
		var lv []int
		for p, l := range c.Labels {
			if l == LabelLV {
				lv = append(lv, p)
			}
		}
		// The label map covers the LV cavity: its pixels are blood on frame 0,
		// and its area is that of the half ellipse drawn.
		if s.Artefact != DarkBand {
			if got := brightLV(c.Frames[0], lv, s); got < len(lv)*95/100 {
				t.Errorf("cine %d: %d of %d LV-cavity pixels are bright on frame 0", i, got, len(lv))
			}
		}
		want := math.Pi * s.LVLength * s.LVRadius / 2 / (CineSpacingMM * CineSpacingMM)
		if math.Abs(float64(len(lv))-want) > 0.1*want {
			t.Errorf("cine %d: LV cavity of %d pixels, want about %.0f", i, len(lv), want)
		}
		// Frames differ over the cycle, and the blood in the diastolic LV is least near end-systole.
		areas := make([]int, CineFrames)
		for f, px := range c.Frames {
			areas[f] = brightLV(px, lv, s)
		}
		smallest := slices.Index(areas, slices.Min(areas))
		if d := smallest - c.Systole; d < -2 || d > 2 {
			t.Errorf("cine %d: LV smallest on frame %d, end-systole is frame %d (areas %v)", i, smallest, c.Systole, areas)
		}
		if areas[c.Systole] > areas[0]*85/100 {
			t.Errorf("cine %d: LV area %d at end-systole, %d at end-diastole", i, areas[c.Systole], areas[0])
		}
		diff := 0
		for p := range c.Frames[0] {
			if d := int(c.Frames[0][p]) - int(c.Frames[c.Systole][p]); d > 40 || d < -40 {
				diff++
			}
		}
		if diff < 200 {
			t.Errorf("cine %d: only %d pixels change by more than 40 between diastole and systole", i, diff)
		}
	}
}
