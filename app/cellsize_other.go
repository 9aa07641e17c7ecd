//go:build !unix

package app

import (
	"os"

	"qcterm/render"
)

// ttyCellSize is unknown where TIOCGWINSZ is not available.
func ttyCellSize(*os.File) (render.CellSize, bool) { return render.CellSize{}, false }
