package store

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestReadOnlyWorkspace: a workspace this process may not write (here: another user's,
// as it would be on a read-only file system or a backup disc) opens for reading and reads;
// opening it for writing fails as an environment fault. It used to fail even for reading
// (the lock file, the archive folder, the WAL pragma and the migrations all wrote). As root,
// the check runs in a child process as nobody.
func TestReadOnlyWorkspace(t *testing.T) {
	if dir := os.Getenv("GYQC_READONLY_WS"); dir != "" {
		readOnlyChild(t, dir)
		return
	}
	base, err := os.MkdirTemp("", "gyqc-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(base)
	os.Chmod(base, 0o755)
	dir := filepath.Join(base, "ws")
	ctx := context.Background()
	s, err := Open(ctx, dir, ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Record(ctx, sample(t, s, "dsjj", "2025-06", "v1", gyqc.OutcomeAccepted)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.Remove(filepath.Join(dir, lockName))
	if os.Geteuid() != 0 {
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil {
				os.Chmod(p, info.Mode().Perm()&^0o222)
			}
			return nil
		})
		defer filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil {
				os.Chmod(p, info.Mode().Perm()|0o200)
			}
			return nil
		})
		readOnlyChild(t, dir)
		return
	}
	bin := filepath.Join(base, "store.test")
	if data, err := os.ReadFile(os.Args[0]); err != nil || os.WriteFile(bin, data, 0o755) != nil {
		t.Fatalf("copy the test binary: %v", err)
	}
	cmd := exec.Command(bin, "-test.run=^TestReadOnlyWorkspace$", "-test.v")
	cmd.Env = append(os.Environ(), "GYQC_READONLY_WS="+dir, "HOME=/tmp")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "PASS") {
		t.Fatalf("child as nobody: %v\n%s", err, out)
	}
}

// readOnlyChild reads the workspace it may not write.
func readOnlyChild(t *testing.T, dir string) {
	ctx := context.Background()
	s, err := Open(ctx, dir, ReadOnly)
	if err != nil {
		t.Fatalf("open for reading: %v", err)
	}
	subs, err := s.Submissions(ctx, gyqc.MustPeriod("2025-06"), gyqc.MustPeriod("2025-06"))
	s.Close()
	if err != nil || len(subs) != 1 {
		t.Fatalf("read: %d submissions, %v", len(subs), err)
	}
	_, err = Open(ctx, dir, ReadWrite)
	if gyqc.ErrorCode(err) != gyqc.EEnv {
		t.Errorf("open for writing: got %v, want an environment fault", err)
	}
}
