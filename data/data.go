package data

import (
	"errors"
	"math"
)

// SampleID names a sample (a participant): ids are strings such as "1000001" or "fake_1".
type SampleID string

// Sentinel errors. Readers and the store wrap them with the file and step.
var (
	// ErrNotFound is returned when a sample or object is not in the store.
	ErrNotFound = errors.New("not found")
	// ErrUnsupported marks input that is well-formed but not something qcterm reads.
	ErrUnsupported = errors.New("unsupported")
	// ErrMalformed marks input whose structure is broken (truncated, inconsistent, absurd sizes).
	ErrMalformed = errors.New("malformed")
	// ErrTooLarge marks input that claims more elements than the configured bound.
	ErrTooLarge = errors.New("too large")
)

// ECG kinds.
const (
	KindStrip  = "strip"  // the 10 s rhythm recording
	KindMedian = "median" // the median beat
)

// StandardLeads is the order qcterm stores and shows the 12 leads of a resting ECG.
var StandardLeads = []string{"I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"}

// DefaultScaleMV converts ml4h resting-ECG counts to millivolts (5 µV per count).
const DefaultScaleMV = 0.005

// ECG is one recording of one kind: all its leads, sampled at one rate.
// Samples[i] belongs to Leads[i]; values are as stored, ScaleMV converts them to mV.
type ECG struct {
	ID       int64 // store id; 0 before it is stored
	Sample   SampleID
	Group    string // HDF5 group, e.g. "ukb_ecg_rest"
	Instance string // the path below the lead's name, e.g. "instance_2" or "2/instance_0"
	Kind     string // KindStrip or KindMedian
	RateHz   float64
	ScaleMV  float64
	Date     int64 // epoch seconds; 0 when unknown
	Leads    []string
	Samples  [][]float32 // nil when only the metadata was loaded
	N        int         // samples per lead, also when Samples is not loaded
}

// Len is the number of samples per lead.
func (e *ECG) Len() int {
	if len(e.Samples) > 0 {
		return len(e.Samples[0])
	}
	return e.N
}

// Duration is the length of the recording in seconds.
func (e *ECG) Duration() float64 {
	if e.RateHz <= 0 {
		return 0
	}
	return float64(e.Len()) / e.RateHz
}

// Pixel types stored for frames and label maps.
const (
	DTypeFloat32 = "float32"
	DTypeUint16  = "uint16"
	DTypeInt16   = "int16"
	DTypeUint8   = "uint8"
)

// DTypeSize is the number of bytes per value of a stored pixel type, 0 if unknown.
func DTypeSize(dtype string) int {
	switch dtype {
	case DTypeFloat32:
		return 4
	case DTypeUint16, DTypeInt16:
		return 2
	case DTypeUint8:
		return 1
	}
	return 0
}

// Series is one image series instance: Frames frames of Rows × Cols pixels.
type Series struct {
	ID             int64 // store id; 0 before it is stored
	Sample         SampleID
	UID            string // DICOM SeriesInstanceUID; empty for HDF5 series
	Group          string // e.g. "ukb_cardiac_mri"
	Name           string // e.g. "cine_segmented_lax_4ch"
	Instance       string
	Modality       string
	Rows, Cols     int
	Channels       int     // samples per pixel: 1 grey, 3 RGB (interleaved)
	Slices         int     // distinct slice positions (1 for a single-slice cine)
	SpacingRow     float64 // mm between rows (pixel height); 0 when unknown
	SpacingCol     float64 // mm between columns (pixel width); 0 when unknown
	SliceThickness float64
	WindowCenter   float64 // default window; Width 0 means none recorded
	WindowWidth    float64
	RescaleSlope   float64 // stored value × slope + intercept = modality value; slope 0 means 1
	RescaleInter   float64
	BitsStored     int
	Photometric    string // DICOM PhotometricInterpretation after decoding (MONOCHROME1/2, RGB)
	DType          string
	Date           int64
	Status         string // empty when every frame decoded; otherwise why not
	FrameCount     int    // number of frames, also when Frames is not loaded
	Frames         []Frame
	Masks          []Mask
}

// Frame is one 2-D image of a series; Index is 0-based.
type Frame struct {
	Index    int
	Slice    int     // 0-based slice number (dense rank of SlicePos)
	SlicePos float64 // position along the slice normal, mm (DICOM); frames sort by it first
	TimeMS   float64 // cine trigger time
	Instance int     // DICOM InstanceNumber
	Pixels   []byte  // Rows*Cols*Channels values of the series' DType, little-endian; nil if not decodable
}

// Mask is a label map drawn on one frame of a series (ml4h `<series>_annotated_<frame>`,
// a DICOM overlay). In a Record, Frame indexes the series' Frames slice; read from
// the store, it is the frame's 0-based index in the series.
type Mask struct {
	Frame    int
	Name     string // where it came from, e.g. "cine_segmented_lax_4ch_annotated_1"
	Instance string
	Rows     int
	Cols     int
	Labels   []byte // Rows*Cols uint8 label values; nil when only metadata was loaded
	Present  []int  // the label values that occur, ascending (filled by the store)
}

// Value is a field's value: a number, a text, or missing.
type Value struct {
	Num     float64
	Text    string
	IsText  bool
	Missing bool
}

// Number makes a numeric value; NaN becomes missing.
func Number(f float64) Value {
	if math.IsNaN(f) {
		return Value{Missing: true}
	}
	return Value{Num: f}
}

// Text makes a text value.
func Text(s string) Value { return Value{Text: s, IsText: true} }

// Field is one named value of a sample, remembering where it came from:
// Origin is the table file name or the HDF5 group ("continuous", "ukb_ecg_rest"),
// Name the column or dataset name, Instance the HDF5 instance path when there is one.
type Field struct {
	Sample   SampleID
	Origin   string
	Name     string
	Instance string
	Value    Value
	Date     int64
	Derived  bool // computed by qcterm (e.g. x_delta), not read from the file
}

// Record is everything one source file contributes to the store.
type Record struct {
	Samples  []SampleID
	ECGs     []ECG
	Series   []Series
	Fields   []Field
	Warnings []string // what was not recognised, said once per file
}

// PayloadBytes is the size of the record's pixels, labels and samples: what storing
// it writes, give or take the small rows. A nil record has none.
func (r *Record) PayloadBytes() int {
	if r == nil {
		return 0
	}
	n := 0
	for _, e := range r.ECGs {
		for _, lead := range e.Samples {
			n += 4 * len(lead)
		}
	}
	for _, s := range r.Series {
		for _, f := range s.Frames {
			n += len(f.Pixels)
		}
		for _, m := range s.Masks {
			n += len(m.Labels)
		}
	}
	return n
}

// AddSample records id once, keeping first-seen order.
func (r *Record) AddSample(id SampleID, seen map[SampleID]bool) {
	if !seen[id] {
		seen[id] = true
		r.Samples = append(r.Samples, id)
	}
}

// presentLabels lists the label values that occur in labels, ascending.
func presentLabels(labels []byte) []int {
	var seen [256]bool
	for _, v := range labels {
		seen[v] = true
	}
	var out []int
	for v, ok := range seen {
		if ok {
			out = append(out, v)
		}
	}
	return out
}
