package view

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"qcterm/data"
)

func TestFrameImage(t *testing.T) {
	px := make([]byte, 2*6)
	for i, v := range []int16{-1024, 0, 1, 100, 2000, 3071} {
		binary.LittleEndian.PutUint16(px[2*i:], uint16(v))
	}
	x := data.Series{Rows: 2, Cols: 3, Channels: 1, DType: data.DTypeInt16, RescaleSlope: 2, RescaleInter: -10,
		SpacingRow: 0.5, SpacingCol: 0.25, Photometric: "MONOCHROME1"}
	img, err := FrameImage(x, data.Frame{Pixels: px}, true)
	if err != nil {
		t.Fatal(err)
	}
	if img.W != 3 || img.H != 2 || !img.Monochrome1 || img.SpacingRow != 0.5 {
		t.Errorf("image = %d×%d mono1 %v spacing %g", img.W, img.H, img.Monochrome1, img.SpacingRow)
	}
	if img.Pix[0] != -2058 || img.Pix[5] != 6132 {
		t.Errorf("rescaled = %v, want -2058 … 6132", img.Pix)
	}
	raw, _ := FrameImage(x, data.Frame{Pixels: px}, false)
	if raw.Pix[0] != -1024 {
		t.Errorf("stored value = %g, want -1024", raw.Pix[0])
	}
	rgb := data.Series{Rows: 1, Cols: 2, Channels: 3, DType: data.DTypeUint8}
	c, err := FrameImage(rgb, data.Frame{Pixels: []byte{1, 2, 3, 4, 5, 6}}, true)
	if err != nil || len(c.RGB) != 6 || c.RGB[5] != 6 || c.Pix != nil {
		t.Errorf("colour = %+v, %v", c, err)
	}
	if _, err := FrameImage(x, data.Frame{}, true); !errors.Is(err, data.ErrUnsupported) {
		t.Errorf("no pixels: %v", err)
	}
	if _, err := FrameImage(x, data.Frame{Pixels: px[:5]}, true); !errors.Is(err, data.ErrMalformed) {
		t.Errorf("short pixels: %v", err)
	}
}

func TestECGHeader(t *testing.T) {
	e := &data.ECG{ID: 1, Group: "ukb_ecg_rest", Instance: "instance_2", Kind: data.KindStrip, RateHz: 500,
		Leads: []string{"I"}, Samples: [][]float32{make([]float32, 5000)}, ScaleMV: 0.005}
	d := &data.SampleDetail{ID: "7", Fields: []data.Field{
		{Origin: "ukb_ecg_rest", Instance: "instance_2", Name: ECGTextField, Value: data.Text("Sinus rhythm")},
		{Origin: "ukb_ecg_rest", Instance: "instance_2", Name: "VentricularRate", Value: data.Number(61)},
		{Origin: "ukb_ecg_rest", Instance: "instance_3", Name: "QTInterval", Value: data.Number(999)},
	}}
	got := strings.Join(ECGHeader(d, e), "\n")
	for _, want := range []string{"sample 7 · ukb_ecg_rest/instance_2 · strip 10.0 s at 500 Hz", "machine read: Sinus rhythm", "rate 61 bpm"} {
		if !strings.Contains(got, want) {
			t.Errorf("header lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "999") {
		t.Error("another instance's measurement leaked into the header")
	}
	in := ECGInput(e, nil)
	if len(in.Leads) != 1 || in.Leads[0].Name != "I" || in.ScaleMV != 0.005 {
		t.Errorf("input = %+v", in)
	}
}
