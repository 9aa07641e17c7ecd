//go:build !linux

package data

// StartWriteback does nothing here: starting writeback early (sync_file_range)
// is Linux's. See writeback_linux.go.
func (s *Store) StartWriteback() (stop func()) { return func() {} }
