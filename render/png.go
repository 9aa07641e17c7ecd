package render

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
)

// PNG encodes img as an 8-bit PNG: greyscale when every pixel is grey, else
// RGB. It is what ModePNG writes and what iTerm2 inline images carry.
func PNG(img RGBImage) ([]byte, error) {
	var m image.Image
	if img.isGray() {
		g := image.NewGray(image.Rect(0, 0, img.W, img.H))
		for i := range g.Pix {
			g.Pix[i] = img.Pix[3*i]
		}
		m = g
	} else {
		c := image.NewNRGBA(image.Rect(0, 0, img.W, img.H))
		for i := 0; i < img.W*img.H; i++ {
			copy(c.Pix[4*i:4*i+3], img.Pix[3*i:3*i+3])
			c.Pix[4*i+3] = 255
		}
		m = c
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, m); err != nil {
		return nil, fmt.Errorf("png: %w", err)
	}
	return b.Bytes(), nil
}

// PNG16 encodes img's stored values, unwindowed, as a 16-bit greyscale PNG
// for analysis outside qcterm. Values are rounded; when they are not all
// within 0–65535 they are shifted by −min (offset returned) so they fit, and
// when their range is wider than 65535 they are also scaled (scale returned,
// else 1): stored = png·scale + offset.
func PNG16(img Image) (data []byte, offset, scale float64, err error) {
	if err := img.Check(); err != nil {
		return nil, 0, 0, fmt.Errorf("png16: %w", err)
	}
	if img.RGB != nil {
		return nil, 0, 0, fmt.Errorf("png16: frame is colour; 16-bit grey needs stored values")
	}
	mn, mx := math.Inf(1), math.Inf(-1)
	for _, v := range img.Pix {
		if f := float64(v); !math.IsNaN(f) && !math.IsInf(f, 0) {
			mn, mx = math.Min(mn, f), math.Max(mx, f)
		}
	}
	scale = 1
	if mn > mx {
		mn, mx = 0, 0
	}
	if mn < 0 || mx > 65535 {
		offset = mn
	}
	if mx-mn > 65535 {
		scale = (mx - mn) / 65535
	}
	g := image.NewGray16(image.Rect(0, 0, img.W, img.H))
	for i, v := range img.Pix {
		f := (float64(v) - offset) / scale
		if math.IsNaN(f) {
			f = 0
		}
		u := uint16(math.Max(0, math.Min(65535, math.Round(f))))
		g.Pix[2*i], g.Pix[2*i+1] = uint8(u>>8), uint8(u)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, g); err != nil {
		return nil, 0, 0, fmt.Errorf("png16: %w", err)
	}
	return b.Bytes(), offset, scale, nil
}
