package app

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"time"

	"qcterm/data"
)

// decoders read a kind in process, from the file's content in memory, so ingest
// reads each file once for both its hash and its parse. They read only the
// strict subset of DICOM (data.ErrNotStrict otherwise).
var decoders = map[string]func(string, []byte, data.ReadOptions) (*data.Record, error){
	data.SourceDICOM: data.DecodeDICOM,
	data.SourceZip:   data.DecodeZip,
}

// fileDecoders are the in-process readers for a file too large to hold in
// memory (see maxInMemory), reading it from its path. A DICOM file is parsed
// from memory whatever its size, so it has none.
var fileDecoders = map[string]func(string, data.ReadOptions) (*data.Record, error){
	data.SourceZip: data.DecodeZipFile,
}

// maxInMemory is the largest zip read whole; a larger one is hashed as a stream
// and its entries read one at a time.
const maxInMemory = 256 << 20

// readHashed reads a file whole and returns it with its SHA-256.
func readHashed(path string) ([]byte, string, error) {
	b, err := readWhole(path)
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:]), nil
}

// hashFile is the SHA-256 of a file, read as a stream.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%s: read: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// withTimeout runs an in-process read and gives up on it after timeout: the file
// is reported and the read is left to finish (or spin) on its own goroutine,
// since Go cannot stop it. The parsers bound what they allocate by the file's
// size and turn a third-party parser's panic into an error, so what is left to
// guard against here is a structure that makes a parser loop.
func withTimeout(timeout time.Duration, path string, read func() (*data.Record, error)) (*data.Record, error) {
	type done struct {
		rec *data.Record
		err error
	}
	ch := make(chan done, 1)
	go func() {
		rec, err := read()
		ch <- done{rec, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case d := <-ch:
		return d.rec, d.err
	case <-timer.C:
		return nil, fmt.Errorf("%s: %w: gave up after %s (the file's structure makes the reader loop)", path, data.ErrMalformed, timeout)
	}
}
