package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/store"
)

// bigInbox fills the issued templates of every unit with the samples' returns, progress
// texts made long, and writes n files (copies under distinct names, each examined in full)
// into the cycle's inbox.
func bigInbox(t *testing.T, c *cycle, n int) {
	t.Helper()
	fillInbox(t, c, n, "")
}

// fillInbox is bigInbox with mark added to every progress text: another mark, another
// version of each unit's return.
func fillInbox(t *testing.T, c *cycle, n int, mark string) {
	t.Helper()
	gen, err := samples.New(c.plan, 3)
	if err != nil {
		t.Fatal(err)
	}
	var files [][]byte
	for _, u := range c.plan.ResponsibleUnits() {
		r, err := gen.Return(u.Code, c.period)
		if err != nil {
			t.Fatal(err)
		}
		for i := range r.Tasks {
			r.Tasks[i].Progress = strings.Repeat(r.Tasks[i].Progress+"。", 20) + mark
		}
		tpl, err := os.ReadFile(c.template(c.period.String(), u.Code))
		if err != nil {
			t.Fatal(err)
		}
		b, err := samples.Fill(tpl, r)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	for i := range n {
		if err := os.WriteFile(filepath.Join(c.inbox, fmt.Sprintf("%04d.xlsx", i)), files[i%len(files)], 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// startGyqc starts gyqc as another process and returns it with its stdout, read line by line.
func startGyqc(t *testing.T, ws string, args ...string) (*exec.Cmd, *bufio.Reader, *bytes.Buffer) {
	t.Helper()
	return startGyqcEnv(t, nil, ws, args...)
}

// startGyqcEnv is startGyqc with more environment variables (NAME=value).
func startGyqcEnv(t *testing.T, env []string, ws string, args ...string) (*exec.Cmd, *bufio.Reader, *bytes.Buffer) {
	t.Helper()
	cmd := gyqcCommand(ws, args...)
	cmd.Env = append(cmd.Env, env...)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewReader(out), &errOut
}

// waitLines reads n lines of out, or fails after a while.
func waitLines(t *testing.T, out *bufio.Reader, n int) {
	t.Helper()
	got := make(chan error, 1)
	go func() {
		for range n {
			if _, err := out.ReadString('\n'); err != nil {
				got <- err
				return
			}
		}
		got <- nil
	}()
	select {
	case err := <-got:
		if err != nil {
			t.Fatalf("output ended early: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("no output")
	}
}

// stopAndTime sends sig and returns how long the process took to exit, and its exit code.
func stopAndTime(t *testing.T, cmd *exec.Cmd, out *bufio.Reader, sig syscall.Signal) (time.Duration, int) {
	t.Helper()
	go io.Copy(io.Discard, out)
	start := time.Now()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	return time.Since(start), cmd.ProcessState.ExitCode()
}

// tempFiles lists the temporary files (".NAME.tmp-…") under the folders.
func tempFiles(dirs ...string) []string {
	var out []string
	for _, d := range dirs {
		filepath.Walk(d, func(p string, info os.FileInfo, err error) error {
			if err == nil && strings.Contains(filepath.Base(p), ".tmp-") {
				out = append(out, p)
			}
			return nil
		})
	}
	return out
}

// TestCollectStopsOnSignal: collect stops within a second of SIGINT by itself (stopTrials)
// with exit code 130, the files recorded so far recorded whole; a second run completes.
// (It used to take 13.7 s.)
func TestCollectStopsOnSignal(t *testing.T) {
	c := newCycle(t, "2025-06")
	bigInbox(t, c, 400)
	stopTrials(t, syscall.SIGINT, func(int) (*exec.Cmd, *bufio.Reader, *bytes.Buffer) {
		cmd, out, errOut := startGyqcEnv(t, []string{debugStop + "=self"}, c.workspace,
			"collect", "--period", "2025-06", "--received", "2025-06-28 10:00", c.inbox)
		waitLines(t, out, 3)
		return cmd, out, errOut
	})
	checkWorkspace(t, c, 400)
}

// checkWorkspace reruns collect on the inbox, which must complete with every file, and
// checks the database.
func checkWorkspace(t *testing.T, c *cycle, n int) {
	t.Helper()
	res, err := c.collect("2025-06-28 10:00", c.inbox)
	if err != nil && !strings.Contains(err.Error(), "被退回") {
		t.Fatalf("rerun: %v", err)
	}
	if len(res.Files) != n {
		t.Errorf("rerun: %d results for %d files", len(res.Files), n)
	}
	st, err := store.Open(context.Background(), c.workspace, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if ok, err := st.IntegrityCheck(context.Background()); ok != "ok" || err != nil {
		t.Errorf("integrity_check: %s %v", ok, err)
	}
	subs, err := st.Submissions(context.Background(), c.period, c.period)
	if err != nil || len(subs) == 0 {
		t.Errorf("%d submissions, %v", len(subs), err)
	}
	for _, s := range subs {
		if s.Unit == "" || s.Hash == "" {
			t.Errorf("half-recorded submission %+v", s)
		}
	}
	_ = gyqc.OutcomeAccepted
}
