package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every binding of the review UI: dispatch, the help screen and the
// README's key table all come from it.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom   key.Binding
	Open, Back, Search, Filter, Sort, Reverse key.Binding
	Next, Prev, Focus                         key.Binding
	Layout, Instance, PanLeft, PanRight       key.Binding
	Style                                     key.Binding
	ZoomIn, ZoomOut                           key.Binding
	Series, FramePrev, FrameNext, SlicePrev   key.Binding
	SliceNext, Play, Overlay, AutoWindow      key.Binding
	WidthUp, WidthDown, LevelUp, LevelDown    key.Binding
	ImageZoomIn, ImageZoomOut                 key.Binding
	Help, Quit                                key.Binding
}

func bind(keys []string, help, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// DefaultKeyMap is the standard key map: vim keys and arrows both.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:           bind([]string{"k", "up"}, "k/↑", "up"),
		Down:         bind([]string{"j", "down"}, "j/↓", "down"),
		PageUp:       bind([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
		PageDown:     bind([]string{"pgdown", "ctrl+f"}, "pgdn", "page down"),
		Top:          bind([]string{"g", "home"}, "g", "first"),
		Bottom:       bind([]string{"G", "end"}, "G", "last"),
		Open:         bind([]string{"enter"}, "enter", "open sample"),
		Back:         bind([]string{"esc"}, "esc", "back / cancel"),
		Search:       bind([]string{"/"}, "/", "search ids"),
		Filter:       bind([]string{"f"}, "f", "filter expression"),
		Sort:         bind([]string{"s"}, "s", "sort by next column"),
		Reverse:      bind([]string{"S"}, "S", "reverse sort"),
		Next:         bind([]string{"n"}, "n", "next sample"),
		Prev:         bind([]string{"p"}, "p", "previous sample"),
		Focus:        bind([]string{"tab"}, "tab", "next pane"),
		Layout:       bind([]string{"L"}, "L", "ECG layout"),
		Instance:     bind([]string{"I"}, "I", "ECG instance"),
		PanLeft:      bind([]string{"h", "left"}, "h/←", "earlier (ECG)"),
		PanRight:     bind([]string{"l", "right"}, "l/→", "later (ECG)"),
		ZoomIn:       bind([]string{"+", "="}, "+", "zoom in (ECG)"),
		ZoomOut:      bind([]string{"-"}, "-", "zoom out (ECG)"),
		Series:       bind([]string{"e"}, "e", "next series / instance"),
		FramePrev:    bind([]string{"["}, "[", "previous frame"),
		FrameNext:    bind([]string{"]"}, "]", "next frame"),
		SlicePrev:    bind([]string{"{"}, "{", "previous slice"),
		SliceNext:    bind([]string{"}"}, "}", "next slice"),
		Play:         bind([]string{"space"}, "space", "play / pause cine"),
		Overlay:      bind([]string{"o"}, "o", "label overlay"),
		ImageZoomIn:  bind([]string{"z"}, "z", "zoom in (MRI)"),
		ImageZoomOut: bind([]string{"Z"}, "Z", "zoom out (MRI)"),
		AutoWindow:   bind([]string{"a"}, "a", "auto window"),
		WidthUp:      bind([]string{"w"}, "w", "wider window"),
		WidthDown:    bind([]string{"W"}, "W", "narrower window"),
		LevelUp:      bind([]string{"c"}, "c", "brighter (level −)"),
		LevelDown:    bind([]string{"C"}, "C", "darker (level +)"),
		Help:         bind([]string{"?"}, "?", "help"),
		Quit:         bind([]string{"q", "ctrl+c"}, "q", "quit"),
	}
}

// Groups lists the bindings by screen, for the help view and the README.
func (k KeyMap) Groups() []struct {
	Title    string
	Bindings []key.Binding
} {
	return []struct {
		Title    string
		Bindings []key.Binding
	}{
		{"everywhere", []key.Binding{k.Help, k.Quit, k.Back}},
		{"sample list", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Open, k.Search, k.Filter, k.Sort, k.Reverse}},
		{"sample view", []key.Binding{k.Next, k.Prev, k.Focus}},
		{"ECG", []key.Binding{k.Layout, k.Style, k.Instance, k.PanLeft, k.PanRight, k.ZoomIn, k.ZoomOut}},
		{"MRI", []key.Binding{k.Series, k.FramePrev, k.FrameNext, k.SlicePrev, k.SliceNext, k.Play, k.Overlay, k.ImageZoomIn, k.ImageZoomOut, k.AutoWindow, k.WidthUp, k.WidthDown, k.LevelUp, k.LevelDown}},
	}
}
