package synth

import "testing"

func BenchmarkSample(b *testing.B) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		Sample(1, i)
	}
}

func BenchmarkECG(b *testing.B) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		r := newRand(1, i, streamECG)
		RandomECGSpec(r, ECGContext{Age: 60}).Generate(r)
	}
}

func BenchmarkCine(b *testing.B) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		r := newRand(1, i, streamCine)
		RandomCineSpec(r, 70, 27).Render(r)
	}
}
