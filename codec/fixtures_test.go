package codec

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// fixtureDir holds the project-owned fixtures made by testdata/codec/make.py.
const fixtureDir = "../testdata/codec"

// fixture is one entry of cases.json.
type fixture struct {
	Name   string `json:"name"`
	Codec  string `json:"codec"` // "rle" or "jpeg"
	File   string `json:"file"`
	Rows   int    `json:"rows"`
	Cols   int    `json:"cols"`
	SPP    int    `json:"spp"`
	Bits   int    `json:"bits"`
	Signed bool   `json:"signed"`
}

func loadFixtures(t testing.TB) []fixture {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fs []fixture
	if err := json.Unmarshal(b, &fs); err != nil {
		t.Fatalf("cases.json: %v", err)
	}
	return fs
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// samplesLE returns samples as little-endian bytes, the layout of the .raw
// files for JPEG cases.
func samplesLE(s []uint16) []byte {
	b := make([]byte, 2*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint16(b[2*i:], v)
	}
	return b
}

// firstDiff describes where got and want first differ.
func firstDiff(got, want []byte) string {
	if len(got) != len(want) {
		return fmt.Sprintf("length %d, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			return fmt.Sprintf("byte %d = %d, want %d", i, got[i], want[i])
		}
	}
	return "equal"
}

func TestFixtures(t *testing.T) {
	for _, f := range loadFixtures(t) {
		t.Run(f.Name, func(t *testing.T) {
			in := readFixture(t, f.File)
			want := readFixture(t, f.Name+".raw")
			var got []byte
			switch f.Codec {
			case "rle":
				out, err := DecodeRLE(in, f.Rows, f.Cols, f.SPP, f.Bits)
				if err != nil {
					t.Fatalf("DecodeRLE: %v", err)
				}
				got = out
			case "jpeg":
				fr, err := DecodeLosslessJPEG(in)
				if err != nil {
					t.Fatalf("DecodeLosslessJPEG: %v", err)
				}
				if fr.Width != f.Cols || fr.Height != f.Rows || fr.Components != f.SPP {
					t.Fatalf("frame %d×%d×%d, want %d×%d×%d", fr.Width, fr.Height, fr.Components, f.Cols, f.Rows, f.SPP)
				}
				got = samplesLE(fr.Samples)
			default:
				t.Fatalf("unknown codec %q", f.Codec)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("pixels differ from %s.raw: %s", f.Name, firstDiff(got, want))
			}
		})
	}
}
