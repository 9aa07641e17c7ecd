package data

import (
	"fmt"
	"strings"
)

// maxFieldArray is the longest array stored as per-element fields (ramplitude has 12).
const maxFieldArray = 64

// fields stores every dataset of a group as fields of the sample.
func (f *h5File) fields(sample SampleID, group string, leaves []h5Leaf, rec *Record) error {
	for _, l := range leaves {
		if err := f.fieldLeaf(sample, group, l, nil, rec); err != nil {
			return err
		}
	}
	return nil
}

// fieldLeaf stores one dataset as a field: scalars and (1,) arrays as one value,
// short 1-D arrays as name_<k> (or name_<lead> when elementNames fits), strings as text.
func (f *h5File) fieldLeaf(sample SampleID, group string, l h5Leaf, elementNames []string, rec *Record) error {
	info, err := f.info(l)
	if err != nil {
		return err
	}
	name, inst := instanceOf(l)
	d := date(l)
	field := Field{Sample: sample, Origin: group, Name: name, Instance: inst, Date: d}
	switch {
	case info.text():
		s, err := f.text(l, info)
		if err != nil {
			return err
		}
		field.Value = Text(s)
		rec.Fields = append(rec.Fields, field)
	case info.numeric() && info.elements() == 1:
		v, err := f.numbers(l, info)
		if err != nil {
			return err
		}
		field.Value = Number(v[0])
		rec.Fields = append(rec.Fields, field)
	case info.numeric() && len(info.dims) == 1 && info.dims[0] <= maxFieldArray:
		v, err := f.numbers(l, info)
		if err != nil {
			return err
		}
		for k, x := range v {
			el := field
			if len(elementNames) == len(v) {
				el.Name = name + "_" + elementNames[k]
			} else {
				el.Name = fmt.Sprintf("%s_%d", name, k)
			}
			el.Value = Number(x)
			rec.Fields = append(rec.Fields, el)
		}
	default:
		f.warnf("skipped %s: %s array of shape %v is not a field, ECG lead or image", l.path(), info.class, info.dims)
	}
	return nil
}

// rootDatasets reads the root-level datasets: MRI geometry (mri_pixel_width_<series>,
// mri_pixel_height_<series>, mri_slice_thickness_<series>) and anything else as fields.
func (f *h5File) rootDatasets(sample SampleID, leaves []h5Leaf, rec *Record) (map[string]*geometry, error) {
	geom := map[string]*geometry{}
	for _, l := range leaves {
		name := l.parts[0]
		var prop, series string
		for _, p := range []string{"mri_pixel_width_", "mri_pixel_height_", "mri_slice_thickness_"} {
			if strings.HasPrefix(name, p) {
				prop, series = p, strings.TrimPrefix(name, p)
			}
		}
		if prop == "" {
			if err := f.fieldLeaf(sample, "/", l, nil, rec); err != nil {
				return nil, err
			}
			continue
		}
		info, err := f.info(l)
		if err != nil {
			return nil, err
		}
		if !info.numeric() || info.elements() != 1 {
			f.warnf("skipped %s: geometry should be one number, found %s of shape %v", l.path(), info.class, info.dims)
			continue
		}
		v, err := f.numbers(l, info)
		if err != nil {
			return nil, err
		}
		g := geom[series]
		if g == nil {
			g = &geometry{}
			geom[series] = g
		}
		switch prop {
		case "mri_pixel_width_":
			g.width = v[0]
		case "mri_pixel_height_":
			g.height = v[0]
		default:
			g.thickness = v[0]
		}
	}
	return geom, nil
}

// geometry is the pixel spacing ml4h stores at the file's root, per series name.
type geometry struct{ width, height, thickness float64 }
