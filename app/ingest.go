package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"qcterm/data"
	"qcterm/render"
)

// readers maps a source kind to its reader.
var readers = map[string]func(string, data.ReadOptions) (*data.Record, error){
	data.SourceHDF5:  data.ReadHDF5,
	data.SourceTable: data.ReadTable,
	data.SourceDICOM: data.ReadDICOM,
	data.SourceZip:   data.ReadZip,
}

// isolated lists the kinds always read in a worker process: the HDF5 library
// allocates whatever a hostile file claims (fuzzing found an 8 TB local heap).
// DICOM and zips are read in process (see decoders) unless --isolate asks for
// the worker for them too.
var isolated = map[string]bool{data.SourceHDF5: true}

// isolatable lists the kinds --isolate moves to the worker process.
var isolatable = map[string]bool{data.SourceHDF5: true, data.SourceDICOM: true, data.SourceZip: true}

// Ingest runs `qcterm ingest [--db FILE] [--jobs N] PATH...`.
func Ingest(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	db := dbFlag(fs, env)
	jobs := fs.Int("jobs", runtime.NumCPU(), "files read in parallel")
	opts := data.DefaultReadOptions()
	fs.Int64Var(&opts.MaxElements, "max-elements", opts.MaxElements, "refuse any dataset or table with more values than this")
	fs.Float64Var(&opts.ScaleMV, "ecg-scale", opts.ScaleMV, "mV per stored ECG count, recorded with each HDF5 ECG")
	timeout := fs.Duration("file-timeout", 5*time.Minute, "give up on a file whose reader runs longer than this")
	isolate := fs.Bool("isolate", false, "read DICOM and zips in the separate reader process too, as HDF5 is (slower)")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("ingest needs at least one file or folder\n%s", flagUsage(fs))
	}
	if *jobs < 1 {
		return usagef("--jobs must be at least 1")
	}
	store, err := data.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	debug.SetGCPercent(400) // the batch's records are large and short-lived (see RunWorker)
	// The DICOM parser reports what it skips through the standard logger; what
	// matters comes back as errors, named by file, so its log is not printed.
	log.SetOutput(io.Discard)
	run := &ingestRun{ctx: ctx, env: env, store: store, opts: opts, jobs: *jobs, start: time.Now(), timeout: *timeout, isolate: *isolate}
	return run.do(paths)
}

// ingestRun is one invocation's state and tallies.
type ingestRun struct {
	ctx      context.Context
	env      Env
	store    *data.Store
	opts     data.ReadOptions
	jobs     int
	start    time.Time
	timeout  time.Duration
	isolate  bool         // read every isolatable kind in the worker
	fellBack atomic.Int64 // DICOM files and zips outside the strict subset, read in the worker

	byKind     map[string]int
	unchanged  int
	inputBytes int64
	got        tally
	rejected   []string
	warned     []string
}

// tally counts what the files read in this run contributed.
type tally struct {
	samples                      map[data.SampleID]bool
	ecgs, series, frames, fields int
}

func (t *tally) add(rec *data.Record) {
	if t.samples == nil {
		t.samples = map[data.SampleID]bool{}
	}
	for _, id := range rec.Samples {
		t.samples[id] = true
	}
	t.ecgs += len(rec.ECGs)
	t.series += len(rec.Series)
	for _, s := range rec.Series {
		t.frames += len(s.Frames)
	}
	t.fields += len(rec.Fields)
}

// job is one file to read, with what the ledger knows of it.
type job struct {
	in   input
	src  data.Source
	prev *data.Source
}

// result is a read file, or why it was not read, or that its content is unchanged.
type result struct {
	job       job
	rec       *data.Record
	err       error
	unchanged bool
}

