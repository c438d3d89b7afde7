package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"testing"
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
