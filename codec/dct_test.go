package codec

import (
	"encoding/binary"
	"encoding/json"
	"testing"
)

// dctFixture is one entry of dct_cases.json, made by make_dct.py.
type dctFixture struct {
	Name string `json:"name"`
	File string `json:"file"`
	Rows int    `json:"rows"`
	Cols int    `json:"cols"`
	SPP  int    `json:"spp"`
	Bits int    `json:"bits"`
	RGB  string `json:"rgb"` // dcmdjpeg's RGB conversion, when present
}

func loadDCTFixtures(t testing.TB) []dctFixture {
	t.Helper()
	var fs []dctFixture
	if err := json.Unmarshal(readFixture(t, "dct_cases.json"), &fs); err != nil {
		t.Fatalf("dct_cases.json: %v", err)
	}
	return fs
}

// u16LE reads little-endian uint16 samples.
func u16LE(b []byte) []uint16 {
	s := make([]uint16, len(b)/2)
	for i := range s {
		s[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return s
}

// absDiff returns the largest and the mean absolute difference of got and
// want, which have the same length.
func absDiff(got, want []uint16) (maxd int, mean float64) {
	sum := 0
	for i := range want {
		d := int(got[i]) - int(want[i])
		d = max(d, -d)
		maxd = max(maxd, d)
		sum += d
	}
	return maxd, float64(sum) / float64(max(len(want), 1))
}

// lossyTolerance is the largest difference accepted from dcmtk's decoding:
// decoders of lossy JPEG may round differently.
func lossyTolerance(bits int) int {
	if bits > 8 {
		return 4
	}
	return 2
}

func TestDecodeJPEGFixtures(t *testing.T) {
	for _, fx := range loadDCTFixtures(t) {
		t.Run(fx.Name, func(t *testing.T) {
			fr, err := DecodeJPEG(readFixture(t, fx.File))
			if err != nil {
				t.Fatalf("DecodeJPEG: %v", err)
			}
			if fr.Width != fx.Cols || fr.Height != fx.Rows || fr.Components != fx.SPP || fr.Precision != fx.Bits {
				t.Fatalf("frame %d×%d×%d P=%d, want %d×%d×%d P=%d", fr.Width, fr.Height, fr.Components, fr.Precision,
					fx.Cols, fx.Rows, fx.SPP, fx.Bits)
			}
			want := u16LE(readFixture(t, fx.Name+".raw"))
			if len(fr.Samples) != len(want) {
				t.Fatalf("%d samples, want %d", len(fr.Samples), len(want))
			}
			maxd, mean := absDiff(fr.Samples, want)
			t.Logf("vs dcmdjpeg: max abs diff %d, mean %.4f", maxd, mean)
			if maxd > lossyTolerance(fx.Bits) {
				t.Errorf("max abs diff %d from dcmdjpeg (mean %.4f), want ≤ %d", maxd, mean, lossyTolerance(fx.Bits))
			}
			if fx.RGB == "" {
				return
			}
			YBRToRGB(fr.Samples, fr.Precision)
			maxd, mean = absDiff(fr.Samples, u16LE(readFixture(t, fx.RGB)))
			t.Logf("RGB vs dcmdjpeg: max abs diff %d, mean %.4f", maxd, mean)
			if maxd > lossyTolerance(fx.Bits) {
				t.Errorf("RGB max abs diff %d from dcmdjpeg (mean %.4f)", maxd, mean)
			}
		})
	}
}

func TestYBRToRGB(t *testing.T) {
	tests := []struct {
		name      string
		precision int
		in, want  []uint16
	}{
		{"grey", 8, []uint16{100, 128, 128}, []uint16{100, 100, 100}},
		{"red", 8, []uint16{76, 85, 255}, []uint16{254, 0, 0}},
		{"clamped", 8, []uint16{255, 255, 255}, []uint16{255, 121, 255}},
		{"12-bit grey", 12, []uint16{3000, 2048, 2048}, []uint16{3000, 3000, 3000}},
		{"12-bit blue", 12, []uint16{467, 4095, 1717}, []uint16{3, 0, 4094}},
		{"partial pixel kept", 8, []uint16{10, 128, 128, 7}, []uint16{10, 10, 10, 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := append([]uint16(nil), tt.in...)
			YBRToRGB(got, tt.precision)
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}
