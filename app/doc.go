// Package app holds qcterm's subcommands: each one parses its flags, does its IO
// through data.Store and the readers, and prints through render. main.go only
// dispatches to them and maps their errors to exit codes.
package app
