package tui

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"io"
	"regexp"
	"strings"
	"testing"

	"qcterm/render"
)

var kittyChunk = regexp.MustCompile(`\x1b_G([^;]*);([^\x1b]*)\x1b\\`)

// kittyImage decodes the kitty transmission in a screen: its control keys and pixels.
func kittyImage(t *testing.T, screen string) (ctrl string, pix []byte) {
	t.Helper()
	var payload strings.Builder
	for i, m := range kittyChunk.FindAllStringSubmatch(screen, -1) {
		if i == 0 {
			ctrl = m[1]
		}
		payload.WriteString(m[2])
	}
	z, err := base64.StdEncoding.DecodeString(payload.String())
	if err != nil {
		t.Fatalf("kitty payload: %v", err)
	}
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatalf("kitty payload: %v", err)
	}
	pix, err = io.ReadAll(r)
	if err != nil {
		t.Fatalf("kitty payload: %v", err)
	}
	return ctrl, pix
}

func TestKittyPlaceholdersInSampleView(t *testing.T) {
	d := newDriver(t, fixtureStore(t), Options{Graphics: render.ModeKitty, Color: true}, 120, 40)
	d.keys("enter")
	screen := d.m.render()
	ctrl, pix := kittyImage(t, screen)
	for _, want := range []string{"a=T", "U=1", "i=81", "f=24"} {
		if !strings.Contains(ctrl, want) {
			t.Errorf("transmission %q lacks %s", ctrl, want)
		}
	}
	cells := strings.Count(screen, "\U0010EEEE")
	if cells == 0 || len(pix) == 0 || len(pix)%3 != 0 {
		t.Fatalf("%d placeholder cells, %d bytes of pixels", cells, len(pix))
	}
	lines := 0
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, "\U0010EEEE") {
			lines++
			if !strings.Contains(l, "\x1b[38;5;81m") {
				t.Errorf("placeholder line without the image id colour: %q", l)
			}
		}
	}
	d.keys("]")
	next := d.m.render()
	_, pix2 := kittyImage(t, next)
	if bytes.Equal(pix, pix2) {
		t.Error("the next frame sent the same pixels")
	}
	if strings.Count(next, "\U0010EEEE") != cells {
		t.Error("the placeholder cells changed with the frame")
	}
	t.Logf("%d placeholder cells on %d lines, %d bytes of RGB", cells, lines, len(pix))
}
