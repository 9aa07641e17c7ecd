package tui

import (
	"fmt"
	"log"
	"sort"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"qcterm/data"
	"qcterm/render"
	"qcterm/view"
)

type timeT = time.Time

// compact reports a terminal too small for side-by-side panes.
func (m *sampleModel) compact() bool { return m.width < 100 || m.height < 30 }

// view draws the sample view in m.width × m.height cells (status and help lines excluded).
func (m sampleModel) view(st Styles) string {
	w, h := m.width, m.height
	if m.err != nil {
		return box(st.Error.Render("error: "+render.Sanitize(m.err.Error())), w, h)
	}
	if m.d == nil {
		return box(st.Dim.Render("loading sample "+render.Sanitize(string(m.id))+" …"), w, h)
	}
	if m.compact() {
		tabs := []string{"fields", "ECG", "MRI"}
		var t []string
		for i, name := range tabs {
			if i == m.focus {
				name = st.Selected.Render(" " + name + " ")
			} else {
				name = " " + name + " "
			}
			t = append(t, name)
		}
		head := strings.Join(t, "") + st.Dim.Render("  (tab: next pane)")
		var body string
		switch m.focus {
		case paneFields:
			body = strings.Join(fieldLines(m.d.detail, w), "\n")
		case paneECG:
			body = m.ecgView(w, h-1)
		default:
			body = m.imageView(st, w, h-1, 0, bodyTop+1)
		}
		return box(head+"\n"+body, w, h)
	}
	left := min(52, w*2/5)
	right := w - left - 1
	ecgH := h * 11 / 20
	imgH := h - ecgH
	fields := box(strings.Join(fieldLines(m.d.detail, left), "\n"), left, h)
	ecg := box(m.ecgView(right, ecgH), right, ecgH)
	img := box(m.imageView(st, right, imgH, left+1, bodyTop+ecgH), right, imgH)
	sep := strings.TrimSuffix(strings.Repeat("│\n", h), "\n")
	return lipgloss.JoinHorizontal(lipgloss.Top, fields, st.Dim.Render(sep), lipgloss.JoinVertical(lipgloss.Left, ecg, img))
}

// ecgView draws the ECG pane: the chosen layout of the chosen strip, or the median beats.
func (m *sampleModel) ecgView(w, h int) string {
	layout := ecgLayouts[m.layout]
	kind := data.KindStrip
	if layout == render.LayoutMedian {
		kind = data.KindMedian
	}
	list := m.ecgsOf(kind)
	if len(list) == 0 {
		return "no " + kind + " ECG for this sample"
	}
	meta := list[min(m.strip, len(list)-1)]
	e := m.d.ecgs[meta.ID]
	if e == nil {
		return "loading ECG …"
	}
	header := view.ECGHeader(m.d.detail, e)
	if len(list) > 1 {
		header[0] += fmt.Sprintf(" · instance %d of %d (I)", m.strip+1, len(list))
	}
	// Braille by default: four dots per cell keep complexes of a few tenths of
	// a millivolt that whole-cell lines round away at small pane heights.
	style := render.StyleBraille
	if m.boxLines {
		style = render.StyleBox
	}
	opts := render.ECGOptions{Layout: layout, Style: style, Width: w, Height: h, Color: m.color}
	if layout == "single" {
		opts.Layout, opts.Leads = render.Layout12x1, []string{"II"}
	}
	if m.span > 0 && kind == data.KindStrip {
		opts.From, opts.To = m.from, m.from+m.span
	}
	if w < 30 || h < 8 {
		return "(ECG pane too small)"
	}
	key := fmt.Sprint("ecg ", e.ID, m.layout, style, opts.From, opts.To, w, h, m.color)
	return m.cache.get(key, func() any { return render.ECG(view.ECGInput(e, header), opts) }).(string)
}

// windowKey names the window choice for caching: stored-or-auto, auto, or explicit.
func (m *sampleModel) windowKey() string {
	switch {
	case m.window == nil:
		return "default"
	case m.window.Width <= 0:
		return "auto"
	}
	return fmt.Sprintf("%g/%g", m.window.Center, m.window.Width)
}

// windowFor is the window in use for img: chosen, else stored, else auto (1–99 %).
func (m *sampleModel) windowFor(x data.Series, img render.Image) render.Window {
	switch {
	case m.window != nil && m.window.Width > 0:
		return *m.window
	case m.window == nil && x.WindowWidth > 0:
		return render.Window{Center: x.WindowCenter, Width: x.WindowWidth}
	case img.RGB != nil:
		return render.Window{}
	}
	return render.AutoWindow(img, 1, 99)
}

