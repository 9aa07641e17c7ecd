package app

import (
	"testing"
	"time"
)

func TestBudget(t *testing.T) {
	b := newBudget(100)
	if !b.acquire(60) || !b.acquire(40) {
		t.Fatal("acquire within the limit failed")
	}
	got := make(chan bool)
	go func() { got <- b.acquire(10) }()
	select {
	case <-got:
		t.Fatal("acquire beyond the limit did not wait")
	case <-time.After(20 * time.Millisecond):
	}
	b.release(60)
	if !<-got {
		t.Fatal("acquire after a release failed")
	}
	b.release(50)
	if !b.acquire(500) {
		t.Fatal("a file larger than the budget must pass alone")
	}
	go func() { got <- b.acquire(1) }()
	b.close()
	if <-got {
		t.Fatal("acquire on a closed budget succeeded")
	}
}
