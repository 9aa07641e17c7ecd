package app

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"qcterm/render"
)

// maxListed bounds how many skipped files or warnings the summary names one by one.
const maxListed = 20

// summary prints what the run did and what the store now holds.
func (r *ingestRun) summary(considered int, skipped []string) error {
	w := r.env.Stdout
	c, err := r.store.Counts(r.ctx)
	if err != nil {
		return err
	}
	stored := 0
	var kinds []string
	for _, k := range sortedKinds(r.byKind) {
		stored += r.byKind[k]
		kinds = append(kinds, fmt.Sprintf("%d %s", r.byKind[k], k))
	}
	kindText := ""
	if len(kinds) > 0 {
		kindText = " (" + strings.Join(kinds, ", ") + ")"
	}
	fmt.Fprintf(w, "ingest: %d files considered in %s: %d stored%s, %d unchanged, %d rejected, %d skipped\n",
		considered, time.Since(r.start).Round(time.Millisecond), stored, kindText, r.unchanged, len(r.rejected), len(skipped))
	if stored == 0 && len(r.rejected) == 0 && r.unchanged > 0 {
		fmt.Fprintln(w, "nothing to do: every file is unchanged since it was ingested")
	}
	if stored > 0 {
		fmt.Fprintf(w, "this run: %d samples, %d ECGs, %d series, %d frames, %d fields\n",
			len(r.got.samples), r.got.ecgs, r.got.series, r.got.frames, r.got.fields)
	}
	fmt.Fprintf(w, "database %s: %d samples, %d ECGs, %d series, %d frames, %d label maps, %d fields, %d annotations\n",
		render.Sanitize(r.store.Path()), c.Samples, c.ECGs, c.Series, c.Frames, c.Masks, c.Fields, c.Annotations)
	fmt.Fprintf(w, "size: inputs %s, database %s\n", humanBytes(r.inputBytes), humanBytes(c.Bytes))
	if n := r.fellBack.Load(); n > 0 {
		fmt.Fprintf(w, "%d DICOM files or zips were read in the separate reader process (outside the strict subset read in process)\n", n)
	}
	listSome(w, "skipped (not a format qcterm reads)", skipped)
	listSome(w, "warnings", r.warned)
	if len(r.rejected) > 0 {
		sort.Strings(r.rejected)
		fmt.Fprintf(w, "rejected %d files:\n", len(r.rejected))
		for _, line := range r.rejected {
			fmt.Fprintf(w, "  %s\n", line)
		}
		return fmt.Errorf("%w: %d of %d", ErrRejected, len(r.rejected), considered)
	}
	return nil
}

func listSome(w io.Writer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "%s: %d\n", title, len(items))
	for i, it := range items {
		if i == maxListed {
			fmt.Fprintf(w, "  ... and %d more\n", len(items)-maxListed)
			break
		}
		fmt.Fprintf(w, "  %s\n", render.Sanitize(it))
	}
}

func sortedKinds(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// humanBytes formats a byte count with a binary unit.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
