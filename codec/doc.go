// Package codec decodes the compressed DICOM pixel encodings that qcterm
// implements natively: RLE Lossless (DICOM PS3.5 Annex G), JPEG Lossless,
// process 14 (ITU-T T.81 Annex H, DICOM transfer syntaxes 1.2.840.10008.1.2.4.57
// and 1.2.840.10008.1.2.4.70), and DCT-based JPEG: baseline, extended 8/12-bit
// and progressive Huffman (T.81 Annexes F and G, 1.2.840.10008.1.2.4.50 and
// .51). The lossy decoder does libjpeg's integer arithmetic (inverse DCT,
// upsampling, YBRToRGB), so its output equals dcmtk's dcmdjpeg.
//
// The decoders take the bytes of one frame (the concatenation of that frame's
// encapsulated fragments) and return the pixels in native, little-endian,
// interleaved layout. They are pure functions without package state, never
// panic on malformed input, and never allocate more than the input can
// justify: an output larger than the compressed data could possibly encode,
// or larger than MaxFrameSamples, is refused before allocation.
//
// Errors name the codec and the step ("codec: rle: segment 2 offset 9999
// beyond frame length 512") and wrap one of the sentinel errors ErrTruncated,
// ErrCorrupt, ErrUnsupported or ErrTooLarge, so callers can classify them with
// errors.Is.
//
// The package imports no other qcterm package.
package codec
