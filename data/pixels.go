package data

import (
	"encoding/binary"
	"math"
)

// pixelType picks the most compact type that stores every value exactly:
// ml4h writes MRI as float32 even when the scanner's values are small integers.
func pixelType(v []float64) string {
	lo, hi, whole := math.Inf(1), math.Inf(-1), true
	for _, x := range v {
		if x != math.Trunc(x) || math.IsInf(x, 0) {
			whole = false
			break
		}
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	switch {
	case !whole:
		return DTypeFloat32
	case lo >= 0 && hi <= math.MaxUint8:
		return DTypeUint8
	case lo >= 0 && hi <= math.MaxUint16:
		return DTypeUint16
	case lo >= math.MinInt16 && hi <= math.MaxInt16:
		return DTypeInt16
	}
	return DTypeFloat32
}

// encodePixels writes n values, the i-th taken from v[at(i)], as little-endian dtype.
func encodePixels(v []float64, dtype string, n int, at func(int) int) []byte {
	out := make([]byte, n*DTypeSize(dtype))
	for i := 0; i < n; i++ {
		x := v[at(i)]
		switch dtype {
		case DTypeUint8:
			out[i] = byte(x)
		case DTypeUint16:
			binary.LittleEndian.PutUint16(out[2*i:], uint16(x))
		case DTypeInt16:
			binary.LittleEndian.PutUint16(out[2*i:], uint16(int16(x)))
		default:
			binary.LittleEndian.PutUint32(out[4*i:], math.Float32bits(float32(x)))
		}
	}
	return out
}

// DecodePixels returns the values of a frame or blob of the given type as float64.
func DecodePixels(b []byte, dtype string) []float64 {
	size := DTypeSize(dtype)
	if size == 0 {
		return nil
	}
	out := make([]float64, len(b)/size)
	for i := range out {
		switch dtype {
		case DTypeUint8:
			out[i] = float64(b[i])
		case DTypeUint16:
			out[i] = float64(binary.LittleEndian.Uint16(b[2*i:]))
		case DTypeInt16:
			out[i] = float64(int16(binary.LittleEndian.Uint16(b[2*i:])))
		default:
			out[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:])))
		}
	}
	return out
}
