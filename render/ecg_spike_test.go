package render

import (
	"strings"
	"testing"
)

// spikeECG is one lead of 5,000 zero samples with a single 2 mV sample at i.
func spikeECG(i int) ECGInput {
	x := make([]float32, 5000)
	x[i] = 2
	return ECGInput{Leads: []Waveform{{Name: "II", Samples: x}}, RateHz: 500, ScaleMV: 1}
}

// TestECGSpikeNeverLost checks, at every width from 40 to 300 columns and in
// both styles, that a one-sample 2 mV spike among 5,000 samples is drawn up
// to its true row: 8 rows (box) or 32 dots (braille) above the foot of the
// calibration pulse at 0.25 mV/row, read back from the printed text.
func TestECGSpikeNeverLost(t *testing.T) {
	for _, pos := range []int{0, 1234, 2501, 4999} {
		in := spikeECG(pos)
		for w := 40; w <= 300; w++ {
			opts := ECGOptions{Leads: []string{"II"}, Width: w, Height: 13, MVPerRow: 0.25}
			box := chartLines(ECG(in, opts))
			foot := rowOf(box, 1, '┘')
			top := topRow(box)
			if foot < 0 || top != foot-8 {
				t.Fatalf("box, spike at %d, width %d: trace top row %d, calibration foot %d, want top = foot-8\n%s",
					pos, w, top, foot, strings.Join(box, "\n"))
			}
			opts.Style = StyleBraille
			br := chartLines(ECG(in, opts))
			dFoot := dotRowAt(br, 0, 0) // first dot column of the margin is the foot
			dTop := topDotRow(br)
			if dFoot < 0 || dTop != dFoot-32 {
				t.Fatalf("braille, spike at %d, width %d: top dot row %d, calibration foot %d, want top = foot-32\n%s",
					pos, w, dTop, dFoot, strings.Join(br, "\n"))
			}
		}
	}
}

// TestECGSpikeAutoScale checks that the automatic scale keeps a lone spike on
// the chart at every width.
func TestECGSpikeAutoScale(t *testing.T) {
	in := spikeECG(3333)
	for w := 40; w <= 300; w += 7 {
		for _, style := range []ECGStyle{StyleBox, StyleBraille} {
			p := planECG(in, ECGOptions{Leads: []string{"II"}, Width: w, Height: 13, Style: style}.withDefaults())
			s := p.strips[0]
			r := s.zero - int(2/p.step+0.5)
			if r < 0 {
				t.Errorf("%s width %d: spike row %d is clipped", style, w, r)
			}
		}
	}
}

// chartLines returns the chart rows of an ECG, header and scale lines removed.
func chartLines(s string) []string {
	lines := strings.Split(stripANSI(s), "\n")
	return lines[1:]
}

// rowOf is the first row whose column col holds r, or -1.
func rowOf(lines []string, col int, r rune) int {
	for y, l := range lines {
		rs := []rune(l)
		if col < len(rs) && rs[col] == r {
			return y
		}
	}
	return -1
}

// topRow is the first row with a trace character right of the margin.
func topRow(lines []string) int {
	for y, l := range lines {
		rs := []rune(l)
		for x := calWidth; x < len(rs); x++ {
			if strings.ContainsRune("─│╭╮╰╯", rs[x]) {
				return y
			}
		}
	}
	return -1
}

// dotRowAt is the first dot row with dot column dx of cell column col set.
func dotRowAt(lines []string, col, dx int) int {
	for y, l := range lines {
		rs := []rune(l)
		if col >= len(rs) || rs[col] < 0x2800 || rs[col] > 0x28ff {
			continue
		}
		bits := uint8(rs[col] - 0x2800)
		for dy := 0; dy < 4; dy++ {
			if bits&brailleBit(dx, dy) != 0 {
				return y*4 + dy
			}
		}
	}
	return -1
}

// topDotRow is the first dot row with any dot set right of the margin.
func topDotRow(lines []string) int {
	best := -1
	for y, l := range lines {
		rs := []rune(l)
		for x := calWidth; x < len(rs); x++ {
			if rs[x] < 0x2800 || rs[x] > 0x28ff {
				continue
			}
			bits := uint8(rs[x] - 0x2800)
			for dy := 0; dy < 4; dy++ {
				if bits&(brailleBit(0, dy)|brailleBit(1, dy)) != 0 {
					if d := y*4 + dy; best < 0 || d < best {
						best = d
					}
				}
			}
		}
	}
	return best
}
