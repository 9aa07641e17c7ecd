package codec

import "errors"

// MaxFrameSamples is the largest number of samples (rows × columns ×
// samples per pixel) a decoder will produce for one frame. It bounds memory
// use independently of what the input claims.
const MaxFrameSamples = 1 << 28

// ErrTruncated reports that the input ended before the frame was complete.
var ErrTruncated = errors.New("truncated input")

// ErrCorrupt reports input that violates the encoding's specification.
var ErrCorrupt = errors.New("corrupt input")

// ErrUnsupported reports a valid encoding feature that this package does not
// decode, such as a non-lossless JPEG process.
var ErrUnsupported = errors.New("unsupported encoding")

// ErrTooLarge reports a frame whose declared size exceeds MaxFrameSamples or
// what the length of the compressed input can justify.
var ErrTooLarge = errors.New("frame too large")
