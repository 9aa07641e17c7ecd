package tui

import (
	"context"
	"fmt"
	"io"
	"log"
	"path/filepath"
	"sort"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"qcterm/data"
	"qcterm/render"
)

// benchStore is a 20,000-sample store: the shared cohort table, and the real
// 1000001.hd5 (12-lead ECG, 256×256×16 cine) copied to the first 60 samples.
func benchStore(b *testing.B) *data.Store {
	b.Helper()
	shared := filepath.Join("..", "..", "shared", "testdata", "ml4h")
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	table, err := data.ReadTable(filepath.Join(shared, "cohort.csv"), data.DefaultReadOptions())
	if err != nil {
		b.Skipf("shared fixtures not present: %v", err)
	}
	if err := s.ReplaceSource(ctx, data.Source{Path: "cohort.csv"}, table); err != nil {
		b.Fatal(err)
	}
	rec, err := data.ReadHDF5(filepath.Join(shared, "hd5", "1000001.hd5"), data.DefaultReadOptions())
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 60; i++ {
		id := data.SampleID(fmt.Sprint(1000001 + i))
		c := *rec
		c.Samples = []data.SampleID{id}
		c.ECGs = append([]data.ECG{}, rec.ECGs...)
		for k := range c.ECGs {
			c.ECGs[k].Sample = id
		}
		c.Series = append([]data.Series{}, rec.Series...)
		for k := range c.Series {
			c.Series[k].Sample = id
		}
		c.Fields = append([]data.Field{}, rec.Fields...)
		for k := range c.Fields {
			c.Fields[k].Sample = id
		}
		if err := s.ReplaceSource(ctx, data.Source{Path: string(id) + ".hd5"}, &c); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkNextSample measures a key press of "next sample" to a complete
// frame (Update and View at 160×48: fields, 12-lead ECG, MRI frame), with the
// next sample prefetched during the user's think time, as the UI does.
func BenchmarkNextSample(b *testing.B) {
	log.SetOutput(io.Discard)
	s := benchStore(b)
	for _, mode := range []render.Mode{render.ModeBlocks, render.ModeSixel} {
		b.Run(string(mode), func(b *testing.B) {
			m := New(context.Background(), s, Options{Graphics: mode, Cell: render.CellSize{W: 10, H: 20}, Color: true})
			m = step(m, tea.WindowSizeMsg{Width: 160, Height: 48})
			m = runCmd(m, m.Init())
			m = runCmd(m, func() tea.Msg { return nil })
			next, cmd := m.Update(keyMsg("enter"))
			m = runCmd(next.(Model), cmd)
			_ = m.View()
			var times []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if m.sample.pos >= 58 {
					b.StopTimer()
					next, cmd := m.Update(keyMsg("g")) // back to the list's top, then reopen
					m = runCmd(next.(Model), cmd)
					m.screen = screenList
					next, cmd = m.Update(keyMsg("enter"))
					m = runCmd(next.(Model), cmd)
					b.StartTimer()
				}
				t0 := time.Now()
				next, cmd := m.Update(keyMsg("n"))
				m = next.(Model)
				_ = m.View()
				times = append(times, time.Since(t0))
				b.StopTimer()
				m = runCmd(m, cmd) // the prefetch and frame loads, off the key path
				b.StartTimer()
			}
			b.StopTimer()
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// BenchmarkStartup measures opening the review UI on the 20,000-sample store
// to its first complete list frame (sample ids, columns, first page of values).
func BenchmarkStartup(b *testing.B) {
	s := benchStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := New(context.Background(), s, Options{Graphics: render.ModeBlocks})
		m = step(m, tea.WindowSizeMsg{Width: 160, Height: 48})
		msg := m.Init()()
		next, _ := m.Update(msg)
		_ = next.(Model).View()
	}
}

func step(m Model, msg tea.Msg) Model {
	next, _ := m.Update(msg)
	return next.(Model)
}

// runCmd runs a command and everything it leads to, except cine ticks.
func runCmd(m Model, cmd tea.Cmd) Model {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, playTickMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			next, more := m.Update(msg)
			m = next.(Model)
			queue = append(queue, more)
		}
	}
	return m
}

// BenchmarkCineFrame measures one cine step at 120×40 (a tick: the next frame
// encoded, the first time round, and the screen drawn) on the real cine, and
// reports the size of the whole screen string (the image dominates it for
// sixel and kitty; the terminal receives only what changed).
func BenchmarkCineFrame(b *testing.B) {
	log.SetOutput(io.Discard)
	s := benchStore(b)
	for _, mode := range []render.Mode{render.ModeBlocks, render.ModeSixel, render.ModeKitty} {
		b.Run(string(mode), func(b *testing.B) {
			m := New(context.Background(), s, Options{Graphics: mode, Cell: render.CellSize{W: 10, H: 20}, Color: true, Sample: "1000001"})
			m = step(m, tea.WindowSizeMsg{Width: 120, Height: 40})
			m = runCmd(m, m.Init())
			m.sample.playing = true
			var bytes int
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				next, _ := m.Update(playTickMsg{seq: m.sample.playSeq})
				m = next.(Model)
				bytes = len(m.render())
			}
			b.ReportMetric(float64(bytes), "screen-bytes")
		})
	}
}
