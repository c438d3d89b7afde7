// Package parallel runs the items of a list on a few goroutines: the one worker pool behind
// writing templates (gyqc issue), examining returned files (collect) and filling sample
// returns (samples). Items are handed out in order, one at a time, and no longer once the
// context ends.
package parallel

import (
	"context"
	"sync"
)

// Start calls do(i) for each i in [0, n) on min(workers, n) goroutines (at least one) and
// returns at once a channel that is closed when every call has returned. Once ctx ends, no
// more items are handed out and an item already handed out but not started is skipped;
// calls under way run to their end. do must be safe to call concurrently for different i.
func Start(ctx context.Context, n, workers int, do func(i int)) <-chan struct{} {
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(workers, n)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if ctx.Err() == nil {
					do(i)
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		defer close(next)
	feed:
		for i := range n {
			select {
			case next <- i:
			case <-ctx.Done():
				break feed
			}
		}
	}()
	go func() {
		wg.Wait()
		close(done)
	}()
	return done
}

// Each is Start and waiting until every call has returned.
func Each(ctx context.Context, n, workers int, do func(i int)) {
	<-Start(ctx, n, workers, do)
}
