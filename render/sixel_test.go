package render

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"testing"
)

// decodeSixel reads a sixel stream (as Sixel writes it) back into pixels,
// with percent colours turned into 8-bit values. Unset pixels are left at
// magenta so they show up as errors.
func decodeSixel(data []byte) (RGBImage, error) {
	start := bytes.Index(data, []byte("\x1bP"))
	if start < 0 {
		return RGBImage{}, fmt.Errorf("no DCS")
	}
	q := bytes.IndexByte(data[start:], 'q')
	if q < 0 {
		return RGBImage{}, fmt.Errorf("no q")
	}
	p := data[start+q+1:]
	num := func() int {
		n, i := 0, 0
		for i < len(p) && p[i] >= '0' && p[i] <= '9' {
			n = n*10 + int(p[i]-'0')
			i++
		}
		p = p[i:]
		return n
	}
	var img RGBImage
	palette := map[int]rgb{}
	color, x, y := 0, 0, 0
	for len(p) > 0 {
		c := p[0]
		switch {
		case c == '"':
			p = p[1:]
			var ps [4]int
			for i := range ps {
				ps[i] = num()
				if len(p) > 0 && p[0] == ';' {
					p = p[1:]
				}
			}
			img = NewRGBImage(ps[2], ps[3])
			for i := 0; i < len(img.Pix); i += 3 {
				img.Pix[i], img.Pix[i+1], img.Pix[i+2] = 255, 0, 255
			}
		case c == '#':
			p = p[1:]
			color = num()
			if len(p) > 0 && p[0] == ';' {
				p = p[1:]
				if kind := num(); kind != 2 {
					return img, fmt.Errorf("colour space %d", kind)
				}
				var v [3]int
				for i := range v {
					p = p[1:] // ';'
					v[i] = num()
				}
				to8 := func(pc int) uint8 { return uint8(math.Round(float64(pc) * 255 / 100)) }
				palette[color] = rgb{to8(v[0]), to8(v[1]), to8(v[2])}
			}
		case c == '$':
			p, x = p[1:], 0
		case c == '-':
			p, x, y = p[1:], 0, y+6
		case c == '!':
			p = p[1:]
			n := num()
			ch := p[0]
			p = p[1:]
			for ; n > 0; n-- {
				paintSixel(img, palette[color], x, y, ch)
				x++
			}
		case c >= 63 && c <= 126:
			paintSixel(img, palette[color], x, y, c)
			p, x = p[1:], x+1
		case c == 0x1b:
			return img, nil
		default:
			return img, fmt.Errorf("unexpected byte %q", c)
		}
	}
	return img, fmt.Errorf("no string terminator")
}

func paintSixel(img RGBImage, c rgb, x, y int, ch byte) {
	bits := ch - 63
	for dy := 0; dy < 6; dy++ {
		if bits&(1<<dy) != 0 && x < img.W && y+dy < img.H {
			i := 3 * ((y+dy)*img.W + x)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2] = c.r, c.g, c.b
		}
	}
}

// compare returns the largest channel difference and the PSNR of got
// against want.
func compare(t *testing.T, got, want RGBImage) (maxDiff int, psnr float64) {
	t.Helper()
	if got.W != want.W || got.H != want.H {
		t.Fatalf("decoded %d×%d, want %d×%d", got.W, got.H, want.W, want.H)
	}
	var se float64
	for i := range want.Pix {
		d := int(got.Pix[i]) - int(want.Pix[i])
		maxDiff = max(maxDiff, d, -d)
		se += float64(d * d)
	}
	mse := se / float64(len(want.Pix))
	if mse == 0 {
		return maxDiff, math.Inf(1)
	}
	return maxDiff, 10 * math.Log10(255*255/mse)
}

func TestSixelRoundTripGrey(t *testing.T) {
	src := windowedPhantom()
	for _, size := range [][2]int{{256, 256}, {100, 61}, {7, 5}, {800, 800}} {
		want := Resize(src, size[0], size[1])
		dec, err := decodeSixel(Sixel(want, SixelOptions{}))
		if err != nil {
			t.Fatal(err)
		}
		// 101 grey levels: at most half a step (1.3) plus rounding.
		if d, psnr := compare(t, dec, want); d > 2 || psnr < 45 {
			t.Errorf("%v: max diff %d, PSNR %.1f dB; want ≤ 2 and ≥ 45", size, d, psnr)
		}
	}
}

func TestSixelRoundTripColour(t *testing.T) {
	want := Resize(overlaidPhantom(), 200, 200)
	dec, err := decodeSixel(Sixel(want, SixelOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	// Grey pixels keep their 101 levels; the overlay's colours go through
	// median cut (64 colours from a 5-bit histogram).
	d, psnr := compare(t, dec, want)
	if psnr < 45 || d > 12 {
		t.Errorf("max diff %d, PSNR %.1f dB; want ≤ 12 and ≥ 45", d, psnr)
	}
	t.Logf("colour sixel: max diff %d, PSNR %.1f dB", d, psnr)
}

func TestSixelFewRegisters(t *testing.T) {
	want := Resize(overlaidPhantom(), 120, 120)
	data := Sixel(want, SixelOptions{Colors: 16})
	for i := 16; i < 256; i++ {
		if bytes.Contains(data, []byte("#"+strconv.Itoa(i)+";")) {
			t.Fatalf("colour register %d used with 16 registers", i)
		}
	}
	dec, err := decodeSixel(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, psnr := compare(t, dec, want); psnr < 25 {
		t.Errorf("16-colour PSNR %.1f dB, want ≥ 25", psnr)
	}
}

func TestSixelRunLength(t *testing.T) {
	flat := NewRGBImage(50, 6)
	got := string(Sixel(flat, SixelOptions{}))
	want := "\x1bP0;1;0q\"1;1;50;6#0;2;0;0;0#0!50~\x1b\\"
	if got != want {
		t.Errorf("flat black 50×6:\n got %q\nwant %q", got, want)
	}
}

func TestSixelOffset(t *testing.T) {
	src := NewRGBImage(17, 11)
	for i := range src.Pix {
		src.Pix[i] = uint8(40 + (i/3*7)%200) // grey
	}
	const ox, oy = 13, 29 // oy not a multiple of 6: the image starts mid-band
	got, err := decodeSixel(Sixel(src, SixelOptions{OffsetX: ox, OffsetY: oy}))
	if err != nil {
		t.Fatal(err)
	}
	if got.W < src.W+ox || got.H < src.H+oy {
		t.Fatalf("decoded %d×%d, want at least %d×%d", got.W, got.H, src.W+ox, src.H+oy)
	}
	want := NewRGBImage(src.W, src.H)
	for y := 0; y < src.H; y++ {
		copy(want.Pix[3*y*src.W:3*(y+1)*src.W], got.Pix[3*((y+oy)*got.W+ox):3*((y+oy)*got.W+ox+src.W)])
	}
	if maxDiff, _ := compare(t, want, src); maxDiff > 2 {
		t.Errorf("offset image differs by %d", maxDiff)
	}
	for y := 0; y < oy; y++ { // nothing drawn above the image
		for x := 0; x < got.W; x++ {
			if p := got.Pix[3*(y*got.W+x):][:3]; p[0] != 255 || p[1] != 0 || p[2] != 255 { // the decoder's "never painted"
				t.Fatalf("pixel (%d,%d) above the image was drawn: %v", x, y, p)
			}
		}
	}
}
