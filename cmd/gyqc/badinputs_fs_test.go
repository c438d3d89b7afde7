package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/planfile"
)

// notAWorkbook writes a file that is not a workbook (refused, attributed to no unit) at
// path, making its folder.
func notAWorkbook(t *testing.T, path string) string {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte("单位,数值\n"+path+",1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// longName: a refused file with a 239-byte name is refused with its line and its
// 退回意见单 in this run and the next (it used to stop every run with ENAMETOOLONG).
func longName(t *testing.T, w *badWorld) {
	p := notAWorkbook(t, filepath.Join(t.TempDir(), strings.Repeat("黔江", 38)+"报表.xlsx"))
	for range 2 {
		code, out, errOut := w.collectIn(t, p)
		wantRefused(t, code, out, errOut, "退回  （未识别单位）  "+p, "…_")
	}
}

// newlineName: a newline in a file name is printed escaped, on the file's one line.
func newlineName(t *testing.T, w *badWorld) {
	p := notAWorkbook(t, filepath.Join(t.TempDir(), "报\n表.xlsx"))
	code, out, errOut := w.collectIn(t, p)
	wantRefused(t, code, out, errOut, `报\n表.xlsx"`)
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "表.xlsx") {
			t.Errorf("a file name broke a line:\n%s", out)
		}
	}
}

// sameNames: two unidentified files named 报表.xlsx from two folders get a 退回意见单 each
// (the second used to overwrite the first).
func sameNames(t *testing.T, w *badWorld) {
	dir := t.TempDir()
	notAWorkbook(t, filepath.Join(dir, "邮件一", "报表.xlsx"))
	notAWorkbook(t, filepath.Join(dir, "邮件二", "报表.xlsx"))
	fb := filepath.Join(w.c.workspace, "feedback", "2025-06")
	before, _ := filepath.Glob(filepath.Join(fb, "*报表*"))
	code, out, errOut := w.collectIn(t, dir)
	wantRefused(t, code, out, errOut)
	after, _ := filepath.Glob(filepath.Join(fb, "*报表*"))
	if len(after)-len(before) != 2 {
		t.Errorf("%d 退回意见单 written for the two files: %v", len(after)-len(before), after)
	}
}

// fifoPath: a FIFO named on the command line is listed as skipped, and nothing blocks (it
// used to hang for ever).
func fifoPath(t *testing.T, w *badWorld) {
	p := filepath.Join(t.TempDir(), "管道.xlsx")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	_, out, _ := w.collectIn(t, p)
	if !strings.Contains(out, "跳过  "+p+"（命名管道") {
		t.Errorf("the FIFO is not listed as skipped:\n%s", out)
	}
}

// devZeroLink: a link to /dev/zero named on the command line is skipped as a device (it
// used to end in an out-of-memory crash).
func devZeroLink(t *testing.T, w *badWorld) {
	p := filepath.Join(t.TempDir(), "零.xlsx")
	os.Symlink("/dev/zero", p)
	_, out, _ := w.collectIn(t, p)
	if !strings.Contains(out, "跳过  "+p+"（设备文件") {
		t.Errorf("the link to /dev/zero is not listed as skipped:\n%s", out)
	}
}

// oddEntries: inside a folder, a symbolic link and a FIFO are each listed as skipped with
// the reason (they used to be skipped silently); the folder's file is collected.
func oddEntries(t *testing.T, w *badWorld) {
	dir := t.TempDir()
	real := notAWorkbook(t, filepath.Join(dir, "真的.xlsx"))
	os.Symlink(real, filepath.Join(dir, "链接.xlsx"))
	if err := syscall.Mkfifo(filepath.Join(dir, "管道.xlsx"), 0o644); err != nil {
		t.Skip(err)
	}
	code, out, errOut := w.collectIn(t, dir)
	wantRefused(t, code, out, errOut, "链接.xlsx（符号链接", "管道.xlsx（命名管道", "跳过 2 项", "真的.xlsx")
}

// received: --received out of range is a usage error and nothing is collected.
func received(value, want string) func(*testing.T, *badWorld) {
	return func(t *testing.T, w *badWorld) {
		p := filepath.Join(t.TempDir(), "报表.xlsx")
		os.WriteFile(p, w.sealedReturn(t, "已完成"), 0o644)
		code, out, errOut := runCLI(t, "--workspace", w.c.workspace, "collect", "--period", "2025-06", "--received", value, p)
		if code != exitUsage || !strings.Contains(errOut, want) {
			t.Errorf("--received %s: exit %d, %s%s", value, code, out, errOut)
		}
	}
}

// tooLarge: a file over the size limit is refused and gets its 退回意见单 (it used to be
// neither archived, recorded nor answered).
func tooLarge(t *testing.T, w *badWorld) {
	p := filepath.Join(t.TempDir(), "大文件.xlsx")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("PK\x03\x04")
	f.Truncate(intake.DefaultLimits().MaxFileSize + 1) // sparse: nothing written to the disk
	f.Close()
	code, out, errOut := w.collectIn(t, p)
	wantRefused(t, code, out, errOut, "超过上限", "退回意见单")
}

// mistypedWorkspace: status on a --workspace that does not exist says so and exits 3,
// creating nothing (it used to report all 36 units 未报送 and exit 0).
func mistypedWorkspace(t *testing.T, _ *badWorld) {
	ws := filepath.Join(t.TempDir(), "拼错的工作区")
	code, out, errOut := runCLI(t, "--workspace", ws, "status", "--period", "2025-06")
	if _, err := os.Stat(ws); code != exitInvalid || !strings.Contains(errOut, "工作区不存在") || err == nil {
		t.Errorf("exit %d, workspace made: %v\n%s%s", code, err == nil, out, errOut)
	}
}

