package app

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress reports files done out of a total on stderr: a redrawn bar on a
// terminal, a plain line every few seconds otherwise.
type progress struct {
	w        io.Writer
	tty      bool
	total    int
	done     int
	start    time.Time
	last     time.Time
	interval time.Duration
	drawn    bool
}

func newProgress(w io.Writer, tty bool, total int) *progress {
	iv := 5 * time.Second
	if tty {
		iv = 100 * time.Millisecond
	}
	now := time.Now()
	return &progress{w: w, tty: tty, total: total, start: now, last: now, interval: iv}
}

// step counts one file done and redraws when due.
func (p *progress) step() {
	p.done++
	if now := time.Now(); now.Sub(p.last) >= p.interval || (p.tty && p.done == p.total) {
		p.last = now
		p.draw(now)
	}
}

// say prints a line above the bar.
func (p *progress) say(line string) {
	p.clear()
	fmt.Fprintln(p.w, line)
	if p.tty && p.done < p.total {
		p.draw(time.Now())
	}
}

func (p *progress) clear() {
	if p.tty && p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// finish removes the bar.
func (p *progress) finish() { p.clear() }

func (p *progress) draw(now time.Time) {
	elapsed := now.Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.done) / elapsed
	}
	eta := "?"
	if rate > 0 {
		eta = time.Duration(float64(p.total-p.done) / rate * float64(time.Second)).Round(time.Second).String()
	}
	pct := 100.0
	if p.total > 0 {
		pct = 100 * float64(p.done) / float64(p.total)
	}
	if !p.tty {
		fmt.Fprintf(p.w, "ingest: %d/%d files (%.0f%%), %.1f files/s, ETA %s\n", p.done, p.total, pct, rate, eta)
		return
	}
	const width = 30
	fill := int(pct / 100 * width)
	bar := strings.Repeat("█", fill) + strings.Repeat("░", width-fill)
	fmt.Fprintf(p.w, "\r\x1b[K%s %d/%d files  %.1f files/s  ETA %s", bar, p.done, p.total, rate, eta)
	p.drawn = true
}
