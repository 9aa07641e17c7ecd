package data

import (
	"errors"
	"testing"
)

func TestUnpackBits(t *testing.T) {
	// Two 3×3 frames = 18 bits, least significant bit first, frames unpadded.
	b := []byte{0b10100101, 0b11110000, 0b10}
	frames, err := unpackBits(b, pixelLayout{rows: 3, cols: 3, spp: 1, frames: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]byte{{1, 0, 1, 0, 0, 1, 0, 1, 0}, {0, 0, 0, 1, 1, 1, 1, 0, 1}}
	for k := range want {
		if string(frames[k]) != string(want[k]) {
			t.Errorf("frame %d = %v, want %v", k, frames[k], want[k])
		}
	}
	if _, err := unpackBits(b[:2], pixelLayout{rows: 3, cols: 3, spp: 1, frames: 2}); !errors.Is(err, ErrMalformed) {
		t.Errorf("truncated: err = %v, want ErrMalformed", err)
	}
}
