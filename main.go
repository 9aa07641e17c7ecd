// Command qcterm reviews and annotates clinical machine-learning data (ECGs,
// MRI, phenotype tables, model predictions) in a terminal. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"qcterm/app"
	"qcterm/render"
)

type command struct {
	run  func(context.Context, app.Env, []string) error
	help string
}

var commands = map[string]command{
	"demo":    {app.Demo, "demo [--db FILE] [--samples N] [--no-ui] a synthetic demo database, then the review UI"},
	"ingest":  {app.Ingest, "ingest [--db FILE] [--jobs N] PATH...    read HDF5, DICOM (files, folders, zips) and CSV/TSV tables"},
	"inspect": {app.Inspect, "inspect [--db FILE] SAMPLE [--json]     what is stored for one sample"},
	"show":    {app.Show, "show [--db FILE] SAMPLE --ecg|--series NAME   draw an ECG page or an image frame"},
	"review":  {app.Review, "review [--db FILE] [--sample ID] [--filter EXPR] [--sort COL]  the review UI"},
	"doctor":  {app.Doctor, "doctor                                  what the terminal supports; the image mode auto picks"},
}

var order = []string{"demo", "ingest", "inspect", "review", "show", "doctor"}

func usage() string {
	s := "usage: qcterm COMMAND [flags] [args]\n\ncommands:\n"
	for _, name := range order {
		s += "  " + commands[name].help + "\n"
	}
	return s + "\nThe database is --db, else $QCTERM_DB, else ./qcterm.db.\n"
}

func main() {
	stop := startProfile(os.Getenv("QCTERM_CPUPROFILE"), len(os.Args) > 1 && os.Args[1] == app.WorkerCommand)
	code := run(os.Args[1:])
	stop()
	os.Exit(code)
}

func run(args []string) int {
	if len(args) > 0 && args[0] == app.WorkerCommand {
		if err := app.RunWorker(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return app.ExitError
		}
		return app.ExitOK
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(os.Stderr, usage())
		if len(args) == 0 {
			return app.ExitUsage
		}
		return app.ExitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "qcterm: unknown command %q\n\n%s", render.Sanitize(args[0]), usage())
		return app.ExitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := cmd.run(ctx, app.OSEnv(), args[1:])
	if err != nil {
		msg := err.Error()
		if errors.Is(err, app.ErrUsage) {
			msg = msg[len(app.ErrUsage.Error())+2:]
		}
		fmt.Fprintf(os.Stderr, "qcterm %s: %s\n", args[0], render.Sanitize(msg))
	}
	return app.ExitCode(err)
}
