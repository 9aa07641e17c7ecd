package data

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"
)

// maxZipEntry bounds one entry's uncompressed size (a DICOM file) read from a zip.
const maxZipEntry = 1 << 30

// ReadZip reads every DICOM entry of a zip (a UK Biobank bulk file
// <sample_id>_<field>_<instance>_<n>.zip, or any zip of DICOMs). Entries that
// are not DICOM, or whose names try to leave the archive, are listed as
// warnings; a broken DICOM entry rejects the whole zip, naming the entry.
func ReadZip(p string, opts ReadOptions) (*Record, error) { return readZipFile(p, opts, false) }

// DecodeZip is ReadZip on b, the content of the file p (which it does not
// change), for reading in process: an entry outside the strict subset (see
// DecodeDICOM) makes it ErrNotStrict, for ReadZip in the reader process.
func DecodeZip(p string, b []byte, opts ReadOptions) (*Record, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: not readable as zip: %v", p, ErrMalformed, err)
	}
	return readZip(p, zr, opts, true)
}

// DecodeZipFile is DecodeZip for a zip too large to hold in memory: its entries
// are read from the file one at a time.
func DecodeZipFile(p string, opts ReadOptions) (*Record, error) { return readZipFile(p, opts, true) }

// readZipFile reads a zip's entries from the file one at a time.
func readZipFile(p string, opts ReadOptions, strict bool) (*Record, error) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: not readable as zip: %v", p, ErrMalformed, err)
	}
	defer zr.Close()
	return readZip(p, &zr.Reader, opts, strict)
}

// maxZipBytes bounds the decoded pixels of all a zip's entries together (8 bytes
// per --max-elements value, 512 MiB by default), as MaxElements bounds one
// object's: a zip of many small entries that each decode to a large frame must
// not hold them all in memory.
func maxZipBytes(opts ReadOptions) int64 { return 8 * opts.MaxElements }

func readZip(p string, zr *zip.Reader, opts ReadOptions, strict bool) (*Record, error) {
	sample, instance := zipInstance(filepath.Base(p))
	rec := &Record{}
	seen := map[SampleID]bool{}
	for _, f := range zr.File {
		name := f.Name
		if f.FileInfo().IsDir() {
			continue
		}
		clean := path.Clean(strings.ReplaceAll(name, `\`, "/"))
		if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
			rec.Warnings = append(rec.Warnings, fmt.Sprintf("skipped zip entry %q: its name leaves the archive", name))
			continue
		}
		if f.UncompressedSize64 > maxZipEntry {
			return nil, fmt.Errorf("%s: entry %s: %w: %d bytes uncompressed", p, name, ErrTooLarge, f.UncompressedSize64)
		}
		b, err := readZipEntry(f)
		if err != nil {
			return nil, fmt.Errorf("%s: entry %s: %w: %v", p, name, ErrMalformed, err)
		}
		if !LooksLikeDICOM(b) {
			rec.Warnings = append(rec.Warnings, fmt.Sprintf("skipped zip entry %q: not DICOM", name))
			continue
		}
		if err := readDICOMObject(b, dicomFile{name: p + ": entry " + name, entry: "entry " + name + ": ", sample: sample, instance: instance, strict: strict}, opts, rec, seen); err != nil {
			return nil, err
		}
		if lim := maxZipBytes(opts); lim > 0 && int64(rec.PayloadBytes()) > lim {
			return nil, fmt.Errorf("%s: entry %s: %w: the zip's images together exceed %d bytes (8 × --max-elements)", p, name, ErrTooLarge, lim)
		}
	}
	if len(rec.Series) == 0 && len(rec.ECGs) == 0 {
		return nil, fmt.Errorf("%s: %w: no DICOM images or waveforms in the zip", p, ErrUnsupported)
	}
	return rec, nil
}

func readZipEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxZipEntry+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxZipEntry {
		return nil, fmt.Errorf("entry larger than its header says")
	}
	return b, nil
}
