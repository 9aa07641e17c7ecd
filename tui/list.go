package tui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"qcterm/data"
	"qcterm/render"
)

// listModel is the sample list: every sample, narrowed by search and filter,
// ordered by a column, with a cursor.
type listModel struct {
	ids     []data.SampleID
	cols    []string
	numeric map[string]bool
	values  map[string]map[data.SampleID]data.Value // whole columns, loaded on demand
	page    map[string]map[data.SampleID]data.Value // the first screen's rows, loaded first

	order    []int // rows shown: indices into ids
	cursor   int
	offset   int
	search   string
	filter   *Filter
	sortCol  int // -1: sample id
	sortDesc bool
	width    int
	height   int
}

func newList(ids []data.SampleID, cols []data.ColumnInfo, width int) listModel {
	l := listModel{ids: ids, numeric: map[string]bool{}, values: map[string]map[data.SampleID]data.Value{}, sortCol: -1}
	for _, c := range cols {
		l.numeric[c.Name] = c.Numeric
	}
	l.cols = chooseColumns(cols, width)
	l.apply()
	return l
}

// chooseColumns picks what the list shows: the first table columns, then every
// derived <x>_delta, as many as fit.
func chooseColumns(cols []data.ColumnInfo, width int) []string {
	var plain, deltas []string
	fromTable := func(c data.ColumnInfo) bool {
		for _, o := range c.Origins {
			if strings.HasSuffix(o, ".csv") || strings.HasSuffix(o, ".tsv") {
				return true
			}
		}
		return false
	}
	sorted := append([]data.ColumnInfo{}, cols...)
	sort.SliceStable(sorted, func(i, j int) bool { return fromTable(sorted[i]) && !fromTable(sorted[j]) })
	for _, c := range sorted {
		switch {
		case c.Derived:
			deltas = append(deltas, c.Name)
		case len(plain) < 4:
			plain = append(plain, c.Name)
		}
	}
	// Fit greedily: two plain columns, then the deltas (what a review is about),
	// then more plain columns; show them plain first, deltas after.
	first := min(2, len(plain))
	room := width - idWidth - qcWidth - 2
	keep := map[string]bool{}
	for _, c := range append(append(append([]string{}, plain[:first]...), deltas...), plain[first:]...) {
		if room-colWidth(c)-1 < 0 {
			continue
		}
		room -= colWidth(c) + 1
		keep[c] = true
	}
	var out []string
	for _, c := range append(plain, deltas...) {
		if keep[c] {
			out = append(out, c)
		}
	}
	return out
}

const (
	idWidth = 14
	qcWidth = 4
)

// colWidth is a column's width: its name's, within 8..20 cells.
func colWidth(name string) int { return min(20, max(8, len(name))) }

