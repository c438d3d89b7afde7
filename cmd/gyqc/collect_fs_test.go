package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCollectOddPaths: a FIFO and a link to /dev/zero named on the command line are listed
// as skipped with their reason (they used to hang the run and crash it out of memory); a
// file whose name holds a newline is printed on one line, quoted; a file whose name has
// 251 bytes is refused with its 退回意见单, in every run.
func TestCollectOddPaths(t *testing.T) {
	c := newCycle(t, "2025-06")
	fifo := filepath.Join(c.inbox, "管道.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	zero := filepath.Join(t.TempDir(), "零.xlsx")
	os.Symlink("/dev/zero", zero)
	odd := filepath.Join(t.TempDir(), "报\n表.xlsx")
	os.WriteFile(odd, []byte("单位,数值\n"), 0o644)
	long := filepath.Join(t.TempDir(), strings.Repeat("黔江区经济和信息化委员会关于工业强城月报", 4)+"报表.xlsx") // 251 bytes
	os.WriteFile(long, []byte("不是工作簿"), 0o644)
	type run struct {
		code        int
		out, errOut string
	}
	done := make(chan run, 1)
	go func() {
		code, out, errOut := runCLI(t, "--workspace", c.workspace, "collect", "--period", "2025-06", fifo, zero, odd, long)
		done <- run{code, out, errOut}
	}()
	var r run
	select {
	case r = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("collect blocked")
	}
	if r.code != exitRefused {
		t.Errorf("exit %d, want %d (the odd file is refused)\n%s%s", r.code, exitRefused, r.out, r.errOut)
	}
	for _, want := range []string{"跳过  " + fifo + "（命名管道", "跳过  " + zero + "（设备文件", `"` + filepath.Dir(odd) + `/报\n表.xlsx"`, "跳过 2 项"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("output lacks %q:\n%s", want, r.out)
		}
	}
	for _, line := range strings.Split(r.out, "\n") {
		if strings.HasPrefix(line, "表.xlsx") {
			t.Errorf("a file name broke a line:\n%s", r.out)
		}
	}
	// The name too long to carry into its 退回意见单's name whole: refused like any file,
	// with its line and its feedback, in this run and the next (it used to stop every run
	// with ENAMETOOLONG after a chunk was committed, printing no line).
	for run := 1; run <= 2; run++ {
		if run == 2 {
			r.code, r.out, r.errOut = runCLI(t, "--workspace", c.workspace, "collect", "--period", "2025-06", long)
		}
		if r.code != exitRefused || !strings.Contains(r.out, "退回  （未识别单位）  "+long) || !strings.Contains(r.out, "…_") {
			t.Errorf("run %d with the long name: exit %d\n%s%s", run, r.code, r.out, r.errOut)
		}
	}
}
