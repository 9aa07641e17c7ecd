package data

import (
	"time"

	"golang.org/x/sys/unix"
)

// writebackEvery is how often StartWriteback asks the kernel to write back.
const writebackEvery = 10 * time.Millisecond

// StartWriteback asks the kernel, every 10 ms while a long run of writes goes on
// (ingest), to start writing the database's and its log's dirty pages to disk,
// without waiting for them (sync_file_range). SQLite's own syncs at each
// checkpoint then find little left to flush; waiting for them was a third of
// DICOM ingest's time. Durability is unchanged: SQLite's syncs happen exactly
// when they did. Call stop when the writes end.
func (s *Store) StartWriteback() (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		fds := map[string]int{}
		defer func() {
			for _, fd := range fds {
				unix.Close(fd)
			}
		}()
		tick := time.NewTicker(writebackEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			for _, p := range []string{s.path, s.path + "-wal"} {
				fd, ok := fds[p]
				if !ok {
					var err error
					if fd, err = unix.Open(p, unix.O_RDONLY|unix.O_CLOEXEC, 0); err != nil {
						continue // the log does not exist yet: try again next time
					}
					fds[p] = fd
				}
				// A hint: a failure only means the pages wait for SQLite's own sync.
				_ = unix.SyncFileRange(fd, 0, 0, unix.SYNC_FILE_RANGE_WRITE)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
