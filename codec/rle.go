package codec

import (
	"encoding/binary"
	"fmt"
)

// rleHeaderLen is the size of the RLE header: a segment count followed by
// fifteen segment offsets, all little-endian uint32 (PS3.5 G.5).
const rleHeaderLen = 64

// rleMaxSegments is the number of offsets the RLE header has room for.
const rleMaxSegments = 15

// rleMaxExpansion bounds how many output bytes one input byte of a PackBits
// segment can produce: a two-byte replicate run yields at most 128 bytes.
const rleMaxExpansion = 64

// DecodeRLE decodes one frame encoded with DICOM RLE Lossless
// (transfer syntax 1.2.840.10008.1.2.5, PS3.5 Annex G).
//
// frame holds the frame's compressed bytes (its fragments concatenated),
// starting with the 64-byte RLE header. bitsAllocated is 8, 16 or 32. The
// result has rows × cols × samplesPerPixel samples, each bitsAllocated/8
// bytes long in little-endian order, interleaved by pixel (R, G, B, R, ...),
// whatever the planar layout of the segments. Trailing padding in a segment
// or in the frame is ignored.
func DecodeRLE(frame []byte, rows, cols, samplesPerPixel, bitsAllocated int) ([]byte, error) {
	if rows <= 0 || cols <= 0 || rows > 0xFFFF || cols > 0xFFFF {
		return nil, fmt.Errorf("codec: rle: invalid frame size %d×%d: %w", cols, rows, ErrCorrupt)
	}
	if bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32 {
		return nil, fmt.Errorf("codec: rle: bits allocated %d (want 8, 16 or 32): %w", bitsAllocated, ErrUnsupported)
	}
	bytesPerSample := bitsAllocated / 8
	if samplesPerPixel <= 0 || samplesPerPixel*bytesPerSample > rleMaxSegments {
		return nil, fmt.Errorf("codec: rle: %d samples per pixel of %d bits need more than %d segments: %w",
			samplesPerPixel, bitsAllocated, rleMaxSegments, ErrUnsupported)
	}
	if len(frame) < rleHeaderLen {
		return nil, fmt.Errorf("codec: rle: frame length %d shorter than the %d-byte header: %w",
			len(frame), rleHeaderLen, ErrTruncated)
	}
	offsets, err := rleOffsets(frame, samplesPerPixel*bytesPerSample)
	if err != nil {
		return nil, err
	}
	pixels := rows * cols
	if pixels*samplesPerPixel > MaxFrameSamples {
		return nil, fmt.Errorf("codec: rle: frame %d×%d×%d exceeds %d samples: %w",
			cols, rows, samplesPerPixel, MaxFrameSamples, ErrTooLarge)
	}
	for i := range len(offsets) - 1 {
		if n := offsets[i+1] - offsets[i]; pixels > n*rleMaxExpansion {
			return nil, fmt.Errorf("codec: rle: segment %d has %d bytes, too few for %d pixels: %w",
				i, n, pixels, ErrTruncated)
		}
	}

	stride := samplesPerPixel * bytesPerSample
	out := make([]byte, pixels*stride)
	for seg := range stride {
		sample, plane := seg/bytesPerSample, seg%bytesPerSample
		// Segments run from the most significant byte plane down; the output
		// is little-endian, so plane 0 lands on the last byte of the sample.
		start := sample*bytesPerSample + bytesPerSample - 1 - plane
		src := frame[offsets[seg]:offsets[seg+1]]
		n, err := unpackBits(out[start:], stride, pixels, src)
		if err != nil {
			return nil, fmt.Errorf("codec: rle: segment %d: %w", seg, err)
		}
		if n < pixels {
			return nil, fmt.Errorf("codec: rle: segment %d decoded %d of %d bytes: %w", seg, n, pixels, ErrTruncated)
		}
	}
	return out, nil
}

// rleOffsets reads the RLE header and returns want+1 offsets: the start of
// each segment followed by the end of the last one.
func rleOffsets(frame []byte, want int) ([]int, error) {
	n := binary.LittleEndian.Uint32(frame)
	if n != uint32(want) {
		return nil, fmt.Errorf("codec: rle: header has %d segments, want %d: %w", n, want, ErrCorrupt)
	}
	offsets := make([]int, want+1)
	for i := range want {
		off := binary.LittleEndian.Uint32(frame[4+4*i:])
		switch {
		case i == 0 && off != rleHeaderLen:
			return nil, fmt.Errorf("codec: rle: segment 0 offset %d, want %d: %w", off, rleHeaderLen, ErrCorrupt)
		case uint64(off) > uint64(len(frame)):
			return nil, fmt.Errorf("codec: rle: segment %d offset %d beyond frame length %d: %w",
				i, off, len(frame), ErrTruncated)
		case i > 0 && int(off) < offsets[i-1]:
			return nil, fmt.Errorf("codec: rle: segment %d offset %d before segment %d offset %d: %w",
				i, off, i-1, offsets[i-1], ErrCorrupt)
		}
		offsets[i] = int(off)
	}
	offsets[want] = len(frame)
	return offsets, nil
}

// unpackBits decodes the PackBits segment src into dst[0], dst[stride],
// dst[2*stride], ... until count bytes have been written or src is used up,
// and returns the number of bytes written. Output beyond count is dropped:
// encoders may pad a segment to an even length.
func unpackBits(dst []byte, stride, count int, src []byte) (int, error) {
	n, i := 0, 0
	for n < count && i < len(src) {
		h := int(int8(src[i]))
		i++
		switch {
		case h >= 0: // literal run of h+1 bytes
			run := h + 1
			if i+run > len(src) {
				return n, fmt.Errorf("literal run of %d at byte %d past segment end %d: %w", run, i-1, len(src), ErrTruncated)
			}
			run = min(run, count-n)
			if stride == 1 {
				copy(dst[n:n+run], src[i:i+run])
			} else {
				for k, p := 0, n*stride; k < run; k, p = k+1, p+stride {
					dst[p] = src[i+k]
				}
			}
			i += h + 1
			n += run
		case h != -128: // replicate the next byte 1-h times
			if i >= len(src) {
				return n, fmt.Errorf("replicate run at byte %d has no value: %w", i-1, ErrTruncated)
			}
			v := src[i]
			i++
			run := min(1-h, count-n)
			if stride == 1 {
				fill := dst[n : n+run]
				for k := range fill {
					fill[k] = v
				}
			} else {
				for k, p := 0, n*stride; k < run; k, p = k+1, p+stride {
					dst[p] = v
				}
			}
			n += run
		}
		// h == -128 is a no-op.
	}
	return n, nil
}
