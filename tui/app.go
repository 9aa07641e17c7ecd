package tui

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"qcterm/data"
	"qcterm/render"
)

// Options configure the review UI.
type Options struct {
	Sample   data.SampleID   // open this sample first
	Filter   string          // initial filter expression
	Sort     string          // initial sort column
	Graphics render.Mode     // blocks, quarter, ascii, sixel or kitty (with Unicode placeholders)
	Tmux     bool            // inside tmux with passthrough: wrap graphics sequences
	Cell     render.CellSize // the terminal's cell size in pixels, when known (sixel)
	Color    bool
}

type screen int

const (
	screenList screen = iota
	screenSample
)

// input is a one-line editor for search and filter.
type input struct {
	prompt string
	text   string
	active bool
}

// Model is the root of the review UI: it routes global keys and the window size
// and forwards the rest to the list or the sample view.
type Model struct {
	ctx   context.Context
	store *data.Store
	opts  Options
	keys  KeyMap
	st    Styles

	width, height int
	screen        screen
	help          bool
	in            input
	msg           string // last error or notice, shown in the status line

	list     listModel
	listOK   bool
	pending  map[string]bool // columns being loaded
	sample   sampleModel
	cache    map[data.SampleID]*sampleData
	loading  map[data.SampleID]bool
	cacheLRU []data.SampleID
}

// New builds the root model over an open store.
func New(ctx context.Context, store *data.Store, opts Options) Model {
	keys := DefaultKeyMap()
	return Model{ctx: ctx, store: store, opts: opts, keys: keys, st: NewStyles(opts.Color), width: 80, height: 24,
		pending: map[string]bool{}, cache: map[data.SampleID]*sampleData{}, loading: map[data.SampleID]bool{},
		sample: sampleModel{keys: keys, graphics: opts.Graphics, color: opts.Color, cell: opts.Cell, tmux: opts.Tmux, cache: newPaneCache()}}
}

// SixelDisplayMode turns DECSDM on (sixel images drawn from the screen's corner,
// the cursor left alone) for the UI's placement of images; SixelScrollMode
// restores the default when the UI ends.
const (
	SixelDisplayMode = "\x1b[?80h"
	SixelScrollMode  = "\x1b[?80l"
)

// Init starts loading the sample list (and sets sixel display mode for sixel images).
func (m Model) Init() tea.Cmd {
	if m.opts.Graphics == render.ModeSixel {
		return tea.Batch(tea.Raw(SixelDisplayMode), loadList(m.ctx, m.store))
	}
	return loadList(m.ctx, m.store)
}

// Update routes one message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		before := m.placement()
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, withClear(before, m, nil)
	case tea.KeyPressMsg:
		before := m.placement()
		next, cmd := m.key(msg)
		return next, withClear(before, next.(Model), cmd)
	case listLoadedMsg:
		return m.listLoaded(msg)
	case columnsLoadedMsg:
		if msg.err != nil {
			m.msg = msg.err.Error()
			return m, nil
		}
		if msg.page {
			m.list.page = msg.values
			return m, nil
		}
		for c, v := range msg.values {
			m.list.values[c] = v
			delete(m.pending, c)
		}
		m.list.apply()
		return m, m.needColumns()
	case sampleLoadedMsg:
		return m.sampleLoaded(msg)
	case frameLoadedMsg:
		if d := m.cache[msg.id]; d != nil {
			if msg.err != nil {
				d.frameErr[msg.key] = msg.err
			} else {
				d.frames[msg.key] = msg.px
			}
		}
		return m, nil
	case playTickMsg:
		if !m.sample.playing || msg.seq != m.sample.playSeq || m.screen != screenSample {
			return m, nil
		}
		m.sample.stepFrame(1)
		return m, tea.Batch(m.sample.tick(), m.ensureFrame())
	}
	return m, nil
}

func (m *Model) resize() {
	m.list.width, m.list.height = m.width, max(1, m.height-2)
	m.list.clamp()
	m.sample.width, m.sample.height = m.width, max(1, m.height-2)
}

