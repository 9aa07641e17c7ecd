package data

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// fixture is the path of a project-owned test file.
func fixture(parts ...string) string {
	return filepath.Join(append([]string{"..", "testdata"}, parts...)...)
}

// sharedDir returns ../shared/testdata/ml4h or skips the test when it is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "testdata", "ml4h")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared fixtures not present (%s): %v", dir, err)
	}
	return dir
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'f', 6, 64) }
