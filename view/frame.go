package view

import (
	"fmt"
	"strings"

	"qcterm/data"
	"qcterm/render"
)

// FrameImage turns a stored frame into a render.Image: rescale applied (unless
// rescale is false: stored values), MONOCHROME1 marked, RGB frames as colour.
func FrameImage(x data.Series, f data.Frame, rescale bool) (render.Image, error) {
	if f.Pixels == nil {
		why := x.Status
		if why == "" {
			why = "no pixel data stored"
		}
		return render.Image{}, fmt.Errorf("frame not decodable here: %s: %w", render.Sanitize(why), data.ErrUnsupported)
	}
	size := data.DTypeSize(x.DType)
	ch := max(x.Channels, 1)
	if size == 0 {
		return render.Image{}, fmt.Errorf("pixel type %q: %w", render.Sanitize(x.DType), data.ErrUnsupported)
	}
	if ch != 1 && ch != 3 {
		return render.Image{}, fmt.Errorf("%d samples per pixel: %w", ch, data.ErrUnsupported)
	}
	if want := x.Rows * x.Cols * ch * size; len(f.Pixels) != want || want == 0 {
		return render.Image{}, fmt.Errorf("%d bytes of pixels for %d×%d×%d %s: %w", len(f.Pixels), x.Cols, x.Rows, ch, x.DType, data.ErrMalformed)
	}
	img := render.Image{W: x.Cols, H: x.Rows, SpacingRow: x.SpacingRow, SpacingCol: x.SpacingCol,
		Monochrome1: strings.EqualFold(x.Photometric, "MONOCHROME1")}
	v := data.DecodePixels(f.Pixels, x.DType)
	if ch == 3 {
		img.RGB = make([]uint8, len(v))
		scale := 1.0
		if x.DType != data.DTypeUint8 {
			hi := 0.0
			for _, s := range v {
				hi = max(hi, s)
			}
			if x.BitsStored > 0 && x.BitsStored < 32 {
				hi = float64(uint64(1)<<x.BitsStored - 1)
			}
			if hi > 0 {
				scale = 255 / hi
			}
		}
		for i, s := range v {
			img.RGB[i] = uint8(max(0, min(255, s*scale+0.5)))
		}
		return img, nil
	}
	slope, inter := x.RescaleSlope, x.RescaleInter
	if slope == 0 || !rescale {
		slope = 1
	}
	if !rescale {
		inter = 0
	}
	img.Pix = make([]float32, len(v))
	for i, s := range v {
		img.Pix[i] = float32(s*slope + inter)
	}
	return img, nil
}
