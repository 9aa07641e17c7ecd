package data

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/suyashkumar/dicom/pkg/tag"
)

// errNoMeta says a stream has no meta header naming its transfer syntax;
// readDICOMObject then gives it one (withMeta) and tries again, rather than
// let the parser guess (its guess allocates whatever the first element claims).
var errNoMeta = errors.New("no DICOM meta header with a transfer syntax")

// maxInflated bounds the data set a deflated DICOM file may inflate to.
const maxInflated = 1 << 30

// checkLengths walks a DICOM stream's elements, as the parser will read them, and
// refuses one whose value length is longer than what is left of the file. The
// parser allocates each value's full length before reading it, so without this
// a 100-byte file claiming a 4 GB element makes it allocate 4 GB. Anything the
// walk does not understand is left to the parser: it only refuses lengths.
//
// It also returns where the native (uncompressed) pixel data of an explicit or
// implicit VR little or big endian stream is: pixels is a slice of b, nil when
// there is none or the stream is deflated or encapsulated. The last Pixel Data
// element with a defined length is taken: the top-level one comes after any in
// an icon image sequence, as top-level elements are in tag order.
//
// With strict set (reading in process, where a parser allocation cannot be
// contained), a stream is only accepted if the walk accounts for every byte of
// it by the standard's rules: a preamble and meta group whose group length is
// right, known VRs, defined lengths except for sequences, items and
// encapsulated pixel data, each container ending where it says, delimiters
// where they belong. On such a stream the parser and the walk agree on every
// element boundary, so every length the parser allocates was checked. Anything
// else is ErrNotStrict, for the caller to read in the isolated reader process.
func checkLengths(b []byte, strict bool) (pixels []byte, err error) {
	w := lengthWalker{b: b, order: binary.LittleEndian, pixelAt: -1, strict: strict}
	if len(b) >= 132 && string(b[128:132]) == "DICM" {
		w.pos = 132
	} else if strict && len(b) >= 8 && binary.LittleEndian.Uint16(b) == 0x0002 {
		return nil, fmt.Errorf("%w: a meta group without a preamble", ErrNotStrict)
	}
	ts, err := w.meta()
	if err != nil {
		return nil, err
	}
	native := true
	switch ts {
	case "":
		return nil, errNoMeta
	case "1.2.840.10008.1.2":
		w.implicit = true
	case "1.2.840.10008.1.2.1":
	case "1.2.840.10008.1.2.2":
		w.order = binary.BigEndian
	case "1.2.840.10008.1.2.1.99":
		inflated, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(b[w.pos:])), maxInflated+1))
		if len(inflated) > maxInflated {
			return nil, fmt.Errorf("%w: deflated data set inflates to more than %d bytes", ErrTooLarge, maxInflated)
		}
		if err != nil && len(inflated) == 0 {
			return nil, nil // not deflate data: the parser says what is wrong
		}
		w = lengthWalker{b: inflated, order: binary.LittleEndian, pixelAt: -1, strict: strict}
		native = false // the pixels are in the inflated copy, not in b
	default:
		native = false
	}
	walk := w.dataset
	if strict {
		walk = w.strictDataset
	}
	if err := walk(); err != nil {
		return nil, err
	}
	if !native || w.pixelAt < 0 {
		return nil, nil
	}
	return b[w.pixelAt : w.pixelAt+w.pixelLen : w.pixelAt+w.pixelLen], nil
}

// afterMeta is where the data set starts: after the preamble and meta group, if any.
func afterMeta(b []byte) int {
	w := lengthWalker{b: b, order: binary.LittleEndian}
	if len(b) >= 132 && string(b[128:132]) == "DICM" {
		w.pos = 132
	}
	if _, err := w.meta(); err != nil {
		return 0
	}
	return w.pos
}

// lengthWalker reads element headers from b at pos.
type lengthWalker struct {
	b        []byte
	pos      int
	order    binary.ByteOrder
	implicit bool

	pixelAt, pixelLen int // the last Pixel Data value of defined length; pixelAt -1 if none
	strict            bool
}

// ErrNotStrict says a DICOM stream is outside what is read in process (see
// checkLengths); the isolated reader reads it.
var ErrNotStrict = errors.New("DICOM structure outside the strict subset read in process")

