package codec

import (
	"encoding/binary"
	"fmt"
)

// lutBits is the number of bits resolved by one table lookup; longer codes
// fall back to the canonical decode loop of T.81 F.2.2.3.
const lutBits = 9

// huffTable is a DC Huffman table as used by the lossless process: the
// decoded symbol is SSSS, the bit length of the difference (0..16).
type huffTable struct {
	// lut maps the next lutBits bits to symbol<<8 | code length, or 0 when
	// the code is longer than lutBits.
	lut [1 << lutBits]uint16
	// maxCode[l] is the largest code of length l, or -1 if there is none;
	// valPtr[l] is the index in vals of the first code of length l, minus
	// that code (T.81 F.2.2.3, with the code subtracted in advance).
	maxCode [17]int32
	valPtr  [17]int32
	vals    []byte
}

// newHuffTable builds a table from the BITS counts (codes of each length
// 1..16) and the HUFFVAL symbols of a DHT segment (T.81 C.2).
func newHuffTable(counts [16]byte, vals []byte) (*huffTable, error) {
	t := &huffTable{vals: vals}
	code, k := int32(0), 0
	for l := 1; l <= 16; l++ {
		n := int(counts[l-1])
		t.maxCode[l] = -1
		if n > 0 {
			t.valPtr[l] = int32(k) - code
			for range n {
				if code >= 1<<l {
					return nil, fmt.Errorf("huffman code lengths overflow at length %d: %w", l, ErrCorrupt)
				}
				if l <= lutBits {
					shift := lutBits - l
					entry := uint16(vals[k])<<8 | uint16(l)
					for j := code << shift; j < (code+1)<<shift; j++ {
						t.lut[j] = entry
					}
				}
				code++
				k++
			}
			t.maxCode[l] = code - 1
		}
		code <<= 1
	}
	return t, nil
}

// bitReader reads the entropy-coded segment of a scan, removing stuffed zero
// bytes. At a marker it stops and supplies zero bits, counting them so that
// reading past the real data can be detected with overrun.
type bitReader struct {
	data   []byte
	pos    int    // next byte of data to load
	acc    uint64 // bits not yet consumed, right-aligned
	n      uint   // number of valid bits in acc
	zeros  uint   // how many of the loaded bits were padding past a marker
	marker bool   // pos is at a marker (0xFF followed by a non-zero byte)
	bad    bool   // an invalid Huffman code or difference size was read
}

// fill loads bytes until at least 57 bits are buffered.
func (r *bitReader) fill() {
	// Fast path: load whole bytes at once when the next eight hold no 0xFF
	// (so no stuffing and no marker).
	if !r.marker && r.pos+8 <= len(r.data) {
		v := binary.BigEndian.Uint64(r.data[r.pos:])
		if x := ^v; (x-0x0101010101010101)&^x&0x8080808080808080 == 0 {
			k := (64 - r.n) / 8
			r.acc = r.acc<<(8*k) | v>>(64-8*k)
			r.n += 8 * k
			r.pos += int(k)
			return
		}
	}
	for r.n <= 56 {
		var b byte
		if !r.marker && r.pos < len(r.data) {
			b = r.data[r.pos]
			if b == 0xFF {
				if r.pos+1 < len(r.data) && r.data[r.pos+1] == 0x00 {
					r.pos += 2
				} else {
					r.marker = true
					b = 0
					r.zeros += 8
				}
			} else {
				r.pos++
			}
		} else {
			r.marker = true
			r.zeros += 8
		}
		r.acc = r.acc<<8 | uint64(b)
		r.n += 8
	}
}

// overrun reports whether more bits were consumed than the data held.
func (r *bitReader) overrun() bool { return r.zeros > r.n }

// diff reads one difference: a Huffman-coded size SSSS followed by SSSS
// extra bits (T.81 H.1.2.2, F.1.2.1.1), with SSSS = 16 meaning 32768 and no
// extra bits. An invalid code or size sets r.bad and returns 0; callers
// check r.bad once per line to keep this path short.
func (r *bitReader) diff(t *huffTable) int32 {
	if r.n < 32 {
		r.fill()
	}
	var s uint
	if e := t.lut[(r.acc>>(r.n-lutBits))&(1<<lutBits-1)]; e != 0 {
		r.n -= uint(e & 0xFF)
		s = uint(e >> 8)
	} else {
		s = r.slowSymbol(t)
	}
	switch {
	case s == 0:
		return 0
	case s >= 16:
		r.bad = r.bad || s > 16
		return 32768
	}
	r.n -= s
	v := int32(r.acc>>r.n) & (1<<s - 1)
	if v < 1<<(s-1) {
		v -= 1<<s - 1
	}
	return v
}

