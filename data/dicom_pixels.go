package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/suyashkumar/dicom"
	"github.com/suyashkumar/dicom/pkg/tag"

	"qcterm/codec"
)

// Transfer syntaxes qcterm knows by name.
var transferSyntaxes = map[string]string{
	"1.2.840.10008.1.2":         "Implicit VR Little Endian",
	"1.2.840.10008.1.2.1":       "Explicit VR Little Endian",
	"1.2.840.10008.1.2.1.99":    "Deflated Explicit VR Little Endian",
	"1.2.840.10008.1.2.2":       "Explicit VR Big Endian",
	"1.2.840.10008.1.2.5":       "RLE Lossless",
	"1.2.840.10008.1.2.4.50":    "JPEG Baseline (Process 1)",
	"1.2.840.10008.1.2.4.51":    "JPEG Extended (Process 2 & 4)",
	"1.2.840.10008.1.2.4.57":    "JPEG Lossless (Process 14)",
	"1.2.840.10008.1.2.4.70":    "JPEG Lossless SV1",
	"1.2.840.10008.1.2.4.80":    "JPEG-LS Lossless",
	"1.2.840.10008.1.2.4.81":    "JPEG-LS Near-Lossless",
	"1.2.840.10008.1.2.4.90":    "JPEG 2000 Lossless",
	"1.2.840.10008.1.2.4.91":    "JPEG 2000",
	"1.2.840.10008.1.2.4.201":   "HTJ2K Lossless",
	"1.2.840.10008.1.2.4.100":   "MPEG2",
	"1.2.840.10008.1.2.4.102":   "MPEG-4 AVC/H.264",
	"1.2.840.10008.1.2.1.98":    "Encapsulated Uncompressed Explicit VR Little Endian",
	"1.2.840.10008.1.2.4.202":   "HTJ2K Lossless RPCL",
	"1.2.840.10008.1.2.4.203":   "HTJ2K",
	"1.2.840.10008.1.2.4.100.1": "MPEG2 Main Profile",
}

func tsName(uid string) string {
	if n, ok := transferSyntaxes[uid]; ok {
		return n
	}
	return "transfer syntax " + uid
}

// pixelLayout is what the DICOM header says about the stored pixels.
type pixelLayout struct {
	rows, cols, spp, bitsAlloc, bitsStored, frames int
	signed, planar                                 bool
}

func (p pixelLayout) frameBytes() int { return p.rows * p.cols * p.spp * p.bitsAlloc / 8 }

