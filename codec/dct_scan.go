package codec

import "fmt"

// dctScanComp is one component of a DCT scan with its Huffman tables.
type dctScanComp struct {
	c      *dctComp
	dc, ac *huffTable
}

// dctScan is the state of one scan: its components, the spectral selection
// and successive approximation parameters, and the end-of-band run of
// progressive AC scans.
type dctScan struct {
	comps  []dctScanComp
	ss, se int  // spectral selection, zig-zag indexes
	ah, al uint // successive approximation bit positions
	eobrun int
	block  func(s *dctScan, r *bitReader, sc *dctScanComp, blk []int16)
}

// decodeScan reads a SOS header (T.81 B.2.3), decodes the entropy-coded
// data that starts at pos into the coefficients, and returns the position
// after it.
func (d *dctDecoder) decodeScan(seg []byte, pos int) (int, error) {
	if d.sof == 0 {
		return 0, fmt.Errorf("codec: jpeg: SOS before a frame header: %w", ErrCorrupt)
	}
	if len(seg) < 1 || seg[0] == 0 || seg[0] > 4 || len(seg) != 4+2*int(seg[0]) {
		return 0, fmt.Errorf("codec: jpeg: SOS length %d: %w", len(seg), ErrCorrupt)
	}
	ns := int(seg[0])
	tail := seg[1+2*ns:]
	s := &dctScan{comps: make([]dctScanComp, ns), ss: int(tail[0]), se: int(tail[1]), ah: uint(tail[2] >> 4), al: uint(tail[2] & 15)}
	if err := d.scanMode(s); err != nil {
		return 0, err
	}
	blocks := 0
	for k := range s.comps {
		id, td, ta := seg[1+2*k], seg[2+2*k]>>4, seg[2+2*k]&15
		var c *dctComp
		for i := range d.comps {
			if d.comps[i].id == id {
				c = &d.comps[i]
			}
		}
		if c == nil {
			return 0, fmt.Errorf("codec: jpeg: SOS component %d not in the frame: %w", id, ErrCorrupt)
		}
		for j := range k {
			if s.comps[j].c == c {
				return 0, fmt.Errorf("codec: jpeg: SOS component %d repeated: %w", id, ErrCorrupt)
			}
		}
		needDC := s.ss == 0 && s.ah == 0
		needAC := s.se > 0
		switch {
		case needDC && (td > 3 || d.dc[td] == nil):
			return 0, fmt.Errorf("codec: jpeg: SOS component %d uses undefined DC table %d: %w", id, td, ErrCorrupt)
		case needAC && (ta > 3 || d.ac[ta] == nil):
			return 0, fmt.Errorf("codec: jpeg: SOS component %d uses undefined AC table %d: %w", id, ta, ErrCorrupt)
		}
		if !c.latched {
			if d.qt[c.tq] == nil {
				return 0, fmt.Errorf("codec: jpeg: component %d uses undefined quantization table %d: %w", id, c.tq, ErrCorrupt)
			}
			c.q, c.latched = *d.qt[c.tq], true
		}
		if s.ss == 0 {
			c.scanned = true
		}
		s.comps[k] = dctScanComp{c: c, dc: d.dc[td&3], ac: d.ac[ta&3]}
		blocks += c.h * c.v
	}
	if ns > 1 && blocks > 10 {
		return 0, fmt.Errorf("codec: jpeg: SOS with %d blocks per MCU (at most 10): %w", blocks, ErrCorrupt)
	}

	r := &bitReader{data: d.data[pos:]}
	mcus, perLine := d.mcusX*d.mcusY, d.mcusX
	if ns == 1 {
		c := s.comps[0].c
		perLine = ceilDiv(c.w, 8)
		mcus = perLine * ceilDiv(c.hgt, 8)
	}
	interval := mcus
	if d.restart > 0 {
		interval = d.restart
	}
	for m0, rst := 0, 0; m0 < mcus; m0, rst = m0+interval, rst+1 {
		if m0 > 0 {
			if r.overrun() {
				return 0, fmt.Errorf("codec: jpeg: scan data ends in restart interval %d: %w", rst-1, ErrTruncated)
			}
			if m := r.reset(); m < markerRST0 || m > markerRST7 {
				return 0, fmt.Errorf("codec: jpeg: restart interval %d not followed by an RST marker (found %#x): %w",
					rst-1, m, ErrCorrupt)
			}
			for i := range s.comps {
				s.comps[i].c.dcPred = 0
			}
			s.eobrun = 0
		}
		for m := m0; m < min(m0+interval, mcus); m++ {
			s.decodeMCU(r, m%perLine, m/perLine)
			if r.overrun() {
				// Stop now rather than decode the rest from padding.
				return 0, fmt.Errorf("codec: jpeg: scan data ends in MCU %d of %d: %w", m, mcus, ErrTruncated)
			}
		}
		if r.bad {
			return 0, fmt.Errorf("codec: jpeg: restart interval %d: invalid huffman code or coefficient: %w", rst, ErrCorrupt)
		}
	}
	if r.overrun() {
		return 0, fmt.Errorf("codec: jpeg: scan data ends before its %d MCUs: %w", mcus, ErrTruncated)
	}
	for i := range s.comps {
		s.comps[i].c.dcPred = 0
	}
	return pos + r.pos, nil
}

