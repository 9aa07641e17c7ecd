package codec

import "testing"

// rleFuzzBits maps a fuzz input byte to bits allocated; the last entry is
// invalid on purpose.
var rleFuzzBits = [...]int{8, 16, 32, 12}

// FuzzRLE decodes arbitrary frames with small declared sizes. The first four
// bytes of the input choose rows, columns, samples per pixel and bits
// allocated; the rest is the frame.
func FuzzRLE(f *testing.F) {
	for _, fx := range loadFixtures(f) {
		if fx.Codec != "rle" || fx.Rows > 255 || fx.Cols > 255 {
			continue
		}
		params := []byte{byte(fx.Rows), byte(fx.Cols), byte(fx.SPP), byte(fx.Bits / 16)}
		f.Add(append(params, readFixture(f, fx.File)...))
	}
	f.Add(append([]byte{1, 2, 3, 0}, rleFrame([]byte{0x01, 1, 2}, []byte{0x01, 3, 4}, []byte{0xFF, 9})...))
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) < 4 {
			return
		}
		rows, cols, spp, bits := int(in[0]), int(in[1]), int(in[2]%5), rleFuzzBits[in[3]%4]
		frame := in[4:]
		out, err := DecodeRLE(frame, rows, cols, spp, bits)
		if err != nil {
			if out != nil {
				t.Fatalf("output with error %v", err)
			}
			return
		}
		if want := rows * cols * spp * bits / 8; len(out) != want {
			t.Fatalf("decoded %d bytes, want %d", len(out), want)
		}
		if len(out) > rleMaxExpansion*len(frame) {
			t.Fatalf("decoded %d bytes from %d", len(out), len(frame))
		}
	})
}

// FuzzLosslessJPEG decodes arbitrary JPEG streams.
func FuzzLosslessJPEG(f *testing.F) {
	for _, fx := range loadFixtures(f) {
		if fx.Codec == "jpeg" {
			f.Add(readFixture(f, fx.File))
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		fr, err := DecodeLosslessJPEG(in)
		if !checkDecoded(t, fr, err, in, 8) {
			return
		}
		if fr.Precision < 2 || fr.Precision > 16 {
			t.Fatalf("precision %d", fr.Precision)
		}
	})
}

// FuzzJPEG decodes arbitrary JPEG streams with DecodeJPEG, seeded with the
// DCT and lossless fixtures.
func FuzzJPEG(f *testing.F) {
	for _, fx := range loadDCTFixtures(f) {
		f.Add(readFixture(f, fx.File))
	}
	for _, fx := range loadFixtures(f) {
		if fx.Codec == "jpeg" && fx.Rows*fx.Cols <= 1024 {
			f.Add(readFixture(f, fx.File))
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		fr, err := DecodeJPEG(in)
		if !checkDecoded(t, fr, err, in, 512) { // a coded 8×8 block costs at least one bit
			return
		}
		if _, err := DecodeLosslessJPEG(in); err == nil {
			return // a SOF3 stream, checked by FuzzLosslessJPEG
		}
		for i, v := range fr.Samples {
			if v >= 1<<fr.Precision {
				t.Fatalf("sample %d = %d exceeds precision %d", i, v, fr.Precision)
			}
		}
	})
}

// checkDecoded fails t unless a decoder returned either an error and no frame,
// or a frame with as many samples as its size says, at most perByte samples
// for each input byte. It reports whether there is a frame to check further.
func checkDecoded(t *testing.T, fr *Frame, err error, in []byte, perByte int) bool {
	t.Helper()
	if err != nil {
		if fr != nil {
			t.Fatalf("frame with error %v", err)
		}
		return false
	}
	if n := fr.Width * fr.Height * fr.Components; len(fr.Samples) != n || n == 0 {
		t.Fatalf("%d samples for %d×%d×%d", len(fr.Samples), fr.Width, fr.Height, fr.Components)
	}
	if len(fr.Samples) > perByte*len(in) {
		t.Fatalf("%d samples from %d bytes", len(fr.Samples), len(in))
	}
	return true
}
