package codec

// symbol decodes one Huffman-coded byte (T.81 F.2.2.3). An invalid code
// sets r.bad and returns 0, which callers treat as an end of block.
func (r *bitReader) symbol(t *huffTable) uint {
	if r.n < 32 {
		r.fill()
	}
	if e := t.lut[(r.acc>>(r.n-lutBits))&(1<<lutBits-1)]; e != 0 {
		r.n -= uint(e & 0xFF)
		return uint(e >> 8)
	}
	return r.slowSymbol(t)
}

// extend reads s (0..15) extra bits and returns the signed value they code
// for size category s (T.81 F.2.2.1, EXTEND). symbol leaves at least 16
// bits buffered, so no refill is needed.
func (r *bitReader) extend(s uint) int32 {
	if s == 0 {
		return 0
	}
	r.n -= s
	v := int32(r.acc>>r.n) & (1<<s - 1)
	if v < 1<<(s-1) {
		v -= 1<<s - 1
	}
	return v
}

// bits reads n (0..16) raw bits.
func (r *bitReader) bits(n uint) uint32 {
	if r.n < n {
		r.fill()
	}
	r.n -= n
	return uint32(r.acc>>r.n) & (1<<n - 1)
}
