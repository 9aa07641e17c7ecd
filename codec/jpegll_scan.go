package codec

import "fmt"

// scanComp is one component of a scan: its index in the frame and its
// Huffman table.
type scanComp struct {
	index int
	table *huffTable
}

// decodeScan reads a SOS header (T.81 B.2.3), decodes the entropy-coded
// data that starts at pos, and returns the position after it.
func (d *decoder) decodeScan(seg []byte, pos int) (int, error) {
	f := d.frame
	if f == nil {
		return 0, fmt.Errorf("codec: jpeg: SOS before a SOF3 frame header: %w", ErrCorrupt)
	}
	if len(seg) < 1 || len(seg) != 4+2*int(seg[0]) || seg[0] == 0 {
		return 0, fmt.Errorf("codec: jpeg: SOS length %d: %w", len(seg), ErrCorrupt)
	}
	ns := int(seg[0])
	comps := make([]scanComp, ns)
	for k := range comps {
		id, td := seg[1+2*k], seg[2+2*k]>>4
		index := -1
		for i, c := range d.comps {
			if c.id == id {
				index = i
			}
		}
		switch {
		case index < 0:
			return 0, fmt.Errorf("codec: jpeg: SOS component %d not in SOF3: %w", id, ErrCorrupt)
		case d.comps[index].done:
			return 0, fmt.Errorf("codec: jpeg: component %d scanned twice: %w", id, ErrCorrupt)
		case td > 3 || d.tables[td] == nil:
			return 0, fmt.Errorf("codec: jpeg: SOS component %d uses undefined Huffman table %d: %w", id, td, ErrCorrupt)
		}
		d.comps[index].done = true
		comps[k] = scanComp{index: index, table: d.tables[td]}
	}
	tail := seg[1+2*ns:]
	sv, pt := int(tail[0]), uint(tail[2]&15)
	switch {
	case sv < 1 || sv > 7:
		return 0, fmt.Errorf("codec: jpeg: predictor selection value %d (want 1..7): %w", sv, ErrCorrupt)
	case int(pt) >= f.Precision:
		return 0, fmt.Errorf("codec: jpeg: point transform %d for precision %d: %w", pt, f.Precision, ErrCorrupt)
	case d.restart > 0 && d.restart%f.Width != 0:
		return 0, fmt.Errorf("codec: jpeg: restart interval %d is not a whole number of %d-sample lines: %w",
			d.restart, f.Width, ErrUnsupported)
	}

	r := &bitReader{data: d.data[pos:]}
	s := &scanState{f: f, comps: comps, sv: sv, init: 1 << (uint(f.Precision) - pt - 1)}
	rows := f.Height
	if d.restart > 0 {
		rows = d.restart / f.Width
	}
	for y, rst := 0, 0; y < f.Height; y, rst = y+rows, rst+1 {
		if y > 0 {
			if r.overrun() {
				return 0, fmt.Errorf("codec: jpeg: scan data ends in restart interval %d: %w", rst-1, ErrTruncated)
			}
			if m := r.reset(); m < markerRST0 || m > markerRST7 {
				return 0, fmt.Errorf("codec: jpeg: restart interval %d not followed by an RST marker (found %#x): %w",
					rst-1, m, ErrCorrupt)
			}
		}
		if err := s.decodeRows(r, y, min(y+rows, f.Height)); err != nil {
			return 0, fmt.Errorf("codec: jpeg: scan line %d: %w", y, err)
		}
	}
	if r.overrun() {
		return 0, fmt.Errorf("codec: jpeg: scan data ends before %d×%d samples: %w", f.Width, f.Height, ErrTruncated)
	}
	if pt > 0 {
		for _, c := range comps {
			for i := c.index; i < len(f.Samples); i += f.Components {
				f.Samples[i] <<= pt
			}
		}
	}
	return pos + r.pos, nil
}

// scanState is what decodeRows needs to reconstruct samples.
type scanState struct {
	f     *Frame
	comps []scanComp
	sv    int   // predictor selection value 1..7
	init  int32 // prediction for the first sample: 2^(P-Pt-1)
}

// decodeRows decodes the lines y0 ≤ y < y1, which form one restart interval
// (or the whole scan): the first line is predicted from the left only and
// starts from s.init; later lines start from the sample above (T.81 H.1.2.1).
func (s *scanState) decodeRows(r *bitReader, y0, y1 int) error {
	if len(s.comps) == 1 {
		return s.decodeRows1(r, y0, y1)
	}
	f := s.f
	nf, w := f.Components, f.Width
	line := w * nf
	out := f.Samples
	for y := y0; y < y1; y++ {
		row := y * line
		for x := range w {
			i0 := row + x*nf
			for _, c := range s.comps {
				i := i0 + c.index
				var pred int32
				switch {
				case y == y0 && x == 0:
					pred = s.init
				case y == y0:
					pred = int32(out[i-nf])
				case x == 0:
					pred = int32(out[i-line])
				default:
					pred = predict(s.sv, int32(out[i-nf]), int32(out[i-line]), int32(out[i-line-nf]))
				}
				out[i] = uint16(pred + r.diff(c.table))
			}
		}
		if r.bad {
			return fmt.Errorf("line %d: invalid huffman code or difference size: %w", y, ErrCorrupt)
		}
	}
	return nil
}

// decodeRows1 is decodeRows for a scan of one component, the common case.
func (s *scanState) decodeRows1(r *bitReader, y0, y1 int) error {
	f := s.f
	nf, w := f.Components, f.Width
	line := w * nf
	t := s.comps[0].table
	for y := y0; y < y1; y++ {
		// cur and prev hold this component's samples of lines y and y-1,
		// every nf-th element.
		start := y*line + s.comps[0].index
		cur := f.Samples[start : start+(w-1)*nf+1]
		if y == y0 {
			cur[0] = uint16(s.init + r.diff(t))
			for i := nf; i < len(cur); i += nf {
				cur[i] = uint16(int32(cur[i-nf]) + r.diff(t))
			}
		} else {
			prev := f.Samples[start-line : start-line+len(cur)]
			cur[0] = uint16(int32(prev[0]) + r.diff(t))
			for i := nf; i < len(cur); i += nf {
				pred := predict(s.sv, int32(cur[i-nf]), int32(prev[i]), int32(prev[i-nf]))
				cur[i] = uint16(pred + r.diff(t))
			}
		}
		if r.bad {
			return fmt.Errorf("line %d: invalid huffman code or difference size: %w", y, ErrCorrupt)
		}
	}
	return nil
}

// predict applies predictor sv to the reconstructed neighbours a (left), b
// (above) and c (above left) (T.81 Table H.1).
func predict(sv int, a, b, c int32) int32 {
	switch sv {
	case 1:
		return a
	case 2:
		return b
	case 3:
		return c
	case 4:
		return a + b - c
	case 5:
		return a + (b-c)>>1
	case 6:
		return b + (a-c)>>1
	default:
		return (a + b) >> 1
	}
}
