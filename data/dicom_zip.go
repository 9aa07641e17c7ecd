package data

import (
	"archive/zip"
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
func ReadZip(p string, opts ReadOptions) (*Record, error) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: not readable as zip: %v", p, ErrMalformed, err)
	}
	defer zr.Close()
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
		if err := readDICOMObject(b, dicomFile{name: p + ": entry " + name, entry: "entry " + name + ": ", sample: sample, instance: instance}, opts, rec, seen); err != nil {
			return nil, err
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
