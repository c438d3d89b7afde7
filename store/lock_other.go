//go:build !unix

package store

import (
	"context"
	"os"
	"time"

	"github.com/qianjiang/gyqc"
)

// lock is a lock file created exclusively; on platforms without flock a killed run may leave
// it behind, and the message says how to remove it.
type lock struct{ path string }

func acquire(ctx context.Context, path string, exclusive bool, wait time.Duration) (*lock, error) {
	deadline := time.Now().Add(wait)
	for {
		f, err := os.OpenFile(path+".held", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			f.Close()
			return &lock{path: path + ".held"}, nil
		}
		if time.Now().After(deadline) {
			return nil, gyqc.Errorf(gyqc.EBusy, "工作区正被另一个 gyqc 进程使用；如确认没有其他进程，请删除 %s.held 后再试", path)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (l *lock) release() {
	if l != nil {
		os.Remove(l.path)
	}
}

// Waiting reports whether another run is waiting for the workspace; without flock nobody
// can tell, and it reports false.
func Waiting(dir string) bool { return false }