// meta walks the group 0002 elements (always explicit VR little endian) and returns the transfer syntax.
func (w *lengthWalker) meta() (string, error) {
	ts := ""
	groupLen, groupStart := -1, 0
	for w.pos+8 <= len(w.b) && binary.LittleEndian.Uint16(w.b[w.pos:]) == 0x0002 {
		t, vl, hdr, ok := w.header(binary.LittleEndian, false)
		if !ok || vl == 0xFFFFFFFF {
			if w.strict {
				return "", fmt.Errorf("%w: meta element %s not walked", ErrNotStrict, t)
			}
			return ts, nil
		}
		if err := w.fits(t, hdr, vl); err != nil {
			return "", err
		}
		v := w.b[w.pos+hdr : w.pos+hdr+int(vl)]
		switch {
		case t.Element == 0x0000 && vl == 4 && groupLen < 0:
			groupLen, groupStart = int(binary.LittleEndian.Uint32(v)), w.pos+hdr+4
		case t.Element == 0x0010:
			ts = string(bytes.TrimRight(v, "\x00 "))
		}
		w.pos += hdr + int(vl)
	}
	if w.strict && groupLen >= 0 && w.pos-groupStart != groupLen {
		return "", fmt.Errorf("%w: meta group length %d, elements of %d bytes", ErrNotStrict, groupLen, w.pos-groupStart)
	}
	return ts, nil
}

// dataset walks the elements after the meta group. Sequences and items are
// entered rather than skipped, so nested elements are checked too; fragments of
// encapsulated pixel data are skipped.
func (w *lengthWalker) dataset() error {
	inPixels := false
	for w.pos+8 <= len(w.b) {
		t, vl, hdr, ok := w.header(w.order, w.implicit)
		if !ok {
			return nil
		}
		switch {
		case t.Group == 0xFFFE && t.Element == 0xE0DD: // sequence delimiter
			inPixels = false
			w.pos += hdr
		case t.Group == 0xFFFE && t.Element == 0xE000 && inPixels: // a fragment
			if err := w.fits(tag.PixelData, hdr, vl); err != nil {
				return err
			}
			w.pos += hdr + int(vl)
		case vl == 0xFFFFFFFF || t.Group == 0xFFFE || w.isSequence(t, hdr):
			inPixels = t == tag.PixelData
			w.pos += hdr // enter: its items and elements follow
		default:
			if err := w.fits(t, hdr, vl); err != nil {
				return err
			}
			if t == tag.PixelData {
				w.pixelAt, w.pixelLen = w.pos+hdr, int(vl)
			}
			w.pos += hdr + int(vl)
		}
	}
	return nil
}

// header decodes the element header at pos: tag, value length, header size.
// ok is false when the bytes are not a header the walk understands.
func (w *lengthWalker) header(order binary.ByteOrder, implicit bool) (t tag.Tag, vl uint32, hdr int, ok bool) {
	b := w.b[w.pos:]
	t = tag.Tag{Group: order.Uint16(b), Element: order.Uint16(b[2:])}
	if implicit || t.Group == 0xFFFE {
		return t, order.Uint32(b[4:]), 8, true
	}
	vr := string(b[4:6])
	if !isVR(vr) {
		return t, 0, 0, false
	}
	switch vr {
	case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV":
		if len(b) < 12 {
			return t, 0, 0, false
		}
		return t, order.Uint32(b[8:]), 12, true
	}
	return t, uint32(order.Uint16(b[6:])), 8, true
}

// isSequence reports whether the element at pos holds a sequence: its VR says
// so (explicit VR) or the dictionary does (implicit VR).
func (w *lengthWalker) isSequence(t tag.Tag, hdr int) bool {
	if !w.implicit {
		return hdr == 12 && string(w.b[w.pos+4:w.pos+6]) == "SQ"
	}
	info, err := tag.Find(t)
	return err == nil && len(info.VRs) > 0 && info.VRs[0] == "SQ"
}

// fits refuses a value longer than the rest of the stream.
func (w *lengthWalker) fits(t tag.Tag, hdr int, vl uint32) error {
	if left := len(w.b) - w.pos - hdr; int64(vl) > int64(left) {
		what := "not readable as DICOM: element " + t.String()
		if t == tag.PixelData {
			what = "pixel data truncated: element " + t.String()
		}
		return fmt.Errorf("%w: %s claims %d bytes, %d left in the file", ErrMalformed, what, vl, max(left, 0))
	}
	return nil
}

