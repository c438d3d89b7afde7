package atomicfile

import (
	"os"
	"sync"
)

// inflight holds the temporary files this process has created and not yet renamed to
// their final name or removed.
var inflight sync.Map

// CreateTemp creates the temporary file of a file named base in dir (see TempPattern) and
// tracks it until Forget, so that a run stopped before it finished (Abandon) removes it
// instead of leaving it for the next run to clean.
func CreateTemp(dir, base string) (*os.File, error) {
	f, err := os.CreateTemp(dir, TempPattern(base))
	if err == nil {
		inflight.Store(f.Name(), true)
	}
	return f, err
}

// Forget stops tracking a temporary file CreateTemp made: it was renamed or removed.
func Forget(name string) { inflight.Delete(name) }

// Abandon removes every temporary file this process is still writing and returns how many
// it removed: called by a run that ends before its writes do (interrupted), so that it
// leaves each output as it was, with no half-written file beside it.
func Abandon() int {
	n := 0
	inflight.Range(func(k, _ any) bool {
		if os.Remove(k.(string)) == nil {
			n++
		}
		inflight.Delete(k)
		return true
	})
	return n
}
