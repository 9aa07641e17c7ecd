//go:build !linux

package app

import "io"

// widenPipe is a no-op where pipe capacity cannot be set.
func widenPipe(io.Reader) {}

// limitMemory is a no-op where RLIMIT_AS is not available; the worker is still a separate process.
func limitMemory(uint64) {}
