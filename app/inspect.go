package app

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"qcterm/data"
	"qcterm/render"
)

// Inspect runs `qcterm inspect [--db FILE] SAMPLE [--json]`.
func Inspect(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print one JSON object")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("inspect takes one sample id\n%s", flagUsage(fs))
	}
	store, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	d, err := store.Sample(ctx, data.SampleID(pos[0]))
	if err != nil {
		return err
	}
	s := sampleJSON(d)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	printSample(env.Stdout, s)
	return nil
}

// printSample writes the human-readable view; every string from a file is sanitised.
func printSample(w io.Writer, s SampleJSON) {
	san := render.Sanitize
	fmt.Fprintf(w, "sample %s\n", san(s.SampleID))
	for _, src := range s.Sources {
		fmt.Fprintf(w, "  source %s\n", san(src))
	}
	fmt.Fprintf(w, "\nfields (%d)\n", len(s.Fields))
	for _, origin := range sortedFieldOrigins(s.Fields) {
		fmt.Fprintf(w, "  [%s]\n", san(origin))
		for _, f := range s.Fields {
			if f.Origin != origin {
				continue
			}
			name := f.Name
			if f.Instance != "" {
				name += " (" + f.Instance + ")"
			}
			note := ""
			if f.Derived {
				note = "  (derived: actual − prediction)"
			}
			fmt.Fprintf(w, "    %-36s %s%s\n", san(name), san(valueText(f.Value)), note)
		}
	}
	fmt.Fprintf(w, "\nECGs (%d)\n", len(s.ECGs))
	for _, e := range s.ECGs {
		fmt.Fprintf(w, "  %s %s: %d leads × %d samples, %g Hz, %.2f s, %g mV/count",
			san(strings.TrimSuffix(e.Group+"/"+e.Instance, "/")), e.Kind, len(e.Leads), e.SamplesPerLead, e.RateHz, e.DurationS, e.ScaleMV)
		if e.Date != "" {
			fmt.Fprintf(w, ", %s", e.Date)
		}
		fmt.Fprintf(w, "\n    leads: %s\n", san(strings.Join(e.Leads, " ")))
		if e.Text != "" {
			fmt.Fprintf(w, "    text: %s\n", san(e.Text))
		}
		if len(e.Measurements) > 0 && e.Kind == data.KindStrip {
			keys := make([]string, 0, len(e.Measurements))
			for k := range e.Measurements {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			var parts []string
			for _, k := range keys {
				parts = append(parts, san(k)+"="+san(valueText(e.Measurements[k])))
			}
			fmt.Fprintf(w, "    measurements: %s\n", strings.Join(parts, " "))
		}
	}
	fmt.Fprintf(w, "\nseries (%d)\n", len(s.Series))
	for _, x := range s.Series {
		fmt.Fprintf(w, "  %s/%s/%s: %d×%d × %d frames", san(x.Group), san(x.Name), san(x.Instance), x.Rows, x.Cols, x.Frames)
		if x.Slices > 1 {
			fmt.Fprintf(w, " (%d slices)", x.Slices)
		}
		fmt.Fprintf(w, ", %s", x.DType)
		if x.SpacingMM[0] > 0 || x.SpacingMM[1] > 0 {
			fmt.Fprintf(w, ", spacing %g×%g mm", x.SpacingMM[0], x.SpacingMM[1])
		}
		if x.SliceThickness > 0 {
			fmt.Fprintf(w, ", slice %g mm", x.SliceThickness)
		}
		if x.Window != nil {
			fmt.Fprintf(w, ", window %g/%g", x.Window[0], x.Window[1])
		}
		fmt.Fprintln(w)
		if x.Status != "" {
			fmt.Fprintf(w, "    status: %s\n", san(x.Status))
		}
		for _, m := range x.LabelMaps {
			fmt.Fprintf(w, "    label map %s on frame %d: labels %s\n", san(m.Name), m.Frame, intsText(m.Labels))
		}
	}
	fmt.Fprintf(w, "\nannotations: %d\n", s.Annotations)
}

func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return "NA"
	case float64:
		return strconv.FormatFloat(x, 'g', 10, 64) // 10 digits hide float noise such as 51.1-51.8
	case string:
		return x
	}
	return fmt.Sprint(v)
}

func intsText(v []int) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, " ")
}

// openExisting opens a database that must already exist (commands that only read).
func openExisting(ctx context.Context, path string) (*data.Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("database %s: %w (run `qcterm ingest --db %s ...` first)", path, err, path)
	}
	return data.Open(ctx, path)
}
