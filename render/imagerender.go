package render

import (
	"fmt"
	"math"
	"strings"
)

// Mode is a way of showing an image.
type Mode string

// The image modes. ModeAuto is resolved by DetectCaps to one of the others.
const (
	ModeAuto    Mode = "auto"
	ModeKitty   Mode = "kitty"   // kitty graphics protocol
	ModeSixel   Mode = "sixel"   // DEC sixel
	ModeITerm   Mode = "iterm"   // iTerm2 inline image (OSC 1337)
	ModeBlocks  Mode = "blocks"  // half blocks "▀", two pixels per cell
	ModeQuarter Mode = "quarter" // quadrant blocks, 2×2 pixels per cell
	ModeASCII   Mode = "ascii"   // plain character ramp
	ModePNG     Mode = "png"     // a PNG file, for -o
)

// Modes lists every mode, ModeAuto first.
func Modes() []Mode {
	return []Mode{ModeAuto, ModeKitty, ModeSixel, ModeITerm, ModeBlocks, ModeQuarter, ModeASCII, ModePNG}
}

// ParseMode reads a mode name as given to --graphics or QCTERM_GRAPHICS
// (case-insensitive; "iterm2" and "half" are accepted too).
func ParseMode(s string) (Mode, error) {
	m := Mode(strings.ToLower(strings.TrimSpace(s)))
	switch m {
	case "iterm2":
		return ModeITerm, nil
	case "half", "halfblocks":
		return ModeBlocks, nil
	case "quarterblocks":
		return ModeQuarter, nil
	}
	for _, known := range Modes() {
		if m == known {
			return m, nil
		}
	}
	names := make([]string, 0, 8)
	for _, known := range Modes() {
		names = append(names, string(known))
	}
	return "", fmt.Errorf("graphics mode %q: want one of %s", Sanitize(s), strings.Join(names, "|"))
}

// ImageOptions control RenderImage.
type ImageOptions struct {
	// Mode is how to encode; it must not be ModeAuto (resolve it with
	// DetectCaps first).
	Mode Mode
	// Cols and Rows are the cell box the image must fit in, keeping its
	// shape. Unused by ModePNG.
	Cols, Rows int
	// Cell is the terminal's cell size in pixels; zero means unknown, and
	// DefaultCellW×DefaultCellH (1:2) is assumed.
	Cell CellSize
	// Color is the text colour depth for block modes: TrueColor, else the
	// 256-colour palette is used.
	Color ColorDepth
	// SixelColors is the number of sixel colour registers (0 means 256).
	SixelColors int
	// SixelOffsetX/Y shift a sixel image by that many pixels (see SixelOptions).
	SixelOffsetX, SixelOffsetY int
	// KittyID and KittyPlaceholders: see KittyOptions.
	KittyID           uint32
	KittyPlaceholders bool
	// Tmux wraps graphics sequences for tmux passthrough.
	Tmux bool
}

// Rendered is an encoded image and the room it takes.
type Rendered struct {
	Mode Mode
	Data []byte
	// Cols and Rows are the cells the image covers on screen (0 for PNG).
	Cols, Rows int
	// W and H are the pixels (or sub-cell units) encoded.
	W, H int
}