// effectiveWindow is the window of the current frame (for adjusting it).
func (m *sampleModel) effectiveWindow() render.Window {
	x, ok := m.currentSeries()
	if !ok {
		return render.Window{}
	}
	img, err := view.FrameImage(x, data.Frame{Pixels: m.d.frames[frameKey{x.ID, m.frame}]}, true)
	if err != nil {
		return render.Window{}
	}
	return m.windowFor(x, img)
}

// bodyTop is the screen row where the sample view starts (below the title line).
const bodyTop = 1

// imageView draws the current frame with a caption, in a w×h pane whose
// top-left cell is at screen column x0, row y0 (needed to place sixel images).
func (m *sampleModel) imageView(st Styles, w, h, x0, y0 int) string {
	x, ok := m.currentSeries()
	if !ok {
		return st.Dim.Render("no image series for this sample")
	}
	caption := fmt.Sprintf("%s/%s · %d×%d · frame %d (0–%d)", render.Sanitize(x.Name), render.Sanitize(x.Instance),
		x.Cols, x.Rows, m.frame, max(0, x.FrameCount-1))
	if x.Slices > 1 {
		caption += fmt.Sprintf(" · %d slices", x.Slices)
	}
	if m.zoom > 0 {
		caption += fmt.Sprintf(" · zoom ×%d", 1<<m.zoom)
	}
	if m.playing {
		caption += " · ▶"
	}
	key := frameKey{x.ID, m.frame}
	px, loaded := m.d.frames[key]
	switch {
	case x.FrameCount == 0:
		return caption + "\n" + st.Dim.Render("this series has no frames")
	case m.d.frameErr[key] != nil:
		return caption + "\n" + st.Error.Render(render.Sanitize(m.d.frameErr[key].Error()))
	case !loaded:
		return caption + "\n" + st.Dim.Render("loading frame …")
	}
	ck := fmt.Sprint("img ", x.ID, m.frame, m.windowKey(), m.overlay, m.zoom, w, h, x0, y0, m.cellMode(), m.color, len(m.d.masks[key]))
	p := m.cache.get(ck, func() any { return m.renderFrame(st, x, px, m.d.masks[key], w, h, x0, y0) }).(framePane)
	if p.prefix != "" {
		// A short stand-in travels through the layout; the root swaps in the
		// (large) sixel or kitty sequence last (see paneCache.expand).
		return sixelMarker(ck) + caption + p.window + "\n" + p.body
	}
	return caption + p.window + "\n" + p.body
}

// framePane is a rendered frame: the text under the caption, what the caption
// says of the window, and (sixel) the sequence carried on the caption's first cell.
type framePane struct{ prefix, window, body string }

// renderFrame windows, overlays and encodes one frame for a w×h pane at screen cell (x0, y0).
func (m *sampleModel) renderFrame(st Styles, x data.Series, px []byte, masks []data.Mask, w, h, x0, y0 int) framePane {
	img, err := view.FrameImage(x, data.Frame{Pixels: px}, true)
	if err != nil {
		return framePane{body: st.Error.Render(render.Sanitize(err.Error()))}
	}
	win := m.windowFor(x, img)
	rgb, err := render.ApplyWindow(img, win)
	if err != nil {
		return framePane{body: st.Error.Render(err.Error())}
	}
	var p framePane
	var legend []string
	if m.overlay {
		for _, mk := range masks {
			lm := render.LabelMap{W: mk.Cols, H: mk.Rows, Labels: mk.Labels}
			if out, err := render.Overlay(rgb, lm, 0.45); err == nil {
				rgb = out
				legend = append(legend, "labels: "+render.Legend(lm, nil, m.depth()))
			}
		}
		if len(masks) == 0 {
			legend = append(legend, "overlay on: no label map on this frame"+masksOn(x))
		}
	}
	if img.RGB == nil {
		p.window = fmt.Sprintf(" · window %.4g/%.4g", win.Center, win.Width)
	}
	if m.zoom > 0 {
		rgb = cropCenter(rgb, m.zoom)
	}
	opts := render.ImageOptions{Mode: m.cellMode(), Cols: w, Rows: max(1, h-1-len(legend)), Color: m.depth(), Cell: m.cell, Tmux: m.tmux}
	switch opts.Mode {
	case render.ModeSixel:
		opts.SixelOffsetX, opts.SixelOffsetY = x0*m.cell.W, (y0+1)*m.cell.H
	case render.ModeKitty:
		opts.KittyPlaceholders, opts.KittyID = true, kittyImageID
	}
	r, err := render.RenderImage(rgb, opts)
	if err != nil {
		return framePane{body: st.Error.Render(err.Error())}
	}
	p.body = strings.TrimRight(string(r.Data), "\n")
	if r.Mode == render.ModeKitty {
		p.prefix, p.body = kittyParts(string(r.Data))
	}
	if r.Mode == render.ModeSixel {
		log.Printf("sixel frame=%d x=%d y=%d w=%d h=%d cols=%d rows=%d cellw=%d cellh=%d bytes=%d",
			m.frame, opts.SixelOffsetX, opts.SixelOffsetY, r.W, r.H, r.Cols, r.Rows, m.cell.W, m.cell.H, len(r.Data))
		p.prefix, p.body = string(r.Data), sixelLines(r) // the sequence rides on the caption's first cell
	}
	p.body += "\n" + strings.Join(legend, "\n")
	return p
}

