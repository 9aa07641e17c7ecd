// Package render turns data into terminal output: ECG charts, image encodings
// (sixel, kitty, iTerm2, blocks, ASCII, PNG), window/level and overlays, and the
// parsing of terminal capability replies. Its functions are pure: sizes come in
// as arguments, strings or bytes come out. It imports no other qcterm package.
package render