// needed lists columns whose values must be loaded before the list can be
// ordered and filtered as asked.
func (l *listModel) needed() []string {
	var out []string
	want := append([]string{}, l.cols...)
	if l.filter != nil {
		want = append(want, l.filter.Columns()...)
	}
	for _, c := range want {
		if _, ok := l.values[c]; !ok && !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (l *listModel) value(col string, id data.SampleID) data.Value {
	if v, ok := l.values[col][id]; ok {
		return v
	}
	if _, whole := l.values[col]; !whole {
		if v, ok := l.page[col][id]; ok {
			return v
		}
	}
	return data.Value{Missing: true}
}

// visible lists the samples on screen.
func (l *listModel) visible() []data.SampleID {
	var out []data.SampleID
	for i := l.offset; i < len(l.order) && i < l.offset+l.rows(); i++ {
		out = append(out, l.ids[l.order[i]])
	}
	return out
}

// apply recomputes the visible rows, keeping the cursor on the same sample when it stays.
func (l *listModel) apply() {
	var keep data.SampleID
	if l.cursor < len(l.order) {
		keep = l.ids[l.order[l.cursor]]
	}
	l.order = l.order[:0]
	q := strings.ToLower(l.search)
	for i, id := range l.ids {
		if q != "" && !strings.Contains(strings.ToLower(string(id)), q) {
			continue
		}
		if l.filter != nil && !l.filter.Match(func(c string) data.Value { return l.value(c, id) }) {
			continue
		}
		l.order = append(l.order, i)
	}
	less := func(a, b int) bool { return naturalLess(string(l.ids[a]), string(l.ids[b])) }
	if l.sortCol >= 0 && l.sortCol < len(l.cols) {
		col := l.cols[l.sortCol]
		less = func(a, b int) bool {
			va, vb := l.value(col, l.ids[a]), l.value(col, l.ids[b])
			if va.Missing || vb.Missing {
				return !va.Missing && vb.Missing // missing last, in either direction
			}
			if l.sortDesc {
				va, vb = vb, va
			}
			if va.IsText || vb.IsText {
				return va.Text < vb.Text
			}
			return va.Num < vb.Num
		}
	} else if l.sortDesc {
		less = func(a, b int) bool { return naturalLess(string(l.ids[b]), string(l.ids[a])) }
	}
	sort.SliceStable(l.order, func(i, j int) bool { return less(l.order[i], l.order[j]) })
	l.cursor = 0
	for i, k := range l.order {
		if l.ids[k] == keep {
			l.cursor = i
		}
	}
	l.clamp()
}

func (l *listModel) clamp() {
	l.cursor = max(0, min(l.cursor, len(l.order)-1))
	rows := l.rows()
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+rows {
		l.offset = l.cursor - rows + 1
	}
	l.offset = max(0, min(l.offset, len(l.order)-rows))
}

// rows is how many sample rows fit.
func (l *listModel) rows() int { return max(1, l.height-1) }

func (l *listModel) move(d int) {
	l.cursor += d
	l.clamp()
}

// selected is the sample under the cursor.
func (l *listModel) selected() (data.SampleID, bool) {
	if len(l.order) == 0 {
		return "", false
	}
	return l.ids[l.order[l.cursor]], true
}

// neighbour is the sample d rows from id in the current order.
func (l *listModel) neighbour(id data.SampleID, d int) (data.SampleID, int, bool) {
	for i, k := range l.order {
		if l.ids[k] == id {
			j := i + d
			if j < 0 || j >= len(l.order) {
				return "", i, false
			}
			return l.ids[l.order[j]], j, true
		}
	}
	return "", -1, false
}

// view draws the table. qc gives each sample's QC mark (annotation work comes later).
func (l *listModel) view(st Styles) string {
	var b strings.Builder
	idHead := "sample"
	if l.sortCol < 0 {
		idHead += arrow(l.sortDesc)
	}
	head := pad(idHead, idWidth)
	for i, c := range l.cols {
		name := c
		if i == l.sortCol {
			name += arrow(l.sortDesc)
		}
		head += " " + padLeft(trunc(name, colWidth(c)), colWidth(c))
	}
	head += " " + pad("QC", qcWidth)
	b.WriteString(st.Header.Render(trunc(head, l.width)))
	for r := 0; r < l.rows(); r++ {
		i := l.offset + r
		b.WriteByte('\n')
		if i >= len(l.order) {
			continue
		}
		id := l.ids[l.order[i]]
		line := pad(trunc(render.Sanitize(string(id)), idWidth), idWidth)
		for _, c := range l.cols {
			cell := "…"
			_, whole := l.values[c]
			_, paged := l.page[c][id]
			if whole || paged {
				cell = cellText(l.value(c, id), !l.numeric[c])
			}
			line += " " + padLeft(trunc(cell, colWidth(c)), colWidth(c))
		}
		line += " " + pad("·", qcWidth)
		line = trunc(line, l.width)
		if i == l.cursor {
			line = st.Selected.Render(pad(line, l.width))
		}
		b.WriteString(line)
	}
	return b.String()
}

func arrow(desc bool) string {
	if desc {
		return "▼"
	}
	return "▲"
}

// cellText formats a value for a narrow column.
func cellText(v data.Value, text bool) string {
	switch {
	case v.Missing:
		return "NA"
	case v.IsText || text:
		return render.Sanitize(v.Text)
	}
	return strconv.FormatFloat(v.Num, 'g', 6, 64)
}

// naturalLess orders ids with digit runs compared as numbers ("fake_2" < "fake_10").
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// status is the list's summary line.
func (l *listModel) status() string {
	s := fmt.Sprintf("%d of %d samples", len(l.order), len(l.ids))
	if l.search != "" {
		s += " · search " + strconv.Quote(l.search)
	}
	if l.filter != nil && l.filter.String() != "" {
		s += " · filter " + l.filter.String()
	}
	return s
}
