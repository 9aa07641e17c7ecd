package data

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strings"

	"github.com/suyashkumar/dicom"
	"github.com/suyashkumar/dicom/pkg/tag"
)

// Source kinds for DICOM inputs.
const (
	SourceDICOM = "dicom"
	SourceZip   = "zip"
)

// ukbZipName matches UK Biobank bulk files: <sample_id>_<field>_<instance>_<n>.zip.
var ukbZipName = regexp.MustCompile(`^([A-Za-z0-9]+)_(\d+)_(\d+)_(\d+)\.zip$`)

// dicomFile is one DICOM object to read, with where it came from.
type dicomFile struct {
	name     string   // file path, or "zip path: entry" for a zip entry
	entry    string   // "entry <name>: " for a zip entry, else empty
	sample   SampleID // from the zip's name; empty means use PatientID
	instance string   // series instance label from the zip's name
	strict   bool     // read in process: only the strict subset (see checkLengths)
}

// LooksLikeDICOM reports whether the start of a file is DICOM: a 128-byte
// preamble and "DICM", or (files without a meta header) a first element in
// group 0x0008 in little-endian implicit or explicit VR (explicit VR also after
// up to 3 stray bytes).
func LooksLikeDICOM(head []byte) bool {
	if len(head) >= 132 && string(head[128:132]) == "DICM" {
		return true
	}
	if len(head) >= 8 && head[0] == 0x08 && head[1] == 0x00 {
		vr := string(head[4:6])
		implicitLen := uint32(head[4]) | uint32(head[5])<<8 | uint32(head[6])<<16 | uint32(head[7])<<24
		return isVR(vr) || implicitLen < 1<<16
	}
	// A few stray bytes before an explicit-VR first element (pydicom's no_meta.dcm).
	for i := 1; i <= 3 && i+6 <= len(head); i++ {
		if head[i] == 0x08 && head[i+1] == 0x00 && isVR(string(head[i+4:i+6])) {
			return true
		}
	}
	return false
}

func isVR(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
		strings.Contains(" AE AS AT CS DA DS DT FL FD IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV ", " "+s+" ")
}

// ReadDICOM reads a DICOM file: image pixels (every frame, decoded to stored
// values) into a series, or a 12-lead waveform into an ECG. It takes whatever
// the parser can read, so it belongs in the isolated reader process; in
// process, ingest uses DecodeDICOM.
func ReadDICOM(path string, opts ReadOptions) (*Record, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return decodeDICOM(b, dicomFile{name: path}, opts)
}

// DecodeDICOM is ReadDICOM on b, the content of the file path. b is the
// record's from then on: its frames may be slices of b, decoded in place.
//
// DecodeDICOM is for reading in process: a stream outside the strict subset
// the parser is known to read safely (see checkLengths) is ErrNotStrict, and
// should be read with ReadDICOM in the isolated reader process instead.
func DecodeDICOM(path string, b []byte, opts ReadOptions) (*Record, error) {
	return decodeDICOM(b, dicomFile{name: path, strict: true}, opts)
}

func decodeDICOM(b []byte, f dicomFile, opts ReadOptions) (*Record, error) {
	rec := &Record{}
	if err := readDICOMObject(b, f, opts, rec, map[SampleID]bool{}); err != nil {
		return nil, err
	}
	return rec, nil
}

// readDICOMObject parses one DICOM object and adds what it holds to rec.
func readDICOMObject(b []byte, f dicomFile, opts ReadOptions, rec *Record, seen map[SampleID]bool) error {
	ds, err := parseDICOM(b, f.strict)
	if errors.Is(err, ErrNotStrict) {
		return fmt.Errorf("%s: %w", f.name, err)
	}
	if errors.Is(err, errNoMeta) || (err != nil && (len(b) < 132 || string(b[128:132]) != "DICM")) {
		// No preamble or meta header (old files), or a meta header without a
		// transfer syntax: give it one and try again.
		var skipped int
		b, skipped = withMeta(b[afterMeta(b):])
		if skipped > 0 {
			rec.Warnings = append(rec.Warnings, fmt.Sprintf("%sno meta header; skipped %d stray bytes before the first element", f.entry, skipped))
		}
		ds, err = parseDICOM(b, f.strict)
	}
	if errors.Is(err, ErrNotStrict) {
		return fmt.Errorf("%s: %w", f.name, err)
	}
	if errors.Is(err, ErrMalformed) || errors.Is(err, ErrTooLarge) {
		return fmt.Errorf("%s: %w", f.name, err) // refused by checkLengths
	}
	if err != nil && !errors.Is(err, io.EOF) {
		if strings.Contains(err.Error(), "(7fe0,0010)") {
			return fmt.Errorf("%s: %w: pixel data truncated or unreadable: %v", f.name, ErrMalformed, err)
		}
		return fmt.Errorf("%s: %w: not readable as DICOM: %v", f.name, ErrMalformed, err)
	}
	d := dcm{&ds}
	sample := f.sample
	if sample == "" {
		sample = SampleID(d.str(tag.PatientID))
	}
	if sample == "" {
		sample = SampleIDFromPath(f.name)
		rec.Warnings = append(rec.Warnings, fmt.Sprintf("%sno PatientID; sample id %q taken from the file name", f.entry, sample))
	}
	if len(d.items(tag.WaveformSequence)) > 0 {
		ecgs, err := dicomECGs(d, sample, f.name)
		if err != nil {
			return err
		}
		rec.AddSample(sample, seen)
		rec.ECGs = append(rec.ECGs, ecgs...)
		return nil
	}
	if d.elem(tag.PixelData) == nil {
		return fmt.Errorf("%s: %w: DICOM %s without pixel data or waveform", f.name, ErrUnsupported, sopName(d))
	}
	s, err := dicomSeries(d, sample, f, b, opts)
	if err != nil {
		return err
	}
	rec.AddSample(sample, seen)
	mergeSeries(rec, s)
	return nil
}

