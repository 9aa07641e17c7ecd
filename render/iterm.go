package render

import (
	"encoding/base64"
	"fmt"
	"strconv"
)

// ITermOptions control ITerm.
type ITermOptions struct {
	// Cols and Rows are the cells the image is shown in; zero leaves the
	// size to the terminal (the image's pixels).
	Cols, Rows int
	// Tmux wraps the sequence for tmux passthrough.
	Tmux bool
}

// ITerm encodes img as an iTerm2 inline image (OSC 1337 File=, a PNG),
// which iTerm2 and WezTerm show at the cursor.
func ITerm(img RGBImage, opts ITermOptions) ([]byte, error) {
	data, err := PNG(img)
	if err != nil {
		return nil, fmt.Errorf("iterm: %w", err)
	}
	out := []byte("\x1b]1337;File=inline=1;size=" + strconv.Itoa(len(data)))
	if opts.Cols > 0 {
		out = append(out, ";width="+strconv.Itoa(opts.Cols)...)
	}
	if opts.Rows > 0 {
		out = append(out, ";height="+strconv.Itoa(opts.Rows)...)
	}
	out = append(out, ";preserveAspectRatio=1:"...)
	out = base64.StdEncoding.AppendEncode(out, data)
	out = append(out, '\a')
	if opts.Tmux {
		out = TmuxPassthrough(out)
	}
	return out, nil
}
