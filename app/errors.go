package app

import (
	"errors"
	"fmt"
)

// Exit codes shared by every subcommand.
const (
	ExitOK       = 0
	ExitError    = 1
	ExitUsage    = 2
	ExitRejected = 3
)

// ErrUsage marks a command-line mistake (exit code 2).
var ErrUsage = errors.New("usage")

// ErrRejected marks an ingest that finished with some files rejected (exit code 3).
var ErrRejected = errors.New("some files were rejected")

func usagef(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, args...))
}

// ExitCode maps an error returned by a subcommand to the process exit code.
func ExitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, ErrUsage):
		return ExitUsage
	case errors.Is(err, ErrRejected):
		return ExitRejected
	}
	return ExitError
}