func (m Model) listLoaded(msg listLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.msg = msg.err.Error()
		return m, nil
	}
	m.list = newList(msg.ids, msg.cols, m.width)
	m.listOK = true
	m.resize()
	if m.opts.Filter != "" {
		if f, err := ParseFilter(m.opts.Filter); err != nil {
			m.msg = err.Error()
		} else {
			m.list.filter = f
		}
	}
	if m.opts.Sort != "" {
		m.setSort(m.opts.Sort)
	}
	m.list.apply()
	cmds := []tea.Cmd{loadPage(m.ctx, m.store, m.list.visible(), m.list.cols), m.needColumns()}
	if m.opts.Sample != "" {
		cmds = append(cmds, m.open(m.opts.Sample))
	}
	return m, tea.Batch(cmds...)
}

// setSort sorts by a column, adding it to the shown columns if needed.
func (m *Model) setSort(col string) {
	desc := strings.HasPrefix(col, "-")
	col = strings.TrimPrefix(col, "-")
	if col == "sample_id" || col == "id" {
		m.list.sortCol, m.list.sortDesc = -1, desc
		return
	}
	for i, c := range m.list.cols {
		if c == col {
			m.list.sortCol, m.list.sortDesc = i, desc
			return
		}
	}
	m.list.cols = append(m.list.cols, col)
	m.list.sortCol, m.list.sortDesc = len(m.list.cols)-1, desc
}

// needColumns loads column values the list needs and does not have.
func (m *Model) needColumns() tea.Cmd {
	var want []string
	for _, c := range m.list.needed() {
		if !m.pending[c] {
			m.pending[c] = true
			want = append(want, c)
		}
	}
	if len(want) == 0 {
		return nil
	}
	return loadColumns(m.ctx, m.store, want)
}

func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if m.in.active {
		return m.editInput(msg)
	}
	if m.help {
		if key.Matches(msg, k.Quit) {
			return m, tea.Quit
		}
		m.help = false
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.help = true
		return m, nil
	}
	m.msg = ""
	if m.screen == screenSample {
		switch {
		case key.Matches(msg, k.Back):
			m.screen = screenList
			m.sample.playing = false
			return m, nil
		case key.Matches(msg, k.Next):
			return m, m.step(1)
		case key.Matches(msg, k.Prev):
			return m, m.step(-1)
		}
		var cmd tea.Cmd
		m.sample, cmd = m.sample.update(msg)
		return m, tea.Batch(cmd, m.ensureFrame())
	}
	return m.listKey(msg)
}

func (m Model) listKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k, l := m.keys, &m.list
	switch {
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.PageDown):
		l.move(l.rows())
	case key.Matches(msg, k.PageUp):
		l.move(-l.rows())
	case key.Matches(msg, k.Top):
		l.move(-len(l.order))
	case key.Matches(msg, k.Bottom):
		l.move(len(l.order))
	case key.Matches(msg, k.Search):
		m.in = input{prompt: "/", text: l.search, active: true}
	case key.Matches(msg, k.Filter):
		text := ""
		if l.filter != nil {
			text = l.filter.String()
		}
		m.in = input{prompt: "filter: ", text: text, active: true}
	case key.Matches(msg, k.Sort):
		l.sortCol++
		if l.sortCol >= len(l.cols) {
			l.sortCol = -1
		}
		l.apply()
	case key.Matches(msg, k.Reverse):
		l.sortDesc = !l.sortDesc
		l.apply()
	case key.Matches(msg, k.Back):
		l.search, l.filter = "", nil
		l.apply()
	case key.Matches(msg, k.Open):
		if id, ok := l.selected(); ok {
			return m, m.open(id)
		}
	}
	return m, nil
}

// editInput edits the search or filter line; search applies as you type.
func (m Model) editInput(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "esc":
		m.in.active = false
		if m.in.prompt == "/" {
			m.list.search = ""
			m.list.apply()
		}
		return m, nil
	case "enter":
		m.in.active = false
		if m.in.prompt != "/" {
			f, err := ParseFilter(m.in.text)
			if err != nil {
				m.msg = err.Error()
				return m, nil
			}
			m.list.filter = f
			m.list.apply()
			return m, m.needColumns()
		}
		return m, nil
	case "backspace":
		if r := []rune(m.in.text); len(r) > 0 {
			m.in.text = string(r[:len(r)-1])
		}
	default:
		if t := msg.Key().Text; t != "" {
			m.in.text += t
		}
	}
	if m.in.prompt == "/" {
		m.list.search = m.in.text
		m.list.apply()
	}
	return m, nil
}

