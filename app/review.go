package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"

	tea "charm.land/bubbletea/v2"

	"qcterm/data"
	"qcterm/render"
	"qcterm/tui"
)

// Review runs `qcterm review [--db FILE] [--sample ID] [--filter EXPR] [--sort COLUMN]`.
func Review(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("review", flag.ContinueOnError)
	db := dbFlag(fs, env)
	var o tui.Options
	sample := fs.String("sample", "", "open this sample first")
	fs.StringVar(&o.Filter, "filter", "", `filter expression, e.g. "bmi > 30 and qt_interval_delta > 20"`)
	fs.StringVar(&o.Sort, "sort", "", "sort the list by this column (-COLUMN: descending)")
	graphics := fs.String("graphics", "", "image mode in the UI: kitty, sixel, blocks, quarter or ascii (default: detected)")
	color := fs.String("color", "auto", "auto, always or never")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("review takes no arguments (did you mean --sample %s?)", render.Sanitize(pos[0]))
	}
	if o.Filter != "" {
		if _, err := tui.ParseFilter(o.Filter); err != nil {
			return usagef("--filter: %v", err)
		}
	}
	store, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	return runReview(ctx, env, store, o, *sample, *graphics, *color)
}

// runReview detects the terminal, then runs the UI until the user quits.
func runReview(ctx context.Context, env Env, store *data.Store, o tui.Options, sample, graphics, color string) error {
	var err error
	if o.Color, err = colorChoice(color, env); err != nil {
		return err
	}
	o.Sample = data.SampleID(sample)
	switch render.Mode(graphics) {
	case render.ModeASCII, render.ModeQuarter, render.ModeBlocks:
		o.Graphics = render.Mode(graphics)
	case render.ModeKitty:
		o.Graphics = render.ModeKitty // asked for: placeholders assumed (kitty ≥ 0.28, Ghostty)
	case render.ModeSixel, "", render.ModeAuto:
		p := detect(ctx, env, graphics, true)
		o.Cell = p.Caps.Cell
		if o.Cell.W == 0 || o.Cell.H == 0 {
			o.Cell, _ = ttyCellSize(stdoutTerminal(env))
		}
		o.Tmux = p.Caps.Tmux && p.Caps.TmuxPassthrough
		switch {
		case p.Caps.Mode == render.ModeKitty && p.Caps.KittyPlaceholders,
			p.Caps.Mode == render.ModeSixel && o.Cell.W > 0 && o.Cell.H > 0,
			p.Caps.Mode == render.ModeASCII:
			o.Graphics = p.Caps.Mode
		default: // iTerm2 and kitty without placeholders stay outside the UI; sixel needs the cell size to place images
			o.Graphics = render.ModeBlocks
		}
	default:
		return usagef("--graphics %q: the review UI draws images as kitty, sixel, blocks, quarter or ascii", render.Sanitize(graphics))
	}
	if path := env.Getenv("QCTERM_LOG"); path != "" {
		f, err := tea.LogToFile(path, "review")
		if err != nil {
			return fmt.Errorf("QCTERM_LOG: %w", err)
		}
		defer f.Close()
	} else {
		log.SetOutput(io.Discard) // the UI owns the terminal: nothing may print to it
	}
	prog := tea.NewProgram(tui.New(ctx, store, o), tea.WithContext(ctx))
	_, err = prog.Run()
	if o.Graphics == render.ModeSixel {
		fmt.Fprint(env.Stdout, tui.SixelScrollMode)
	}
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("review: %w", err)
	}
	return nil
}