func (r *ingestRun) do(paths []string) error {
	inputs, skipped, missing := gather(paths)
	r.byKind = map[string]int{}
	for p, err := range missing {
		r.rejected = append(r.rejected, fmt.Sprintf("%s: %v", render.Sanitize(p), err))
	}
	found := make([]string, len(inputs))
	for i, in := range inputs {
		found[i] = in.path
	}
	ledger, err := r.store.LookupSources(r.ctx, found)
	if err != nil {
		return err
	}
	var todo []job
	for _, in := range inputs {
		fi, err := os.Stat(in.path)
		if err != nil {
			r.rejected = append(r.rejected, fmt.Sprintf("%s: %v", in.path, err))
			continue
		}
		r.inputBytes += fi.Size()
		j := job{in: in, src: data.Source{Path: in.path, Kind: in.kind, Size: fi.Size(), MtimeNS: fi.ModTime().UnixNano()}}
		prev, ok := ledger[in.path]
		switch {
		case !ok:
		case prev.Status == "ok" && prev.Size == j.src.Size && prev.MtimeNS == j.src.MtimeNS:
			r.unchanged++
			continue
		default:
			j.prev = &prev
		}
		todo = append(todo, j)
	}
	prog := newProgress(r.env.Stderr, r.env.StderrIsTTY, len(todo))
	stopWriteback := r.store.StartWriteback()
	err = r.process(todo, prog)
	if err == nil {
		prog.finish()
		err = r.store.Checkpoint(r.ctx)
	}
	stopWriteback()
	if err != nil {
		return err
	}
	return r.summary(len(inputs), skipped)
}

