package data

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/scigolib/hdf5"
)

// ReadOptions bound and tune the readers.
type ReadOptions struct {
	// MaxElements refuses any dataset or table claiming more values than this,
	// before anything is allocated for it.
	MaxElements int64
	// ScaleMV is recorded with every ECG read from HDF5 (counts × ScaleMV = mV).
	ScaleMV float64
	// MaxObjects bounds the number of groups and datasets walked in one file.
	MaxObjects int
}

// DefaultReadOptions are the bounds used unless the user overrides them.
func DefaultReadOptions() ReadOptions {
	return ReadOptions{MaxElements: 64 << 20, ScaleMV: DefaultScaleMV, MaxObjects: 200_000}
}

// h5Leaf is one dataset of a file, by its path components.
type h5Leaf struct {
	parts []string
	ds    *hdf5.Dataset
}

func (l h5Leaf) path() string { return "/" + strings.Join(l.parts, "/") }

// h5File wraps an open file with the options and the warnings collected while reading it.
type h5File struct {
	path     string
	opts     ReadOptions
	warnings []string
}

func (f *h5File) warnf(format string, args ...any) {
	f.warnings = append(f.warnings, fmt.Sprintf(format, args...))
}

// SampleIDFromPath gives the sample id of a per-sample file: its base name
// without extension ("1000001.hd5" → "1000001").
func SampleIDFromPath(path string) SampleID {
	base := filepath.Base(path)
	return SampleID(strings.TrimSuffix(base, filepath.Ext(base)))
}

// ReadHDF5 reads one ml4h per-sample HDF5 file: resting ECGs, MRI series with
// their label maps and geometry, and categorical/continuous/dates fields. It
// keeps every instance it finds. Parts it does not recognise are listed in
// Record.Warnings; a file it cannot read at all is an error naming the file.
func ReadHDF5(path string, opts ReadOptions) (rec *Record, err error) {
	defer func() {
		// The HDF5 library is third-party code parsing hostile input: a panic in
		// it is a malformed file, not a crash of qcterm.
		if p := recover(); p != nil {
			rec, err = nil, fmt.Errorf("%s: %w: HDF5 reader failed: %v", path, ErrMalformed, p)
		}
	}()
	file, err := hdf5.Open(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w: not readable as HDF5: %v", path, ErrMalformed, err)
	}
	defer file.Close()

	leaves, err := collectLeaves(file, opts.MaxObjects)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f := &h5File{path: path, opts: opts}
	sample := SampleIDFromPath(path)
	rec = &Record{Samples: []SampleID{sample}}

	byGroup := map[string][]h5Leaf{}
	var root []h5Leaf
	for _, l := range leaves {
		if len(l.parts) == 1 {
			root = append(root, l)
			continue
		}
		byGroup[l.parts[0]] = append(byGroup[l.parts[0]], l)
	}
	geom, err := f.rootDatasets(sample, root, rec)
	if err != nil {
		return nil, err
	}
	for _, g := range sortedKeys(byGroup) {
		group := byGroup[g]
		switch {
		case g == "categorical" || g == "continuous" || g == "dates":
			err = f.fields(sample, g, group, rec)
		case isECGGroup(group):
			err = f.ecgGroup(sample, g, group, rec)
		case strings.HasSuffix(g, "_mri") || hasImages(f, group):
			err = f.imageGroup(sample, g, group, geom, rec)
		default:
			err = f.fields(sample, g, group, rec)
		}
		if err != nil {
			return nil, err
		}
	}
	rec.Warnings = f.warnings
	if len(rec.ECGs) == 0 && len(rec.Series) == 0 && len(rec.Fields) == 0 {
		return nil, fmt.Errorf("%s: %w: no ml4h ECG, MRI or field datasets found", path, ErrUnsupported)
	}
	return rec, nil
}

var errTooManyObjects = errors.New("too many objects")

