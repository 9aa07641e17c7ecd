package app

import "sync"

// budget bounds the bytes of read files waiting to be stored. A file larger than
// the whole budget is let through alone, so nothing waits forever.
type budget struct {
	mu     sync.Mutex
	cond   sync.Cond
	used   int
	limit  int
	closed bool
}

func newBudget(limit int) *budget {
	b := &budget{limit: limit}
	b.cond.L = &b.mu
	return b
}

// acquire waits until n bytes fit and takes them; false once the budget is closed.
func (b *budget) acquire(n int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for !b.closed && b.used > 0 && b.used+n > b.limit {
		b.cond.Wait()
	}
	if b.closed {
		return false
	}
	b.used += n
	return true
}

// release returns n bytes.
func (b *budget) release(n int) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	b.cond.Broadcast()
}

// close wakes every waiter; acquire fails from now on.
func (b *budget) close() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.cond.Broadcast()
}
