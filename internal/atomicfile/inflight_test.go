package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestAbandon: a write stopped half-way by Abandon (an interrupted run ending before its
// writes do) leaves the old file as it was and no temporary file; a finished write is not
// touched, and nothing is tracked after it.
func TestAbandon(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "汇总.xlsx")
	if err := WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := Abandon(); n != 0 {
		t.Errorf("Abandon removed %d files after a finished write", n)
	}
	half := make(chan struct{})
	resume := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- Write(path, 0o644, func(w io.Writer) error {
			w.Write([]byte("ha"))
			close(half)
			<-resume
			_, err := w.Write([]byte("lf"))
			return err
		})
	}()
	<-half
	if n := Abandon(); n != 1 {
		t.Errorf("Abandon removed %d files, want the one being written", n)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left in the folder: %v", entries)
	}
	close(resume)
	if err := <-done; err == nil {
		t.Error("the abandoned write reported success")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("content %q, want old", b)
	}
}

// TestShutdown: once the process is ending, a write another goroutine starts late (a
// command stopped waiting for it) creates no temporary file and fails; before, it created
// one after the abandoning, and the exit left it beside the output.
func TestShutdown(t *testing.T) {
	defer func() { mu.Lock(); ending = false; mu.Unlock() }()
	dir := t.TempDir()
	path := filepath.Join(dir, "汇总.xlsx")
	WriteFile(path, []byte("old"), 0o644)
	release := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		<-release
		done <- Write(path, 0o644, func(w io.Writer) error {
			select {} // the process exits while the write runs
		})
	}()
	Shutdown()
	close(release)
	select {
	case err := <-done:
		if !errors.Is(err, ErrEnding) {
			t.Errorf("the late write: %v, want ErrEnding", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the late write was started")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left in the folder: %v", entries)
	}
}
