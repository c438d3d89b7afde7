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
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.n == 0 {
		st, err := store.Open(ctx, g.dir, store.ReadOnly)
		if err != nil {
			return nil, err
		}
		g.shared = st
	}
	g.n++
	return g.shared, nil
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