// longTitle: a task title of 2 million characters fails plan check with its line and
// issue as a bad input (it used to pass plan check and fail issue with "内部错误…OddHeader").
func longTitle(t *testing.T, _ *badWorld) {
	plan := strings.Replace(string(planfile.DefaultPlanFile), `title: "组建招商队伍"`, `title: "`+strings.Repeat("组建招商队伍", 333334)+`"`, 1)
	path := filepath.Join(t.TempDir(), "plan.yaml")
	os.WriteFile(path, []byte(plan), 0o644)
	for _, args := range [][]string{{"plan", "check", path}, {"--plan", path, "issue", "--period", "2025-06", "--out", t.TempDir()}} {
		code, out, errOut := runCLI(t, args...)
		if code != exitInvalid || !strings.Contains(out+errOut, "任务 6 的名称有2000004个字符，超过上限100个") || strings.Contains(out+errOut, "内部错误") {
			t.Errorf("%s: exit %d\n%.2000s\n%.2000s", args[:2], code, out, errOut)
		}
	}
}

// unreadableEntries: collect run by a user who may not read a subfolder and a file of the
// inbox lists the folder as skipped with the reason and refuses the file with its
// 退回意见单; the rest is collected (one unreadable subfolder used to abort the batch, and
// an unreadable file was neither recorded nor answered).
func unreadableEntries(t *testing.T, w *badWorld) {
	base, err := os.MkdirTemp(w.shared(t), "collect-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(base, 0o755)
	ws := filepath.Join(base, "可写工作区")
	copyTree(t, w.c.workspace, ws)
	inbox := filepath.Join(base, "收件箱")
	notAWorkbook(t, filepath.Join(inbox, "打开的", "报表.xlsx"))
	notAWorkbook(t, filepath.Join(inbox, "关闭的", "报表.xlsx"))
	locked := notAWorkbook(t, filepath.Join(inbox, "锁住的.xlsx"))
	os.Chmod(filepath.Join(inbox, "关闭的"), 0)
	os.Chmod(locked, 0)
	defer os.Chmod(filepath.Join(inbox, "关闭的"), 0o755)
	if os.Geteuid() == 0 {
		exec.Command("chown", "-R", "65534:65534", ws).Run()
	}
	code, out, errOut := w.nobody(t, "--workspace", ws, "collect", "--period", "2025-06", "--received", "2025-06-28 10:00", inbox)
	wantRefused(t, code, out, errOut, "关闭的（无法读取：没有权限", "锁住的.xlsx", "打开的/报表.xlsx", "跳过 1 项")
	if !strings.Contains(out, "无法读取") || strings.Count(out, "退回  ") != 2 {
		t.Errorf("want both files refused, the locked one as unreadable:\n%s", out)
	}
}

// unwritableOutput: consolidate into a folder its user may not write is an environment
// fault (exit 6) in Chinese with the system's words (it used to be "内部错误", exit 1).
func unwritableOutput(t *testing.T, w *badWorld) {
	base := w.shared(t)
	out := filepath.Join(base, "别人的文件夹")
	os.MkdirAll(out, 0o555)
	code, stdout, errOut := w.nobody(t, "--workspace", w.readOnly(t), "consolidate", "--period", "2025-06", "--out", filepath.Join(out, "汇总.xlsx"))
	if code != exitEnv || !strings.Contains(errOut, "没有权限") || !strings.Contains(errOut, "permission denied") {
		t.Errorf("exit %d\n%s%s", code, stdout, errOut)
	}
}

// readOnlyWorkspace: a workspace its user may not write (a backup disc, another user's)
// can be read: status runs (it used to fail).
func readOnlyWorkspace(t *testing.T, w *badWorld) {
	code, out, errOut := w.nobody(t, "--workspace", w.readOnly(t), "status", "--period", "2025-06")
	if code != exitOK || !strings.Contains(out, "区经济信息委") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// shared returns a folder everyone may enter, made once for the world and removed after.
func (w *badWorld) shared(t *testing.T) string {
	t.Helper()
	if w.base == "" {
		var err error
		if w.base, err = os.MkdirTemp("", "gyqc-bad-"); err != nil {
			t.Fatal(err)
		}
		os.Chmod(w.base, 0o755)
		w.cleanup = append(w.cleanup, func() { os.RemoveAll(w.base) })
	}
	return w.base
}

// readOnly returns a copy of the workspace the other user may read but not write.
func (w *badWorld) readOnly(t *testing.T) string {
	ws := filepath.Join(w.shared(t), "只读工作区")
	if _, err := os.Stat(ws); err != nil {
		copyTree(t, w.c.workspace, ws)
		os.Remove(filepath.Join(ws, "gyqc.lock"))
		if os.Geteuid() != 0 {
			exec.Command("chmod", "-R", "a-w", ws).Run()
			w.cleanup = append(w.cleanup, func() { exec.Command("chmod", "-R", "u+w", ws).Run() })
		}
	}
	return ws
}

// copyTree copies the folder from to to, readable by everyone.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	if out, err := exec.Command("cp", "-r", from, to).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	exec.Command("chmod", "-R", "a+rX", to).Run()
}

// nobody runs gyqc as another user: as root, a copy of the test binary as nobody (root may
// read and write everything); else this user.
func (w *badWorld) nobody(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return runCLI(t, args...)
	}
	bin := filepath.Join(w.shared(t), "gyqc.test")
	if _, err := os.Stat(bin); err != nil {
		if data, err := os.ReadFile(os.Args[0]); err != nil || os.WriteFile(bin, data, 0o755) != nil {
			t.Fatalf("copy the test binary: %v", err)
		}
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "GYQC_RUN_MAIN=1", "HOME=/tmp", "GOCACHE=/tmp")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.Run()
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}
