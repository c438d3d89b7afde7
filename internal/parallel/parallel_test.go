package parallel

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestEachCallsEveryItemOnce(t *testing.T) {
	for _, tc := range []struct {
		name       string
		n, workers int
	}{
		{"none", 0, 4},
		{"one", 1, 4},
		{"more workers than items", 3, 8},
		{"more items than workers", 1000, 3},
		{"no workers asked", 5, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := make([]atomic.Int32, tc.n)
			Each(context.Background(), tc.n, tc.workers, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if got := calls[i].Load(); got != 1 {
					t.Errorf("item %d called %d times, want 1", i, got)
				}
			}
		})
	}
}

func TestEachRunsAtMostWorkersAtOnce(t *testing.T) {
	const workers = 3
	var running, most atomic.Int32
	Each(context.Background(), 60, workers, func(int) {
		now := running.Add(1)
		for {
			m := most.Load()
			if now <= m || most.CompareAndSwap(m, now) {
				break
			}
		}
		time.Sleep(time.Millisecond)
		running.Add(-1)
	})
	if m := most.Load(); m > workers || m < 2 {
		t.Errorf("at most %d calls ran at once, want 2..%d", m, workers)
	}
}

func TestEachHandsOutInOrder(t *testing.T) {
	var mu sync.Mutex
	var order []int
	Each(context.Background(), 50, 1, func(i int) {
		mu.Lock()
		order = append(order, i)
		mu.Unlock()
	})
	for i, got := range order {
		if got != i {
			t.Fatalf("call %d was item %d; one worker must take the items in order", i, got)
		}
	}
}

func TestEachStopsWhenCancelled(t *testing.T) {
	for _, tc := range []struct {
		name    string
		workers int
		most    int32 // calls at most: a call under way on another worker may start one more
	}{
		{"one worker", 1, 5},
		{"two workers", 2, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var calls atomic.Int32
			Each(ctx, 10000, tc.workers, func(i int) {
				if calls.Add(1) == 5 {
					cancel()
				}
			})
			if got := calls.Load(); got < 5 || got > tc.most {
				t.Errorf("%d calls after cancelling at the 5th, want 5..%d", got, tc.most)
			}
		})
	}
}

func TestStartReturnsBeforeTheCallsEnd(t *testing.T) {
	release := make(chan struct{})
	done := Start(context.Background(), 2, 2, func(int) { <-release })
	select {
	case <-done:
		t.Fatal("done closed while calls were still running")
	case <-time.After(20 * time.Millisecond):
	}
	close(release)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("done not closed after every call returned")
	}
}