// scanMode checks the spectral selection and successive approximation of a
// scan against the frame's process and picks the block decoder.
func (d *dctDecoder) scanMode(s *dctScan) error {
	if !d.progressive {
		// libjpeg only warns about other values in sequential scans.
		s.ss, s.se, s.ah, s.al = 0, 63, 0, 0
		s.block = (*dctScan).blockSequential
		return nil
	}
	switch {
	case s.ss > s.se || s.se > 63 || s.ah > 13 || s.al > 13:
		return fmt.Errorf("codec: jpeg: progressive scan Ss=%d Se=%d Ah=%d Al=%d: %w", s.ss, s.se, s.ah, s.al, ErrCorrupt)
	case s.ss == 0 && s.se != 0:
		return fmt.Errorf("codec: jpeg: progressive scan mixes DC and AC (Ss=0 Se=%d): %w", s.se, ErrCorrupt)
	case s.ss > 0 && len(s.comps) != 1:
		return fmt.Errorf("codec: jpeg: progressive AC scan with %d components: %w", len(s.comps), ErrCorrupt)
	case s.ah != 0 && s.ah != s.al+1:
		return fmt.Errorf("codec: jpeg: progressive refinement Ah=%d Al=%d: %w", s.ah, s.al, ErrCorrupt)
	}
	switch {
	case s.ss == 0 && s.ah == 0:
		s.block = (*dctScan).blockDCFirst
	case s.ss == 0:
		s.block = (*dctScan).blockDCRefine
	case s.ah == 0:
		s.block = (*dctScan).blockACFirst
	default:
		s.block = (*dctScan).blockACRefine
	}
	return nil
}

// decodeMCU decodes the MCU at column mx and row my: one block for a scan
// of one component, else h×v blocks of each component (T.81 A.2).
func (s *dctScan) decodeMCU(r *bitReader, mx, my int) {
	if len(s.comps) == 1 {
		sc := &s.comps[0]
		off := (my*sc.c.bw + mx) * 64
		s.block(s, r, sc, sc.c.coef[off:off+64:off+64])
		return
	}
	for i := range s.comps {
		sc := &s.comps[i]
		c := sc.c
		for by := range c.v {
			row := (my*c.v + by) * c.bw
			for bx := range c.h {
				off := (row + mx*c.h + bx) * 64
				s.block(s, r, sc, c.coef[off:off+64:off+64])
			}
		}
	}
}

// dcDiff decodes a DC difference and adds it to the component's predictor.
func dcDiff(r *bitReader, sc *dctScanComp) int32 {
	t := r.symbol(sc.dc)
	if t > 15 {
		r.bad = true
		t = 0
	}
	sc.c.dcPred += r.extend(t)
	return sc.c.dcPred
}

