package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

// TestKilledOutputsCleaned: consolidate and brief killed (SIGKILL) at four moments each —
// while starting, 150 ms in, as the temporary output appears, and a moment after — leave
// the old output as it was (or the new one whole, when the kill came after the write); the
// temporary file beside it (the one the kill left, or, when the kill came before or after
// the write, one named as the dead process would have named it) is gone after the next run,
// which writes the output whole. (Killed runs used to leave .tmp-N files in the output
// folders for good; the first version of this test killed once.)
func TestKilledOutputsCleaned(t *testing.T) {
	c := newCycle(t, "2025-06")
	bigInbox(t, c, 36)
	if _, err := c.collect("2025-06-28 10:00", c.inbox); err != nil && !strings.Contains(err.Error(), "被退回") {
		t.Fatal(err)
	}
	appeared := func(dir string) func() {
		return func() {
			for start := time.Now(); time.Since(start) < 20*time.Second && len(tempFiles(dir)) == 0; time.Sleep(time.Millisecond) {
			}
		}
	}
	for _, tc := range []struct{ Name, Out string }{
		{Name: "consolidate", Out: "汇总.xlsx"},
		{Name: "brief", Out: "简报.pdf"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, tc.Out)
			args := []string{tc.Name, "--period", "2025-06", "--as-of", "2025-07-02 09:00", "--out", out}
			for _, m := range []struct {
				name string
				wait func()
			}{
				{"while starting", func() { time.Sleep(10 * time.Millisecond) }},
				{"150 ms in", func() { time.Sleep(150 * time.Millisecond) }},
				{"as the output appears", appeared(dir)},
				{"after the output appeared", func() { appeared(dir)(); time.Sleep(30 * time.Millisecond) }},
			} {
				os.WriteFile(out, []byte("old"), 0o644)
				cmd, stdout, _ := startGyqc(t, c.workspace, args...)
				m.wait()
				stopAndTime(t, cmd, stdout, syscall.SIGKILL)
				// The old output, or the new one whole when the run finished before the
				// kill (a quick write leaves its temporary file for a moment only).
				if b, _ := os.ReadFile(out); string(b) != "old" && !whole(b) {
					t.Fatalf("%s: the kill left a half-written output (%d bytes)", m.name, len(b))
				}
				left := tempFiles(dir)
				t.Logf("%s: the kill left %d temporary files", m.name, len(left))
				if len(left) == 0 {
					p := filepath.Join(dir, fmt.Sprintf(".%s.tmp-%d-12345", tc.Out, cmd.Process.Pid))
					os.WriteFile(p, []byte("half"), 0o644)
				}
				// The next run is a process of its own, as it is for the clerk (a process
				// cleans a folder the first time it writes there).
				if o, err := gyqcCommand(c.workspace, args...).CombinedOutput(); err != nil {
					t.Fatalf("%s: next run: %v\n%s", m.name, err, o)
				}
				if left := tempFiles(dir); len(left) > 0 {
					t.Errorf("%s: temporary files survived the next run: %v", m.name, left)
				}
				if b, _ := os.ReadFile(out); len(b) < 1000 || !whole(b) {
					t.Errorf("%s: the next run wrote %d bytes", m.name, len(b))
				}
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

// killMoment is a moment of a collect run at which TestCollectKilledRepeatedly kills it:
// env is added to its environment, wait returns at the moment (stdout: the results, one a
// line; commits: a value for each "gyqc-commit" on stderr, see debugCommit).
type killMoment struct {
	name string
	env  []string
	wait func(t *testing.T, out *bufio.Reader, commits <-chan struct{})
}

// TestCollectKilledRepeatedly kills collect (SIGKILL) at six moments of six runs over one
// workspace, each run bringing a new version of every unit's return: while starting, after
// the first chunk is recorded, inside a chunk's write transaction, at a commit, in the
// middle of the batch and after the last result. After each kill the database passes
// integrity_check, everything recorded before (by earlier runs and by the killed one) is
// still there as it was, nothing is recorded twice, and the next run, which completes,
// records each unit's new version once and leaves no temporary file in the workspace or its
// feedback folders, also those a killed run left (planted too, as a kill at the instant a
// file is half-written is a matter of luck). (The first version of this test killed once.)
func TestCollectKilledRepeatedly(t *testing.T) {
	c := newCycle(t, "2025-06")
	const n = 130 // three chunks
	lines := func(k int) func(*testing.T, *bufio.Reader, <-chan struct{}) {
		return func(t *testing.T, out *bufio.Reader, _ <-chan struct{}) { waitLines(t, out, k) }
	}
	commit := func(k int) func(*testing.T, *bufio.Reader, <-chan struct{}) {
		return func(t *testing.T, _ *bufio.Reader, commits <-chan struct{}) {
			for range k {
				select {
				case <-commits:
				case <-time.After(60 * time.Second):
					t.Fatal("no commit")
				}
			}
		}
	}
	moments := []killMoment{
		{"while starting", nil, func(*testing.T, *bufio.Reader, <-chan struct{}) { time.Sleep(30 * time.Millisecond) }},
		{"after the first chunk", nil, lines(1)},
		{"inside a write transaction", []string{debugCommit + "=2s"}, commit(1)},
		{"at a commit", []string{debugCommit + "=0s"}, commit(1)},
		{"in the middle of the batch", nil, lines(n / 2)},
		{"after the last result", nil, lines(n)},
	}
	units := len(c.plan.ResponsibleUnits())
	start := time.Now()
	for i, m := range moments {
		fillInbox(t, c, n, fmt.Sprintf("（第%d版）", i+1))
		before := c.submissions()
		killed := c.submissions
		cmd := gyqcCommand(c.workspace, "collect", "--period", "2025-06", "--received", "2025-06-28 10:00", c.inbox)
		cmd.Env = append(cmd.Env, m.env...)
		stdout, _ := cmd.StdoutPipe()
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		commits := make(chan struct{}, 16)
		go func() {
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				if sc.Text() == "gyqc-commit" {
					commits <- struct{}{}
				}
			}
		}()
		out := bufio.NewReader(stdout)
		m.wait(t, out, commits)
		stopAndTime(t, cmd, out, syscall.SIGKILL)
		during := killed()
		checkKept(t, c, m.name+": the kill", before, during)
		plantTemps(t, c, cmd.Process.Pid)
		if _, err := c.collect("2025-06-28 10:00", c.inbox); err != nil && !strings.Contains(err.Error(), "被退回") {
			t.Fatalf("%s: the next run: %v", m.name, err)
		}
		after := c.submissions()
		checkKept(t, c, m.name+": the next run", during, after)
		if got := len(after) - len(before); got != units {
			t.Errorf("%s: %d versions recorded by the killed run and the next, want one of each of the %d units", m.name, got, units)
		}
		if left := tempFiles(c.workspace); len(left) > 0 {
			t.Errorf("%s: temporary files survived the next run: %v", m.name, left)
		}
		t.Logf("%s: the killed run recorded %d versions, the next %d", m.name, len(during)-len(before), len(after)-len(during))
	}
	checkWorkspace(t, c, n)
	t.Logf("%d kills in %v", len(moments), time.Since(start).Round(time.Second))
}

// checkKept checks that the database is sound, that every submission of before is in
// after as it was, and that no file is recorded twice for a unit.
func checkKept(t *testing.T, c *cycle, what string, before, after []gyqc.Submission) {
	t.Helper()
	st, err := store.Open(context.Background(), c.workspace, store.ReadOnly)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	ok, err := st.IntegrityCheck(context.Background())
	st.Close()
	if ok != "ok" || err != nil {
		t.Errorf("%s: integrity_check: %s %v", what, ok, err)
	}
	byID := map[int64]gyqc.Submission{}
	type key struct{ unit, hash string }
	seen := map[key]bool{}
	for _, s := range after {
		byID[s.ID] = s
		if s.Unit == "" || s.Hash == "" {
			t.Errorf("%s: half-recorded submission %+v", what, s)
		}
		if seen[key{s.Unit, s.Hash}] {
			t.Errorf("%s: %s: the same file recorded twice (%s)", what, s.Unit, s.Hash[:8])
		}
		seen[key{s.Unit, s.Hash}] = true
	}
	for _, b := range before {
		a, ok := byID[b.ID]
		if !ok || a.Unit != b.Unit || a.Hash != b.Hash || a.Version != b.Version || !a.Received.Equal(b.Received) || a.Outcome != b.Outcome {
			t.Errorf("%s: version %d of %s is gone or changed: %+v", what, b.Version, b.Unit, a)
		}
	}
}

// plantTemps writes temporary files as a killed run leaves them, where it leaves them: in
// the archive and the feedback folder, named after the dead process pid, after a process
// long gone, and in the older pattern without a process id.
func plantTemps(t *testing.T, c *cycle, pid int) {
	t.Helper()
	fb := filepath.Join(c.workspace, "feedback", "2025-06")
	os.MkdirAll(filepath.Join(c.workspace, "archive", "ab"), 0o755)
	os.MkdirAll(fb, 0o755)
	planted := []string{
		filepath.Join(c.workspace, "archive", "ab", fmt.Sprintf(".abababababababab.tmp-%d-123", pid)),
		filepath.Join(fb, ".2025-06_jxw_区经济信息委_第1版_退回意见单.xlsx.tmp-999999-456"),
		filepath.Join(fb, ".旧格式.xlsx.tmp-789"),
	}
	for _, p := range planted {
		if err := os.WriteFile(p, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(planted[2], old, old)
}
