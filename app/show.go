package app

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"qcterm/data"
	"qcterm/render"
)

// showOptions are the flags of `qcterm show`.
type showOptions struct {
	db       string
	sample   data.SampleID
	ecg      bool
	series   string
	instance string
	// ECG
	layout, leads, style string
	from, to             float64
	// images
	frame    int
	graphics string
	window   string
	overlay  bool
	raw      bool
	// both
	width, height int
	out           string
	color         string
	set           map[string]bool // flags given on the command line
}

// ecgOnly and imageOnly are the flags that make sense with one kind of
// rendering only; giving them with the other is a usage error.
var (
	ecgOnly   = []string{"layout", "leads", "from", "to", "style"}
	imageOnly = []string{"frame", "graphics", "window", "overlay", "raw"}
)

// Show runs `qcterm show [--db FILE] SAMPLE --ecg [...] | --series NAME [...]`:
// one ECG page or one image frame, to stdout or a file, no TUI.
func Show(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	var o showOptions
	db := dbFlag(fs, env)
	fs.BoolVar(&o.ecg, "ecg", false, "draw the resting ECG")
	fs.StringVar(&o.series, "series", "", "image series to draw, by name (as inspect lists it)")
	fs.StringVar(&o.instance, "instance", "", "ECG or series instance (default: the first)")
	fs.StringVar(&o.layout, "layout", "3x4", "ECG layout: 3x4 (with lead II rhythm strip), 12x1, median")
	fs.StringVar(&o.leads, "leads", "", "ECG leads to stack, comma-separated, e.g. II,V1 (default: the layout's)")
	fs.Float64Var(&o.from, "from", 0, "ECG window start, seconds")
	fs.Float64Var(&o.to, "to", 0, "ECG window end, seconds (default: the end)")
	fs.StringVar(&o.style, "style", "box", "ECG trace style: box, braille")
	fs.IntVar(&o.frame, "frame", 0, "frame number, 0-based")
	fs.StringVar(&o.graphics, "graphics", "", "image mode: auto, kitty, sixel, iterm, blocks, quarter, ascii, png (default $QCTERM_GRAPHICS, else auto)")
	fs.StringVar(&o.window, "window", "", "window/level: CENTER,WIDTH, auto (1–99 %), full, or a preset (default: the stored window, else auto)")
	fs.BoolVar(&o.overlay, "overlay", false, "blend the frame's label map and print its legend")
	fs.BoolVar(&o.raw, "raw", false, "with png: stored values unwindowed (16-bit grey, or 8-bit RGB for colour)")
	fs.IntVar(&o.width, "width", 0, "width in cells (default: the terminal's, else 120)")
	fs.IntVar(&o.height, "height", 0, "height in cells (default: the terminal's, else 40)")
	fs.StringVar(&o.out, "o", "", "write to this file instead of stdout")
	fs.StringVar(&o.color, "color", "auto", "colour in text: auto (a terminal without NO_COLOR), always, never")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	o.db = *db
	o.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	if err := o.check(pos, fs); err != nil {
		return err
	}
	store, err := openExisting(ctx, o.db)
	if err != nil {
		return err
	}
	defer store.Close()
	d, err := store.Sample(ctx, o.sample)
	if err != nil {
		return fmt.Errorf("%w", err)
	}
	if o.ecg {
		return showECG(ctx, env, store, d, o)
	}
	return showSeries(ctx, env, store, d, o)
}

// check validates the command line before anything is opened.
func (o *showOptions) check(pos []string, fs *flag.FlagSet) error {
	if len(pos) != 1 {
		return usagef("show takes one sample id\n%s", flagUsage(fs))
	}
	o.sample = data.SampleID(pos[0])
	if o.ecg == (o.series != "") {
		return usagef("choose --ecg or --series NAME (qcterm show -h lists the flags)")
	}
	wrong, kind := imageOnly, "--ecg"
	if !o.ecg {
		wrong, kind = ecgOnly, "--series"
	}
	for _, name := range wrong {
		if o.set[name] {
			return usagef("--%s does not go with %s", name, kind)
		}
	}
	if o.width < 0 || o.height < 0 || (o.set["width"] && o.width == 0) || (o.set["height"] && o.height == 0) {
		return usagef("--width and --height must be positive")
	}
	if o.frame < 0 {
		return usagef("--frame %d: frames are numbered from 0", o.frame)
	}
	if o.graphics != "" {
		if _, err := render.ParseMode(o.graphics); err != nil {
			return usagef("--graphics: %v", err)
		}
	}
	if o.raw {
		m, _ := render.ParseMode(o.graphics)
		if o.graphics == "" {
			o.graphics = string(render.ModePNG)
		} else if m != render.ModePNG {
			return usagef("--raw needs --graphics png")
		}
	}
	return nil
}

// matchInstance reports whether an instance path matches --instance, given
// in full ("instance_2", "2/instance_0") or by number ("2").
func matchInstance(have, want string) bool {
	return want == "" || have == want || have == "instance_"+want
}

// cellBox is the cell area output may take: the flags, else the terminal's
// size less reserved lines, else 120×40. It is never wider than the terminal.
func cellBox(env Env, o showOptions, reserve int) (cols, rows int) {
	tc, tr := termSize(stdoutTerminal(env))
	cols, rows = o.width, o.height
	if cols == 0 {
		cols = defaultCols
		if tc > 0 {
			cols = tc
		}
	}
	if rows == 0 {
		rows = defaultRows
		if tr > 0 {
			rows = max(tr-reserve, 4)
		}
	}
	if tc > 0 && cols > tc {
		cols = tc
	}
	return cols, rows
}

// colorOn resolves --color for show: as colorChoice, but auto means no
// colour when the output goes to a file (-o).
func (o showOptions) colorOn(env Env) (bool, error) {
	on, err := colorChoice(o.color, env)
	if err == nil && o.out != "" && !strings.EqualFold(o.color, "always") {
		on = false
	}
	return on, err
}

// writeOutput sends b to -o FILE, or to stdout.
func writeOutput(env Env, o showOptions, b []byte) error {
	if o.out == "" {
		if _, err := env.Stdout.Write(b); err != nil {
			return fmt.Errorf("write stdout: %w", err)
		}
		return nil
	}
	if err := os.WriteFile(o.out, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", o.out, err)
	}
	return nil
}
