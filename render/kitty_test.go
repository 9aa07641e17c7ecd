package render

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"image"
	"image/png"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// decodeKitty collects the graphics commands in data: the first command's
// control keys and the decoded (base64, then zlib) payload of all chunks.
func decodeKitty(t *testing.T, data []byte) (map[string]string, []byte, string) {
	t.Helper()
	keys := map[string]string{}
	var payload strings.Builder
	rest := data
	for {
		i := bytes.Index(rest, []byte("\x1b_G"))
		if i < 0 {
			break
		}
		end := bytes.Index(rest[i:], []byte("\x1b\\"))
		if end < 0 {
			t.Fatal("unterminated graphics command")
		}
		cmd := string(rest[i+3 : i+end])
		ctrl, chunk, _ := strings.Cut(cmd, ";")
		if len(chunk) > kittyChunk {
			t.Errorf("chunk of %d bytes", len(chunk))
		}
		for _, kv := range strings.Split(ctrl, ",") {
			k, v, _ := strings.Cut(kv, "=")
			if _, seen := keys[k]; !seen || k == "m" {
				keys[k] = v
			}
		}
		payload.WriteString(chunk)
		rest = rest[i+end+2:]
	}
	if keys["m"] != "0" {
		t.Errorf("last chunk has m=%s, want 0", keys["m"])
	}
	z, err := base64.StdEncoding.DecodeString(payload.String())
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	pix, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return keys, pix, string(rest)
}

func TestKittyRoundTrip(t *testing.T) {
	want := Resize(overlaidPhantom(), 300, 200)
	data, err := Kitty(want, KittyOptions{ID: 7})
	if err != nil {
		t.Fatal(err)
	}
	keys, pix, rest := decodeKitty(t, data)
	if !bytes.Equal(pix, want.Pix) {
		t.Error("decoded kitty pixels differ from the image")
	}
	for k, v := range map[string]string{"a": "T", "f": "24", "o": "z", "s": "300", "v": "200", "i": "7"} {
		if keys[k] != v {
			t.Errorf("key %s=%q, want %q", k, keys[k], v)
		}
	}
	if rest != "" {
		t.Errorf("text after the image: %q", rest)
	}
}

func TestKittyPlaceholders(t *testing.T) {
	want := Resize(windowedPhantom(), 120, 120)
	data, err := Kitty(want, KittyOptions{ID: 42, Placeholders: true, Cols: 12, Rows: 6})
	if err != nil {
		t.Fatal(err)
	}
	keys, pix, text := decodeKitty(t, data)
	if !bytes.Equal(pix, want.Pix) || keys["U"] != "1" || keys["c"] != "12" || keys["r"] != "6" {
		t.Fatalf("transmission keys %v", keys)
	}
	if !strings.HasPrefix(text, "\x1b[38;5;42m") || !strings.HasSuffix(text, "\x1b[39m") {
		t.Errorf("placeholder text not coloured with the id: %q…", text[:min(20, len(text))])
	}
	body := strings.TrimSuffix(strings.TrimPrefix(text, "\x1b[38;5;42m"), "\x1b[39m")
	lines := strings.Split(body, "\n")
	if len(lines) != 6 {
		t.Fatalf("%d placeholder lines, want 6", len(lines))
	}
	dia := kittyDiacriticTable()
	index := func(r rune) int {
		for i, d := range dia {
			if d == r {
				return i
			}
		}
		return -1
	}
	for row, l := range lines {
		rs := []rune(l)
		if len(rs) != 12*3 {
			t.Fatalf("row %d has %d runes, want 36", row, len(rs))
		}
		for col := 0; col < 12; col++ {
			cell := rs[3*col : 3*col+3]
			if cell[0] != 0x10EEEE || index(cell[1]) != row || index(cell[2]) != col {
				t.Fatalf("cell %d,%d = %U %d %d", row, col, cell[0], index(cell[1]), index(cell[2]))
			}
		}
	}
	if got := utf8.RuneCountInString(kittyDiacritics); got != 297 {
		t.Errorf("%d diacritics, want 297", got)
	}
}

func TestKittyTmux(t *testing.T) {
	data, err := Kitty(Resize(windowedPhantom(), 64, 64), KittyOptions{Tmux: true})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\x1bPtmux;\x1b\x1b_G")) || !bytes.HasSuffix(data, []byte("\x1b\x1b\\\x1b\\")) {
		t.Errorf("not wrapped for tmux: %q … %q", data[:12], data[len(data)-6:])
	}
}

func TestTmuxPassthrough(t *testing.T) {
	got := string(TmuxPassthrough([]byte("\x1b_Ga=q;AAAA\x1b\\")))
	want := "\x1bPtmux;\x1b\x1b_Ga=q;AAAA\x1b\x1b\\\x1b\\"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestITermRoundTrip(t *testing.T) {
	want := Resize(overlaidPhantom(), 90, 60)
	data, err := ITerm(want, ITermOptions{Cols: 9, Rows: 3})
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	head, b64, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(s, "\x1b]1337;File="), "\a"), ":")
	if !ok || !strings.Contains(head, "inline=1") || !strings.Contains(head, "width=9") || !strings.Contains(head, "height=3") {
		t.Fatalf("header %q", head)
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(head, "size="+strconv.Itoa(len(raw))) {
		t.Errorf("size in %q is not %d", head, len(raw))
	}
	assertPNG(t, raw, want)
}

// assertPNG decodes a PNG and checks it equals want exactly.
func assertPNG(t *testing.T, data []byte, want RGBImage) {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := m.Bounds(); b.Dx() != want.W || b.Dy() != want.H {
		t.Fatalf("PNG %v, want %d×%d", b, want.W, want.H)
	}
	for y := 0; y < want.H; y++ {
		for x := 0; x < want.W; x++ {
			r, g, b, _ := m.At(x, y).RGBA()
			c := want.at(x, y)
			if uint8(r>>8) != c.r || uint8(g>>8) != c.g || uint8(b>>8) != c.b {
				t.Fatalf("pixel %d,%d = %d,%d,%d want %v", x, y, r>>8, g>>8, b>>8, c)
			}
		}
	}
}

func TestPNG16(t *testing.T) {
	img := Image{W: 3, H: 1, Pix: []float32{-1024, 0, 3071}}
	data, off, scale, err := PNG16(img)
	if err != nil {
		t.Fatal(err)
	}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	g, ok := m.(*image.Gray16)
	if !ok {
		t.Fatalf("decoded %T, want *image.Gray16", m)
	}
	for i, v := range img.Pix {
		if got := float64(g.Gray16At(i, 0).Y)*scale + off; got != float64(v) {
			t.Errorf("value %d: %v, want %v", i, got, v)
		}
	}
	plain := Image{W: 2, H: 1, Pix: []float32{0, 4095}}
	if _, off, scale, _ := PNG16(plain); off != 0 || scale != 1 {
		t.Errorf("in-range values shifted: offset %v scale %v", off, scale)
	}
}
