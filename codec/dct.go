package codec

import (
	"encoding/binary"
	"fmt"
)

// Markers used by the DCT decoder besides those of the lossless one
// (T.81 Table B.1).
const (
	markerSOF0  = 0xC0 // baseline
	markerSOF1  = 0xC1 // extended sequential, Huffman
	markerSOF2  = 0xC2 // progressive, Huffman
	markerDQT   = 0xDB
	markerAPP14 = 0xEE
)

// dctComp is one frame component of a DCT-based image.
type dctComp struct {
	id   byte
	h, v int // sampling factors 1..4
	tq   int // quantization table selector from the SOF
	// w and hgt are the component's size in samples, ceil(X·h/Hmax) and
	// ceil(Y·v/Vmax) (T.81 A.1.1).
	w, hgt int
	// bw and bh are the blocks allocated per line and per column: whole
	// MCUs of the interleaved layout, at least ceil(w/8) × ceil(hgt/8).
	bw, bh int
	// coef holds bw·bh blocks of 64 quantized coefficients in natural
	// (row-major) order.
	coef    []int16
	q       [64]int // dequantization table latched at the first scan
	latched bool    // q is set
	scanned bool    // a scan has coded it (for progressive, its DC)
	dcPred  int32
}

// dctDecoder holds the state of DecodeJPEG between markers.
type dctDecoder struct {
	data        []byte
	sof         byte // the SOF marker: SOF0, SOF1 or SOF2
	precision   int
	width       int
	height      int
	comps       []dctComp
	hmax, vmax  int
	mcusX       int // MCUs per line of an interleaved scan
	mcusY       int
	qt          [4]*[64]int // natural order
	dc, ac      [4]*huffTable
	restart     int // restart interval in MCUs; 0 means none
	transform   int // Adobe APP14 transform flag, -1 when absent
	progressive bool
}

// DecodeJPEG decodes a DCT-based JPEG image (ITU-T T.81) given the bytes of
// one frame from SOI to EOI: baseline (process 1, SOF0; DICOM transfer
// syntax 1.2.840.10008.1.2.4.50), extended sequential Huffman (processes 2
// and 4, SOF1, 8- or 12-bit; 1.2.840.10008.1.2.4.51) and progressive Huffman
// (SOF2, 8- or 12-bit). Streams whose frame is lossless (SOF3) are passed to
// DecodeLosslessJPEG, so any JPEG found in DICOM pixel data can be given here.
//
// The frame holds the components as coded, with no colour conversion:
// components with smaller sampling factors are upsampled to full resolution
// the way libjpeg (and so dcmtk) does by default, with the triangular filter
// for 2:1 ratios. The caller converts YBR_FULL or YBR_FULL_422 data with
// YBRToRGB. The inverse DCT is the accurate integer one of libjpeg
// (jidctint), so results match dcmtk's dcmdjpeg.
//
// Arithmetic coding, hierarchical processes, heights defined by DNL and
// sampling ratios that are not whole numbers return an error wrapping
// ErrUnsupported.
func DecodeJPEG(data []byte) (*Frame, error) {
	if len(data) < 2 || data[0] != 0xFF || data[1] != markerSOI {
		return nil, fmt.Errorf("codec: jpeg: missing SOI marker: %w", ErrCorrupt)
	}
	d := &dctDecoder{data: data, transform: -1}
	pos := 2
	for {
		m, next, err := nextMarker(data, pos)
		if err != nil {
			if d.complete() {
				// No EOI: return what the scans coded, as libjpeg does
				// (for a progressive image, possibly not fully refined).
				return d.output()
			}
			return nil, err
		}
		pos = next
		switch {
		case m == markerEOI:
			return d.finish()
		case m >= markerRST0 && m <= markerRST7, m == markerSOI:
			continue // stray markers without a length
		}
		seg, err := segment(data, pos, m)
		if err != nil {
			return nil, err
		}
		pos += 2 + len(seg)
		switch m {
		case markerSOF0, markerSOF1, markerSOF2:
			err = d.parseSOF(m, seg)
		case markerSOF3:
			if d.sof != 0 {
				return nil, fmt.Errorf("codec: jpeg: SOF3 after SOF%d: %w", d.sof-0xC0, ErrCorrupt)
			}
			return DecodeLosslessJPEG(data)
		case markerDHT:
			err = d.parseDHT(seg)
		case markerDQT:
			err = d.parseDQT(seg)
		case markerDRI:
			err = d.parseDRI(seg)
		case markerAPP14:
			d.parseAdobe(seg)
		case markerSOS:
			pos, err = d.decodeScan(seg, pos)
		case markerDNL:
			err = fmt.Errorf("codec: jpeg: DNL marker (height defined after the scan): %w", ErrUnsupported)
		default:
			if isSOF(m) {
				err = fmt.Errorf("codec: jpeg: SOF%d (%s) is not decoded: %w", m-0xC0, sofName(m), ErrUnsupported)
			}
			// APPn, COM and the like carry nothing we need.
		}
		if err != nil {
			return nil, err
		}
	}
}

