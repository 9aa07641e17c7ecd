package data

import (
	"encoding/binary"
	"fmt"

	"github.com/suyashkumar/dicom/pkg/tag"
)

// paletteLUT is one channel of a PALETTE COLOR lookup table, as 8-bit values.
type paletteLUT struct {
	first int
	vals  []byte
}

// readPalette reads the red, green and blue lookup tables (descriptor 0028,110x, data 0028,120x).
func readPalette(d dcm) ([3]paletteLUT, error) {
	var luts [3]paletteLUT
	for c := 0; c < 3; c++ {
		desc := d.floats(tag.Tag{Group: 0x0028, Element: uint16(0x1101 + c)})
		data := d.bytes(tag.Tag{Group: 0x0028, Element: uint16(0x1201 + c)})
		if len(desc) < 3 || len(data) == 0 {
			return luts, fmt.Errorf("%w: PALETTE COLOR without lookup table %d", ErrMalformed, c)
		}
		n, first, bits := int(desc[0]), int(desc[1]), int(desc[2])
		if n <= 0 {
			n = 65536
		}
		if n > 65536 {
			return luts, fmt.Errorf("%w: lookup table %d claims %d entries", ErrMalformed, c, n)
		}
		vals := make([]byte, n)
		switch {
		case len(data) >= 2*n:
			for i := range vals {
				v := binary.LittleEndian.Uint16(data[2*i:])
				if bits == 16 {
					vals[i] = byte(v >> 8)
				} else {
					vals[i] = byte(v)
				}
			}
		case len(data) >= n && bits == 8:
			copy(vals, data)
		default:
			return luts, fmt.Errorf("%w: lookup table %d has %d bytes for %d entries", ErrMalformed, c, len(data), n)
		}
		luts[c] = paletteLUT{first: first, vals: vals}
	}
	return luts, nil
}

// applyPalette maps stored indices (uint8 or uint16 little-endian) to interleaved RGB.
func applyPalette(f []byte, dtype string, luts [3]paletteLUT) []byte {
	n := len(f) / DTypeSize(dtype)
	out := make([]byte, 3*n)
	for i := 0; i < n; i++ {
		var v int
		switch dtype {
		case DTypeUint8:
			v = int(f[i])
		case DTypeInt16:
			v = int(int16(binary.LittleEndian.Uint16(f[2*i:])))
		default:
			v = int(binary.LittleEndian.Uint16(f[2*i:]))
		}
		for c, lut := range luts {
			k := min(max(v-lut.first, 0), len(lut.vals)-1)
			out[3*i+c] = lut.vals[k]
		}
	}
	return out
}

// expandYBR422 turns native YBR_FULL_422 (Y1 Y2 Cb Cr per pixel pair) into
// interleaved full-resolution Y Cb Cr.
func expandYBR422(f []byte, rows, cols int) []byte {
	out := make([]byte, rows*cols*3)
	for r := 0; r < rows; r++ {
		in := f[r*cols*2:]
		for c := 0; c+1 < cols+1 && c < cols; c += 2 {
			q := in[c*2 : c*2+4]
			y1, y2, cb, cr := q[0], q[1], q[2], q[3]
			o := out[(r*cols+c)*3:]
			o[0], o[1], o[2] = y1, cb, cr
			if c+1 < cols {
				o[3], o[4], o[5] = y2, cb, cr
			}
		}
	}
	return out
}

// withMeta prefixes a DICOM stream that has no preamble or meta header with a
// minimal one naming its transfer syntax (explicit VR if the first element
// carries a VR, else implicit), so the parser can read it. Stray bytes before
// the first element (a file cut one byte off) are skipped; skipped says how many.
func withMeta(b []byte) (out []byte, skipped int) {
	skipped = firstElement(b)
	b = b[skipped:]
	ts := "1.2.840.10008.1.2"
	if len(b) >= 6 && isVR(string(b[4:6])) {
		ts = "1.2.840.10008.1.2.1"
	}
	if len(ts)%2 == 1 {
		ts += "\x00"
	}
	tsElem := append([]byte{0x02, 0x00, 0x10, 0x00, 'U', 'I', byte(len(ts)), 0}, ts...)
	group := append([]byte{0x02, 0x00, 0x00, 0x00, 'U', 'L', 4, 0}, binary.LittleEndian.AppendUint32(nil, uint32(len(tsElem)))...)
	out = make([]byte, 128, 128+4+len(group)+len(tsElem)+len(b))
	out = append(out, "DICM"...)
	out = append(out, group...)
	out = append(out, tsElem...)
	return append(out, b...), skipped
}

// firstElement finds where the first data element starts: an explicit-VR
// element of group 0x0008 within the first 256 bytes, else 0.
func firstElement(b []byte) int {
	for i := 0; i+6 <= len(b) && i < 256; i++ {
		if b[i] == 0x08 && b[i+1] == 0x00 && isVR(string(b[i+4:i+6])) {
			return i
		}
	}
	return 0
}
