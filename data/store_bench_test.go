package data

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkStoreDICOMFrames stores single-frame DICOM records (the shared UK
// Biobank cine's frames, as ingest reads them) in batches of 64 into a new
// database: the store's side of DICOM ingest, without reading.
func BenchmarkStoreDICOMFrames(b *testing.B) {
	zipPath := filepath.Join(sharedDir(b), "dicom", "1000001_20208_2_0.zip")
	rec, err := ReadZip(zipPath, DefaultReadOptions())
	if err != nil {
		b.Fatal(err)
	}
	s0 := rec.Series[0]
	const files = 512
	items := make([]Replacement, files)
	for i := range items {
		s := s0
		s.UID = fmt.Sprintf("1.2.3.%d", i/16)
		s.Sample = SampleID(fmt.Sprintf("bench_%d", i/16))
		s.Frames = []Frame{s0.Frames[i%len(s0.Frames)]}
		s.Frames[0].Instance = i % 16
		s.Masks = nil
		items[i] = Replacement{
			Source: Source{Path: fmt.Sprintf("f%d.dcm", i), Kind: SourceDICOM, SHA256: fmt.Sprint(i)},
			Record: &Record{Samples: []SampleID{s.Sample}, Series: []Series{s}},
		}
	}
	ctx := context.Background()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		st, err := Open(ctx, filepath.Join(b.TempDir(), "b.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for i := 0; i < files; i += 64 {
			if _, err := st.ReplaceSources(ctx, items[i:i+64]); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Checkpoint(ctx); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*files), "µs/file")
}
