package codec

import (
	"encoding/binary"
	"fmt"
)

// Frame is a decoded JPEG image, lossless (DecodeLosslessJPEG) or DCT-based
// (DecodeJPEG).
type Frame struct {
	Width, Height int
	// Components is the number of samples per pixel: 1 to 4 (1 or 3 in
	// DICOM).
	Components int
	// Precision is the sample precision P in bits: 2..16 for lossless
	// images, 8 or 12 for DCT-based ones.
	Precision int
	// Samples holds Width × Height × Components values, interleaved by
	// pixel, row by row. Values are the stored bit patterns; signed data
	// must be sign-extended by the caller from its bits stored. DCT-based
	// images hold their components as coded (Y, Cb, Cr for YBR), with
	// subsampled components upsampled to full resolution.
	Samples []uint16
	// ColorTransform is the transform flag of an Adobe APP14 segment (0: none,
	// 1: YCbCr, 2: YCCK), or -1 when the stream has none. It is information
	// only: the decoders never convert colours.
	ColorTransform int
}

// JPEG markers used by the lossless decoder (T.81 Table B.1).
const (
	markerSOF3 = 0xC3
	markerDHT  = 0xC4
	markerRST0 = 0xD0
	markerRST7 = 0xD7
	markerSOI  = 0xD8
	markerEOI  = 0xD9
	markerSOS  = 0xDA
	markerDNL  = 0xDC
	markerDRI  = 0xDD
)

// component is one frame component from SOF3.
type component struct {
	id   byte
	h, v int
	done bool // a scan has decoded it
}

// decoder holds the state of DecodeLosslessJPEG between markers.
type decoder struct {
	data       []byte
	frame      *Frame
	comps      []component
	tables     [4]*huffTable
	restart    int // restart interval in MCUs; 0 means none
	compressed int // bytes from SOI to the end of the input, for size bounds
}

// DecodeLosslessJPEG decodes a JPEG Lossless image, process 14 (T.81 Annex H;
// DICOM transfer syntaxes 1.2.840.10008.1.2.4.57 and .70), given the bytes of
// one frame from SOI to EOI.
//
// It supports SOF3 frames of 2 to 16 bits with 1 to 4 components, all
// predictors 1..7, point transforms, restart intervals, and components
// coded in one interleaved scan or in several scans. Other JPEG processes
// return an error wrapping ErrUnsupported.
func DecodeLosslessJPEG(data []byte) (*Frame, error) {
	if len(data) < 2 || data[0] != 0xFF || data[1] != markerSOI {
		return nil, fmt.Errorf("codec: jpeg: missing SOI marker: %w", ErrCorrupt)
	}
	d := &decoder{data: data, compressed: len(data)}
	pos := 2
	for {
		m, next, err := nextMarker(data, pos)
		if err != nil {
			if d.complete() {
				return d.frame, nil // a missing EOI loses nothing
			}
			return nil, err
		}
		pos = next
		switch {
		case m == markerEOI:
			return d.finish()
		case m >= markerRST0 && m <= markerRST7, m == markerSOI:
			// Stray markers without a length: ignore.
			continue
		}
		seg, err := segment(data, pos, m)
		if err != nil {
			return nil, err
		}
		pos += 2 + len(seg)
		switch m {
		case markerSOF3:
			err = d.parseSOF(seg)
		case markerDHT:
			err = d.parseDHT(seg)
		case markerDRI:
			err = d.parseDRI(seg)
		case markerSOS:
			pos, err = d.decodeScan(seg, pos)
		case markerDNL:
			err = fmt.Errorf("codec: jpeg: DNL marker (height defined after the scan): %w", ErrUnsupported)
		default:
			if isSOF(m) {
				err = fmt.Errorf("codec: jpeg: SOF%d is not lossless Huffman (process 14): %w", m-0xC0, ErrUnsupported)
			}
			// APPn, COM, DQT and the like carry nothing we need.
		}
		if err != nil {
			return nil, err
		}
	}
}

// isSOF reports whether m is a start-of-frame marker (C0..CF less DHT, JPG
// and DAC).
func isSOF(m byte) bool {
	return m >= 0xC0 && m <= 0xCF && m != markerDHT && m != 0xC8 && m != 0xCC
}

// nextMarker finds the marker at or after pos, skipping fill bytes, and
// returns its code and the position after it.
func nextMarker(data []byte, pos int) (byte, int, error) {
	for pos+1 < len(data) {
		if data[pos] != 0xFF {
			pos++ // tolerate stray bytes between segments
			continue
		}
		m := data[pos+1]
		if m == 0xFF || m == 0x00 {
			pos++
			continue
		}
		return m, pos + 2, nil
	}
	return 0, pos, fmt.Errorf("codec: jpeg: input ends at byte %d before EOI: %w", len(data), ErrTruncated)
}

