package render

import (
	"fmt"
	"strings"
)

// Waveform is one named channel of samples, such as an ECG lead.
type Waveform struct {
	// Name is the lead name as recorded ("I", "aVR", "V1", or ml4h's
	// "strip_I"); lookups ignore case and a "strip_" or "median_" prefix.
	Name string
	// Samples are the stored values; see ECGInput.ScaleMV.
	Samples []float32
}

// ECGInput is what ECG draws: the leads of one recording and how to read them.
type ECGInput struct {
	// Leads in recorded order. All leads share RateHz.
	Leads []Waveform
	// RateHz is the sampling rate in samples per second.
	RateHz float64
	// ScaleMV multiplies stored values to give millivolts (ml4h resting
	// ECGs: 0.005). Zero means the values already are millivolts.
	ScaleMV float64
	// Header lines are printed above the chart (sample id, machine read,
	// measurements). They come from files, so ECG sanitises them.
	Header []string
}

// ECGLayout names an arrangement of leads on the page.
type ECGLayout string

// The ECG layouts.
const (
	// Layout3x4 is the clinical page: rows I/aVR/V1/V4, II/aVL/V2/V5,
	// III/aVF/V3/V6, each column a quarter of the same 10 s, and a full
	// rhythm strip (lead II) below.
	Layout3x4 ECGLayout = "3x4"
	// Layout12x1 stacks every lead (or ECGOptions.Leads) as a full-width strip.
	Layout12x1 ECGLayout = "12x1"
	// LayoutMedian draws median beats in the 3×4 arrangement, each panel
	// showing the whole beat.
	LayoutMedian ECGLayout = "median"
)

// ECGStyle names how traces are drawn.
type ECGStyle string

// The ECG styles.
const (
	// StyleBox draws lines with box-drawing characters (asciigraph).
	StyleBox ECGStyle = "box"
	// StyleBraille draws with braille dots, 2×4 per cell.
	StyleBraille ECGStyle = "braille"
)

// ECGOptions control ECG. The zero value draws the clinical page in box
// style at 120×40 cells without colour.
type ECGOptions struct {
	Layout ECGLayout // default Layout3x4
	Style  ECGStyle  // default StyleBox
	// Width and Height are the size of the whole output in cells, header
	// included. Zero means 120 and 40.
	Width, Height int
	// Leads, when set, selects these leads (by name) as stacked strips,
	// whatever Layout says.
	Leads []string
	// From and To select a time window in seconds from the start of the
	// recording; To == 0 means the end. The clinical page shows 10 s from From.
	From, To float64
	// MVPerRow fixes the voltage scale (millivolts per text row); zero
	// picks the smallest round scale at which every trace fits.
	MVPerRow float64
	// RhythmLead names the rhythm strip lead of Layout3x4; default "II".
	RhythmLead string
	// Color allows SGR colour: a colour per lead and a faint grid. Pass
	// false when NO_COLOR is set or output is not a terminal.
	Color bool
}

// ECG draws a calibrated ECG chart as text, sized opts.Width × opts.Height
// cells: the header lines, a line stating the scale actually drawn, then the
// panels, each with its lead name and a 1 mV calibration mark at the left of
// each row of panels. Each text column shows the minimum–maximum envelope of
// the samples it covers, so no peak is lost at any width. Traces are drawn
// about each lead's median, shown at the level of the calibration pulse's foot.
// Leads that are not recorded are drawn as an empty panel saying so.
func ECG(in ECGInput, opts ECGOptions) string {
	opts = opts.withDefaults()
	var b strings.Builder
	if err := ValidateECG(in, opts); err != nil {
		for _, h := range in.Header {
			b.WriteString(Sanitize(h))
			b.WriteByte('\n')
		}
		b.WriteString("no ECG drawn: ")
		b.WriteString(Sanitize(err.Error()))
		return b.String()
	}
	page := planECG(in, opts)
	page.draw(in, opts, &b)
	return b.String()
}

// ValidateECG reports why in cannot be drawn with opts: no leads, a
// non-positive rate, leads of different lengths, an unknown lead in
// opts.Leads, or a time window outside the recording.
func ValidateECG(in ECGInput, opts ECGOptions) error {
	if len(in.Leads) == 0 {
		return fmt.Errorf("ecg: no leads")
	}
	if !(in.RateHz > 0) {
		return fmt.Errorf("ecg: sampling rate %v Hz is not positive", in.RateHz)
	}
	n := len(in.Leads[0].Samples)
	if n == 0 {
		return fmt.Errorf("ecg: lead %s has no samples", Sanitize(in.Leads[0].Name))
	}
	for _, l := range in.Leads[1:] {
		if len(l.Samples) != n {
			return fmt.Errorf("ecg: lead %s has %d samples, lead %s has %d",
				Sanitize(l.Name), len(l.Samples), Sanitize(in.Leads[0].Name), n)
		}
	}
	for _, name := range opts.Leads {
		if findLead(in.Leads, name) < 0 {
			return fmt.Errorf("ecg: no lead %q (have %s)", Sanitize(name), leadNames(in.Leads))
		}
	}
	dur := float64(n) / in.RateHz
	if opts.From < 0 || opts.From >= dur {
		return fmt.Errorf("ecg: window start %.2f s is outside the recording (0–%.2f s)", opts.From, dur)
	}
	if opts.To != 0 && opts.To <= opts.From {
		return fmt.Errorf("ecg: window end %.2f s is not after its start %.2f s", opts.To, opts.From)
	}
	if opts.MVPerRow < 0 {
		return fmt.Errorf("ecg: scale %v mV/row is negative", opts.MVPerRow)
	}
	return nil
}

func (o ECGOptions) withDefaults() ECGOptions {
	if o.Layout == "" {
		o.Layout = Layout3x4
	}
	if o.Style == "" {
		o.Style = StyleBox
	}
	if o.Width <= 0 {
		o.Width = 120
	}
	if o.Height <= 0 {
		o.Height = 40
	}
	if o.RhythmLead == "" {
		o.RhythmLead = "II"
	}
	return o
}

// findLead returns the index of the lead called name, or -1.
func findLead(leads []Waveform, name string) int {
	want := canonicalLead(name)
	for i, l := range leads {
		if canonicalLead(l.Name) == want {
			return i
		}
	}
	return -1
}

func canonicalLead(name string) string {
	s := strings.ToLower(strings.TrimSpace(name))
	for _, p := range []string{"strip_", "median_", "lead_", "lead "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

func leadNames(leads []Waveform) string {
	names := make([]string, len(leads))
	for i, l := range leads {
		names[i] = Sanitize(l.Name)
	}
	return strings.Join(names, ",")
}

// displayName is the lead name shown on a panel: the canonical clinical
// spelling when the lead is a standard one, else the sanitised name.
func displayName(name string) string {
	c := canonicalLead(name)
	for _, std := range standardLeads() {
		if strings.ToLower(std) == c {
			return std
		}
	}
	return Sanitize(strings.TrimSpace(name))
}

// standardLeads is the usual 12-lead order.
func standardLeads() [12]string {
	return [12]string{"I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"}
}

// leadColor is the 256-colour index used for a lead's trace.
func leadColor(name string) uint8 {
	palette := [12]uint8{39, 208, 34, 170, 178, 37, 75, 141, 203, 113, 215, 80}
	c := canonicalLead(name)
	for i, std := range standardLeads() {
		if strings.ToLower(std) == c {
			return palette[i]
		}
	}
	h := 0
	for _, r := range c {
		h = h*31 + int(r)
	}
	if h < 0 {
		h = -h
	}
	return palette[h%len(palette)]
}
