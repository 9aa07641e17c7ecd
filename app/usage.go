package app

import (
	"flag"
	"fmt"
	"strings"
)

// flagUsage lists a flag set's flags, one per line.
func flagUsage(fs *flag.FlagSet) string {
	var b strings.Builder
	fmt.Fprintf(&b, "flags of qcterm %s:", fs.Name())
	fs.VisitAll(func(f *flag.Flag) {
		fmt.Fprintf(&b, "\n  --%s", f.Name)
		if name, _ := flag.UnquoteUsage(f); name != "" {
			fmt.Fprintf(&b, " %s", name)
		}
		fmt.Fprintf(&b, "\t%s", f.Usage)
	})
	return b.String()
}
