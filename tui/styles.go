package tui

import "charm.land/lipgloss/v2"

// Styles are the semantic styles of the UI, built once from the colour choice.
type Styles struct {
	Title, Header, Selected, Dim, Error, Good, Bad, Key lipgloss.Style
}

// NewStyles builds the styles; without colour they are plain (bold/reverse only).
func NewStyles(color bool) Styles {
	s := Styles{
		Title:    lipgloss.NewStyle().Bold(true),
		Header:   lipgloss.NewStyle().Bold(true).Underline(true),
		Selected: lipgloss.NewStyle().Reverse(true),
		Dim:      lipgloss.NewStyle(),
		Error:    lipgloss.NewStyle().Bold(true),
		Good:     lipgloss.NewStyle(),
		Bad:      lipgloss.NewStyle(),
		Key:      lipgloss.NewStyle().Bold(true),
	}
	if color {
		s.Title = s.Title.Foreground(lipgloss.Color("39"))
		s.Dim = s.Dim.Foreground(lipgloss.Color("244"))
		s.Error = s.Error.Foreground(lipgloss.Color("203"))
		s.Good = s.Good.Foreground(lipgloss.Color("114"))
		s.Bad = s.Bad.Foreground(lipgloss.Color("209"))
		s.Key = s.Key.Foreground(lipgloss.Color("221"))
	}
	return s
}