// sixelLines reserves a sixel image's cells. The terminal is in sixel display
// mode (DECSDM): an image is drawn from the screen's corner, offset by its own
// transparent margin to where the pane is, and the cursor does not move, so
// the sequence can ride on any cell outside the image (the caption's first),
// which the renderer re-emits only when the image changes. The image area
// itself is blank cells, never rewritten while they stay blank.
func sixelLines(r render.Rendered) string {
	blank := strings.Repeat(" ", max(1, r.Cols))
	lines := make([]string, max(1, r.Rows))
	for i := range lines {
		lines[i] = blank
	}
	return strings.Join(lines, "\n")
}

func masksOn(x data.Series) string {
	var frames []int
	for _, m := range x.Masks {
		frames = append(frames, m.Frame)
	}
	if len(frames) == 0 {
		return ""
	}
	sort.Ints(frames)
	return fmt.Sprintf(" (label maps on frames %v)", frames)
}

// cellMode is how images are drawn inside the TUI: sixel when the terminal
// has it (and its cell size is known), else text cells.
func (m *sampleModel) cellMode() render.Mode {
	switch m.graphics {
	case render.ModeASCII, render.ModeQuarter, render.ModeSixel, render.ModeKitty:
		return m.graphics
	}
	return render.ModeBlocks
}

func (m *sampleModel) depth() render.ColorDepth {
	if !m.color {
		return render.Color256
	}
	return render.TrueColor
}

// frameInterval is the cine's time between frames: the median step of the
// series' trigger times when it has them, else one cardiac cycle of about a
// second spread over the frames; at least 30 ms.
func (m *sampleModel) frameInterval() time.Duration {
	n := m.frameCount()
	if n <= 1 {
		return 100 * time.Millisecond
	}
	x, _ := m.currentSeries()
	var steps []float64
	for k := 1; k < n; k++ {
		a, okA := m.d.times[frameKey{x.ID, k - 1}]
		b, okB := m.d.times[frameKey{x.ID, k}]
		if okA && okB && b > a {
			steps = append(steps, b-a)
		}
	}
	if len(steps) > 0 {
		sort.Float64s(steps)
		return max(30*time.Millisecond, time.Duration(steps[len(steps)/2]*float64(time.Millisecond)))
	}
	return max(30*time.Millisecond, time.Second/time.Duration(n))
}

// cropCenter keeps the central 1/2^zoom of an image in each direction.
func cropCenter(img render.RGBImage, zoom int) render.RGBImage {
	w, h := max(1, img.W>>zoom), max(1, img.H>>zoom)
	x0, y0 := (img.W-w)/2, (img.H-h)/2
	out := render.NewRGBImage(w, h)
	out.Aspect = img.Aspect
	for y := 0; y < h; y++ {
		copy(out.Pix[3*y*w:3*(y+1)*w], img.Pix[3*((y0+y)*img.W+x0):])
	}
	return out
}

// kittyImageID is the kitty image the UI shows frames as: re-transmitting it
// replaces the picture under the same placeholder cells.
const kittyImageID = 81

// kittyParts splits kitty output with Unicode placeholders into the
// transmission (carried like a sixel sequence, see paneCache.expand) and the
// placeholder lines, each given its own colour (the image id) so that the
// layout code can cut and join lines freely.
func kittyParts(data string) (transmit, lines string) {
	cut := strings.LastIndex(data, "\x1b\\") + 2
	transmit, rest := data[:cut], data[cut:]
	sgr := ""
	if strings.HasPrefix(rest, "\x1b[") {
		end := strings.IndexByte(rest, 'm') + 1
		sgr, rest = rest[:end], rest[end:]
	}
	rows := strings.Split(strings.TrimSuffix(strings.TrimRight(rest, "\n"), "\x1b[39m"), "\n")
	for i, r := range rows {
		rows[i] = sgr + strings.TrimSuffix(r, "\x1b[39m") + "\x1b[39m"
	}
	return transmit, strings.Join(rows, "\n")
}
