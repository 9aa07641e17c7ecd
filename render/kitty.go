package render

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// KittyOptions control Kitty.
type KittyOptions struct {
	// ID is the image id (1–4294967295). Zero lets the terminal choose,
	// except with Placeholders, which need an id and use 1.
	ID uint32
	// Placeholders transmits the image with a virtual placement and returns
	// text of U+10EEEE placeholder cells, coloured with the id, that show it
	// (kitty ≥ 0.28, Ghostty). The image then lives in cells: it survives
	// redraws, scrolling and tmux passthrough.
	Placeholders bool
	// Cols and Rows are the cells the image covers; zero means enough
	// DefaultCellW×DefaultCellH cells for its pixels. Placeholders use them;
	// a direct placement with neither shows the pixels unscaled.
	Cols, Rows int
	// Tmux wraps each graphics command for tmux passthrough.
	Tmux bool
}

// kittyChunk is the most base64 bytes one kitty graphics command may carry.
const kittyChunk = 4096

// Kitty encodes img for the kitty graphics protocol: 24-bit RGB, zlib
// compressed, base64 in chunks of 4096 bytes. Without placeholders the
// image is shown at the cursor (a=T) and the cursor is left below it; with
// them the result is the transmission followed by Rows lines of placeholder
// cells.
func Kitty(img RGBImage, opts KittyOptions) ([]byte, error) {
	var z bytes.Buffer
	zw, err := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	if err != nil {
		return nil, fmt.Errorf("kitty: %w", err)
	}
	if _, err := zw.Write(img.Pix); err != nil {
		return nil, fmt.Errorf("kitty: compress: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("kitty: compress: %w", err)
	}
	payload := base64.StdEncoding.EncodeToString(z.Bytes())

	cols, rows := opts.Cols, opts.Rows
	if opts.Placeholders {
		if opts.ID == 0 {
			opts.ID = 1
		}
		if cols <= 0 || rows <= 0 {
			cols = (img.W + DefaultCellW - 1) / DefaultCellW
			rows = (img.H + DefaultCellH - 1) / DefaultCellH
		}
		if tbl := utf8.RuneCountInString(kittyDiacritics); rows > tbl || cols > tbl {
			return nil, fmt.Errorf("kitty: %d×%d cells is more than placeholders can number", cols, rows)
		}
	}
	ctrl := []byte("a=T,f=24,o=z,q=2,s=" + strconv.Itoa(img.W) + ",v=" + strconv.Itoa(img.H))
	if opts.ID != 0 {
		ctrl = append(ctrl, ",i="+strconv.FormatUint(uint64(opts.ID), 10)...)
	}
	if opts.Placeholders {
		ctrl = append(ctrl, ",U=1"...)
	}
	if cols > 0 && rows > 0 {
		ctrl = append(ctrl, ",c="+strconv.Itoa(cols)+",r="+strconv.Itoa(rows)...)
	}
	out := make([]byte, 0, len(payload)+len(payload)/kittyChunk*40+cols*rows*12+64)
	for i := 0; i == 0 || i < len(payload); i += kittyChunk {
		end := min(i+kittyChunk, len(payload))
		var cmd []byte
		cmd = append(cmd, "\x1b_G"...)
		if i == 0 {
			cmd = append(cmd, ctrl...)
			cmd = append(cmd, ',')
		}
		if end < len(payload) {
			cmd = append(cmd, "m=1"...)
		} else {
			cmd = append(cmd, "m=0"...)
		}
		cmd = append(cmd, ';')
		cmd = append(cmd, payload[i:end]...)
		cmd = append(cmd, "\x1b\\"...)
		if opts.Tmux {
			cmd = TmuxPassthrough(cmd)
		}
		out = append(out, cmd...)
	}
	if opts.Placeholders {
		out = appendKittyPlaceholders(out, opts.ID, cols, rows)
	}
	return out, nil
}

// appendKittyPlaceholders writes rows lines of cols placeholder cells for
// image id: the foreground colour carries the id's low 24 bits (256-colour
// form below 256) and a third diacritic its high byte; every cell names its
// row and column, so a partial redraw still places it.
func appendKittyPlaceholders(out []byte, id uint32, cols, rows int) []byte {
	dia := kittyDiacriticTable()
	if id < 256 {
		out = append(out, "\x1b[38;5;"...)
		out = strconv.AppendUint(out, uint64(id), 10)
	} else {
		out = append(out, "\x1b[38;2;"...)
		out = strconv.AppendUint(out, uint64(id>>16&255), 10)
		out = append(out, ';')
		out = strconv.AppendUint(out, uint64(id>>8&255), 10)
		out = append(out, ';')
		out = strconv.AppendUint(out, uint64(id&255), 10)
	}
	out = append(out, 'm')
	for r := 0; r < rows; r++ {
		if r > 0 {
			out = append(out, '\n')
		}
		for c := 0; c < cols; c++ {
			out = utf8.AppendRune(out, 0x10EEEE)
			out = utf8.AppendRune(out, dia[r])
			out = utf8.AppendRune(out, dia[c])
			if hi := id >> 24; hi != 0 {
				out = utf8.AppendRune(out, dia[hi])
			}
		}
	}
	return append(out, "\x1b[39m"...)
}
