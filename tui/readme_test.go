package tui

import (
	"os"
	"strings"
	"testing"
)

// keyTable is the README's key table, generated from the key map.
func keyTable() string {
	var b strings.Builder
	for _, g := range DefaultKeyMap().Groups() {
		b.WriteString("| **" + g.Title + "** | |\n")
		for _, k := range g.Bindings {
			h := k.Help()
			b.WriteString("| `" + h.Key + "` | " + h.Desc + " |\n")
		}
	}
	return b.String()
}

// TestREADMEKeyTable keeps the README's key table true to the key map:
// go test ./tui -run README -v prints the table to paste.
func TestREADMEKeyTable(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Skipf("README not found: %v", err)
	}
	table := keyTable()
	if !strings.Contains(string(readme), table) {
		t.Errorf("README.md's key table differs from the key map; it should contain:\n%s", table)
	}
}
