package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledOutputsCleaned: consolidate and brief killed (SIGKILL) while writing leave the
// old output as it was (or the new one whole, when the kill came after the write); the temporary file beside it (the one the kill left, or, when the
// kill came before or after the write, one named as the dead process would have named
// it) is gone after the next run, which writes the output whole. (Killed runs used to leave
// .tmp-N files in the output folders for good.)
func TestKilledOutputsCleaned(t *testing.T) {
	c := newCycle(t, "2025-06")
	bigInbox(t, c, 36)
	if _, err := c.collect("2025-06-28 10:00", c.inbox); err != nil && !strings.Contains(err.Error(), "被退回") {
		t.Fatal(err)
	}
	for _, tc := range []struct{ Name, Out string }{
		{Name: "consolidate", Out: "汇总.xlsx"},
		{Name: "brief", Out: "简报.pdf"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, tc.Out)
			os.WriteFile(out, []byte("old"), 0o644)
			args := []string{tc.Name, "--period", "2025-06", "--as-of", "2025-07-02 09:00", "--out", out}
			cmd, stdout, _ := startGyqc(t, c.workspace, args...)
			for start := time.Now(); time.Since(start) < 20*time.Second && len(tempFiles(dir)) == 0; time.Sleep(time.Millisecond) {
			}
			stopAndTime(t, cmd, stdout, syscall.SIGKILL)
			// The old output, or the new one whole when the run finished before the kill
			// (a quick write leaves its temporary file for a moment only).
			if b, _ := os.ReadFile(out); string(b) != "old" && !whole(b) {
				t.Fatalf("the kill left a half-written output (%d bytes)", len(b))
			}
			left := tempFiles(dir)
			t.Logf("the kill left %d temporary files", len(left))
			if len(left) == 0 {
				p := filepath.Join(dir, fmt.Sprintf(".%s.tmp-%d-12345", tc.Out, cmd.Process.Pid))
				os.WriteFile(p, []byte("half"), 0o644)
			}
			if code, o, e := runCLI(t, append([]string{"--workspace", c.workspace}, args...)...); code != exitOK {
				t.Fatalf("next run: exit %d\n%s%s", code, o, e)
			}
			if left := tempFiles(dir); len(left) > 0 {
				t.Errorf("temporary files survived the next run: %v", left)
			}
			if b, _ := os.ReadFile(out); len(b) < 1000 {
				t.Errorf("the next run wrote %d bytes", len(b))
			}
		})
	}
}

// whole reports whether b is a complete PDF or a readable .xlsx package.
func whole(b []byte) bool {
	if bytes.HasPrefix(b, []byte("%PDF-")) {
		return bytes.Contains(b[max(0, len(b)-64):], []byte("%%EOF"))
	}
	_, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	return err == nil
}
