//go:build !unix

package app

import (
	"fmt"
	"os"
)

// readWhole reads a file into memory.
func readWhole(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}
