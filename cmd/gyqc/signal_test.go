package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// stopBound is how soon a long command must stop by itself after SIGINT or SIGTERM: the
// issue's "within 1 s".
const stopBound = time.Second

// stopTries is how many times a stop is tried before the bound counts as missed. The time
// is the one the process reports (debugStop=self: from its receipt of the signal to its
// exit, without the forced end after stopGrace), so the delivery of the signal and the
// test's own waiting do not count; on a machine shared by parallel test runs one trial can
// still be starved of the processor, so the best of a few trials is held to the bound. A
// loop that does not look at the context misses it every time: it runs to its end.
const stopTries = 3

// stopReport matches the line debugStop makes the process write.
var stopReport = regexp.MustCompile(`gyqc-stop: ([0-9.]+)ms (\w+)`)

// stopTrials starts a command (start, which returns once it is into its work), sends sig
// and checks that it exits with 130, having stopped by itself; after checks what the stop
// left. It fails unless one of stopTries trials stopped within stopBound, and logs the
// times of all.
func stopTrials(t *testing.T, sig syscall.Signal, start func(try int) (*exec.Cmd, *bufio.Reader, *bytes.Buffer), after ...func()) {
	t.Helper()
	var times []string
	best := time.Duration(-1)
	for try := range stopTries {
		cmd, out, errOut := start(try)
		wall, code := stopAndTime(t, cmd, out, sig)
		m := stopReport.FindStringSubmatch(errOut.String())
		if code != exitInterrupted || m == nil || m[2] != "itself" {
			t.Fatalf("try %d: exit %d after %v, want %d, stopped by itself and reported\n%s", try+1, code, wall, exitInterrupted, errOut)
		}
		for _, f := range after {
			f()
		}
		ms, _ := strconv.ParseFloat(m[1], 64)
		took := time.Duration(ms * float64(time.Millisecond))
		times = append(times, took.Round(100*time.Microsecond).String()+" (wall "+wall.Round(time.Millisecond).String()+")")
		if best < 0 || took < best {
			best = took
		}
		if best <= stopBound {
			break
		}
	}
	t.Logf("%s: stopped %s after the signal", sig, strings.Join(times, ", "))
	if best > stopBound {
		t.Errorf("best of %d trials stopped %v after %s, want within %v", stopTries, best, sig, stopBound)
	}
}

// TestBriefAndConsolidateStopOnSignal: brief and consolidate stop by themselves within a
// second (stopTrials) of SIGTERM and SIGINT with exit code 130, leaving the old output as it
// was and no temporary file. (brief used to ignore both while rendering; consolidate
// ignored SIGINT.)
func TestBriefAndConsolidateStopOnSignal(t *testing.T) {
	c := newCycle(t, "2025-06")
	bigInbox(t, c, 36)
	if _, err := c.collect("2025-06-28 10:00", c.inbox); err != nil && !strings.Contains(err.Error(), "被退回") {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		Name string
		Sig  syscall.Signal
		Args []string
		Out  string
	}{
		{Name: "brief", Sig: syscall.SIGTERM, Out: filepath.Join(dir, "简报.pdf"),
			Args: []string{"brief", "--period", "2025-06", "--annex", "full", "--as-of", "2025-07-02 09:00"}},
		{Name: "consolidate", Sig: syscall.SIGINT, Out: filepath.Join(dir, "汇总.xlsx"),
			Args: []string{"consolidate", "--period", "2025-06", "--as-of", "2025-07-02 09:00"}},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			os.WriteFile(tc.Out, []byte("old"), 0o644)
			stopTrials(t, tc.Sig, func(int) (*exec.Cmd, *bufio.Reader, *bytes.Buffer) {
				cmd, out, errOut := startGyqcEnv(t, []string{debugStop + "=self"}, c.workspace, append(tc.Args, "--out", tc.Out)...)
				// Into the work: the temporary output appears (consolidate writes as it
				// goes), or a moment has passed (brief renders first, then writes).
				for start := time.Now(); time.Since(start) < 300*time.Millisecond; time.Sleep(time.Millisecond) {
					if len(tempFiles(dir)) > 0 {
						break
					}
				}
				return cmd, out, errOut
			}, func() {
				if b, _ := os.ReadFile(tc.Out); string(b) != "old" {
					t.Errorf("the old output was changed (%d bytes)", len(b))
				}
				if left := tempFiles(dir); len(left) > 0 {
					t.Errorf("temporary files left beside the output: %v", left)
				}
			})
		})
	}
}

// TestDemoStopsOnSignal: the demo (a minute of work under load) stops by itself within a
// second of SIGINT, in whichever month it is, with exit code 130.
func TestDemoStopsOnSignal(t *testing.T) {
	dir := t.TempDir()
	stopTrials(t, syscall.SIGINT, func(try int) (*exec.Cmd, *bufio.Reader, *bytes.Buffer) {
		cmd, out, errOut := startGyqcEnv(t, []string{debugStop + "=self"}, filepath.Join(dir, "ws"),
			"demo", "--dir", filepath.Join(dir, strconv.Itoa(try)), "--periods", "3")
		// Into the months: 1 s after the start on the first try, later on the next.
		time.Sleep(time.Duration(1+2*try) * time.Second)
		return cmd, out, errOut
	})
}

// TestStopReport: the report the other tests read is parsed; without a signal the process
// reports nothing.
func TestStopReport(t *testing.T) {
	if m := stopReport.FindStringSubmatch("gyqc-stop: 12.5ms itself\n"); m == nil || m[1] != "12.5" || m[2] != "itself" {
		t.Fatalf("report not parsed: %v", m)
	}
	cmd := gyqcCommand(t.TempDir(), "--version")
	cmd.Env = append(cmd.Env, debugStop+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil || strings.Contains(string(out), "gyqc-stop") {
		t.Errorf("%v: %s", err, out)
	}
}
