package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"golang.org/x/term"

	"qcterm/render"
)

// queryTimeout bounds the wait for a terminal's replies to render.Queries.
// Every terminal answers DA1 at once; the timeout only matters for those
// that do not answer at all.
const queryTimeout = 200 * time.Millisecond

// The size assumed for output that does not go to a terminal.
const (
	defaultCols = 120
	defaultRows = 40
)

// stdoutTerminal returns stdout when it is a terminal, else nil.
func stdoutTerminal(env Env) *os.File {
	f, ok := env.Stdout.(*os.File)
	if !ok || f == nil || !term.IsTerminal(fileFd(f)) {
		return nil
	}
	return f
}

// fileFd returns f's descriptor without switching it to blocking mode (as
// f.Fd() would), so that read deadlines keep working.
func fileFd(f *os.File) int {
	fd := -1
	rc, err := f.SyscallConn()
	if err != nil {
		return fd
	}
	rc.Control(func(u uintptr) { fd = int(u) })
	return fd
}

// termSize is the terminal's size in cells, or 0, 0 when it cannot be read.
func termSize(f *os.File) (cols, rows int) {
	if f == nil {
		return 0, 0
	}
	c, r, err := term.GetSize(fileFd(f))
	if err != nil || c <= 0 || r <= 0 {
		return 0, 0
	}
	return c, r
}

// lookupFrom adapts Env.Getenv to render.EnvFrom (an empty value counts as unset).
func lookupFrom(env Env) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v := env.Getenv(k)
		return v, v != ""
	}
}

// probe is what capability detection found and how.
type probe struct {
	Caps    render.Caps
	Env     render.Env
	Replies []byte // the terminal's replies to render.Queries, nil when none were asked
	Queried bool   // queries were sent
	Note    string // why queries were not sent, or what went wrong sending them
}

// detect works out what the terminal can do: from the environment always,
// and, when stdout is a terminal and ask is true, from its replies to
// render.Queries. graphics is the --graphics flag ("" when not given); it
// wins over $QCTERM_GRAPHICS.
func detect(ctx context.Context, env Env, graphics string, ask bool) probe {
	renv := render.EnvFrom(lookupFrom(env))
	if graphics != "" {
		renv.Graphics = graphics
	}
	if renv.Tmux != "" {
		renv.TmuxPassthrough = tmuxPassthrough(ctx)
	}
	p := probe{Env: renv}
	tty := stdoutTerminal(env)
	switch {
	case tty == nil:
		p.Note = "stdout is not a terminal: environment only, no queries"
	case !ask:
		p.Note = "no queries needed"
	default:
		replies, err := queryTerminal(render.Queries(renv.Tmux != ""), queryTimeout)
		p.Replies, p.Queried = replies, true
		switch {
		case err != nil:
			p.Note = fmt.Sprintf("terminal queries: %v", err)
		case !render.RepliesComplete(replies):
			p.Note = fmt.Sprintf("terminal queries: no DA1 reply within %v; using what arrived", queryTimeout)
		}
	}
	p.Caps = render.DetectCaps(renv, p.Replies)
	if p.Caps.Cell == (render.CellSize{}) && tty != nil {
		// Terminals that do not answer CSI 16 t (xterm by default) still fill in the pixel size.
		if cell, ok := ttyCellSize(tty); ok {
			p.Caps.Cell = cell
			p.Caps.Evidence = append(p.Caps.Evidence, fmt.Sprintf("TIOCGWINSZ: cell %d×%d px", cell.W, cell.H))
		}
	}
	return p
}

// tmuxPassthrough asks tmux whether it passes escape sequences through
// to the outer terminal (allow-passthrough on or all).
func tmuxPassthrough(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "tmux", "show", "-gv", "allow-passthrough").Output()
	if err != nil {
		return false
	}
	v := strings.TrimSpace(string(out))
	return v == "on" || v == "all"
}

// queryTerminal puts the controlling terminal in raw mode, writes the
// queries and reads the replies until DA1's reply is in or timeout passes,
// then restores the terminal.
func queryTerminal(queries string, timeout time.Duration) ([]byte, error) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("open /dev/tty: %w", err)
	}
	defer tty.Close()
	fd := fileFd(tty)
	old, err := term.MakeRaw(fd)
	if err != nil {
		return nil, fmt.Errorf("raw mode: %w", err)
	}
	defer term.Restore(fd, old)
	if _, err := tty.WriteString(queries); err != nil {
		return nil, fmt.Errorf("write queries: %w", err)
	}
	deadline := time.Now().Add(timeout)
	if err := tty.SetReadDeadline(deadline); err != nil {
		return readWithTimer(tty, timeout)
	}
	var got []byte
	buf := make([]byte, 1024)
	for !render.RepliesComplete(got) {
		n, err := tty.Read(buf)
		got = append(got, buf[:n]...)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			break
		}
		if err != nil {
			return got, fmt.Errorf("read replies: %w", err)
		}
	}
	return got, nil
}

// readWithTimer reads replies from a terminal that does not take read
// deadlines: a goroutine reads, the caller stops waiting at the timeout (the
// process ends soon after, taking the blocked read with it).
func readWithTimer(tty *os.File, timeout time.Duration) ([]byte, error) {
	type chunk struct {
		b   []byte
		err error
	}
	ch := make(chan chunk, 16)
	go func() {
		for {
			buf := make([]byte, 1024)
			n, err := tty.Read(buf)
			ch <- chunk{buf[:n], err}
			if err != nil {
				return
			}
		}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var got []byte
	for !render.RepliesComplete(got) {
		select {
		case c := <-ch:
			got = append(got, c.b...)
			if c.err != nil {
				return got, fmt.Errorf("read replies: %w", c.err)
			}
		case <-timer.C:
			return got, nil
		}
	}
	return got, nil
}

// colorChoice resolves --color auto|always|never: auto means colour when
// stdout is a terminal and NO_COLOR is unset.
func colorChoice(flag string, env Env) (bool, error) {
	switch strings.ToLower(flag) {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "", "auto":
		return stdoutTerminal(env) != nil && env.Getenv("NO_COLOR") == "", nil
	}
	return false, usagef("--color %q: want auto, always or never", render.Sanitize(flag))
}