// decodeDICOMPixels returns every frame as stored values in the series' DType
// (set here), or, for encodings not decodable here, nil frames and a status.
func decodeDICOMPixels(d dcm, s *Series, name string, raw []byte, opts ReadOptions) ([][]byte, string, error) {
	ts := d.str(tag.TransferSyntaxUID)
	if ts == "" {
		ts = "1.2.840.10008.1.2"
	}
	p := pixelLayout{rows: s.Rows, cols: s.Cols, spp: s.Channels, bitsAlloc: d.int(tag.BitsAllocated, 0),
		bitsStored: d.int(tag.BitsStored, 0), frames: d.int(tag.NumberOfFrames, 1),
		signed: d.int(tag.PixelRepresentation, 0) == 1, planar: d.int(tag.PlanarConfiguration, 0) == 1}
	if p.bitsStored <= 0 || p.bitsStored > p.bitsAlloc {
		p.bitsStored = p.bitsAlloc
	}
	if p.frames < 1 {
		p.frames = 1
	}
	if p.frames > len(raw) {
		// Every frame takes at least a byte of the file; this also keeps the size products below from overflowing.
		return nil, "", fmt.Errorf("%s: %w: %d frames in a file of %d bytes", name, ErrMalformed, p.frames, len(raw))
	}
	switch p.bitsAlloc {
	case 1, 8, 16:
	case 32:
		return nil, "", fmt.Errorf("%s: %w: %d bits allocated per pixel", name, ErrUnsupported, p.bitsAlloc)
	default:
		return nil, "", fmt.Errorf("%s: %w: %d bits allocated per pixel", name, ErrMalformed, p.bitsAlloc)
	}
	if n := int64(p.rows) * int64(p.cols) * int64(p.spp); opts.MaxElements > 0 && int64(p.frames) > opts.MaxElements/n {
		return nil, "", fmt.Errorf("%s: %w: %d frames of %d×%d exceed the limit of %d values", name, ErrTooLarge, p.frames, p.rows, p.cols, opts.MaxElements)
	}
	s.DType = storedType(p)
	if s.Channels == 3 {
		s.DType = DTypeUint8
	}
	info, err := pixelInfo(d)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", name, err)
	}
	if p.bitsAlloc == 1 { // binary images (segmentations): one bit per pixel, packed across frames
		if info.IsEncapsulated || p.spp != 1 {
			return nil, "", fmt.Errorf("%s: %w: 1-bit pixels that are encapsulated or in colour", name, ErrUnsupported)
		}
		s.DType = DTypeUint8
		frames, err := unpackBits(info.UnprocessedValueData, p)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", name, err)
		}
		return frames, "", nil
	}
	var frames [][]byte
	switch {
	case !info.IsEncapsulated && s.Photometric == "YBR_FULL_422" && p.spp == 3 && p.bitsAlloc == 8:
		if p.cols%2 != 0 {
			return nil, "", fmt.Errorf("%s: %w: YBR_FULL_422 image with an odd number of columns (%d)", name, ErrMalformed, p.cols)
		}
		half := p
		half.spp = 2 // Y1 Y2 Cb Cr: two bytes per pixel
		if frames, err = nativeFrames(info.UnprocessedValueData, half, false); err == nil {
			for i, f := range frames {
				frames[i] = expandYBR422(f, p.rows, p.cols)
			}
			s.Photometric = "YBR_FULL"
		}
	case !info.IsEncapsulated:
		frames, err = nativeFrames(info.UnprocessedValueData, p, ts == "1.2.840.10008.1.2.2")
	case ts == "1.2.840.10008.1.2.5":
		frames, err = encapsulatedFrames(info, p, func(b []byte) ([]byte, error) {
			return codec.DecodeRLE(b, p.rows, p.cols, p.spp, p.bitsAlloc)
		})
	case ts == "1.2.840.10008.1.2.4.57" || ts == "1.2.840.10008.1.2.4.70" || ts == "1.2.840.10008.1.2.4.50" || ts == "1.2.840.10008.1.2.4.51":
		frames, err = encapsulatedFrames(info, p, func(b []byte) ([]byte, error) { return jpegFrame(b, p, ts, s.Photometric) })
		if strings.HasPrefix(s.Photometric, "YBR") {
			s.Photometric = "RGB" // converted by jpegFrame
		}
	default:
		return externalDecode(s, p, name, raw, ts)
	}
	if err != nil {
		return nil, "", fmt.Errorf("%s: %s: %w", name, tsName(ts), classify(err))
	}
	for i, f := range frames {
		frames[i] = toStored(f, p, s)
	}
	if s.Channels == 3 {
		s.Photometric = "RGB"
	}
	if s.Photometric == "PALETTE COLOR" {
		luts, err := readPalette(d)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", name, err)
		}
		for i, f := range frames {
			frames[i] = applyPalette(f, s.DType, luts)
		}
		s.Channels, s.DType, s.Photometric = 3, DTypeUint8, "RGB"
	}
	return frames, "", nil
}

