package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile of this process to path (QCTERM_CPUPROFILE), or
// to path.worker.<pid> in a reader process, for the measurements in BENCHMARKS.md.
// The returned function stops it; with path empty it does nothing.
func startProfile(path string, worker bool) func() {
	if path == "" {
		return func() {}
	}
	if worker {
		path = fmt.Sprintf("%s.worker.%d", path, os.Getpid())
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "qcterm: cpu profile: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "qcterm: cpu profile %s: %v\n", path, err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
