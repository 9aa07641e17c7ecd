package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkShow times `qcterm show` in process, store read included: the
// clinical ECG page at 200×50 cells and frame 0 of the shared real 256×256
// cine (the project's 24×20 fixture when ../shared is absent) in an
// 80×40-cell box.
func BenchmarkShow(b *testing.B) {
	dir := b.TempDir()
	db := filepath.Join(dir, "s.db")
	src := filepath.Join("..", "..", "shared", "testdata", "ml4h", "hd5", "1000001.hd5")
	sample, series := "1000001", "cine_segmented_lax_4ch"
	if _, err := os.Stat(src); err != nil {
		b.Logf("shared cine absent (%v): using the fixture", err)
		src, sample, series = filepath.Join("..", "testdata", "hd5", "2000001.hd5"), "2000001", "cine_segmented_lax_2ch"
	}
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string {
		if k == "COLORTERM" {
			return "truecolor"
		}
		return ""
	}}
	ctx := context.Background()
	if err := Ingest(ctx, env, []string{"--db", db, src}); err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
	}{
		{"ecg-3x4-200x50", []string{"--ecg", "--width", "200", "--height", "50"}},
		{"ecg-braille-200x50", []string{"--ecg", "--style", "braille", "--width", "200", "--height", "50"}},
		{"sixel-80x40", []string{"--series", series, "--graphics", "sixel", "--width", "80", "--height", "40"}},
		{"blocks-80x40", []string{"--series", series, "--graphics", "blocks", "--width", "80", "--height", "40"}},
		{"png", []string{"--series", series, "--graphics", "png"}},
	}
	for _, c := range cases {
		args := append([]string{"--db", db, sample}, c.args...)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Show(ctx, env, args); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
