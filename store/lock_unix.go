//go:build unix

package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/qianjiang/gyqc"
)

// lock is an advisory lock on a file in the workspace: exclusive for writers, shared for
// readers. The kernel releases it when the process dies, so a killed run never leaves the
// workspace locked.
type lock struct{ f *os.File }

func acquire(ctx context.Context, path string, exclusive bool, wait time.Duration) (*lock, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil && !exclusive {
		// A reader of a workspace it may not write: a shared lock needs no write access,
		// and without a lock file nobody can be writing.
		if f, err = os.Open(path); err != nil {
			return &lock{}, nil
		}
	}
	if err != nil {
		return nil, gyqc.EnvError(fmt.Sprintf("无法打开工作区锁文件 %s", path), err)
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	deadline := time.Now().Add(wait)
	var waiting *os.File // a shared lock on the wait file while this run waits: see Waiting
	defer func() {
		if waiting != nil {
			syscall.Flock(int(waiting.Fd()), syscall.LOCK_UN)
			waiting.Close()
		}
	}()
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return &lock{f: f}, nil
		}
		if err != syscall.EWOULDBLOCK || time.Now().After(deadline) {
			f.Close()
			return nil, gyqc.Errorf(gyqc.EBusy, "工作区 %s 正被另一个 gyqc 进程使用，请等它结束后再试", filepath.Dir(path))
		}
		if waiting == nil {
			waiting = announce(path + waitSuffix)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// announce takes a shared lock on the wait file, saying that a run waits for the workspace;
// nil when it cannot (then nobody yields to this run, which still gets its turn by polling).
func announce(path string) *os.File {
	w, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil
	}
	if syscall.Flock(int(w.Fd()), syscall.LOCK_SH|syscall.LOCK_NB) != nil {
		w.Close()
		return nil
	}
	return w
}

// Waiting reports whether another run is waiting for the workspace in dir (it holds a
// shared lock on the wait file). A process that opens the workspace many times a second,
// such as the portal, checks it before each opening and lets the waiting run in first, so
// that a collect or status started meanwhile never times out.
func Waiting(dir string) bool {
	w, err := os.OpenFile(filepath.Join(dir, lockName+waitSuffix), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return false
	}
	defer w.Close()
	if err := syscall.Flock(int(w.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return err == syscall.EWOULDBLOCK
	}
	syscall.Flock(int(w.Fd()), syscall.LOCK_UN)
	return false
}

func (l *lock) release() {
	if l != nil && l.f != nil {
		syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
		l.f.Close()
	}
}