// collectLeaves lists every dataset of the file, in path order.
func collectLeaves(file *hdf5.File, max int) (leaves []h5Leaf, err error) {
	n := 0
	defer func() {
		if p := recover(); p != nil {
			if p != errTooManyObjects { //nolint:errorlint // sentinel passed through panic by identity
				panic(p)
			}
			err = fmt.Errorf("%w: more than %d groups and datasets", ErrTooLarge, max)
		}
	}()
	file.Walk(func(p string, obj hdf5.Object) {
		n++
		if max > 0 && n > max {
			panic(errTooManyObjects)
		}
		ds, ok := obj.(*hdf5.Dataset)
		if !ok {
			return
		}
		parts := strings.Split(strings.Trim(p, "/"), "/")
		leaves = append(leaves, h5Leaf{parts: parts, ds: ds})
	})
	sort.Slice(leaves, func(i, j int) bool { return leaves[i].path() < leaves[j].path() })
	return leaves, nil
}

// info describes a dataset, refusing shapes beyond the element bound.
func (f *h5File) info(l h5Leaf) (dsInfo, error) {
	s, err := l.ds.Info()
	if err != nil {
		return dsInfo{}, fmt.Errorf("%s: dataset %s: %w: %v", f.path, l.path(), ErrMalformed, err)
	}
	info, err := parseDatasetInfo(s)
	if err != nil {
		return dsInfo{}, fmt.Errorf("%s: dataset %s: %w: %v", f.path, l.path(), ErrMalformed, err)
	}
	n := info.elements()
	if n < 0 || (f.opts.MaxElements > 0 && n > f.opts.MaxElements) {
		return dsInfo{}, fmt.Errorf("%s: dataset %s: %w: shape %v exceeds the limit of %d elements",
			f.path, l.path(), ErrTooLarge, info.dims, f.opts.MaxElements)
	}
	return info, nil
}

// numbers reads a numeric dataset, checking the library returned as many values as the shape says.
func (f *h5File) numbers(l h5Leaf, info dsInfo) ([]float64, error) {
	if !info.numeric() {
		return nil, fmt.Errorf("%s: dataset %s: %w: %s values where numbers were expected", f.path, l.path(), ErrUnsupported, info.class)
	}
	v, err := l.ds.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: dataset %s: %w: %v", f.path, l.path(), ErrMalformed, err)
	}
	if int64(len(v)) != info.elements() {
		return nil, fmt.Errorf("%s: dataset %s: %w: %d values for shape %v", f.path, l.path(), ErrMalformed, len(v), info.dims)
	}
	return v, nil
}

// text reads a string dataset (fixed or variable length), first element.
func (f *h5File) text(l h5Leaf, info dsInfo) (string, error) {
	if info.class == "string" {
		s, err := l.ds.ReadStrings()
		if err != nil || len(s) == 0 {
			return "", fmt.Errorf("%s: dataset %s: %w: string unreadable: %v", f.path, l.path(), ErrMalformed, err)
		}
		return s[0], nil
	}
	b, err := l.ds.ReadVLenBytes()
	if err != nil || len(b) == 0 {
		return "", fmt.Errorf("%s: dataset %s: %w: string unreadable: %v", f.path, l.path(), ErrMalformed, err)
	}
	return string(b[0]), nil
}

// date reads the ml4h `date` attribute (epoch seconds), 0 when absent.
func date(l h5Leaf) int64 {
	names, err := l.ds.ListAttributes()
	if err != nil {
		return 0
	}
	for _, n := range names {
		if n != "date" {
			continue
		}
		v, err := l.ds.ReadAttribute("date")
		if err != nil {
			return 0
		}
		switch d := v.(type) {
		case float64:
			return int64(d)
		case float32:
			return int64(d)
		case int64:
			return d
		case int32:
			return int64(d)
		case []float64:
			if len(d) > 0 {
				return int64(d[0])
			}
		}
	}
	return 0
}

// instanceOf splits a leaf under /<group>/<name>/ into name and instance path.
func instanceOf(l h5Leaf) (name, instance string) {
	if len(l.parts) < 2 {
		return l.parts[0], ""
	}
	return l.parts[1], strings.Join(l.parts[2:], "/")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
