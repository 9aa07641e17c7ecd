package app

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"qcterm/data"
)

// input is one file ingest will consider.
type input struct {
	path string // absolute, cleaned
	kind string // data.SourceHDF5, data.SourceTable
}

// kindOf recognises a file by its name, else by its first bytes (DICOM files
// often have no extension); "" means qcterm does not read it.
func kindOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".hd5", ".h5", ".hdf5":
		return data.SourceHDF5
	case ".csv", ".tsv":
		return data.SourceTable
	case ".dcm", ".dicom":
		return data.SourceDICOM
	case ".zip":
		return data.SourceZip
	}
	head := make([]byte, 132)
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	n, _ := io.ReadFull(f, head)
	if data.LooksLikeDICOM(head[:n]) {
		return data.SourceDICOM
	}
	return ""
}

// gather expands files and folders (recursively) into the inputs to ingest, the
// files skipped as unknown formats, and the arguments that could not be read.
func gather(paths []string) (inputs []input, skipped []string, missing map[string]error) {
	seen := map[string]bool{}
	missing = map[string]error{}
	add := func(p string) {
		abs, err := filepath.Abs(p)
		if err != nil {
			missing[p] = err
			return
		}
		if seen[abs] {
			return
		}
		seen[abs] = true
		if k := kindOf(abs); k != "" {
			inputs = append(inputs, input{abs, k})
		} else {
			skipped = append(skipped, abs)
		}
	}
	for _, root := range paths {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				missing[p] = err
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() || (p == root && !d.IsDir()) {
				add(p)
			}
			return nil
		})
		if err != nil {
			missing[root] = err
		}
	}
	sort.Slice(inputs, func(i, j int) bool { return inputs[i].path < inputs[j].path })
	sort.Strings(skipped)
	return inputs, skipped, missing
}
