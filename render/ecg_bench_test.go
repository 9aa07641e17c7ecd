package render

import "testing"

// BenchmarkECGPage renders the clinical page of 12 × 5,000 samples at 200
// columns (target: well under 5 ms).
func BenchmarkECGPage(b *testing.B) {
	in := synthECG()
	for _, style := range []ECGStyle{StyleBox, StyleBraille} {
		b.Run(string(style), func(b *testing.B) {
			opts := ECGOptions{Width: 200, Height: 50, Style: style, Color: true}
			b.ReportAllocs()
			for b.Loop() {
				_ = ECG(in, opts)
			}
		})
	}
}
