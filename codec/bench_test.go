package codec

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkDecode measures the decode time of one frame per codec, on the
// project fixtures and, when present, on the shared real files.
func BenchmarkDecode(b *testing.B) {
	for _, fx := range loadFixtures(b) {
		switch fx.Name {
		case "rle_gray8", "rle_gray12", "rle_rgb8", "jll_gray8_sv1", "jll_gray16_sv7", "jll_rgb8_sv1", "enc_gray16_rst4":
		default:
			continue
		}
		in := readFixture(b, fx.File)
		b.Run(fx.Name, func(b *testing.B) {
			benchFrame(b, fx.Codec, in, fx.Rows, fx.Cols, fx.SPP, fx.Bits)
		})
	}
}

func benchFrame(b *testing.B, codec string, in []byte, rows, cols, spp, bits int) {
	b.ReportAllocs()
	b.SetBytes(int64(rows * cols * spp * ((bits + 7) / 8)))
	for b.Loop() {
		var err error
		if codec == "rle" {
			_, err = DecodeRLE(in, rows, cols, spp, bits)
		} else {
			_, err = DecodeLosslessJPEG(in)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeReal measures one frame of each shared real file.
func BenchmarkDecodeReal(b *testing.B) {
	if _, err := os.Stat(realDir); err != nil {
		b.Skipf("real DICOM files not present: %v", err)
	}
	var files []realFile
	if err := json.Unmarshal(readFixture(b, "real.json"), &files); err != nil {
		b.Fatal(err)
	}
	for _, rf := range files {
		data, err := os.ReadFile(filepath.Join(realDir, rf.File))
		if err != nil {
			b.Fatal(err)
		}
		frames, err := encapsulatedFrames(data, len(rf.Frames))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(rf.File), func(b *testing.B) {
			benchFrame(b, rf.Codec, frames[0], rf.Rows, rf.Cols, rf.SPP, rf.Bits)
		})
	}
}
