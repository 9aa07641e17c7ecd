package render

import (
	"os"
	"testing"
)

func TestZZVisual(t *testing.T) {
	if os.Getenv("QC_VIS") == "" {
		t.Skip()
	}
	over := overlaidPhantom()
	r, _ := RenderImage(over, ImageOptions{Mode: ModePNG})
	os.WriteFile("/tmp/vis_overlay.png", r.Data, 0o644)
	s, _ := RenderImage(over, ImageOptions{Mode: ModeSixel, Cols: 60, Rows: 30})
	os.WriteFile("/tmp/vis.sixel", s.Data, 0o644)
	dec, _ := decodeSixel(s.Data)
	p, _ := PNG(dec)
	os.WriteFile("/tmp/vis_sixel_decoded.png", p, 0o644)
	h, _ := RenderImage(over, ImageOptions{Mode: ModeBlocks, Cols: 60, Rows: 30, Color: TrueColor})
	os.WriteFile("/tmp/vis_blocks.txt", h.Data, 0o644)
	q, _ := RenderImage(over, ImageOptions{Mode: ModeQuarter, Cols: 60, Rows: 30, Color: TrueColor})
	os.WriteFile("/tmp/vis_quarter.txt", q.Data, 0o644)
	os.WriteFile("/tmp/vis_ecg.txt", []byte(ECG(synthECG(), ECGOptions{Width: 160, Height: 50, Color: true})), 0o644)
	os.WriteFile("/tmp/vis_ecg_braille.txt", []byte(ECG(synthECG(), ECGOptions{Width: 160, Height: 50, Color: true, Style: StyleBraille})), 0o644)
	os.WriteFile("/tmp/vis_legend.txt", []byte(Legend(phantomLabels(), map[uint8]string{1: "LV", 2: "myocardium"}, TrueColor)), 0o644)
}
