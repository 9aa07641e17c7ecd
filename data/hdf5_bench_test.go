package data

import (
	"path/filepath"
	"testing"
)

// BenchmarkReadHDF5 reads one real ml4h file (12-lead strip and median ECGs, a
// 256×256×16 cine with a label map): go test ./data -bench ReadHDF5.
func BenchmarkReadHDF5(b *testing.B) {
	path := filepath.Join(sharedDir(b), "hd5", "1000001.hd5")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ReadHDF5(path, DefaultReadOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPixels chooses the type of and encodes a 256×256×16 volume.
func BenchmarkPixels(b *testing.B) {
	v := make([]float64, 256*256*16)
	for i := range v {
		v[i] = float64(i % 251)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		encodeFrames(v, pixelType(v), 16)
	}
}
