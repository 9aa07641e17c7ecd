package codec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// rleFrame builds an RLE frame: the header, then the segments in order.
func rleFrame(segments ...[]byte) []byte {
	h := make([]byte, rleHeaderLen)
	binary.LittleEndian.PutUint32(h, uint32(len(segments)))
	off := rleHeaderLen
	for i, s := range segments {
		binary.LittleEndian.PutUint32(h[4+4*i:], uint32(off))
		off += len(s)
	}
	for _, s := range segments {
		h = append(h, s...)
	}
	return h
}

func TestDecodeRLE(t *testing.T) {
	tests := []struct {
		name                  string
		frame                 []byte
		rows, cols, spp, bits int
		want                  []byte
	}{
		{"literal", rleFrame([]byte{0x03, 1, 2, 3, 4}), 2, 2, 1, 8, []byte{1, 2, 3, 4}},
		{"replicate", rleFrame([]byte{0xFD, 7}), 2, 2, 1, 8, []byte{7, 7, 7, 7}},
		{"no-op header", rleFrame([]byte{0x80, 0x00, 5, 0xFE, 6}), 1, 4, 1, 8, []byte{5, 6, 6, 6}},
		{"excess output dropped", rleFrame([]byte{0xFD, 5}), 1, 2, 1, 8, []byte{5, 5}},
		{"pad byte after segment", rleFrame([]byte{0x01, 1, 2, 0x00}), 1, 2, 1, 8, []byte{1, 2}},
		{"16-bit msb first", rleFrame([]byte{0x01, 0x12, 0x34}, []byte{0x01, 0x56, 0x78}), 1, 2, 1, 16,
			[]byte{0x56, 0x12, 0x78, 0x34}},
		{"rgb interleaved", rleFrame([]byte{0x01, 1, 2}, []byte{0x01, 3, 4}, []byte{0xFF, 9}), 1, 2, 3, 8,
			[]byte{1, 3, 9, 2, 4, 9}},
		{"32-bit", rleFrame([]byte{0, 1}, []byte{0, 2}, []byte{0, 3}, []byte{0, 4}), 1, 1, 1, 32,
			[]byte{4, 3, 2, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeRLE(tt.frame, tt.rows, tt.cols, tt.spp, tt.bits)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDecodeRLEErrors(t *testing.T) {
	badOffset := rleFrame([]byte{0x01, 1, 2}, []byte{0x01, 3, 4})
	binary.LittleEndian.PutUint32(badOffset[8:], 9999)
	backwards := rleFrame([]byte{0x01, 1, 2}, []byte{0x01, 3, 4}, []byte{0x01, 5, 6})
	binary.LittleEndian.PutUint32(backwards[12:], 65)
	notAt64 := rleFrame([]byte{0x01, 1, 2})
	binary.LittleEndian.PutUint32(notAt64[4:], 60)
	tests := []struct {
		name                  string
		frame                 []byte
		rows, cols, spp, bits int
		want                  error
		msg                   string
	}{
		{"empty", nil, 1, 1, 1, 8, ErrTruncated, "shorter than the 64-byte header"},
		{"zero rows", rleFrame([]byte{0, 1}), 0, 1, 1, 8, ErrCorrupt, "invalid frame size"},
		{"12 bits", rleFrame([]byte{0, 1}), 1, 1, 1, 12, ErrUnsupported, "bits allocated 12"},
		{"too many segments", rleFrame([]byte{0, 1}), 1, 1, 4, 32, ErrUnsupported, "more than 15 segments"},
		{"segment count", rleFrame([]byte{0, 1}), 1, 1, 1, 16, ErrCorrupt, "header has 1 segments, want 2"},
		{"offset beyond end", badOffset, 1, 2, 1, 16, ErrTruncated, "codec: rle: segment 1 offset 9999 beyond frame length 70"},
		{"offsets backwards", backwards, 1, 2, 3, 8, ErrCorrupt, "segment 2 offset 65 before segment 1"},
		{"first offset", notAt64, 1, 2, 1, 8, ErrCorrupt, "segment 0 offset 60, want 64"},
		{"absurd size", rleFrame([]byte{0xFF, 0}), 60000, 60000, 1, 8, ErrTooLarge, "exceeds 268435456 samples"},
		{"size beyond input", rleFrame([]byte{0x81, 0}), 100, 1000, 1, 8, ErrTruncated, "segment 0 has 2 bytes, too few for 100000 pixels"},
		{"literal past end", rleFrame([]byte{0x05, 1, 2}), 1, 6, 1, 8, ErrTruncated, "literal run of 6"},
		{"replicate without value", rleFrame([]byte{0x01, 1, 2, 0xFE}), 1, 6, 1, 8, ErrTruncated, "has no value"},
		{"short segment", rleFrame([]byte{0x01, 1, 2}), 1, 6, 1, 8, ErrTruncated, "segment 0 decoded 2 of 6 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeRLE(tt.frame, tt.rows, tt.cols, tt.spp, tt.bits)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want %v containing %q", err, tt.want, tt.msg)
			}
		})
	}
}

// edit returns a copy of b with f applied.
func edit(b []byte, f func([]byte) []byte) []byte { return f(append([]byte(nil), b...)) }

func TestDecodeLosslessJPEGErrors(t *testing.T) {
	src := readFixture(t, "jll_gray8_sv1.jpg")
	sof := bytes.Index(src, []byte{0xFF, 0xC3})
	sos := bytes.Index(src, []byte{0xFF, 0xDA})
	dht := bytes.Index(src, []byte{0xFF, 0xC4})
	tests := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"empty", nil, ErrCorrupt, "missing SOI"},
		{"truncated scan", src[:len(src)/2], ErrTruncated, "scan data ends"},
		{"truncated header", src[:sof+6], ErrTruncated, "beyond input length"},
		{"baseline", edit(src, func(b []byte) []byte { b[sof+1] = 0xC0; return b }), ErrUnsupported, "SOF0 is not lossless"},
		{"absurd size", edit(src, func(b []byte) []byte { copy(b[sof+5:], []byte{0xFF, 0xFF, 0xFF, 0xFF}); return b }),
			ErrTooLarge, "frame 65535×65535×1 too large"},
		{"zero height", edit(src, func(b []byte) []byte { copy(b[sof+5:], []byte{0, 0}); return b }), ErrUnsupported, "height 0"},
		{"precision 17", edit(src, func(b []byte) []byte { b[sof+4] = 17; return b }), ErrCorrupt, "precision 17"},
		{"predictor 0", edit(src, func(b []byte) []byte { b[sos+7] = 0; return b }), ErrCorrupt, "selection value 0"},
		{"point transform", edit(src, func(b []byte) []byte { b[sos+9] = 8; return b }), ErrCorrupt, "point transform 8"},
		{"undefined table", edit(src, func(b []byte) []byte { b[sos+6] = 0x10; return b }), ErrCorrupt, "undefined Huffman table 1"},
		{"unknown component", edit(src, func(b []byte) []byte { b[sos+5] = 9; return b }), ErrCorrupt, "component 9 not in SOF3"},
		{"AC table", edit(src, func(b []byte) []byte { b[dht+4] = 0x10; return b }), ErrCorrupt, "DHT AC table"},
		{"no scan", edit(src, func(b []byte) []byte {
			copy(b[sof+5:], []byte{0, 1, 0, 1})
			return append(b[:sos], 0xFF, 0xD9)
		}), ErrTruncated, "EOI before component"},
		{"restart not per line", edit(src, func(b []byte) []byte {
			return append(append(b[:sos:sos], 0xFF, 0xDD, 0, 4, 0, 3), src[sos:]...)
		}), ErrUnsupported, "restart interval 3"},
		{"restart marker missing", edit(src, func(b []byte) []byte {
			return append(append(b[:sos:sos], 0xFF, 0xDD, 0, 4, 0, 64), src[sos:]...)
		}), ErrCorrupt, "not followed by an RST marker"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeLosslessJPEG(tt.data)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want %v containing %q", err, tt.want, tt.msg)
			}
		})
	}
}

func TestDecodeLosslessJPEGMissingEOI(t *testing.T) {
	src := readFixture(t, "jll_gray8_sv1.jpg")
	want := readFixture(t, "jll_gray8_sv1.raw")
	f, err := DecodeLosslessJPEG(src[:len(src)-2])
	if err != nil {
		t.Fatal(err)
	}
	if got := samplesLE(f.Samples); !bytes.Equal(got, want) {
		t.Errorf("pixels differ: %s", firstDiff(got, want))
	}
}
