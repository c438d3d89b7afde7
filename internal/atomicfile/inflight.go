package atomicfile

import (
	"errors"
	"os"
	"sync"
)

// inflight holds the temporary files this process has created and not yet renamed to
// their final name or removed; ending is set once the process is ending (Shutdown). mu
// makes creating and tracking a file one step against Abandon and Shutdown, so that no
// file is created untracked or after the end.
var (
	mu       sync.Mutex
	inflight = map[string]bool{}
	ending   bool
)

// ErrEnding is the error of CreateTemp once the process is ending (Shutdown).
var ErrEnding = errors.New("the process is ending: no new temporary file")

// CreateTemp creates the temporary file of a file named base in dir (see TempPattern) and
// tracks it until Forget, so that a run stopped before it finished (Abandon) removes it
// instead of leaving it for the next run to clean.
func CreateTemp(dir, base string) (*os.File, error) {
	mu.Lock()
	defer mu.Unlock()
	if ending {
		return nil, ErrEnding
	}
	f, err := os.CreateTemp(dir, TempPattern(base))
	if err == nil {
		inflight[f.Name()] = true
	}
	return f, err
}

// Forget stops tracking a temporary file CreateTemp made: it was renamed or removed.
func Forget(name string) {
	mu.Lock()
	delete(inflight, name)
	mu.Unlock()
}

// Abandon removes every temporary file this process is still writing and returns how many
// it removed: called by a run that ends before its writes do (interrupted), so that it
// leaves each output as it was, with no half-written file beside it.
func Abandon() int {
	mu.Lock()
	defer mu.Unlock()
	return abandon()
}

// Shutdown is Abandon for a process about to exit: it also makes every later CreateTemp
// fail, so that a write still running in another goroutine (one the command stopped waiting
// for) cannot leave a temporary file created after the abandoning.
func Shutdown() int {
	mu.Lock()
	defer mu.Unlock()
	ending = true
	return abandon()
}

func abandon() int {
	n := 0
	for name := range inflight {
		if os.Remove(name) == nil {
			n++
		}
		delete(inflight, name)
	}
	return n
}