// RenderImage scales img to fit the cell box with its physical shape
// (pixel aspect and cell size both counted) and encodes it in opts.Mode.
// ModePNG writes the whole frame at its own resolution, stretched only to
// make pixels square.
func RenderImage(img RGBImage, opts ImageOptions) (Rendered, error) {
	if img.W <= 0 || img.H <= 0 || len(img.Pix) != 3*img.W*img.H {
		return Rendered{}, fmt.Errorf("render image: %d×%d image with %d bytes", img.W, img.H, len(img.Pix))
	}
	if opts.Mode == ModePNG {
		return renderPNG(img)
	}
	if opts.Cols <= 0 || opts.Rows <= 0 {
		return Rendered{}, fmt.Errorf("render image: cell box %d×%d is empty", opts.Cols, opts.Rows)
	}
	cell := opts.Cell.orDefault()
	cw, ch := float64(cell.W), float64(cell.H)
	depth := opts.Color
	if depth < TrueColor {
		depth = Color256
	}
	fit := func(unitW, unitH float64, maxX, maxY int) RGBImage {
		nx, ny := fitUnits(img.W, img.H, img.aspect(), unitW, unitH, maxX, maxY)
		return Resize(img, nx, ny)
	}
	r := Rendered{Mode: opts.Mode}
	switch opts.Mode {
	case ModeBlocks:
		m := fit(cw/2, ch/2, 2*opts.Cols, 2*opts.Rows)
		r.Data, r.W, r.H, r.Cols, r.Rows = HalfSplitBlocks(m, depth), m.W, m.H, (m.W+1)/2, (m.H+1)/2
	case ModeQuarter:
		m := fit(cw/2, ch/2, 2*opts.Cols, 2*opts.Rows)
		r.Data, r.W, r.H, r.Cols, r.Rows = QuarterBlocks(m, depth), m.W, m.H, (m.W+1)/2, (m.H+1)/2
	case ModeASCII:
		m := fit(cw, ch, opts.Cols, opts.Rows)
		r.Data, r.W, r.H, r.Cols, r.Rows = ASCII(m), m.W, m.H, m.W, m.H
	case ModeSixel, ModeKitty, ModeITerm:
		m := fit(1, 1, opts.Cols*cell.W, opts.Rows*cell.H)
		r.W, r.H = m.W, m.H
		r.Cols, r.Rows = (m.W+cell.W-1)/cell.W, (m.H+cell.H-1)/cell.H
		var err error
		switch opts.Mode {
		case ModeSixel:
			r.Data = Sixel(m, SixelOptions{Colors: opts.SixelColors, OffsetX: opts.SixelOffsetX, OffsetY: opts.SixelOffsetY})
			if opts.Tmux {
				r.Data = TmuxPassthrough(r.Data)
			}
		case ModeKitty:
			ko := KittyOptions{ID: opts.KittyID, Placeholders: opts.KittyPlaceholders, Tmux: opts.Tmux}
			// Name the cells when the cell size is a guess, so the box holds.
			if opts.KittyPlaceholders || opts.Cell.W <= 0 || opts.Cell.H <= 0 {
				ko.Cols, ko.Rows = r.Cols, r.Rows
				if img.W*img.H < m.W*m.H {
					// The terminal scales the image to the cells it is given:
					// sending the source pixels, not an enlargement, saves bytes.
					m, r.W, r.H = img, img.W, img.H
				}
			}
			r.Data, err = Kitty(m, ko)
		case ModeITerm:
			r.Data, err = ITerm(m, ITermOptions{Cols: r.Cols, Rows: r.Rows, Tmux: opts.Tmux})
		}
		if err != nil {
			return Rendered{}, fmt.Errorf("render image: %w", err)
		}
	case ModeAuto:
		return Rendered{}, fmt.Errorf("render image: mode auto must be resolved first (DetectCaps)")
	default:
		return Rendered{}, fmt.Errorf("render image: unknown mode %q", Sanitize(string(opts.Mode)))
	}
	return r, nil
}

// renderPNG writes img at its own resolution, stretched to square pixels.
func renderPNG(img RGBImage) (Rendered, error) {
	w, h := img.W, img.H
	if a := img.aspect(); a > 1 {
		h = int(math.Round(float64(h) * a))
	} else if a < 1 {
		w = int(math.Round(float64(w) / a))
	}
	m := img
	if w != img.W || h != img.H {
		m = Resize(img, w, h)
	}
	data, err := PNG(m)
	if err != nil {
		return Rendered{}, fmt.Errorf("render image: %w", err)
	}
	return Rendered{Mode: ModePNG, Data: data, W: w, H: h}, nil
}
