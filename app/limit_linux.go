package app

import (
	"io"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// limitMemory caps the process's address space, so a runaway allocation fails
// in the worker instead of exhausting the machine.
func limitMemory(bytes uint64) {
	lim := syscall.Rlimit{Cur: bytes, Max: bytes}
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &lim) // best effort: without it the worker is still isolated
}

// widenPipe raises a pipe's capacity to 1 MiB (from 64 KiB), so that a reply
// carrying a frame of pixels does not make the worker wait for the reader.
func widenPipe(r io.Reader) {
	if f, ok := r.(*os.File); ok {
		_, _ = unix.FcntlInt(f.Fd(), unix.F_SETPIPE_SZ, 1<<20) // best effort: only speed depends on it
	}
}