// segment returns the payload of the marker segment whose length field is
// at pos.
func segment(data []byte, pos int, m byte) ([]byte, error) {
	if pos+2 > len(data) {
		return nil, fmt.Errorf("codec: jpeg: marker %#x at byte %d: length missing: %w", m, pos-2, ErrTruncated)
	}
	n := int(binary.BigEndian.Uint16(data[pos:]))
	if n < 2 {
		return nil, fmt.Errorf("codec: jpeg: marker %#x at byte %d: length %d: %w", m, pos-2, n, ErrCorrupt)
	}
	if pos+n > len(data) {
		return nil, fmt.Errorf("codec: jpeg: marker %#x at byte %d: length %d beyond input length %d: %w",
			m, pos-2, n, len(data), ErrTruncated)
	}
	return data[pos+2 : pos+n], nil
}

// parseSOF reads a SOF3 frame header (T.81 B.2.2) and allocates the output,
// refusing sizes the input cannot justify.
func (d *decoder) parseSOF(seg []byte) error {
	if d.frame != nil {
		return fmt.Errorf("codec: jpeg: second SOF3 marker: %w", ErrUnsupported)
	}
	if len(seg) < 6 {
		return fmt.Errorf("codec: jpeg: SOF3 length %d: %w", len(seg), ErrTruncated)
	}
	p, y, x, nf := int(seg[0]), int(binary.BigEndian.Uint16(seg[1:])), int(binary.BigEndian.Uint16(seg[3:])), int(seg[5])
	switch {
	case p < 2 || p > 16:
		return fmt.Errorf("codec: jpeg: SOF3 precision %d (want 2..16): %w", p, ErrCorrupt)
	case y == 0:
		return fmt.Errorf("codec: jpeg: SOF3 height 0 (defined by DNL): %w", ErrUnsupported)
	case x == 0:
		return fmt.Errorf("codec: jpeg: SOF3 width 0: %w", ErrCorrupt)
	case nf < 1 || nf > 4:
		return fmt.Errorf("codec: jpeg: SOF3 with %d components (want 1..4): %w", nf, ErrUnsupported)
	case len(seg) != 6+3*nf:
		return fmt.Errorf("codec: jpeg: SOF3 length %d for %d components: %w", len(seg), nf, ErrCorrupt)
	}
	d.comps = make([]component, nf)
	for i := range d.comps {
		c := seg[6+3*i:]
		d.comps[i] = component{id: c[0], h: int(c[1] >> 4), v: int(c[1] & 15)}
		for j := range i {
			if d.comps[j].id == c[0] {
				return fmt.Errorf("codec: jpeg: SOF3 component id %d repeated: %w", c[0], ErrCorrupt)
			}
		}
		if nf > 1 && (d.comps[i].h != 1 || d.comps[i].v != 1) {
			return fmt.Errorf("codec: jpeg: component %d sampling %d×%d (only 1×1 decoded): %w",
				c[0], d.comps[i].h, d.comps[i].v, ErrUnsupported)
		}
	}
	// Every sample costs at least one bit of entropy-coded data.
	samples := x * y * nf
	if samples > MaxFrameSamples || samples > 8*d.compressed {
		return fmt.Errorf("codec: jpeg: frame %d×%d×%d too large for %d bytes of input: %w",
			x, y, nf, d.compressed, ErrTooLarge)
	}
	d.frame = &Frame{Width: x, Height: y, Components: nf, Precision: p, Samples: make([]uint16, samples), ColorTransform: -1}
	return nil
}

// parseDHT reads one or more Huffman tables (T.81 B.2.4.2).
func (d *decoder) parseDHT(seg []byte) error {
	return readDHT(seg, true, func(class, id byte, t *huffTable) {
		d.tables[id] = t
	})
}

// parseDRI reads the restart interval (T.81 B.2.4.4).
func (d *decoder) parseDRI(seg []byte) (err error) {
	d.restart, err = readDRI(seg)
	return err
}

// complete reports whether a frame header was read and every component
// has been scanned.
func (d *decoder) complete() bool {
	if d.frame == nil {
		return false
	}
	for _, c := range d.comps {
		if !c.done {
			return false
		}
	}
	return true
}

// finish checks that every component was decoded and returns the frame.
func (d *decoder) finish() (*Frame, error) {
	if d.frame == nil {
		return nil, fmt.Errorf("codec: jpeg: EOI before a SOF3 frame header: %w", ErrCorrupt)
	}
	for _, c := range d.comps {
		if !c.done {
			return nil, fmt.Errorf("codec: jpeg: EOI before component %d was scanned: %w", c.id, ErrTruncated)
		}
	}
	return d.frame, nil
}