// blockSequential decodes one block of a sequential scan (T.81 F.2.2).
func (s *dctScan) blockSequential(r *bitReader, sc *dctScanComp, blk []int16) {
	clear(blk)
	blk[0] = int16(dcDiff(r, sc))
	ac := sc.ac
	for k := 1; k < 64; k++ {
		rs := r.symbol(ac)
		run, size := int(rs>>4), rs&15
		if size == 0 {
			if run != 15 {
				return // EOB
			}
			k += 15 // ZRL: sixteen zeros
			continue
		}
		k += run
		if k > 63 {
			r.bad = true
			return
		}
		blk[unzig[k]] = int16(r.extend(size))
	}
}

// blockDCFirst decodes the DC coefficient of a first progressive scan
// (T.81 G.1.2.1).
func (s *dctScan) blockDCFirst(r *bitReader, sc *dctScanComp, blk []int16) {
	blk[0] = int16(dcDiff(r, sc) << s.al)
}

// blockDCRefine decodes one refinement bit of the DC coefficient.
func (s *dctScan) blockDCRefine(r *bitReader, _ *dctScanComp, blk []int16) {
	if r.bits(1) != 0 {
		blk[0] |= 1 << s.al
	}
}

// blockACFirst decodes the band Ss..Se of a first progressive AC scan, with
// end-of-band runs spanning blocks (T.81 G.1.2.2).
func (s *dctScan) blockACFirst(r *bitReader, sc *dctScanComp, blk []int16) {
	if s.eobrun > 0 {
		s.eobrun--
		return
	}
	for k := s.ss; k <= s.se; k++ {
		rs := r.symbol(sc.ac)
		run, size := rs>>4, rs&15
		if size == 0 {
			if run != 15 {
				s.eobrun = 1<<run - 1
				if run > 0 {
					s.eobrun += int(r.bits(run))
				}
				return
			}
			k += 15
			continue
		}
		k += int(run)
		if k > 63 {
			r.bad = true
			return
		}
		blk[unzig[k]] = int16(r.extend(size) << s.al)
	}
}

// blockACRefine decodes one refinement scan of the band Ss..Se: new
// coefficients of magnitude 1<<Al and one correction bit for each
// coefficient already non-zero (T.81 G.1.2.3; libjpeg decode_mcu_AC_refine).
func (s *dctScan) blockACRefine(r *bitReader, sc *dctScanComp, blk []int16) {
	p1, m1 := int16(1)<<s.al, int16(-1)<<s.al
	k := s.ss
	if s.eobrun == 0 {
		for ; k <= s.se; k++ {
			rs := r.symbol(sc.ac)
			run, size := int(rs>>4), rs&15
			var val int16
			if size != 0 {
				if size != 1 {
					r.bad = true
				}
				if r.bits(1) != 0 {
					val = p1
				} else {
					val = m1
				}
			} else if run != 15 {
				s.eobrun = 1 << run
				if run > 0 {
					s.eobrun += int(r.bits(uint(run)))
				}
				break
			}
			// Skip run zero coefficients, refining the non-zero ones met.
			for ; k <= s.se; k++ {
				z := unzig[k]
				if blk[z] != 0 {
					refine(r, &blk[z], p1, m1)
				} else {
					if run == 0 {
						break
					}
					run--
				}
			}
			if val != 0 && k <= s.se {
				blk[unzig[k]] = val
			}
		}
	}
	if s.eobrun > 0 {
		for ; k <= s.se; k++ {
			if z := unzig[k]; blk[z] != 0 {
				refine(r, &blk[z], p1, m1)
			}
		}
		s.eobrun--
	}
}

// refine applies a correction bit to a coefficient that is already
// non-zero: it moves away from zero by p1 when the bit is set and the bit
// position is still clear.
func refine(r *bitReader, v *int16, p1, m1 int16) {
	if r.bits(1) != 0 && *v&p1 == 0 {
		if *v >= 0 {
			*v += p1
		} else {
			*v += m1
		}
	}
}
