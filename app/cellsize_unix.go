//go:build unix

package app

import (
	"os"

	"golang.org/x/sys/unix"

	"qcterm/render"
)

// ttyCellSize reads the cell size in pixels from the terminal's window size
// (TIOCGWINSZ), which xterm and most emulators fill in (and ssh forwards),
// even where the CSI 16 t query is disabled.
func ttyCellSize(f *os.File) (render.CellSize, bool) {
	if f == nil {
		return render.CellSize{}, false
	}
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 || ws.Row == 0 || ws.Xpixel == 0 || ws.Ypixel == 0 {
		return render.CellSize{}, false
	}
	return render.CellSize{W: int(ws.Xpixel / ws.Col), H: int(ws.Ypixel / ws.Row)}, true
}
