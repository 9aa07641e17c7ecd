package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestECGGolden(t *testing.T) {
	ecg, med := synthECG(), synthMedian()
	cases := []struct {
		name string
		in   ECGInput
		opts ECGOptions
	}{
		{"ecg_3x4_box.txt", ecg, ECGOptions{Width: 120, Height: 40}},
		{"ecg_3x4_braille.txt", ecg, ECGOptions{Width: 120, Height: 40, Style: StyleBraille}},
		{"ecg_3x4_color.txt", ecg, ECGOptions{Width: 100, Height: 30, Color: true}},
		{"ecg_12x1_box.txt", ecg, ECGOptions{Layout: Layout12x1, Width: 160, Height: 52}},
		{"ecg_12x1_braille.txt", ecg, ECGOptions{Layout: Layout12x1, Width: 100, Height: 40, Style: StyleBraille}},
		{"ecg_median_box.txt", med, ECGOptions{Layout: LayoutMedian, Width: 100, Height: 30}},
		{"ecg_custom_box.txt", ecg, ECGOptions{Leads: []string{"II", "V1"}, From: 2, To: 4.5, Width: 160, Height: 40}},
		{"ecg_custom_braille.txt", ecg, ECGOptions{Leads: []string{"II", "V1"}, From: 2, To: 4.5, Width: 160, Height: 40, Style: StyleBraille}},
		{"ecg_80x24.txt", ecg, ECGOptions{Width: 80, Height: 24}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ECG(c.in, c.opts)
			checkSize(t, got, c.opts.Width, c.opts.Height)
			if strings.Contains(got, "\x1b[31m") {
				t.Error("header escape sequence reached the output")
			}
			golden(t, c.name, []byte(got))
		})
	}
}

// checkSize asserts that text fits width × height cells.
func checkSize(t *testing.T, s string, width, height int) {
	t.Helper()
	lines := strings.Split(stripANSI(s), "\n")
	if len(lines) > height {
		t.Errorf("%d lines, want at most %d", len(lines), height)
	}
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n > width {
			t.Errorf("line %d has %d cells, want at most %d: %q", i, n, width, l)
		}
	}
}

func TestECGColorOnlyWhenAsked(t *testing.T) {
	in := synthECG()
	plain := ECG(in, ECGOptions{Width: 100, Height: 30})
	if strings.Contains(plain, "\x1b") {
		t.Error("escape sequence without Color")
	}
	colored := ECG(in, ECGOptions{Width: 100, Height: 30, Color: true})
	if !strings.Contains(colored, "\x1b[38;5;208m") { // lead II's colour
		t.Error("no lead colour with Color")
	}
	if !strings.Contains(colored, "·") {
		t.Error("no grid with Color")
	}
}

func TestECGScaleLine(t *testing.T) {
	in := synthECG()
	got := ECG(in, ECGOptions{Width: 124, Height: 40, MVPerRow: 0.5})
	lines := strings.Split(got, "\n")
	// 124 columns = 4 margin + 4 panels of 30 columns, 2.5 s each.
	want := "0.0833 s/col · 0.5 mV/row"
	if !strings.HasPrefix(lines[2], want) {
		t.Errorf("scale line %q, want prefix %q", lines[2], want)
	}
}

func TestValidateECG(t *testing.T) {
	in := synthECG()
	cases := []struct {
		name string
		in   ECGInput
		opts ECGOptions
		ok   bool
	}{
		{"fine", in, ECGOptions{}, true},
		{"alias lead names", in, ECGOptions{Leads: []string{"ii", "STRIP_V1"}}, true},
		{"unknown lead", in, ECGOptions{Leads: []string{"V7"}}, false},
		{"no leads", ECGInput{RateHz: 500}, ECGOptions{}, false},
		{"no rate", ECGInput{Leads: in.Leads}, ECGOptions{}, false},
		{"window past end", in, ECGOptions{From: 12}, false},
		{"window reversed", in, ECGOptions{From: 3, To: 2}, false},
		{"ragged", ECGInput{RateHz: 500, Leads: []Waveform{{"I", make([]float32, 10)}, {"II", make([]float32, 9)}}}, ECGOptions{}, false},
	}
	for _, c := range cases {
		err := ValidateECG(c.in, c.opts)
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok=%v", c.name, err, c.ok)
		}
	}
	if got := ECG(ECGInput{}, ECGOptions{}); !strings.Contains(got, "no ECG drawn") {
		t.Errorf("ECG of nothing = %q", got)
	}
}

func TestECGMissingLead(t *testing.T) {
	in := synthECG()
	in.Leads = in.Leads[:6] // limb leads only
	got := ECG(in, ECGOptions{Width: 120, Height: 40})
	if !strings.Contains(got, "V1: not recorded") {
		t.Errorf("missing chest leads not reported:\n%s", got)
	}
}
