package codec

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// realDir holds the shared real-world DICOM files (see its SOURCES.md).
const realDir = "../../shared/testdata/real"

// realFile is one entry of real.json: digests of each frame as decoded by
// dcmtk, in the layout the decoders return.
type realFile struct {
	File   string   `json:"file"`
	Codec  string   `json:"codec"`
	Rows   int      `json:"rows"`
	Cols   int      `json:"cols"`
	SPP    int      `json:"spp"`
	Bits   int      `json:"bits"`
	Frames []string `json:"frames"`
}

func TestRealFiles(t *testing.T) {
	if _, err := os.Stat(realDir); err != nil {
		t.Skipf("real DICOM files not present (%v); they live in ../shared/testdata/real", err)
	}
	var files []realFile
	if err := json.Unmarshal(readFixture(t, "real.json"), &files); err != nil {
		t.Fatalf("real.json: %v", err)
	}
	for _, rf := range files {
		t.Run(rf.File, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(realDir, rf.File))
			if err != nil {
				t.Fatal(err)
			}
			frames, err := encapsulatedFrames(b, len(rf.Frames))
			if err != nil {
				t.Fatal(err)
			}
			for i, frame := range frames {
				var got []byte
				switch rf.Codec {
				case "rle":
					got, err = DecodeRLE(frame, rf.Rows, rf.Cols, rf.SPP, rf.Bits)
				default:
					var fr *Frame
					if fr, err = DecodeLosslessJPEG(frame); err == nil {
						got = samplesLE(fr.Samples)
					}
				}
				if err != nil {
					t.Fatalf("frame %d: %v", i, err)
				}
				sum := sha256.Sum256(got)
				if h := hex.EncodeToString(sum[:]); h != rf.Frames[i] {
					t.Errorf("frame %d: sha256 %s, want %s (dcmtk)", i, h, rf.Frames[i])
				}
			}
		})
	}
}

// encapsulatedFrames is a test-only reader for encapsulated Pixel Data: it
// finds the last (7FE0,0010) element of undefined length and splits its
// fragments into n frames, using the Basic Offset Table when there is one,
// else one fragment per frame, else a new frame at each JPEG SOI.
func encapsulatedFrames(file []byte, n int) ([][]byte, error) {
	tag := []byte{0xE0, 0x7F, 0x10, 0x00}
	item := []byte{0xFE, 0xFF, 0x00, 0xE0}
	pos := -1
	for i := bytes.LastIndex(file, tag); i >= 0; i = bytes.LastIndex(file[:i], tag) {
		rest := file[i+4:]
		switch {
		case len(rest) >= 12 && bytes.Equal(rest[2:8], []byte{0, 0, 0xFF, 0xFF, 0xFF, 0xFF}) && bytes.Equal(rest[8:12], item):
			pos = i + 12 // explicit VR: OB/OW, reserved, undefined length
		case len(rest) >= 8 && bytes.Equal(rest[:4], []byte{0xFF, 0xFF, 0xFF, 0xFF}) && bytes.Equal(rest[4:8], item):
			pos = i + 8 // implicit VR
		}
		if pos >= 0 {
			break
		}
	}
	if pos < 0 {
		return nil, errors.New("no encapsulated pixel data")
	}
	var items [][]byte
	var starts []int // offset of each fragment's item tag from the first fragment
	for first := -1; ; {
		if pos+8 > len(file) {
			return nil, errors.New("pixel data items truncated")
		}
		if bytes.Equal(file[pos:pos+4], []byte{0xFE, 0xFF, 0xDD, 0xE0}) {
			break
		}
		l := int(binary.LittleEndian.Uint32(file[pos+4:]))
		if pos+8+l > len(file) {
			return nil, fmt.Errorf("item at %d of length %d truncated", pos, l)
		}
		if len(items) == 1 {
			first = pos
		}
		if first >= 0 {
			starts = append(starts, pos-first)
		}
		items = append(items, file[pos+8:pos+8+l])
		pos += 8 + l
	}
	bot, frags := items[0], items[1:]
	var groups [][]int // fragment indexes of each frame
	switch {
	case len(bot) > 0:
		for k := 0; k+4 <= len(bot); k += 4 {
			off := int(binary.LittleEndian.Uint32(bot[k:]))
			groups = append(groups, nil)
			for j, s := range starts {
				if s >= off && (k+8 > len(bot) || s < int(binary.LittleEndian.Uint32(bot[k+4:]))) {
					groups[len(groups)-1] = append(groups[len(groups)-1], j)
				}
			}
		}
	case len(frags) == n:
		for j := range frags {
			groups = append(groups, []int{j})
		}
	default:
		for j, f := range frags {
			if len(f) >= 2 && f[0] == 0xFF && f[1] == 0xD8 || len(groups) == 0 {
				groups = append(groups, nil)
			}
			groups[len(groups)-1] = append(groups[len(groups)-1], j)
		}
	}
	if len(groups) != n {
		return nil, fmt.Errorf("found %d frames, want %d", len(groups), n)
	}
	frames := make([][]byte, n)
	for i, g := range groups {
		for _, j := range g {
			frames[i] = append(frames[i], frags[j]...)
		}
	}
	return frames, nil
}