// sofName names the process of an unsupported SOF marker.
func sofName(m byte) string {
	switch {
	case m >= 0xC9:
		return "arithmetic coding"
	default:
		return "hierarchical"
	}
}

// parseSOF reads a DCT frame header (T.81 B.2.2), checks the sampling
// factors and allocates the coefficients, refusing sizes the input cannot
// justify.
func (d *dctDecoder) parseSOF(m byte, seg []byte) error {
	name := fmt.Sprintf("SOF%d", m-0xC0)
	if d.sof != 0 {
		return fmt.Errorf("codec: jpeg: %s after SOF%d: %w", name, d.sof-0xC0, ErrUnsupported)
	}
	if len(seg) < 6 {
		return fmt.Errorf("codec: jpeg: %s length %d: %w", name, len(seg), ErrTruncated)
	}
	p, y, x, nf := int(seg[0]), int(binary.BigEndian.Uint16(seg[1:])), int(binary.BigEndian.Uint16(seg[3:])), int(seg[5])
	switch {
	case p != 8 && p != 12:
		return fmt.Errorf("codec: jpeg: %s precision %d (want 8 or 12): %w", name, p, ErrCorrupt)
	case y == 0:
		return fmt.Errorf("codec: jpeg: %s height 0 (defined by DNL): %w", name, ErrUnsupported)
	case x == 0:
		return fmt.Errorf("codec: jpeg: %s width 0: %w", name, ErrCorrupt)
	case nf < 1 || nf > 4:
		return fmt.Errorf("codec: jpeg: %s with %d components (want 1..4): %w", name, nf, ErrUnsupported)
	case len(seg) != 6+3*nf:
		return fmt.Errorf("codec: jpeg: %s length %d for %d components: %w", name, len(seg), nf, ErrCorrupt)
	}
	d.sof, d.precision, d.width, d.height, d.progressive = m, p, x, y, m == markerSOF2
	d.comps = make([]dctComp, nf)
	d.hmax, d.vmax = 1, 1
	for i := range d.comps {
		c := seg[6+3*i:]
		h, v, tq := int(c[1]>>4), int(c[1]&15), int(c[2])
		switch {
		case h < 1 || h > 4 || v < 1 || v > 4:
			return fmt.Errorf("codec: jpeg: component %d sampling %d×%d (want 1..4): %w", c[0], h, v, ErrCorrupt)
		case tq > 3:
			return fmt.Errorf("codec: jpeg: component %d quantization table %d (want 0..3): %w", c[0], tq, ErrCorrupt)
		}
		for j := range i {
			if d.comps[j].id == c[0] {
				return fmt.Errorf("codec: jpeg: %s component id %d repeated: %w", name, c[0], ErrCorrupt)
			}
		}
		if nf == 1 {
			h, v = 1, 1 // a single component's MCU is one block (T.81 A.2.2)
		}
		d.comps[i] = dctComp{id: c[0], h: h, v: v, tq: tq}
		d.hmax, d.vmax = max(d.hmax, h), max(d.vmax, v)
	}
	d.mcusX = ceilDiv(x, 8*d.hmax)
	d.mcusY = ceilDiv(y, 8*d.vmax)
	samples, coded := x*y*nf, 0
	for i := range d.comps {
		c := &d.comps[i]
		if d.hmax%c.h != 0 || d.vmax%c.v != 0 {
			return fmt.Errorf("codec: jpeg: component %d sampling %d×%d is not a whole fraction of %d×%d: %w",
				c.id, c.h, c.v, d.hmax, d.vmax, ErrUnsupported)
		}
		c.w, c.hgt = ceilDiv(x*c.h, d.hmax), ceilDiv(y*c.v, d.vmax)
		c.bw, c.bh = d.mcusX*c.h, d.mcusY*c.v
		coded += ceilDiv(c.w, 8) * ceilDiv(c.hgt, 8)
	}
	// Every coded block costs at least one bit of entropy-coded data (its
	// DC code); the allocation is at most four times the coded blocks.
	if samples > MaxFrameSamples || coded > 8*len(d.data) {
		return fmt.Errorf("codec: jpeg: frame %d×%d×%d too large for %d bytes of input: %w",
			x, y, nf, len(d.data), ErrTooLarge)
	}
	for i := range d.comps {
		c := &d.comps[i]
		c.coef = make([]int16, c.bw*c.bh*64)
	}
	return nil
}

