//go:build !linux

package app

// limitMemory is a no-op where RLIMIT_AS is not available; the worker is still a separate process.
func limitMemory(uint64) {}