// classify makes a decoding error one of the package's sentinels as well:
// codec.ErrUnsupported is ErrUnsupported, any other codec failure ErrMalformed.
func classify(err error) error {
	switch {
	case errors.Is(err, ErrMalformed), errors.Is(err, ErrUnsupported), errors.Is(err, ErrTooLarge):
		return err
	case errors.Is(err, codec.ErrUnsupported):
		return fmt.Errorf("%w: %w", ErrUnsupported, err)
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}

// pixelInfo returns the PixelData element's value.
func pixelInfo(d dcm) (dicom.PixelDataInfo, error) {
	e := d.elem(tag.PixelData)
	info, ok := e.Value.GetValue().(dicom.PixelDataInfo)
	if !ok {
		return dicom.PixelDataInfo{}, fmt.Errorf("%w: pixel data element of unexpected type", ErrMalformed)
	}
	return info, nil
}

func storedType(p pixelLayout) string {
	switch {
	case p.bitsAlloc == 8 && !p.signed:
		return DTypeUint8
	case p.bitsAlloc == 8:
		return DTypeInt16
	case p.signed:
		return DTypeInt16
	}
	return DTypeUint16
}

// nativeFrames splits uncompressed pixel data into frames (little-endian samples).
func nativeFrames(b []byte, p pixelLayout, bigEndian bool) ([][]byte, error) {
	fb := p.frameBytes()
	if len(b) < fb*p.frames {
		return nil, fmt.Errorf("%w: pixel data truncated: %d bytes for %d frame(s) of %d×%d×%d at %d bits (%d needed)",
			ErrMalformed, len(b), p.frames, p.rows, p.cols, p.spp, p.bitsAlloc, fb*p.frames)
	}
	out := make([][]byte, p.frames)
	for k := range out {
		f := b[k*fb : (k+1)*fb : (k+1)*fb] // the parser's own copy: no need for another
		if bigEndian && p.bitsAlloc == 16 {
			for i := 0; i+1 < len(f); i += 2 {
				f[i], f[i+1] = f[i+1], f[i]
			}
		}
		if p.planar && p.spp == 3 {
			f = interleave(f, p)
		}
		out[k] = f
	}
	return out, nil
}

// interleave turns planar colour (RRR…GGG…BBB…) into interleaved RGB.
func interleave(f []byte, p pixelLayout) []byte {
	n, bps := p.rows*p.cols, p.bitsAlloc/8
	out := make([]byte, len(f))
	for i := 0; i < n; i++ {
		for c := 0; c < 3; c++ {
			copy(out[(i*3+c)*bps:(i*3+c+1)*bps], f[(c*n+i)*bps:(c*n+i+1)*bps])
		}
	}
	return out
}

// encapsulatedFrames gives each frame its fragments (one fragment per frame, or
// all fragments for a single frame, or fragments split at JPEG start markers) and decodes it.
func encapsulatedFrames(info dicom.PixelDataInfo, p pixelLayout, decode func([]byte) ([]byte, error)) ([][]byte, error) {
	var frags [][]byte
	for _, f := range info.Frames {
		if f != nil {
			frags = append(frags, f.EncapsulatedData.Data)
		}
	}
	if len(frags) == 0 {
		return nil, fmt.Errorf("%w: encapsulated pixel data without fragments", ErrMalformed)
	}
	var groups [][]byte
	switch {
	case len(frags) == p.frames:
		groups = frags
	case p.frames == 1:
		groups = [][]byte{concatBytes(frags)}
	default:
		var cur []byte
		for _, f := range frags {
			if len(f) >= 2 && f[0] == 0xFF && f[1] == 0xD8 && cur != nil {
				groups = append(groups, cur)
				cur = nil
			}
			cur = append(cur, f...)
		}
		groups = append(groups, cur)
		if len(groups) != p.frames {
			return nil, fmt.Errorf("%w: %d fragments cannot be split into %d frames", ErrMalformed, len(frags), p.frames)
		}
	}
	out := make([][]byte, len(groups))
	for k, g := range groups {
		f, err := decode(g)
		if err != nil {
			return nil, fmt.Errorf("frame %d: %w", k, err)
		}
		if len(f) != p.frameBytes() {
			return nil, fmt.Errorf("frame %d: %w: decoded %d bytes, expected %d", k, ErrMalformed, len(f), p.frameBytes())
		}
		out[k] = f
	}
	return out, nil
}

func concatBytes(parts [][]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// jpegFrame decodes a lossless or DCT JPEG frame to little-endian samples of bitsAlloc bits.
func jpegFrame(b []byte, p pixelLayout, ts, photometric string) ([]byte, error) {
	var f *codec.Frame
	var err error
	if ts == "1.2.840.10008.1.2.4.57" || ts == "1.2.840.10008.1.2.4.70" {
		f, err = codec.DecodeLosslessJPEG(b)
	} else {
		f, err = codec.DecodeJPEG(b)
	}
	if err != nil {
		return nil, err
	}
	if f.Width != p.cols || f.Height != p.rows || f.Components != p.spp {
		return nil, fmt.Errorf("%w: JPEG of %d×%d×%d in a %d×%d×%d image", ErrMalformed, f.Width, f.Height, f.Components, p.cols, p.rows, p.spp)
	}
	samples := f.Samples
	lossless := ts == "1.2.840.10008.1.2.4.57" || ts == "1.2.840.10008.1.2.4.70"
	if p.spp == 3 && !lossless && (strings.HasPrefix(photometric, "YBR") || f.ColorTransform == 1) {
		codec.YBRToRGB(samples, f.Precision)
	}
	out := make([]byte, len(samples)*p.bitsAlloc/8)
	for i, v := range samples {
		if p.bitsAlloc == 8 {
			out[i] = byte(v)
		} else {
			binary.LittleEndian.PutUint16(out[2*i:], v)
		}
	}
	return out, nil
}

// toStored converts decoded samples to the series' type: masks bits above
// BitsStored, sign-extends signed data, converts colour to 8-bit RGB.
func toStored(f []byte, p pixelLayout, s *Series) []byte {
	photo := s.Photometric
	if p.spp == 3 {
		rgb := f
		if p.bitsAlloc == 16 {
			rgb = make([]byte, len(f)/2)
			for i := range rgb {
				rgb[i] = byte(binary.LittleEndian.Uint16(f[2*i:]) >> max(p.bitsStored-8, 0))
			}
		}
		if photo == "YBR_FULL" || photo == "YBR_FULL_422" {
			ybrToRGB8(rgb)
		}
		return rgb
	}
	if p.bitsAlloc == 8 {
		if p.signed {
			out := make([]byte, 2*len(f))
			for i, v := range f {
				binary.LittleEndian.PutUint16(out[2*i:], uint16(int16(int8(v))))
			}
			return out
		}
		return f
	}
	shift := 16 - p.bitsStored
	if shift <= 0 && !p.signed {
		return f
	}
	if !p.signed { // clear the bits above BitsStored, four samples at a time
		m := uint64(1)<<p.bitsStored - 1
		m |= m<<16 | m<<32 | m<<48
		i := 0
		for ; i+8 <= len(f); i += 8 {
			binary.LittleEndian.PutUint64(f[i:], binary.LittleEndian.Uint64(f[i:])&m)
		}
		for ; i+1 < len(f); i += 2 {
			binary.LittleEndian.PutUint16(f[i:], binary.LittleEndian.Uint16(f[i:])&uint16(m))
		}
		return f
	}
	for i := 0; i+1 < len(f); i += 2 {
		v := binary.LittleEndian.Uint16(f[i:])
		if p.signed {
			v = uint16(int16(v<<shift) >> shift)
		} else if shift > 0 {
			v &= 1<<p.bitsStored - 1
		}
		binary.LittleEndian.PutUint16(f[i:], v)
	}
	return f
}

// ybrToRGB8 converts interleaved full-range YCbCr to RGB in place (DICOM PS3.3 C.7.6.3.1.2).
func ybrToRGB8(px []byte) {
	clamp := func(v float64) byte { return byte(math.Max(0, math.Min(255, math.Round(v)))) }
	for i := 0; i+2 < len(px); i += 3 {
		y, cb, cr := float64(px[i]), float64(px[i+1])-128, float64(px[i+2])-128
		px[i], px[i+1], px[i+2] = clamp(y+1.402*cr), clamp(y-0.344136*cb-0.714136*cr), clamp(y+1.772*cb)
	}
}

// externalDecode hands JPEG-LS and JPEG 2000 to dcmtk's dcmdjpls or gdcm's
// gdcmconv when installed; otherwise the series keeps its metadata and says why
// its frames are missing.
func externalDecode(s *Series, p pixelLayout, name string, raw []byte, ts string) ([][]byte, string, error) {
	install := "install dcmtk (dcmdjpls) or gdcm (gdcmconv)"
	if strings.Contains(tsName(ts), "2000") {
		install = "install gdcm (gdcmconv)"
	}
	notHere := fmt.Sprintf("not decodable here: %s; %s", tsName(ts), install)
	tool := externalTool(ts)
	if tool == nil {
		return make([][]byte, p.frames), notHere, nil
	}
	dir, err := os.MkdirTemp("", "qcterm-decode-")
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", name, err)
	}
	defer os.RemoveAll(dir)
	in, out := filepath.Join(dir, "in.dcm"), filepath.Join(dir, "out.dcm")
	if err := os.WriteFile(in, raw, 0o600); err != nil {
		return nil, "", fmt.Errorf("%s: %w", name, err)
	}
	if msg, err := exec.Command(tool[0], append(tool[1:], in, out)...).CombinedOutput(); err != nil {
		return nil, "", fmt.Errorf("%s: %w: %s could not decode %s: %s", name, ErrMalformed, tool[0], tsName(ts), strings.TrimSpace(string(msg)))
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, "", fmt.Errorf("%s: decoded copy: %w", name, err)
	}
	ds, err := dicom.Parse(bytes.NewReader(b), int64(len(b)), nil, dicom.SkipProcessingPixelDataValue())
	if err != nil {
		return nil, "", fmt.Errorf("%s: decoded copy: %w", name, err)
	}
	dd := dcm{&ds}
	s.Photometric = strings.ToUpper(dd.str(tag.PhotometricInterpretation))
	return decodeDICOMPixels(dd, s, name, b, DefaultReadOptions())
}

// externalTool is the command that decodes ts to native, or nil.
func externalTool(ts string) []string {
	var candidates [][]string
	switch ts {
	case "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81":
		candidates = [][]string{{"dcmdjpls"}, {"gdcmconv", "--raw"}}
	case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91":
		candidates = [][]string{{"gdcmconv", "--raw"}}
	}
	for _, c := range candidates {
		if _, err := exec.LookPath(c[0]); err == nil {
			return c
		}
	}
	return nil
}

// unpackBits turns 1-bit pixel data (least significant bit first, frames
// following each other without padding) into frames of 0/1 bytes.
func unpackBits(b []byte, p pixelLayout) ([][]byte, error) {
	n := p.rows * p.cols
	if need := (n*p.frames + 7) / 8; len(b) < need {
		return nil, fmt.Errorf("%w: pixel data truncated: %d bytes for %d frame(s) of %d×%d at 1 bit (%d needed)",
			ErrMalformed, len(b), p.frames, p.rows, p.cols, need)
	}
	out := make([][]byte, p.frames)
	for k := range out {
		f := make([]byte, n)
		for i := range f {
			bit := k*n + i
			f[i] = b[bit/8] >> (bit % 8) & 1
		}
		out[k] = f
	}
	return out, nil
}
