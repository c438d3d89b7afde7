package portal

import (
	"context"
	"sync"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

// gate opens the workspace for each piece of work and closes it right after, so that other
// gyqc processes (collect, status, consolidate, brief) can use the same workspace while the
// portal runs: they wait a moment at most, never fail. Concurrent reads of the portal share
// one open store; a write has the workspace to itself.
type gate struct {
	dir string
	// wait is how long a write waits for other processes before it gives up.
	wait time.Duration

	rw     sync.RWMutex // in this process: a write excludes reads
	mu     sync.Mutex   // guards shared and readers
	shared *store.Store
	n      int
}

// read runs fn on the workspace opened for reading (shared with other readers).
func (g *gate) read(ctx context.Context, fn func(*store.Store) error) error {
	g.rw.RLock()
	defer g.rw.RUnlock()
	st, err := g.acquire(ctx)
	if err != nil {
		return err
	}
	defer g.release()
	return fn(st)
}

func (g *gate) acquire(ctx context.Context) (*store.Store, error) {
	for {
		g.mu.Lock()
		if g.n > 0 {
			if !store.Waiting(g.dir) {
				g.n++
				st := g.shared
				g.mu.Unlock()
				return st, nil
			}
			// Another process waits: let the reads in progress end so that it gets in.
			g.mu.Unlock()
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(yieldPoll):
			}
			continue
		}
		g.yield(ctx)
		st, err := store.Open(ctx, g.dir, store.ReadOnly)
		if err != nil {
			g.mu.Unlock()
			return nil, err
		}
		g.shared, g.n = st, 1
		g.mu.Unlock()
		return st, nil
	}
}

// Yielding to other processes: how often to look whether one still waits, and for how long
// at most.
const (
	yieldPoll = 20 * time.Millisecond
	yieldMax  = 10 * time.Second
)

// yield waits while another process waits for the workspace (store.Waiting), so that a
// collect or status started while the portal is busy gets its turn between the portal's
// short uses instead of timing out.
func (g *gate) yield(ctx context.Context) {
	deadline := time.Now().Add(yieldMax)
	for store.Waiting(g.dir) && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(yieldPoll)
	}
}

func (g *gate) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.n--
	if g.n == 0 {
		g.shared.Close()
		g.shared = nil
	}
}

// write runs fn on the workspace opened for writing, waiting up to g.wait for other
// processes that use it.
func (g *gate) write(ctx context.Context, fn func(*store.Store) error) error {
	g.rw.Lock()
	defer g.rw.Unlock()
	g.yield(ctx)
	deadline := time.Now().Add(g.wait)
	for {
		st, err := store.Open(ctx, g.dir, store.ReadWrite)
		if gyqc.ErrorCode(err) == gyqc.EBusy && time.Now().Before(deadline) {
			continue // store.Open waited store.BusyWait already
		}
		if err != nil {
			return err
		}
		defer st.Close()
		return fn(st)
	}
}
