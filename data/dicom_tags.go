package data

import (
	"strconv"
	"strings"

	"github.com/suyashkumar/dicom"
	"github.com/suyashkumar/dicom/pkg/tag"
)

// dcm wraps a parsed DICOM dataset with typed, forgiving accessors: a missing
// or ill-typed element yields the zero value, never an error or a panic.
type dcm struct{ ds *dicom.Dataset }

func (d dcm) elem(t tag.Tag) *dicom.Element {
	if d.ds == nil {
		return nil
	}
	// The data set's own elements, as FindElementByTag searches them, but without
	// its error for a missing tag: formatting that was a sixth of reading a file.
	for _, e := range d.ds.Elements {
		if e != nil && e.Tag == t {
			if e.Value == nil {
				return nil
			}
			return e
		}
	}
	return nil
}

// strs returns the element's values as strings (numbers are formatted).
func (d dcm) strs(t tag.Tag) []string {
	e := d.elem(t)
	if e == nil {
		return nil
	}
	switch v := e.Value.GetValue().(type) {
	case []string:
		out := make([]string, len(v))
		for i, s := range v {
			out[i] = strings.TrimSpace(strings.TrimRight(s, "\x00"))
		}
		return out
	case []int:
		out := make([]string, len(v))
		for i, x := range v {
			out[i] = strconv.Itoa(x)
		}
		return out
	case []float64:
		out := make([]string, len(v))
		for i, x := range v {
			out[i] = strconv.FormatFloat(x, 'g', -1, 64)
		}
		return out
	}
	return nil
}

func (d dcm) str(t tag.Tag) string {
	if s := d.strs(t); len(s) > 0 {
		return s[0]
	}
	return ""
}

// floats parses the element's values as numbers (DS strings, binary ints or floats).
func (d dcm) floats(t tag.Tag) []float64 {
	var out []float64
	for _, s := range d.strs(t) {
		for _, part := range strings.Split(s, `\`) {
			if f, err := strconv.ParseFloat(strings.TrimSpace(part), 64); err == nil {
				out = append(out, f)
			}
		}
	}
	return out
}

func (d dcm) float(t tag.Tag, def float64) float64 {
	if f := d.floats(t); len(f) > 0 {
		return f[0]
	}
	return def
}

func (d dcm) int(t tag.Tag, def int) int {
	if f := d.floats(t); len(f) > 0 {
		return int(f[0])
	}
	return def
}

func (d dcm) bytes(t tag.Tag) []byte {
	e := d.elem(t)
	if e == nil {
		return nil
	}
	b, _ := e.Value.GetValue().([]byte)
	return b
}

// items returns the datasets of a sequence element's items.
func (d dcm) items(t tag.Tag) []dcm {
	e := d.elem(t)
	if e == nil {
		return nil
	}
	seq, ok := e.Value.GetValue().([]*dicom.SequenceItemValue)
	if !ok {
		return nil
	}
	out := make([]dcm, 0, len(seq))
	for _, it := range seq {
		els, _ := it.GetValue().([]*dicom.Element)
		out = append(out, dcm{&dicom.Dataset{Elements: els}})
	}
	return out
}
