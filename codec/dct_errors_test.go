package codec

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

// insertAt returns a copy of b with ins inserted at i.
func insertAt(b []byte, i int, ins ...byte) []byte {
	return slices.Concat(b[:i:i], ins, b[i:])
}

func TestDecodeJPEGErrors(t *testing.T) {
	src := readFixture(t, "dct_gray8_base.jpg")
	sof := bytes.Index(src, []byte{0xFF, 0xC0})
	sos := bytes.Index(src, []byte{0xFF, 0xDA})
	dqt := bytes.Index(src, []byte{0xFF, 0xDB})
	dht := bytes.Index(src, []byte{0xFF, 0xC4})
	rgb := readFixture(t, "dct_rgb8_422.jpg")
	rgbSOF := bytes.Index(rgb, []byte{0xFF, 0xC0})
	prog := readFixture(t, "dct_gray8_prog.jpg")
	progSOS := bytes.Index(prog, []byte{0xFF, 0xDA})
	tests := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"empty", nil, ErrCorrupt, "missing SOI"},
		{"no frame", []byte{0xFF, 0xD8, 0xFF, 0xD9}, ErrCorrupt, "EOI before a frame header"},
		{"truncated scan", src[:len(src)/2], ErrTruncated, "scan data ends in MCU"},
		{"truncated header", src[:sof+6], ErrTruncated, "beyond input length"},
		{"arithmetic", edit(src, func(b []byte) []byte { b[sof+1] = 0xC9; return b }), ErrUnsupported, "SOF9 (arithmetic coding)"},
		{"hierarchical", edit(src, func(b []byte) []byte { b[sof+1] = 0xC5; return b }), ErrUnsupported, "SOF5 (hierarchical)"},
		{"absurd size", edit(src, func(b []byte) []byte { copy(b[sof+5:], []byte{0xFF, 0xFF, 0xFF, 0xFF}); return b }),
			ErrTooLarge, "frame 65535×65535×1 too large for 560 bytes"},
		{"zero height", edit(src, func(b []byte) []byte { copy(b[sof+5:], []byte{0, 0}); return b }), ErrUnsupported, "height 0"},
		{"precision 16", edit(src, func(b []byte) []byte { b[sof+4] = 16; return b }), ErrCorrupt, "SOF0 precision 16 (want 8 or 12)"},
		{"undefined DC table", edit(src, func(b []byte) []byte { b[sos+6] = 0x20; return b }), ErrCorrupt, "undefined DC table 2"},
		{"undefined AC table", edit(src, func(b []byte) []byte { b[sos+6] = 0x02; return b }), ErrCorrupt, "undefined AC table 2"},
		{"undefined quantization table", edit(src, func(b []byte) []byte { b[sof+12] = 2; return b }), ErrCorrupt,
			"undefined quantization table 2"},
		{"unknown component", edit(src, func(b []byte) []byte { b[sos+5] = 9; return b }), ErrCorrupt, "component 9 not in the frame"},
		{"DQT precision", edit(src, func(b []byte) []byte { b[dqt+4] = 0x20; return b }), ErrCorrupt, "DQT table 0 precision 2"},
		{"DC symbol 16", edit(src, func(b []byte) []byte { b[dht+21] = 16; return b }), ErrCorrupt, "symbol 16 (want 0..15)"},
		{"no scan", append(src[:sos:sos], 0xFF, 0xD9), ErrTruncated, "EOI before component 1 was scanned"},
		{"DNL", insertAt(src, len(src)-2, 0xFF, 0xDC, 0, 4, 0, 37), ErrUnsupported, "DNL marker"},
		{"restart marker missing", insertAt(src, sos, 0xFF, 0xDD, 0, 4, 0, 1), ErrCorrupt, "not followed by an RST marker"},
		{"sampling 0", edit(rgb, func(b []byte) []byte { b[rgbSOF+11] = 0x01; return b }), ErrCorrupt, "sampling 0×1"},
		{"sampling 3:2", edit(rgb, func(b []byte) []byte { b[rgbSOF+11], b[rgbSOF+14] = 0x31, 0x21; return b }),
			ErrUnsupported, "sampling 2×1 is not a whole fraction of 3×1"},
		{"blocks per MCU", edit(rgb, func(b []byte) []byte { b[rgbSOF+11] = 0x44; return b }), ErrCorrupt, "18 blocks per MCU"},
		{"progressive DC and AC", edit(prog, func(b []byte) []byte { b[progSOS+8] = 5; return b }), ErrCorrupt,
			"mixes DC and AC"},
		{"progressive Al", edit(prog, func(b []byte) []byte { b[progSOS+9] = 0x0E; return b }), ErrCorrupt, "Al=14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fr, err := DecodeJPEG(tt.data)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want %v containing %q", err, tt.want, tt.msg)
			}
			if fr != nil {
				t.Errorf("frame returned with error")
			}
		})
	}
}

// TestDecodeJPEGVariants checks streams that decode like their source: no
// EOI, an Adobe APP14 segment, fill bytes, and a lossless stream.
func TestDecodeJPEGVariants(t *testing.T) {
	src := readFixture(t, "dct_rgb8_422.jpg")
	want, err := DecodeJPEG(src)
	if err != nil {
		t.Fatal(err)
	}
	if want.ColorTransform != -1 {
		t.Errorf("ColorTransform %d without APP14, want -1", want.ColorTransform)
	}
	adobe := []byte{0xFF, 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 1}
	sos := bytes.Index(src, []byte{0xFF, 0xDA})
	tests := []struct {
		name      string
		data      []byte
		transform int
	}{
		{"missing EOI", src[:len(src)-2], -1},
		{"adobe ycc", insertAt(src, 2, adobe...), 1},
		{"fill bytes before SOS", insertAt(src, sos, 0xFF, 0xFF, 0xFF), -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fr, err := DecodeJPEG(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if fr.ColorTransform != tt.transform {
				t.Errorf("ColorTransform %d, want %d", fr.ColorTransform, tt.transform)
			}
			if !slices.Equal(fr.Samples, want.Samples) {
				t.Errorf("samples differ from the unmodified stream")
			}
		})
	}
	t.Run("lossless", func(t *testing.T) {
		in := readFixture(t, "jll_gray12_sv1.jpg")
		fr, err := DecodeJPEG(in)
		if err != nil {
			t.Fatal(err)
		}
		ll, err := DecodeLosslessJPEG(in)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(fr.Samples, ll.Samples) || fr.Precision != ll.Precision {
			t.Errorf("DecodeJPEG of a SOF3 stream differs from DecodeLosslessJPEG")
		}
	})
}
