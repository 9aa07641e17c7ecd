package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"qcterm/render"
)

// View draws the whole screen: title, the current screen, and a status line.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "qcterm review"
	return v
}

// render is the screen as text (what tests compare).
func (m Model) render() string {
	if m.help {
		return box(m.helpView(), m.width, m.height)
	}
	title := m.st.Title.Render("qcterm review")
	var body, status string
	switch {
	case !m.listOK:
		body = "loading samples …"
	case m.screen == screenSample:
		body = m.sample.view(m.st)
		status = m.sample.statusLine()
		title += m.st.Dim.Render("  esc: list · n/p: next/prev · ?: help · q: quit")
	default:
		body = m.list.view(m.st)
		status = m.list.status()
		title += m.st.Dim.Render("  enter: open · /: search · f: filter · s: sort · ?: help · q: quit")
	}
	if m.in.active {
		status = m.in.prompt + render.Sanitize(m.in.text) + "█"
	}
	if m.msg != "" {
		status = m.st.Error.Render(render.Sanitize(m.msg))
	}
	screen := trunc(title, m.width) + "\n" + box(body, m.width, max(1, m.height-2)) + "\n" + trunc(status, m.width)
	return m.sample.cache.expand(screen)
}

// helpView lists every binding, from the key map, in as many columns as the height needs.
func (m Model) helpView() string {
	var blocks []string
	for _, g := range m.keys.Groups() {
		lines := []string{m.st.Header.Render(g.Title)}
		for _, k := range g.Bindings {
			h := k.Help()
			lines = append(lines, "  "+m.st.Key.Render(pad(h.Key, 9))+" "+h.Desc)
		}
		blocks = append(blocks, strings.Join(lines, "\n"))
	}
	title := m.st.Title.Render("qcterm review — keys") + "   (any key closes)"
	one := title + "\n\n" + strings.Join(blocks, "\n\n")
	if lipgloss.Height(one) <= m.height || m.width < 60 {
		return one
	}
	// Two columns: fill the left with groups until half the lines.
	total, left := lipgloss.Height(strings.Join(blocks, "\n\n")), 0
	var l, r []string
	for _, b := range blocks {
		if left < total/2 {
			l = append(l, b)
			left += lipgloss.Height(b) + 1
		} else {
			r = append(r, b)
		}
	}
	colW := m.width/2 - 1
	cols := lipgloss.JoinHorizontal(lipgloss.Top, box(strings.Join(l, "\n\n"), colW, left), " ", strings.Join(r, "\n\n"))
	return title + "\n\n" + cols
}
