package data

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkDecodeDICOM reads DICOM objects from memory (parse and decode every
// frame to stored values), one sub-benchmark per transfer syntax: the
// project's 32×24 fixtures always, and the shared 512×512 CT0012 family (the
// same two frames in each syntax) and 256×256 MR cine frame when ../shared is present.
// Reports ns/frame; MB/s counts decoded bytes.
func BenchmarkDecodeDICOM(b *testing.B) {
	cases := []struct{ name, path string }{
		{"fixture/explicit_le", fixture("dicom", "mr_explicit_le.dcm")},
		{"fixture/big_endian", fixture("dicom", "mr_explicit_be.dcm")},
		{"fixture/deflated", fixture("dicom", "mr_deflated.dcm")},
		{"fixture/rle", fixture("dicom", "mr_rle.dcm")},
		{"fixture/jpeg_lossless_sv1", fixture("dicom", "mr_jpeg_ll_sv1.dcm")},
		{"fixture/jpeg_lossless_p14_sv6", fixture("dicom", "mr_jpeg_ll_p14_sv6.dcm")},
		{"fixture/jpeg_baseline_8bit", fixture("dicom", "us8_jpeg_baseline.dcm")},
		{"fixture/jpeg_extended_12bit", fixture("dicom", "mr_jpeg_ext12.dcm")},
		{"fixture/jpeg_baseline_rgb", fixture("dicom", "rgb_jpeg_baseline.dcm")},
		{"fixture/jpegls_dcmdjpls", fixture("dicom", "mr_jpegls.dcm")},
	}
	real := filepath.Join("..", "..", "shared", "testdata", "real", "dicomParser", "multi-frame")
	for _, c := range []struct{ name, file string }{
		{"ct512/explicit_le", "CT0012.explicit_little_endian.dcm"},
		{"ct512/rle", "CT0012.not_fragmented_bot_rle.dcm"},
		{"ct512/jpeg_lossless_p14", "CT0012.fragmented_no_bot_jpeg_lossless.57.dcm"},
		{"ct512/jpeg_lossless_sv1", "CT0012.fragmented_no_bot_jpeg_lossless.70.dcm"},
		{"ct512/jpeg_extended_12bit", "CT0012.fragmented_no_bot_jpeg_baseline.51.dcm"},
		{"ct512/jpegls_dcmdjpls", "CT0012.fragmented_no_bot_jpeg_ls.80.dcm"},
		{"us240x320_rgb/jpeg_baseline_8frames", "IM00001.fragmented_no_bot_jpeg_baseline.50.dcm"},
	} {
		cases = append(cases, struct{ name, path string }{c.name, filepath.Join(real, c.file)})
	}
	for _, c := range cases {
		raw, err := os.ReadFile(c.path)
		if err != nil {
			b.Run(c.name, func(b *testing.B) { b.Skipf("%s: %v", c.path, err) })
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			opts := DefaultReadOptions()
			var frames, decoded int
			buf := make([]byte, len(raw))
			b.ReportAllocs()
			for b.Loop() {
				// As ingest reads in process (the strict subset), from a fresh copy
				// of the file each time: native pixels are decoded in place.
				copy(buf, raw)
				rec := &Record{}
				if err := readDICOMObject(buf, dicomFile{name: c.path, strict: true}, opts, rec, map[SampleID]bool{}); err != nil {
					b.Fatal(err)
				}
				frames, decoded = 0, 0
				for _, s := range rec.Series {
					for _, f := range s.Frames {
						frames++
						decoded += len(f.Pixels)
					}
				}
			}
			b.SetBytes(int64(decoded))
			if frames > 0 {
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*frames), "ns/frame")
			}
		})
	}
}