// parseDICOM runs the third-party parser on a stream whose element lengths
// checkLengths accepted, turning the parser's panics into errors. Only
// the parser is guarded: a panic in qcterm's own code is a bug to fix, not input to refuse.
//
// Uncompressed pixel data is not copied: the parser skips it and the Pixel Data
// element is given the slice of b that checkLengths found (a third of the time
// to read a single-frame file went to that copy). Decoding may change those
// bytes in place, so b must be the caller's to give away.
func parseDICOM(b []byte, strict bool) (ds dicom.Dataset, err error) {
	pixels, err := checkLengths(b, strict)
	if err != nil {
		return dicom.Dataset{}, err
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("DICOM parser failed: %v", p)
		}
	}()
	opts := []dicom.ParseOption{dicom.SkipProcessingPixelDataValue(), dicom.AllowMissingMetaElementGroupLength(), dicom.AllowUnknownSpecificCharacterSet()}
	if pixels != nil {
		opts = append(opts, dicom.SkipPixelData())
	}
	ds, err = dicom.Parse(bytes.NewReader(b), int64(len(b)), nil, opts...)
	if pixels == nil || (err != nil && !errors.Is(err, io.EOF)) {
		return ds, err
	}
	for _, e := range ds.Elements {
		if e == nil || e.Tag != tag.PixelData || e.Value == nil {
			continue
		}
		if info, ok := e.Value.GetValue().(dicom.PixelDataInfo); ok && info.IntentionallySkipped && !info.IsEncapsulated {
			v, verr := dicom.NewValue(dicom.PixelDataInfo{IntentionallyUnprocessed: true, UnprocessedValueData: pixels})
			if verr != nil {
				return ds, fmt.Errorf("DICOM pixel data: %w", verr)
			}
			e.Value = v
		}
	}
	return ds, err
}

// mergeSeries adds s to rec, joining frames of the same series read from other entries of a zip.
func mergeSeries(rec *Record, s Series) {
	for i := range rec.Series {
		x := &rec.Series[i]
		if x.Sample == s.Sample && x.UID == s.UID && x.Rows == s.Rows && x.Cols == s.Cols && x.DType == s.DType && x.Channels == s.Channels {
			base := len(x.Frames)
			x.Frames = append(x.Frames, s.Frames...)
			for _, m := range s.Masks {
				m.Frame += base
				x.Masks = append(x.Masks, m)
			}
			if x.Status == "" {
				x.Status = s.Status
			}
			return
		}
	}
	rec.Series = append(rec.Series, s)
}

func sopName(d dcm) string {
	if m := d.str(tag.Modality); m != "" {
		return m + " object"
	}
	return "object"
}

// seriesName follows ml4h: the SeriesDescription lower-cased with spaces as underscores.
func seriesName(d dcm) string {
	desc := strings.TrimSpace(d.str(tag.SeriesDescription))
	if desc == "" {
		desc = strings.TrimSpace(strings.ToLower(d.str(tag.Modality)) + " series " + d.str(tag.SeriesNumber))
	}
	return strings.ReplaceAll(strings.ToLower(desc), " ", "_")
}