// open shows a sample, loading it (and prefetching the next) as needed.
func (m *Model) open(id data.SampleID) tea.Cmd {
	_, pos, _ := m.list.neighbour(id, 0)
	m.screen = screenSample
	m.sample.setSample(id, max(pos, 0), len(m.list.order), m.cache[id])
	m.sample.filter = ""
	if m.list.filter != nil {
		m.sample.filter = m.list.filter.String()
	}
	if pos >= 0 {
		m.list.cursor = pos
		m.list.clamp()
	}
	return tea.Batch(m.fetch(id), m.prefetch(id))
}

// step moves to the next or previous sample in the list's order.
func (m *Model) step(d int) tea.Cmd {
	next, _, ok := m.list.neighbour(m.sample.id, d)
	if !ok {
		m.msg = "no more samples in this direction"
		return nil
	}
	return m.open(next)
}

func (m *Model) fetch(id data.SampleID) tea.Cmd {
	if m.cache[id] != nil || m.loading[id] {
		return nil
	}
	m.loading[id] = true
	return loadSample(m.ctx, m.store, id)
}

func (m *Model) prefetch(id data.SampleID) tea.Cmd {
	if next, _, ok := m.list.neighbour(id, 1); ok {
		return m.fetch(next)
	}
	return nil
}

// cacheSize is how many loaded samples are kept for going back and forth.
const cacheSize = 4

func (m Model) sampleLoaded(msg sampleLoadedMsg) (tea.Model, tea.Cmd) {
	delete(m.loading, msg.id)
	if msg.err != nil {
		if msg.id == m.sample.id {
			m.sample.err = msg.err
		}
		return m, nil
	}
	m.cache[msg.id] = msg.d
	m.cacheLRU = append(m.cacheLRU, msg.id)
	for len(m.cacheLRU) > cacheSize {
		old := m.cacheLRU[0]
		m.cacheLRU = m.cacheLRU[1:]
		if old != m.sample.id {
			delete(m.cache, old)
		}
	}
	if msg.id != m.sample.id { // a prefetch: kept, and its panes rendered ahead
		return m, m.warm(msg.id, msg.d)
	}
	m.sample.d = msg.d
	if m.sample.frame >= m.sample.frameCount() {
		m.sample.frame = 0
	}
	return m, m.ensureFrame()
}

// warm renders a prefetched sample's panes as the sample view would show them
// now, in the background, so that moving to it is a cache hit. It works on a
// copy of the sample's maps: the UI may add frames to the original meanwhile.
func (m *Model) warm(id data.SampleID, d *sampleData) tea.Cmd {
	if m.screen != screenSample {
		return nil
	}
	snap := &sampleData{detail: d.detail, ecgs: d.ecgs, frames: maps.Clone(d.frames), times: maps.Clone(d.times),
		masks: maps.Clone(d.masks), frameErr: maps.Clone(d.frameErr)}
	v := m.sample
	v.setSample(id, v.pos+1, v.total, snap)
	v.playing = false
	st := m.st
	return func() tea.Msg {
		_ = v.view(st)
		return nil
	}
}

// ensureFrame loads the current frame when it was not preloaded.
func (m *Model) ensureFrame() tea.Cmd {
	d := m.sample.d
	x, ok := m.sample.currentSeries()
	if d == nil || !ok {
		return nil
	}
	k := frameKey{x.ID, m.sample.frame}
	if _, have := d.frames[k]; have || d.frameErr[k] != nil || x.FrameCount == 0 {
		return nil
	}
	return loadFrame(m.ctx, m.store, m.sample.id, k)
}

// placement says where a sixel image sits; when it changes, the old image's
// pixels would stay on screen under blank cells, so the screen is cleared.
func (m Model) placement() string {
	if m.opts.Graphics != render.ModeSixel || m.screen != screenSample || m.help {
		return ""
	}
	x, _ := m.sample.currentSeries()
	return fmt.Sprint(m.sample.id, x.ID, m.sample.focus, m.width, m.height, m.sample.overlay)
}

func withClear(before string, after Model, cmd tea.Cmd) tea.Cmd {
	if before != "" && before != after.placement() {
		return tea.Batch(cmd, tea.ClearScreen)
	}
	return cmd
}
