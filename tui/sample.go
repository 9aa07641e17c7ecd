package tui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"qcterm/data"
	"qcterm/render"
)

// Panes of the sample view, in tab order.
const (
	paneFields = iota
	paneECG
	paneImage
	numPanes
)

// ecgLayouts cycles with the Layout key.
var ecgLayouts = []render.ECGLayout{render.Layout3x4, render.Layout12x1, render.LayoutMedian, "single"}

// sampleModel is the sample view: which sample, and how its ECG and images are shown.
// It keeps its choices (layout, series, window) when the sample changes.
type sampleModel struct {
	id     data.SampleID
	pos    int // 0-based position in the list order
	total  int
	d      *sampleData
	err    error
	focus  int
	width  int
	height int

	layout         int  // index into ecgLayouts
	boxLines       bool // ECG in box-drawing lines (one row per cell) instead of braille (four)
	strip          int  // which strip instance
	from           float64
	span           float64 // seconds shown; 0 = all
	series         string  // chosen series name and instance, kept across samples
	seriesInstance string
	zoom           int // MRI zoom: 0 whole frame, k: the central 1/2^k
	frame          int
	playing        bool
	playSeq        int
	overlay        bool
	window         *render.Window // nil: stored window, else auto
	keys           KeyMap
	graphics       render.Mode
	color          bool
	cell           render.CellSize
	cache          *paneCache
	filter         string // the list's filter, shown in the status line
	tmux           bool   // wrap graphics for tmux passthrough
}

// setSample switches to another sample, keeping the view's choices.
func (m *sampleModel) setSample(id data.SampleID, pos, total int, d *sampleData) {
	m.id, m.pos, m.total, m.d, m.err = id, pos, total, d, nil
	m.from = 0
	m.strip = 0
	if m.frame >= m.frameCount() {
		m.frame = 0
	}
}

// strips are the sample's 10 s ECGs; medians its median beats.
func (m *sampleModel) ecgsOf(kind string) []data.ECG {
	if m.d == nil {
		return nil
	}
	var out []data.ECG
	for _, e := range m.d.detail.ECGs {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// currentSeries is the chosen series, or the first one.
func (m *sampleModel) currentSeries() (data.Series, bool) {
	if m.d == nil || len(m.d.detail.Series) == 0 {
		return data.Series{}, false
	}
	var byName *data.Series
	for i, x := range m.d.detail.Series {
		if x.Name == m.series && x.Instance == m.seriesInstance {
			return x, true
		}
		if x.Name == m.series && byName == nil {
			byName = &m.d.detail.Series[i]
		}
	}
	if byName != nil {
		return *byName, true
	}
	return m.d.detail.Series[0], true
}

func (m *sampleModel) frameCount() int {
	x, ok := m.currentSeries()
	if !ok {
		return 0
	}
	return x.FrameCount
}

// playTickMsg advances a playing cine; seq drops ticks of an earlier play.
type playTickMsg struct{ seq int }

// update handles the sample view's own keys; the root handles the rest.
func (m sampleModel) update(msg tea.KeyPressMsg) (sampleModel, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Focus):
		m.focus = (m.focus + 1) % numPanes
	case key.Matches(msg, k.Layout):
		m.layout = (m.layout + 1) % len(ecgLayouts)
	case key.Matches(msg, k.Style):
		m.boxLines = !m.boxLines
	case key.Matches(msg, k.Instance):
		if n := len(m.ecgsOf(data.KindStrip)); n > 0 {
			m.strip = (m.strip + 1) % n
		}
	case key.Matches(msg, k.PanLeft):
		m.from = max(0, m.from-m.step())
	case key.Matches(msg, k.PanRight):
		m.from = min(m.from+m.step(), max(0, m.duration()-m.spanOrAll()))
	case key.Matches(msg, k.ZoomIn):
		m.span = max(1, m.spanOrAll()/2)
	case key.Matches(msg, k.ZoomOut):
		if m.span = m.spanOrAll() * 2; m.span >= m.duration() {
			m.span, m.from = 0, 0
		}
	case key.Matches(msg, k.Series):
		m.nextSeries()
	case key.Matches(msg, k.FrameNext):
		m.stepFrame(1)
	case key.Matches(msg, k.FramePrev):
		m.stepFrame(-1)
	case key.Matches(msg, k.SliceNext):
		m.stepSlice(1)
	case key.Matches(msg, k.SlicePrev):
		m.stepSlice(-1)
	case key.Matches(msg, k.Play):
		m.playing = !m.playing
		m.playSeq++
		if m.playing {
			return m, m.tick()
		}
	case key.Matches(msg, k.ImageZoomIn):
		m.zoom = min(m.zoom+1, 3)
	case key.Matches(msg, k.ImageZoomOut):
		m.zoom = max(m.zoom-1, 0)
	case key.Matches(msg, k.Overlay):
		m.overlay = !m.overlay
	case key.Matches(msg, k.AutoWindow):
		m.window = &render.Window{} // zero width: auto
	case key.Matches(msg, k.WidthUp), key.Matches(msg, k.WidthDown), key.Matches(msg, k.LevelUp), key.Matches(msg, k.LevelDown):
		m.adjustWindow(msg)
	}
	return m, nil
}

