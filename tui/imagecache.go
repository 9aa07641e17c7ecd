package tui

import "qcterm/render"

// cacheKey is everything an encoded frame depends on.
type cacheKey struct {
	series     int64
	frame      int
	win        render.Window
	overlay    bool
	cols, rows int
	mode       render.Mode
	x, y       int // the image's screen cell (sixel offsets depend on it)
}

// imageCache memoises encoded frames, so View stays cheap while a sixel frame
// (milliseconds to encode) is on screen and other panes change.
type imageCache struct {
	entries map[cacheKey]cached
	order   []cacheKey
}

type cached struct {
	r   render.Rendered
	err error
}

// imageCacheSize holds a cine's worth of frames.
const imageCacheSize = 64

func newImageCache() *imageCache { return &imageCache{entries: map[cacheKey]cached{}} }

// render returns the cached encoding for k, making it with fn when absent.
func (c *imageCache) render(k cacheKey, fn func() (render.Rendered, error)) (render.Rendered, error) {
	if c == nil {
		return fn()
	}
	if e, ok := c.entries[k]; ok {
		return e.r, e.err
	}
	r, err := fn()
	c.entries[k] = cached{r, err}
	c.order = append(c.order, k)
	if len(c.order) > imageCacheSize {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	return r, err
}
