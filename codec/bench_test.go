package codec

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
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

// BenchmarkDecodeJPEG measures DecodeJPEG on one 512×512 frame: 8-bit grey
// and 4:2:0 colour made by image/jpeg (whose decoder runs alongside for
// scale), and, when the shared real files are present, the 12-bit CT frame
// of CT0012.fragmented_no_bot_jpeg_baseline.51.dcm.
func BenchmarkDecodeJPEG(b *testing.B) {
	grey := image.NewGray(image.Rect(0, 0, 512, 512))
	colour := image.NewRGBA(image.Rect(0, 0, 512, 512))
	for y := range 512 {
		for x := range 512 {
			v := uint8((x*x/7 + y*3 + (x^y)%23) & 0xFF)
			grey.Pix[y*512+x] = v
			copy(colour.Pix[(y*512+x)*4:], []byte{v, uint8(x / 2), uint8(255 - y/2), 255})
		}
	}
	for _, img := range []struct {
		name  string
		m     image.Image
		bytes int64
	}{{"gray8_512", grey, 512 * 512}, {"ycc420_512", colour, 512 * 512 * 3}} {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img.m, &jpeg.Options{Quality: 90}); err != nil {
			b.Fatal(err)
		}
		in := buf.Bytes()
		b.Run(img.name, func(b *testing.B) { benchJPEG(b, in, img.bytes) })
		b.Run(img.name+"_image-jpeg", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := jpeg.Decode(bytes.NewReader(in)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	data, err := os.ReadFile(filepath.Join(realDir, "dicomParser/multi-frame/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm"))
	if err != nil {
		b.Logf("12-bit real frame skipped: %v", err)
		return
	}
	frames, err := encapsulatedFrames(data, 2)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("gray12_512_CT0012", func(b *testing.B) { benchJPEG(b, frames[0], 512*512*2) })
}

func benchJPEG(b *testing.B, in []byte, bytesOut int64) {
	b.ReportAllocs()
	b.SetBytes(bytesOut)
	for b.Loop() {
		if _, err := DecodeJPEG(in); err != nil {
			b.Fatal(err)
		}
	}
}
