package tui

import (
	"strings"
	"sync"
)

// paneCache memoises rendered panes (an ECG page, an encoded frame), so that
// View stays cheap while they are on screen and other panes change, and so
// the next sample's panes can be rendered ahead, off the key path. It is safe
// for the background warm-up and View to use at once.
type paneCache struct {
	mu      sync.Mutex
	entries map[string]any
	order   []string
}

// paneCacheSize holds a cine's worth of frames and a few samples' ECGs.
const paneCacheSize = 96

func newPaneCache() *paneCache { return &paneCache{entries: map[string]any{}} }

// get returns the value for key, making it with fill when absent.
func (c *paneCache) get(key string, fill func() any) any {
	if c == nil {
		return fill()
	}
	c.mu.Lock()
	v, ok := c.entries[key]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = fill() // outside the lock: rendering takes milliseconds
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok {
		c.entries[key] = v
		c.order = append(c.order, key)
		if len(c.order) > paneCacheSize {
			delete(c.entries, c.order[0])
			c.order = c.order[1:]
		}
	}
	return v
}

// Sixel stand-ins are APC strings naming a cached frame: zero-width to the
// layout code, replaced by the frame's sixel sequence in the final screen.
const (
	markerStart = "\x1b_qcterm-sixel:"
	markerEnd   = "\x1b\\"
)

func sixelMarker(key string) string { return markerStart + key + markerEnd }

// expand replaces sixel stand-ins in screen with the cached sequences.
func (c *paneCache) expand(screen string) string {
	var b strings.Builder
	for {
		i := strings.Index(screen, markerStart)
		if i < 0 {
			if b.Len() == 0 {
				return screen
			}
			b.WriteString(screen)
			return b.String()
		}
		j := strings.Index(screen[i:], markerEnd)
		if j < 0 {
			return screen
		}
		key := screen[i+len(markerStart) : i+j]
		b.WriteString(screen[:i])
		c.mu.Lock()
		p, _ := c.entries[key].(framePane)
		c.mu.Unlock()
		b.WriteString(p.prefix)
		screen = screen[i+j+len(markerEnd):]
	}
}
