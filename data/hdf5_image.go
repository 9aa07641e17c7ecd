package data

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// annotatedName matches ml4h label-map names: <series>_annotated_<frame number>.
var annotatedName = regexp.MustCompile(`^(.+)_annotated_(\d+)$`)

// hasImages reports a group holding rows × cols × n numeric datasets.
func hasImages(f *h5File, leaves []h5Leaf) bool {
	for _, l := range leaves {
		if info, err := f.info(l); err == nil && info.numeric() && len(info.dims) == 3 {
			return true
		}
	}
	return false
}

type seriesKey struct{ name, instance string }

// imageGroup reads an MRI group: every series instance (rows × cols × n, or 2-D),
// short-axis series stored one frame per InstanceNumber, and label maps linked
// to their series and frame.
func (f *h5File) imageGroup(sample SampleID, group string, leaves []h5Leaf, geom map[string]*geometry, rec *Record) error {
	var keys []seriesKey
	series := map[seriesKey]*Series{}
	perNumber := map[seriesKey][]numberedLeaf{}
	var masks []h5Leaf
	for _, l := range leaves {
		name, inst := instanceOf(l)
		if annotatedName.MatchString(name) {
			masks = append(masks, l)
			continue
		}
		info, err := f.info(l)
		if err != nil {
			return err
		}
		if !info.numeric() || len(info.dims) < 2 {
			if err := f.fieldLeaf(sample, group, l, nil, rec); err != nil {
				return err
			}
			continue
		}
		if len(info.dims) > 3 {
			f.warnf("skipped %s: %d-D image arrays are not read", l.path(), len(info.dims))
			continue
		}
		if len(l.parts) >= 4 && len(info.dims) == 2 && isNumber(l.parts[2]) {
			// /<group>/<series>/<InstanceNumber>/instance_k: one 2-D frame each.
			num, _ := strconv.Atoi(l.parts[2])
			k := seriesKey{name, strings.Join(l.parts[3:], "/")}
			perNumber[k] = append(perNumber[k], numberedLeaf{num, l, info})
			continue
		}
		s, err := f.series(sample, group, name, inst, l, info)
		if err != nil {
			return err
		}
		k := seriesKey{name, inst}
		keys = append(keys, k)
		series[k] = s
	}
	for k, frames := range perNumber {
		s, err := f.numberedSeries(sample, group, k, frames)
		if err != nil {
			return err
		}
		keys = append(keys, k)
		series[k] = s
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].name != keys[j].name {
			return keys[i].name < keys[j].name
		}
		return keys[i].instance < keys[j].instance
	})
	for _, l := range masks {
		if err := f.mask(l, keys, series); err != nil {
			return err
		}
	}
	for _, k := range keys {
		s := series[k]
		if g := geom[s.Name]; g != nil {
			s.SpacingCol, s.SpacingRow, s.SliceThickness = g.width, g.height, g.thickness
		}
		rec.Series = append(rec.Series, *s)
	}
	return nil
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil && s != ""
}

type numberedLeaf struct {
	num  int
	leaf h5Leaf
	info dsInfo
}

// series reads one rows × cols (× n) dataset into a series of n frames.
func (f *h5File) series(sample SampleID, group, name, inst string, l h5Leaf, info dsInfo) (*Series, error) {
	v, err := f.numbers(l, info)
	if err != nil {
		return nil, err
	}
	rows, cols, n := info.dims[0], info.dims[1], 1
	if len(info.dims) == 3 {
		n = info.dims[2]
	}
	s := &Series{Sample: sample, Group: group, Name: name, Instance: inst, Modality: "MR",
		Rows: rows, Cols: cols, Slices: 1, Date: date(l), DType: pixelType(v)}
	for k, px := range encodeFrames(v, s.DType, n) {
		s.Frames = append(s.Frames, Frame{Index: k, Pixels: px})
	}
	return s, nil
}

// numberedSeries assembles frames stored one dataset per InstanceNumber, in number order.
func (f *h5File) numberedSeries(sample SampleID, group string, k seriesKey, frames []numberedLeaf) (*Series, error) {
	sort.Slice(frames, func(i, j int) bool { return frames[i].num < frames[j].num })
	first := frames[0].info
	s := &Series{Sample: sample, Group: group, Name: k.name, Instance: k.instance, Modality: "MR",
		Rows: first.dims[0], Cols: first.dims[1], Slices: len(frames), Date: date(frames[0].leaf)}
	var values [][]float64
	for _, fr := range frames {
		if fr.info.dims[0] != s.Rows || fr.info.dims[1] != s.Cols {
			f.warnf("skipped %s: %v frame in a %d×%d series", fr.leaf.path(), fr.info.dims, s.Rows, s.Cols)
			continue
		}
		v, err := f.numbers(fr.leaf, fr.info)
		if err != nil {
			return nil, err
		}
		values = append(values, v)
	}
	s.DType = pixelType(concat(values))
	for i, v := range values {
		s.Frames = append(s.Frames, Frame{Index: i, Slice: i, SlicePos: float64(i), Pixels: encodeFrames(v, s.DType, 1)[0]})
	}
	s.Slices = len(s.Frames)
	return s, nil
}

func concat(vs [][]float64) []float64 {
	var out []float64
	for _, v := range vs {
		out = append(out, v...)
	}
	return out
}

// mask links a <series>_annotated_<n> label map to frame n-1 of its series
// (ml4h numbers annotated frames from 1; qcterm's frames are 0-based).
func (f *h5File) mask(l h5Leaf, keys []seriesKey, series map[seriesKey]*Series) error {
	name, inst := instanceOf(l)
	m := annotatedName.FindStringSubmatch(name)
	num, _ := strconv.Atoi(m[2])
	var target *Series
	for _, k := range keys {
		if k.name == m[1] && (target == nil || k.instance == inst) {
			target = series[k]
		}
	}
	if target == nil {
		f.warnf("skipped %s: label map for series %s, which this file does not have", l.path(), m[1])
		return nil
	}
	info, err := f.info(l)
	if err != nil {
		return err
	}
	if len(info.dims) != 2 || info.dims[0] != target.Rows || info.dims[1] != target.Cols {
		f.warnf("skipped %s: label map of shape %v on a %d×%d series", l.path(), info.dims, target.Rows, target.Cols)
		return nil
	}
	frame := num - 1
	if num == 0 {
		frame = 0
		f.warnf("%s: frame number 0 where ml4h counts from 1; linked to frame 0", l.path())
	}
	if frame >= len(target.Frames) {
		f.warnf("skipped %s: frame %d beyond the series' %d frames", l.path(), num, len(target.Frames))
		return nil
	}
	v, err := f.numbers(l, info)
	if err != nil {
		return err
	}
	labels := make([]byte, len(v))
	for i, x := range v {
		if x < 0 || x > 255 || x != float64(int(x)) {
			f.warnf("skipped %s: value %g is not a label (0–255)", l.path(), x)
			return nil
		}
		labels[i] = byte(x)
	}
	target.Masks = append(target.Masks, Mask{Frame: frame, Name: name, Instance: inst, Rows: info.dims[0], Cols: info.dims[1], Labels: labels})
	return nil
}