// strictDataset walks the data set after the meta group by the standard's
// rules (see checkLengths), keeping a stack of open sequences and items, and
// records the top-level Pixel Data value when it has a defined length.
func (w *lengthWalker) strictDataset() error {
	const (
		inDataset   = iota // elements, to a defined end
		inItem             // elements, to a defined end or an item delimiter
		inSequence         // items, to a defined end or a sequence delimiter
		inFragments        // encapsulated pixel data: items of defined length, to a sequence delimiter
	)
	type open struct{ kind, end int } // end -1: undefined length
	stack := []open{{inDataset, len(w.b)}}
	notStrict := func(what string, args ...any) error {
		return fmt.Errorf("%w: %s at byte %d", ErrNotStrict, fmt.Sprintf(what, args...), w.pos)
	}
	for {
		top := stack[len(stack)-1]
		if top.end >= 0 && w.pos == top.end {
			if len(stack) == 1 {
				return nil
			}
			stack = stack[:len(stack)-1]
			continue
		}
		if w.pos+8 > len(w.b) || (top.end >= 0 && w.pos+8 > top.end) {
			return notStrict("%d bytes left where an element should start", min(len(w.b), max(top.end, 0))-w.pos)
		}
		group := w.order.Uint16(w.b[w.pos:])
		elem := w.order.Uint16(w.b[w.pos+2:])
		if group == 0xFFFE {
			vl := w.order.Uint32(w.b[w.pos+4:])
			switch {
			case elem == 0xE000 && (top.kind == inSequence || top.kind == inFragments):
				w.pos += 8
				if vl == 0xFFFFFFFF {
					if top.kind == inFragments {
						return notStrict("a pixel data fragment of undefined length")
					}
					stack = append(stack, open{inItem, -1})
					continue
				}
				if err := w.fits(tag.Item, 0, vl); err != nil {
					return err
				}
				end := w.pos + int(vl)
				if top.end >= 0 && end > top.end {
					return notStrict("an item beyond its sequence")
				}
				if top.kind == inFragments {
					w.pos = end
				} else {
					stack = append(stack, open{inItem, end})
				}
			case elem == 0xE00D && top.kind == inItem && top.end < 0 && vl == 0:
				w.pos += 8
				stack = stack[:len(stack)-1]
			case elem == 0xE0DD && (top.kind == inSequence || top.kind == inFragments) && top.end < 0 && vl == 0:
				w.pos += 8
				stack = stack[:len(stack)-1]
			default:
				return notStrict("item tag (fffe,%04x) length %d out of place", elem, vl)
			}
			continue
		}
		if top.kind == inSequence || top.kind == inFragments {
			return notStrict("element (%04x,%04x) where an item should be", group, elem)
		}
		t, vl, hdr, ok := w.header(w.order, w.implicit)
		if !ok {
			return notStrict("element (%04x,%04x) with an unknown VR", group, elem)
		}
		if !w.implicit {
			// Where the parser (suyashkumar/dicom v1.1.0) reads a header
			// differently from the standard: OV, SV and UV with a 2-byte length,
			// and a 2-byte length of FFFFH as undefined.
			switch vr := string(w.b[w.pos+4 : w.pos+6]); {
			case vr == "OV" || vr == "SV" || vr == "UV":
				return notStrict("element %s with VR %s", t, vr)
			case hdr == 8 && vl == 0xFFFF:
				return notStrict("element %s with a 2-byte length of FFFFH", t)
			case t == tag.PixelData && vr == "SQ":
				return notStrict("pixel data with VR SQ")
			}
		}
		switch {
		case t != tag.PixelData && w.isSequence(t, hdr):
			w.pos += hdr
			if vl == 0xFFFFFFFF {
				stack = append(stack, open{inSequence, -1})
				continue
			}
			if err := w.fits(t, 0, vl); err != nil {
				return err
			}
			end := w.pos + int(vl)
			if top.end >= 0 && end > top.end {
				return notStrict("sequence %s beyond its container", t)
			}
			stack = append(stack, open{inSequence, end})
		case vl == 0xFFFFFFFF && t == tag.PixelData:
			w.pos += hdr
			stack = append(stack, open{inFragments, -1})
		case vl == 0xFFFFFFFF:
			return notStrict("element %s of undefined length", t)
		default:
			if err := w.fits(t, hdr, vl); err != nil {
				return err
			}
			if top.end >= 0 && w.pos+hdr+int(vl) > top.end {
				return notStrict("element %s beyond its container", t)
			}
			if t == tag.PixelData && len(stack) == 1 {
				w.pixelAt, w.pixelLen = w.pos+hdr, int(vl)
			}
			w.pos += hdr + int(vl)
		}
	}
}
