package render

import (
	"fmt"
	"math"
)

// Image is one frame of stored pixel values, as the readers give it.
type Image struct {
	W, H int
	// Pix holds W*H stored values row by row, DICOM rescale applied.
	Pix []float32
	// RGB, when not nil, holds 3*W*H bytes of colour and is shown as is
	// (window/level does not apply to colour frames).
	RGB []uint8
	// SpacingRow and SpacingCol are the physical distances between rows
	// and between columns (mm). Zero means square pixels.
	SpacingRow, SpacingCol float64
	// Monochrome1 marks DICOM MONOCHROME1 frames, where low values are bright.
	Monochrome1 bool
}

// Check reports whether the frame's buffers match its size.
func (img Image) Check() error {
	if img.W <= 0 || img.H <= 0 {
		return fmt.Errorf("image: size %d×%d is empty", img.W, img.H)
	}
	n := img.W * img.H
	if img.RGB != nil {
		if len(img.RGB) != 3*n {
			return fmt.Errorf("image: %d×%d RGB needs %d bytes, have %d", img.W, img.H, 3*n, len(img.RGB))
		}
		return nil
	}
	if len(img.Pix) != n {
		return fmt.Errorf("image: %d×%d needs %d values, have %d", img.W, img.H, n, len(img.Pix))
	}
	return nil
}

// PixelAspect is the height of a pixel over its width, from the spacing.
func (img Image) PixelAspect() float64 {
	if img.SpacingRow > 0 && img.SpacingCol > 0 {
		return img.SpacingRow / img.SpacingCol
	}
	return 1
}

// RGBImage is an 8-bit colour raster ready for encoding: 3 bytes per pixel,
// row by row.
type RGBImage struct {
	W, H int
	Pix  []uint8
	// Aspect is the displayed height of a pixel over its width (1 when zero).
	Aspect float64
}

// NewRGBImage returns a black w×h image with square pixels.
func NewRGBImage(w, h int) RGBImage {
	return RGBImage{W: w, H: h, Pix: make([]uint8, 3*w*h), Aspect: 1}
}

func (m RGBImage) aspect() float64 {
	if m.Aspect > 0 && !math.IsInf(m.Aspect, 0) {
		return m.Aspect
	}
	return 1
}

// isGray reports whether every pixel has equal red, green and blue.
func (m RGBImage) isGray() bool {
	p := m.Pix
	for i := 0; i+2 < len(p); i += 3 {
		if p[i] != p[i+1] || p[i] != p[i+2] {
			return false
		}
	}
	return true
}

// LabelMap is a segmentation or overlay: one label per pixel, 0 for none.
type LabelMap struct {
	W, H   int
	Labels []uint8
}

// Check reports whether the map's buffer matches its size.
func (m LabelMap) Check() error {
	if m.W <= 0 || m.H <= 0 || len(m.Labels) != m.W*m.H {
		return fmt.Errorf("label map: %d×%d with %d labels", m.W, m.H, len(m.Labels))
	}
	return nil
}