// dicomSeries builds this object's part of its series: geometry, display defaults and frames.
func dicomSeries(d dcm, sample SampleID, f dicomFile, raw []byte, opts ReadOptions) (Series, error) {
	s := Series{
		Sample: sample, UID: d.str(tag.SeriesInstanceUID), Group: "dicom", Name: seriesName(d),
		Instance: f.instance, Modality: d.str(tag.Modality),
		Rows: d.int(tag.Rows, 0), Cols: d.int(tag.Columns, 0), Channels: d.int(tag.SamplesPerPixel, 1),
		SliceThickness: d.float(tag.SliceThickness, 0), WindowCenter: d.float(tag.WindowCenter, 0),
		WindowWidth: d.float(tag.WindowWidth, 0), RescaleSlope: d.float(tag.RescaleSlope, 1),
		RescaleInter: d.float(tag.RescaleIntercept, 0), BitsStored: d.int(tag.BitsStored, 0),
		Photometric: strings.ToUpper(d.str(tag.PhotometricInterpretation)), Slices: 1,
	}
	if s.Instance == "" {
		s.Instance = d.str(tag.SeriesNumber)
	}
	if s.UID == "" {
		sum := sha256.Sum256([]byte(f.name))
		s.UID = "qcterm." + hex.EncodeToString(sum[:8])
	}
	if sp := d.floats(tag.PixelSpacing); len(sp) >= 2 {
		s.SpacingRow, s.SpacingCol = sp[0], sp[1]
	}
	if s.Rows <= 0 || s.Cols <= 0 || s.Rows > 1<<15 || s.Cols > 1<<15 {
		return Series{}, fmt.Errorf("%s: %w: image of %d×%d pixels", f.name, ErrMalformed, s.Rows, s.Cols)
	}
	if s.Channels != 1 && s.Channels != 3 {
		return Series{}, fmt.Errorf("%s: %w: %d samples per pixel", f.name, ErrUnsupported, s.Channels)
	}
	frames, status, err := decodeDICOMPixels(d, &s, f.name, raw, opts)
	if err != nil {
		return Series{}, err
	}
	s.Status = status
	pos, inst, trig := slicePosition(d), d.int(tag.InstanceNumber, 0), d.float(tag.TriggerTime, 0)
	frameTime := d.float(tag.FrameTime, 0)
	for k, px := range frames {
		s.Frames = append(s.Frames, Frame{Index: k, SlicePos: pos, TimeMS: trig + float64(k)*frameTime, Instance: inst, Pixels: px})
	}
	if m, ok := dicomOverlay(d, s.Rows, s.Cols); ok && len(s.Frames) > 0 {
		s.Masks = append(s.Masks, m)
	}
	return s, nil
}

// slicePosition is ImagePositionPatient projected on the slice normal (from
// ImageOrientationPatient), else SliceLocation, else 0.
func slicePosition(d dcm) float64 {
	ipp, iop := d.floats(tag.ImagePositionPatient), d.floats(tag.ImageOrientationPatient)
	if len(ipp) == 3 && len(iop) == 6 {
		n := [3]float64{
			iop[1]*iop[5] - iop[2]*iop[4],
			iop[2]*iop[3] - iop[0]*iop[5],
			iop[0]*iop[4] - iop[1]*iop[3],
		}
		p := ipp[0]*n[0] + ipp[1]*n[1] + ipp[2]*n[2]
		if !math.IsNaN(p) && !math.IsInf(p, 0) {
			return math.Round(p*1000) / 1000
		}
	}
	return d.float(tag.SliceLocation, 0)
}

// dicomOverlay reads overlay plane 0x6000 as a label map (1 where the overlay is set).
func dicomOverlay(d dcm, rows, cols int) (Mask, bool) {
	data := d.bytes(tag.OverlayData)
	or, oc := d.int(tag.Tag{Group: 0x6000, Element: 0x0010}, 0), d.int(tag.Tag{Group: 0x6000, Element: 0x0011}, 0)
	if len(data) == 0 || or <= 0 || oc <= 0 || or > 1<<16 || oc > 1<<16 || or*oc > 8*len(data) {
		return Mask{}, false
	}
	origin := d.floats(tag.Tag{Group: 0x6000, Element: 0x0050})
	r0, c0 := 0, 0
	if len(origin) >= 2 {
		r0, c0 = int(origin[0])-1, int(origin[1])-1
	}
	labels := make([]byte, rows*cols)
	for r := 0; r < or; r++ {
		for c := 0; c < oc; c++ {
			bit := r*oc + c
			if data[bit/8]&(1<<(bit%8)) == 0 {
				continue
			}
			y, x := r+r0, c+c0
			if y >= 0 && y < rows && x >= 0 && x < cols {
				labels[y*cols+x] = 1
			}
		}
	}
	return Mask{Frame: 0, Name: "overlay_6000", Rows: rows, Cols: cols, Labels: labels}, true
}

// zipInstance names a UK Biobank zip's series instance: "<field>_<instance>_<n>".
func zipInstance(base string) (SampleID, string) {
	m := ukbZipName.FindStringSubmatch(base)
	if m == nil {
		return "", ""
	}
	return SampleID(m[1]), m[2] + "_" + m[3] + "_" + m[4]
}
