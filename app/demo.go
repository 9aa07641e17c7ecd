package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"qcterm/data"
	"qcterm/tui"
)

// Demo runs `qcterm demo [--db FILE] [--samples N] [--seed S] [--no-ui]`: it
// builds (once) a database of synthetic samples the project generates itself,
// then opens the review UI on it.
func Demo(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	def, err := DefaultDemoDB()
	if err != nil {
		return err
	}
	db := fs.String("db", def, "demo database (default: qcterm-demo.db in the user's cache directory)")
	n := fs.Int("samples", DefaultDemoSamples, "synthetic samples to generate")
	seed := fs.Int64("seed", DefaultDemoSeed, "random seed: the same seed gives the same samples")
	noUI := fs.Bool("no-ui", false, "build the database and exit")
	graphics := fs.String("graphics", "", "image mode in the UI: sixel, blocks, quarter or ascii (default: detected)")
	color := fs.String("color", "auto", "auto, always or never")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *n < 1 {
		return usagef("demo takes no arguments and --samples ≥ 1\n%s", flagUsage(fs))
	}
	start := time.Now()
	if st, err := data.Open(ctx, *db); errors.Is(err, data.ErrIncompatible) {
		// The demo database is a cache: one made by another qcterm is rebuilt.
		fmt.Fprintf(env.Stderr, "demo: %s was made by another version of qcterm; rebuilding it\n", *db)
		for _, p := range []string{*db, *db + "-wal", *db + "-shm"} {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("demo: %w", err)
			}
		}
	} else if err == nil {
		st.Close()
	}
	fmt.Fprintf(env.Stderr, "demo: database %s (%d synthetic samples, seed %d) …", *db, *n, *seed)
	if err := BuildDemoDB(ctx, *db, *n, *seed); err != nil {
		fmt.Fprintln(env.Stderr)
		return err
	}
	fmt.Fprintf(env.Stderr, " ready in %s\n", time.Since(start).Round(time.Millisecond))
	if *noUI {
		return nil
	}
	store, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	return runReview(ctx, env, store, tui.Options{}, "", *graphics, *color)
}