// process reads files on r.jobs workers and stores them one by one on this goroutine
// (SQLite has one writer); each file is its own transaction.
func (r *ingestRun) process(todo []job, prog *progress) error {
	ctx, cancel := context.WithCancel(r.ctx)
	defer cancel()
	jobs := make(chan job)
	// Readers go on reading while a batch is stored: up to a batch of results, and
	// readBudget bytes of pixels and waveforms, wait in the channel.
	results := make(chan result, batchFiles)
	held := newBudget(readBudget)
	defer held.close()
	var wg sync.WaitGroup
	for range min(r.jobs, max(len(todo), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			iso, err := newIsolatedReader(r.timeout, 4<<30+32*uint64(max(r.opts.MaxElements, 0)))
			if err != nil {
				iso = nil // read in-process: still bounded by MaxElements, but not isolated
			} else {
				defer iso.close()
			}
			for j := range jobs {
				res := r.read(j, iso)
				if !held.acquire(res.rec.PayloadBytes()) {
					return
				}
				select {
				case results <- res:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, j := range todo {
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	for res := range results {
		batch, open := collectBatch(res, results)
		if err := r.storeBatch(batch, prog); err != nil {
			if r.ctx.Err() != nil {
				break // interrupted: the batch was rolled back whole
			}
			return err
		}
		for _, res := range batch {
			held.release(res.rec.PayloadBytes())
		}
		if !open {
			break
		}
	}
	if err := r.ctx.Err(); err != nil {
		return fmt.Errorf("ingest interrupted (files stored so far are complete; run again to finish): %w", err)
	}
	return nil
}

// read hashes and parses one file (on a worker goroutine). HDF5 (and, with
// --isolate, everything the reader process reads) is read there. DICOM and zips
// are read in process, from one read of the file for both its hash and its
// parse, unless they fall outside the strict subset; tables are read in process.
func (r *ingestRun) read(j job, iso *isolatedReader) result {
	kind, path := j.in.kind, j.in.path
	inWorker := iso != nil && (isolated[kind] || r.isolate && isolatable[kind])
	decode, fromBytes := decoders[kind]
	fromBytes = fromBytes && !inWorker && (fileDecoders[kind] == nil || j.src.Size <= maxInMemory)
	var content []byte
	var err error
	if fromBytes {
		content, j.src.SHA256, err = readHashed(path)
	} else {
		j.src.SHA256, err = hashFile(path)
	}
	if err != nil {
		return result{job: j, err: err}
	}
	if j.prev != nil && j.prev.Status == "ok" && j.prev.SHA256 == j.src.SHA256 {
		return result{job: j, unchanged: true}
	}
	inProcess := func(read func() (*data.Record, error)) (*data.Record, error) {
		return withTimeout(r.timeout, path, read)
	}
	var rec *data.Record
	switch {
	case inWorker:
		rec, err = iso.read(kind, path, r.opts)
	case fromBytes:
		rec, err = inProcess(func() (*data.Record, error) { return decode(path, content, r.opts) })
	case fileDecoders[kind] != nil:
		rec, err = inProcess(func() (*data.Record, error) { return fileDecoders[kind](path, r.opts) })
	default:
		rec, err = inProcess(func() (*data.Record, error) { return readers[kind](path, r.opts) })
	}
	if errors.Is(err, data.ErrNotStrict) {
		// Outside what the parser is known to read safely in process: the reader
		// process reads it (in process only if that process cannot be started).
		r.fellBack.Add(1)
		if iso != nil {
			rec, err = iso.read(kind, path, r.opts)
		} else {
			rec, err = inProcess(func() (*data.Record, error) { return readers[kind](path, r.opts) })
		}
	}
	return result{job: j, rec: rec, err: err}
}

// A batch of files is committed in one transaction (each file under its own
// savepoint, so each is whole): up to batchFiles files or batchBytes of pixels and
// waveforms, or what has been read within batchWait of the first. One commit per
// file or two made ingest write every touched page of the store's indexes again
// for each file (BENCHMARKS.md, DICOM ingest).
const (
	batchFiles = 64
	batchBytes = 64 << 20
	batchWait  = 200 * time.Millisecond
	readBudget = 256 << 20
)

// collectBatch gathers first and the results that follow it into one batch; open
// is false when results was closed meanwhile.
func collectBatch(first result, results <-chan result) (batch []result, open bool) {
	batch = []result{first}
	size := first.rec.PayloadBytes()
	timer := time.NewTimer(batchWait)
	defer timer.Stop()
	for len(batch) < batchFiles && size < batchBytes {
		select {
		case next, ok := <-results:
			if !ok {
				return batch, false
			}
			batch = append(batch, next)
			size += next.rec.PayloadBytes()
		case <-timer.C:
			return batch, true
		}
	}
	return batch, true
}

// storeBatch writes read results to the store (on the collecting goroutine):
// the files read well in one transaction, then the unchanged and the rejected.
func (r *ingestRun) storeBatch(batch []result, prog *progress) error {
	var items []data.Replacement
	var stored []result
	for _, res := range batch {
		if res.err == nil && !res.unchanged {
			items = append(items, data.Replacement{Source: res.job.src, Record: res.rec})
			stored = append(stored, res)
		}
	}
	if len(items) > 0 {
		errs, err := r.store.ReplaceSources(r.ctx, items)
		if err != nil {
			return err
		}
		for i, res := range stored {
			if errs[i] != nil {
				// Data the store cannot take (inconsistent with what is there)
				// rejects this file only; if the ledger cannot be written either, stop.
				if err := r.note(result{job: res.job, err: errs[i]}, prog); err != nil {
					return err
				}
				continue
			}
			r.byKind[res.job.in.kind]++
			r.got.add(res.rec)
			for _, w := range res.rec.Warnings {
				r.warned = append(r.warned, render.Sanitize(res.job.in.path+": "+w))
			}
			prog.step()
		}
	}
	for _, res := range batch {
		if res.err != nil || res.unchanged {
			if err := r.note(res, prog); err != nil {
				return err
			}
		}
	}
	return nil
}

// note records a file that was not stored: unchanged (a new mtime) or rejected.
func (r *ingestRun) note(res result, prog *progress) error {
	defer prog.step()
	if res.unchanged {
		r.unchanged++
		return r.store.TouchSource(r.ctx, res.job.in.path, res.job.src.MtimeNS)
	}
	reason := render.Sanitize(res.err.Error())
	r.rejected = append(r.rejected, reason)
	prog.say("rejected " + reason)
	return r.store.RejectSource(r.ctx, res.job.src, reason)
}
