package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/qianjiang/gyqc/store"
)

// TestConcurrentRuns: two collects of different units' returns started together on one
// workspace, with status and consolidate reading beside them, lose nothing: a run either
// records its files or, having waited for the other longer than it may, records none and
// says the workspace is busy (exit 5); collected again, it completes. At the end every
// unit's return is recorded once and the database is sound.
func TestConcurrentRuns(t *testing.T) {
	c := newCycle(t, "2025-06")
	bigInbox(t, c, 36)
	second := filepath.Join(t.TempDir(), "收件箱二")
	os.MkdirAll(second, 0o755)
	entries, _ := os.ReadDir(c.inbox)
	for _, e := range entries[len(entries)/2:] {
		if err := os.Rename(filepath.Join(c.inbox, e.Name()), filepath.Join(second, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	type run struct {
		inbox  string
		code   int
		stderr string
	}
	runs := []*run{{inbox: c.inbox}, {inbox: second}}
	var wg sync.WaitGroup
	for _, r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := gyqcCommand(c.workspace, "collect", "--period", "2025-06", "--received", "2025-06-28 10:00", r.inbox)
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			err := cmd.Run()
			r.code, r.stderr = cmd.ProcessState.ExitCode(), errOut.String()
			if err != nil && r.code < 0 {
				r.stderr += err.Error()
			}
		}()
	}
	var readers []string
	reads := 0
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for reading := true; reading; {
		for _, args := range [][]string{{"status", "--period", "2025-06"}, {"consolidate", "--period", "2025-06", "--json"}} {
			cmd := gyqcCommand(c.workspace, args...)
			out, _ := cmd.CombinedOutput()
			reads++
			if code := cmd.ProcessState.ExitCode(); code != exitOK && code != exitBusy {
				readers = append(readers, fmt.Sprintf("%s beside the collects: exit %d\n%s", args[0], code, lastLines(string(out), 5)))
			}
		}
		select {
		case <-done:
			reading = false
		default:
		}
	}
	for _, msg := range readers {
		t.Error(msg)
	}
	t.Logf("collects exited %d and %d; %d reads beside them", runs[0].code, runs[1].code, reads)
	for _, r := range runs {
		switch r.code {
		case exitOK, exitRefused:
		case exitBusy:
			if !strings.Contains(r.stderr, "正被另一个 gyqc 进程使用") {
				t.Errorf("busy without saying so: %s", r.stderr)
			}
			if _, err := c.collect("2025-06-28 10:00", r.inbox); err != nil && !strings.Contains(err.Error(), "被退回") {
				t.Fatalf("collected again: %v", err)
			}
		default:
			t.Fatalf("collect of %s: exit %d\n%s", filepath.Base(r.inbox), r.code, r.stderr)
		}
	}
	units := map[string]int{}
	for _, s := range c.submissions() {
		units[s.Unit]++
	}
	for _, u := range c.plan.ResponsibleUnits() {
		if units[u.Code] != 1 {
			t.Errorf("%s: %d versions recorded, want 1", u.Code, units[u.Code])
		}
	}
	st, err := store.Open(context.Background(), c.workspace, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if ok, err := st.IntegrityCheck(context.Background()); ok != "ok" || err != nil {
		t.Errorf("integrity_check: %s %v", ok, err)
	}
}
