package data

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// dsInfo is what qcterm needs to know about an HDF5 dataset before reading it.
type dsInfo struct {
	class string // "float", "integer", "string", "class_9" (variable length), ...
	size  int    // bytes per element
	dims  []int  // empty for a scalar
}

// elements is the number of values the dataset claims, or -1 on overflow.
func (d dsInfo) elements() int64 {
	n := int64(1)
	for _, v := range d.dims {
		if v < 0 || (v > 0 && n > (1<<62)/int64(v)) {
			return -1
		}
		n *= int64(v)
	}
	return n
}

func (d dsInfo) numeric() bool { return d.class == "float" || d.class == "integer" }

// text reports fixed-length (class 3) and variable-length (class 9) strings.
func (d dsInfo) text() bool { return d.class == "string" || d.class == "class_9" }

var (
	infoType  = regexp.MustCompile(`^Dataset: (\S+) \(size=(\d+) bytes\), `)
	infoArray = regexp.MustCompile(`^(\d+)D array \[([0-9 x]+)\]`)
)

// parseDatasetInfo reads the summary github.com/scigolib/hdf5 gives for a dataset
// (its only public view of class, element size and shape without reading data),
// e.g. "Dataset: float (size=4 bytes), 3D array [256 256 16], chunked (...)".
func parseDatasetInfo(s string) (dsInfo, error) {
	m := infoType.FindStringSubmatch(s)
	if m == nil {
		return dsInfo{}, fmt.Errorf("unrecognised dataset description %q", s)
	}
	size, err := strconv.Atoi(m[2])
	if err != nil {
		return dsInfo{}, fmt.Errorf("element size in %q: %w", s, err)
	}
	info := dsInfo{class: m[1], size: size}
	rest := s[len(m[0]):]
	if strings.HasPrefix(rest, "scalar") {
		return info, nil
	}
	a := infoArray.FindStringSubmatch(rest)
	if a == nil {
		return dsInfo{}, fmt.Errorf("unrecognised dataspace in %q", s)
	}
	for _, f := range strings.FieldsFunc(a[2], func(r rune) bool { return r == ' ' || r == 'x' }) {
		v, err := strconv.Atoi(f)
		if err != nil {
			return dsInfo{}, fmt.Errorf("dimension %q: %w", f, err)
		}
		info.dims = append(info.dims, v)
	}
	if n, _ := strconv.Atoi(a[1]); n != len(info.dims) {
		return dsInfo{}, fmt.Errorf("dataspace %q: rank %d but %d dimensions", s, n, len(info.dims))
	}
	return info, nil
}
