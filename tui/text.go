package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// trunc cuts s to at most w cells, marking the cut with "…".
func trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && lipgloss.Width(string(rs))+1 > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

// pad fills s with spaces to w cells.
func pad(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// padLeft right-aligns s in w cells.
func padLeft(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// box fits a multi-line block into exactly w×h cells (cut or padded).
func box(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			l = trimANSI(l, w)
		}
		lines[i] = pad(l, w)
	}
	return strings.Join(lines, "\n")
}

// trimANSI cuts a styled line to w cells, keeping its escape sequences whole.
func trimANSI(s string, w int) string {
	return lipgloss.NewStyle().MaxWidth(w).Render(s)
}
