package data

import (
	"encoding/binary"
	"math"
)

// pixelType picks the most compact type that stores every value exactly:
// ml4h writes MRI as float32 even when the scanner's values are small integers.
func pixelType(v []float64) string {
	lo, hi := 0.0, 0.0
	for i, x := range v {
		if x != math.Trunc(x) { // also catches NaN and ±Inf
			return DTypeFloat32
		}
		if i == 0 || x < lo {
			lo = x
		}
		if i == 0 || x > hi {
			hi = x
		}
	}
	switch {
	case lo >= 0 && hi <= math.MaxUint8:
		return DTypeUint8
	case lo >= 0 && hi <= math.MaxUint16:
		return DTypeUint16
	case lo >= math.MinInt16 && hi <= math.MaxInt16:
		return DTypeInt16
	}
	return DTypeFloat32
}

// encodeFrames splits v, a rows × cols × n array in C order (the frame index
// varies fastest, as ml4h writes MRI), into n frames of little-endian dtype.
// It reads v once, in order.
func encodeFrames(v []float64, dtype string, n int) [][]byte {
	size := DTypeSize(dtype)
	pixels := len(v) / n
	frames := make([][]byte, n)
	for k := range frames {
		frames[k] = make([]byte, pixels*size)
	}
	switch dtype {
	case DTypeUint8:
		for i := 0; i < pixels; i++ {
			for k, x := range v[i*n : i*n+n] {
				frames[k][i] = byte(x)
			}
		}
	case DTypeUint16, DTypeInt16:
		signed := dtype == DTypeInt16
		for i := 0; i < pixels; i++ {
			for k, x := range v[i*n : i*n+n] {
				u := uint16(x)
				if signed {
					u = uint16(int16(x))
				}
				binary.LittleEndian.PutUint16(frames[k][2*i:], u)
			}
		}
	default:
		for i := 0; i < pixels; i++ {
			for k, x := range v[i*n : i*n+n] {
				binary.LittleEndian.PutUint32(frames[k][4*i:], math.Float32bits(float32(x)))
			}
		}
	}
	return frames
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
