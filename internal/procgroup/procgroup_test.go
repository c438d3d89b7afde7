//go:build unix

package procgroup

import (
	"context"
	"os/exec"
	"testing"
	"time"
)

// TestCancelEndsTheGroup: a script that starts a long child holding its output, cancelled,
// returns at once; without the group kill the caller waited for the child (as a Ctrl+C
// during the demo waited for LibreOffice's soffice.bin).
func TestCancelEndsTheGroup(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, "sh", "-c", "sleep 30; echo done")
	Set(cmd)
	cmd.WaitDelay = 20 * time.Second // what is measured is the kill, not the delay
	done := make(chan struct{})
	go func() {
		cmd.CombinedOutput()
		close(done)
	}()
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	cancel()
	select {
	case <-done:
		t.Logf("returned %v after the cancel", time.Since(start).Round(time.Millisecond))
	case <-time.After(10 * time.Second):
		t.Fatal("the cancelled command did not return: its child still holds the output")
	}
}
