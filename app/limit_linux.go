package app

import "syscall"

// limitMemory caps the process's address space, so a runaway allocation fails
// in the worker instead of exhausting the machine.
func limitMemory(bytes uint64) {
	lim := syscall.Rlimit{Cur: bytes, Max: bytes}
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &lim) // best effort: without it the worker is still isolated
}