// slowSymbol decodes a symbol whose code is longer than lutBits
// (T.81 F.2.2.3). It needs at least 16 buffered bits.
func (r *bitReader) slowSymbol(t *huffTable) uint {
	code := int32(0)
	for l := 1; l <= 16; l++ {
		code = code<<1 | int32(r.acc>>(r.n-uint(l)))&1
		if code <= t.maxCode[l] {
			r.n -= uint(l)
			return uint(t.vals[t.valPtr[l]+code])
		}
	}
	r.bad = true
	return 0
}

// reset discards buffered bits so that reading resumes after a restart
// marker; it returns the marker byte found at pos (0 if there is none) and
// skips it.
func (r *bitReader) reset() byte {
	r.acc, r.n, r.zeros, r.marker = 0, 0, 0, false
	// Skip any remaining bytes of the interval, then fill bytes (0xFF).
	for r.pos < len(r.data) {
		if r.data[r.pos] == 0xFF && r.pos+1 < len(r.data) && r.data[r.pos+1] != 0x00 {
			if r.data[r.pos+1] == 0xFF {
				r.pos++
				continue
			}
			m := r.data[r.pos+1]
			if m >= 0xD0 && m <= 0xD7 {
				r.pos += 2
			}
			return m
		}
		r.pos++
	}
	return 0
}

// readDHT reads the Huffman tables of a DHT segment (T.81 B.2.4.2) and hands
// each to put. Lossless images (process 14) have only DC-class tables whose
// symbols are difference categories 0..16; DCT images have DC tables with
// categories 0..15 and AC tables of up to 256 run/size symbols.
func readDHT(seg []byte, lossless bool, put func(class, id byte, t *huffTable)) error {
	for len(seg) > 0 {
		if len(seg) < 17 {
			return fmt.Errorf("codec: jpeg: DHT table header of %d bytes: %w", len(seg), ErrTruncated)
		}
		class, id := seg[0]>>4, seg[0]&15
		if lossless && class != 0 {
			return fmt.Errorf("codec: jpeg: DHT AC table %d in a lossless image: %w", id, ErrCorrupt)
		}
		if class > 1 || id > 3 {
			return fmt.Errorf("codec: jpeg: DHT table class %d id %d: %w", class, id, ErrCorrupt)
		}
		var counts [16]byte
		copy(counts[:], seg[1:17])
		total := 0
		for _, c := range counts {
			total += int(c)
		}
		maxTotal, maxSym := 256, byte(255)
		switch {
		case lossless:
			maxTotal, maxSym = 17, 16
		case class == 0:
			maxSym = 15
		}
		if total > maxTotal || (lossless && total == 0) || len(seg) < 17+total {
			return fmt.Errorf("codec: jpeg: DHT table %d with %d symbols in %d bytes: %w", id, total, len(seg)-17, ErrCorrupt)
		}
		vals := append([]byte(nil), seg[17:17+total]...)
		for _, v := range vals {
			if v > maxSym {
				return fmt.Errorf("codec: jpeg: DHT table %d symbol %d (want 0..%d): %w", id, v, maxSym, ErrCorrupt)
			}
		}
		t, err := newHuffTable(counts, vals)
		if err != nil {
			return fmt.Errorf("codec: jpeg: DHT table %d: %w", id, err)
		}
		put(class, id, t)
		seg = seg[17+total:]
	}
	return nil
}

// readDRI reads a DRI segment's restart interval (T.81 B.2.4.4).
func readDRI(seg []byte) (int, error) {
	if len(seg) != 2 {
		return 0, fmt.Errorf("codec: jpeg: DRI length %d: %w", len(seg), ErrCorrupt)
	}
	return int(binary.BigEndian.Uint16(seg)), nil
}
