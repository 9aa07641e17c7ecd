package app

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"qcterm/data"
)

// WorkerCommand is the hidden first argument that turns the qcterm binary into a
// reader process (see RunWorker). Third-party parsers (HDF5, DICOM) run there:
// a hostile file that makes one allocate without bound or loop forever kills or
// stalls only that process, and ingest reports the file and carries on.
const WorkerCommand = "__read-worker"

// workerMemEnv carries the worker's address-space limit in bytes.
const workerMemEnv = "QCTERM_WORKER_MEM"

type readRequest struct {
	Kind, Path string
	Opts       data.ReadOptions
}

type readReply struct {
	Rec  *data.Record
	Err  string
	Kind int // which of data's error kinds Err is (see errorKind), 0 for none
}

// errorKinds are the data package's error kinds a reply can carry, by index,
// so errors.Is still works on an error that crossed the process boundary.
var errorKinds = []error{data.ErrMalformed, data.ErrUnsupported, data.ErrTooLarge, data.ErrNotFound}

// errorKind is the index+1 in errorKinds of err's first kind; 0 for none.
func errorKind(err error) int {
	for i, kind := range errorKinds {
		if errors.Is(err, kind) {
			return i + 1
		}
	}
	return 0
}

// kindError is errorKind's inverse (nil for 0 or an unknown index).
func kindError(k int) error {
	if k < 1 || k > len(errorKinds) {
		return nil
	}
	return errorKinds[k-1]
}

// workerError is a reader process's error: its text, and its kind for errors.Is.
type workerError struct {
	msg  string
	kind error
}

func (e *workerError) Error() string { return e.msg }
func (e *workerError) Unwrap() error { return e.kind }

// RunWorker serves read requests on r, replying on w, until r closes.
func RunWorker(r io.Reader, w io.Writer) error {
	// Readers allocate large short-lived arrays: collecting less often saves a
	// fifth of ingest time, and the soft limit keeps the heap well under the cap.
	debug.SetGCPercent(400)
	if lim, err := strconv.ParseUint(os.Getenv(workerMemEnv), 10, 64); err == nil && lim > 0 {
		limitMemory(lim)
		debug.SetMemoryLimit(int64(lim / 2))
	}
	dec, enc := gob.NewDecoder(r), gob.NewEncoder(w)
	for {
		var req readRequest
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("worker: read request: %w", err)
		}
		var rep readReply
		read, ok := readers[req.Kind]
		if !ok {
			rep.Err = fmt.Sprintf("%s: no reader for %q files", req.Path, req.Kind)
		} else if rec, err := read(req.Path, req.Opts); err != nil {
			rep.Err, rep.Kind = err.Error(), errorKind(err)
		} else {
			rep.Rec = rec
		}
		if err := enc.Encode(&rep); err != nil {
			return fmt.Errorf("worker: write reply: %w", err)
		}
	}
}

// isolatedReader runs files through one worker process, restarting it after a crash or timeout.
type isolatedReader struct {
	exe     string
	timeout time.Duration
	memory  uint64

	cmd    *exec.Cmd
	stdin  io.WriteCloser
	enc    *gob.Encoder
	dec    *gob.Decoder
	stderr *tailBuffer
}

func newIsolatedReader(timeout time.Duration, memory uint64) (*isolatedReader, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find own executable for the reader process: %w", err)
	}
	return &isolatedReader{exe: exe, timeout: timeout, memory: memory}, nil
}

func (w *isolatedReader) start() error {
	cmd := exec.Command(w.exe, WorkerCommand)
	cmd.Env = append(os.Environ(), workerMemEnv+"="+strconv.FormatUint(w.memory, 10))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	widenPipe(stdout) // a frame's reply fits in one write
	w.stderr = &tailBuffer{max: 4096}
	cmd.Stderr = w.stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start reader process: %w", err)
	}
	w.cmd, w.stdin = cmd, stdin
	w.enc, w.dec = gob.NewEncoder(stdin), gob.NewDecoder(stdout)
	return nil
}

// read reads one file in the worker. A crash or timeout is the file's error.
func (w *isolatedReader) read(kind, path string, opts data.ReadOptions) (*data.Record, error) {
	if w.cmd == nil {
		if err := w.start(); err != nil {
			return nil, err
		}
	}
	if err := w.enc.Encode(readRequest{Kind: kind, Path: path, Opts: opts}); err != nil {
		return nil, w.fail(path, "could not send the request", err)
	}
	got := make(chan error, 1)
	var rep readReply
	go func() { got <- w.dec.Decode(&rep) }()
	timer := time.NewTimer(w.timeout)
	defer timer.Stop()
	select {
	case err := <-got:
		if err != nil {
			return nil, w.fail(path, "the reader crashed", err)
		}
	case <-timer.C:
		w.cmd.Process.Kill()
		<-got
		return nil, w.fail(path, fmt.Sprintf("gave up after %s (the file's structure makes the reader loop)", w.timeout), nil)
	}
	if rep.Err != "" {
		return nil, &workerError{msg: rep.Err, kind: kindError(rep.Kind)}
	}
	return rep.Rec, nil
}

// fail reaps a dead or killed worker and describes what happened to path.
func (w *isolatedReader) fail(path, what string, err error) error {
	w.stdin.Close()
	w.cmd.Process.Kill()
	w.cmd.Wait()
	w.cmd = nil
	why := w.stderr.firstLine()
	if why == "" && err != nil {
		why = err.Error()
	}
	return fmt.Errorf("%s: %w: %s: %s", path, data.ErrMalformed, what, why)
}

// close stops the worker.
func (w *isolatedReader) close() {
	if w.cmd != nil {
		w.stdin.Close()
		w.cmd.Wait()
		w.cmd = nil
	}
}

// tailBuffer keeps the first max bytes a worker writes to stderr.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf bytes.Buffer
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := t.max - t.buf.Len(); room > 0 {
		t.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (t *tailBuffer) firstLine() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	line, _, _ := strings.Cut(strings.TrimSpace(t.buf.String()), "\n")
	return line
}
