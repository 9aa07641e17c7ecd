// Package render turns data into terminal output: ECG charts, image encodings
// (sixel, kitty, iTerm2, blocks, ASCII, PNG), window/level and overlays, and the
// parsing of terminal capability replies. Its functions are pure: sizes come in
// as arguments, strings or bytes come out. It imports no other qcterm package.
//
// ECGs: ECG draws an ECGInput (leads, rate, scale to mV, header lines) as text
// of a given size, in a layout (clinical 3×4 with a rhythm strip, 12×1,
// median beats, or chosen leads over a time window) and a style (box-drawing
// lines through asciigraph, or braille dots). Each column is the min–max
// envelope of its samples, so no peak is lost; the scale drawn is printed.
//
// Images: an Image (stored values, spacing, MONOCHROME1) goes through
// ApplyWindow (AutoWindow, ParseWindow, presets) to an RGBImage, optionally
// Overlay with a LabelMap (and Legend), then RenderImage fits it to a cell
// box and encodes it in a Mode. The encoders are also exported on their own:
// HalfBlocks, QuarterBlocks, ASCII, Sixel, Kitty, ITerm, PNG, PNG16, and
// TmuxPassthrough for graphics inside tmux.
//
// Terminals: send Queries, read replies until RepliesComplete, then
// DetectCaps(EnvFrom(os.LookupEnv), replies) says what the terminal supports,
// why (Caps.Evidence, Caps.Report) and which Mode "auto" means.
//
// Text from files goes through Sanitize before it reaches the terminal.
package render
