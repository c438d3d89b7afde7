package atomicfile

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// tempMark separates a file's name from the process id in the name of its temporary file:
// ".NAME.tmp-PID-RANDOM".
const tempMark = ".tmp-"

// TempPattern returns the os.CreateTemp pattern of a temporary file for a file named base,
// which carries the process id, so that a later run can tell a file left by a killed run
// from one another run is writing now.
func TempPattern(base string) string {
	return "." + base + tempMark + strconv.Itoa(os.Getpid()) + "-*"
}

// legacyAge is how old a temporary file must be to be taken as abandoned when its process
// cannot be asked about: one of the older pattern (".NAME.tmp-RANDOM", without a process
// id), or on a system where gyqc cannot tell whether a process runs. No write takes an hour.
const legacyAge = time.Hour

// CleanDir removes the temporary files of dir that no running process is writing: those
// of processes that are gone (a run killed before it renamed its file), and any older than
// an hour. It returns how many it
// removed. Errors are ignored: a file that cannot be removed is left.
func CleanDir(dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		i := strings.LastIndex(name, tempMark)
		if !strings.HasPrefix(name, ".") || i < 0 || !e.Type().IsRegular() {
			continue
		}
		pid, _, hasPID := strings.Cut(name[i+len(tempMark):], "-")
		p, err := strconv.Atoi(pid)
		if hasPID && err == nil && p == os.Getpid() {
			continue // this run's own
		}
		stale := hasPID && err == nil && p > 0 && !alive(p)
		if info, err := e.Info(); err == nil && !stale {
			stale = time.Since(info.ModTime()) > legacyAge
		}
		if stale && os.Remove(filepath.Join(dir, name)) == nil {
			n++
		}
	}
	return n
}

// cleaned holds the folders this process has cleaned already.
var cleaned sync.Map

// cleanOnce cleans dir the first time this process writes into it.
func cleanOnce(dir string) {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if _, done := cleaned.LoadOrStore(dir, true); !done {
		CleanDir(dir)
	}
}