func (m *sampleModel) duration() float64 {
	strips := m.ecgsOf(data.KindStrip)
	if len(strips) == 0 {
		return 10
	}
	return strips[min(m.strip, len(strips)-1)].Duration()
}

func (m *sampleModel) spanOrAll() float64 {
	if m.span <= 0 {
		return m.duration()
	}
	return m.span
}

func (m *sampleModel) step() float64 { return m.spanOrAll() / 4 }

func (m *sampleModel) nextSeries() {
	if m.d == nil || len(m.d.detail.Series) == 0 {
		return
	}
	all := m.d.detail.Series
	cur, _ := m.currentSeries()
	for i, x := range all {
		if x.ID == cur.ID {
			next := all[(i+1)%len(all)]
			m.series, m.seriesInstance = next.Name, next.Instance
			break
		}
	}
	m.frame, m.window, m.zoom = 0, nil, 0
}

func (m *sampleModel) stepFrame(d int) {
	if n := m.frameCount(); n > 0 {
		m.frame = ((m.frame+d)%n + n) % n
	}
}

// stepSlice moves to the same phase of the next slice (frames are ordered by slice, then time).
func (m *sampleModel) stepSlice(d int) {
	x, ok := m.currentSeries()
	if !ok || x.Slices <= 1 {
		m.stepFrame(d)
		return
	}
	per := max(1, x.FrameCount/x.Slices)
	m.stepFrame(d * per)
}

// tick schedules the next cine frame at the series' frame interval.
func (m sampleModel) tick() tea.Cmd {
	seq := m.playSeq
	return tea.Tick(m.frameInterval(), func(t timeT) tea.Msg { return playTickMsg{seq: seq} })
}

// adjustWindow widens, narrows, brightens or darkens from the current window.
func (m *sampleModel) adjustWindow(msg tea.KeyPressMsg) {
	w := m.effectiveWindow()
	if w.Width <= 0 {
		return
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.WidthUp):
		w.Width *= 1.25
	case key.Matches(msg, k.WidthDown):
		w.Width /= 1.25
	case key.Matches(msg, k.LevelUp):
		w.Center -= w.Width / 10
	case key.Matches(msg, k.LevelDown):
		w.Center += w.Width / 10
	}
	m.window = &w
}

// statusLine describes where the view is.
func (m *sampleModel) statusLine() string {
	parts := []string{fmt.Sprintf("sample %s (%d of %d)", render.Sanitize(string(m.id)), m.pos+1, m.total)}
	if x, ok := m.currentSeries(); ok {
		parts = append(parts, fmt.Sprintf("%s frame %d (0–%d)", render.Sanitize(x.Name), m.frame, max(0, x.FrameCount-1)))
		if m.playing {
			parts = append(parts, "▶ playing")
		}
	}
	parts = append(parts, "ECG "+string(ecgLayouts[m.layout]), "graphics "+string(m.graphics))
	if m.filter != "" {
		parts = append(parts, "filter "+m.filter)
	}
	return strings.Join(parts, " · ")
}

// fieldLines lists the sample's fields grouped by origin, with
// actual / prediction / delta side by side.
func fieldLines(d *data.SampleDetail, width int) []string {
	if d == nil {
		return nil
	}
	type row struct{ name, val string }
	groups := map[string][]row{}
	var origins []string
	vals := map[string]data.Value{}
	for _, f := range d.Fields {
		if f.Instance != "" && f.Origin != "categorical" && f.Origin != "continuous" {
			continue // ECG measurements show with the ECG
		}
		vals[f.Origin+"\x00"+f.Name] = f.Value
	}
	for _, f := range d.Fields {
		if _, ok := vals[f.Origin+"\x00"+f.Name]; !ok {
			continue
		}
		if !contains(origins, f.Origin) {
			origins = append(origins, f.Origin)
		}
		base, isActual := strings.CutSuffix(f.Name, "_actual")
		_, hasPred := vals[f.Origin+"\x00"+base+"_prediction"]
		if strings.HasSuffix(f.Name, "_prediction") || strings.HasSuffix(f.Name, "_delta") {
			if _, paired := vals[f.Origin+"\x00"+strings.TrimSuffix(strings.TrimSuffix(f.Name, "_prediction"), "_delta")+"_actual"]; paired {
				continue
			}
		}
		if isActual && hasPred {
			a, p := vals[f.Origin+"\x00"+f.Name], vals[f.Origin+"\x00"+base+"_prediction"]
			dl := vals[f.Origin+"\x00"+base+"_delta"]
			groups[f.Origin] = append(groups[f.Origin], row{base, fmt.Sprintf("%s | %s | Δ %s", cellText(a, false), cellText(p, false), signed(dl))})
			continue
		}
		groups[f.Origin] = append(groups[f.Origin], row{f.Name, cellText(f.Value, f.Value.IsText)})
	}
	sort.Strings(origins)
	var out []string
	nameW := min(20, max(8, width/3))
	for _, o := range origins {
		out = append(out, "["+render.Sanitize(o)+"]")
		for _, r := range groups[o] {
			out = append(out, trunc(" "+pad(trunc(render.Sanitize(r.name), nameW), nameW)+" "+r.val, width))
		}
	}
	return out
}

func signed(v data.Value) string {
	s := cellText(v, false)
	if !v.Missing && !v.IsText && v.Num > 0 {
		s = "+" + s
	}
	return s
}
