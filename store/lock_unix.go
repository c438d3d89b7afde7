//go:build unix

package store

import (
	"context"
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
	if err != nil {
		return nil, gyqc.Errorf(gyqc.EInvalid, "无法打开工作区锁文件 %s：%v", path, err)
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return &lock{f: f}, nil
		}
		if err != syscall.EWOULDBLOCK || time.Now().After(deadline) {
			f.Close()
			return nil, gyqc.Errorf(gyqc.EBusy, "工作区 %s 正被另一个 gyqc 进程使用，请等它结束后再试", filepath.Dir(path))
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (l *lock) release() {
	if l != nil && l.f != nil {
		syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
		l.f.Close()
	}
}
