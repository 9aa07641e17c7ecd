package app

import (
	"flag"
	"io"
	"os"
)

// Env is what a subcommand may touch of the outside world.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	StderrIsTTY    bool
}

// OSEnv is the process's real environment.
func OSEnv() Env {
	return Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, StderrIsTTY: isTerminal(os.Stderr)}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// dbFlag adds the shared --db flag: --db, else $QCTERM_DB, else ./qcterm.db.
func dbFlag(fs *flag.FlagSet, env Env) *string {
	def := env.Getenv("QCTERM_DB")
	if def == "" {
		def = "qcterm.db"
	}
	return fs.String("db", def, "database file (default $QCTERM_DB, else ./qcterm.db)")
}

// parseFlags parses args, allowing flags after positional arguments
// (`qcterm inspect 1000001 --json`), and maps flag errors to usage errors.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, usagef("%s", flagUsage(fs))
			}
			return nil, usagef("%s %v\n%s", fs.Name(), err, flagUsage(fs))
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