// ceilDiv returns ⌈a/b⌉ for positive a and b.
func ceilDiv(a, b int) int { return (a + b - 1) / b }

// parseDQT reads one or more quantization tables (T.81 B.2.4.1).
func (d *dctDecoder) parseDQT(seg []byte) error {
	for len(seg) > 0 {
		pq, tq := seg[0]>>4, seg[0]&15
		if pq > 1 || tq > 3 {
			return fmt.Errorf("codec: jpeg: DQT table %d precision %d: %w", tq, pq, ErrCorrupt)
		}
		n := 1 + 64*(1+int(pq))
		if len(seg) < n {
			return fmt.Errorf("codec: jpeg: DQT table %d of %d bytes, want %d: %w", tq, len(seg), n, ErrTruncated)
		}
		t := new([64]int)
		for k := range 64 {
			if pq == 0 {
				t[unzig[k]] = int(seg[1+k])
			} else {
				t[unzig[k]] = int(binary.BigEndian.Uint16(seg[1+2*k:]))
			}
		}
		d.qt[tq] = t
		seg = seg[n:]
	}
	return nil
}

// parseDHT reads one or more DC or AC Huffman tables (T.81 B.2.4.2).
func (d *dctDecoder) parseDHT(seg []byte) error {
	return readDHT(seg, false, func(class, id byte, t *huffTable) {
		if class == 0 {
			d.dc[id] = t
		} else {
			d.ac[id] = t
		}
	})
}

// parseDRI reads the restart interval (T.81 B.2.4.4).
func (d *dctDecoder) parseDRI(seg []byte) (err error) {
	d.restart, err = readDRI(seg)
	return err
}

// parseAdobe records the transform flag of an Adobe APP14 segment; other
// APP14 segments are ignored.
func (d *dctDecoder) parseAdobe(seg []byte) {
	if len(seg) >= 12 && string(seg[:5]) == "Adobe" {
		d.transform = int(seg[11])
	}
}

// complete reports whether a frame header was read and every component
// has been coded by a scan.
func (d *dctDecoder) complete() bool {
	if d.sof == 0 {
		return false
	}
	for _, c := range d.comps {
		if !c.scanned {
			return false
		}
	}
	return true
}

// finish checks at EOI that every component was coded and builds the frame.
func (d *dctDecoder) finish() (*Frame, error) {
	if d.sof == 0 {
		return nil, fmt.Errorf("codec: jpeg: EOI before a frame header: %w", ErrCorrupt)
	}
	for _, c := range d.comps {
		if !c.scanned {
			return nil, fmt.Errorf("codec: jpeg: EOI before component %d was scanned: %w", c.id, ErrTruncated)
		}
	}
	return d.output()
}

// unzig maps the zig-zag index of a coefficient to its natural index
// (T.81 Figure A.6).
var unzig = [64]uint8{
	0, 1, 8, 16, 9, 2, 3, 10,
	17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34,
	27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36,
	29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46,
	53, 60, 61, 54, 47, 55, 62, 63,
}
