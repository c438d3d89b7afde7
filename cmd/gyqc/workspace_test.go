package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/store"
)

// emptyWorkspace returns a workspace that holds no data yet, as the first gyqc issue leaves it.
func emptyWorkspace(t *testing.T) string {
	t.Helper()
	ws := filepath.Join(t.TempDir(), "ws")
	st, err := store.Open(context.Background(), ws, store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	return ws
}

// TestReadCommandsNeedAWorkspace: status, consolidate, brief and log on a --workspace that
// holds no workspace (a mistyped folder, an empty one, a file) say "工作区不存在" and exit 3,
// creating nothing; they used to exit 0 reporting every unit as 未报送.
func TestReadCommandsNeedAWorkspace(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "文件")
	os.WriteFile(file, []byte("x"), 0o644)
	empty := filepath.Join(dir, "空文件夹")
	os.MkdirAll(empty, 0o755)
	for _, ws := range []string{filepath.Join(dir, "拼错的工作区"), empty, file} {
		for _, args := range [][]string{
			{"status", "--period", "2025-06"},
			{"consolidate", "--period", "2025-06", "--out", filepath.Join(dir, "汇总.xlsx")},
			{"consolidate", "--period", "2025-06"},
			{"brief", "--period", "2025-06", "--out", filepath.Join(dir, "简报.pdf")},
			{"log", "--period", "2025-06"},
			{"remind", "--period", "2025-06", "--out", filepath.Join(dir, "催报")},
			{"review", "--period", "2025-06", "--list"},
		} {
			code, out, errOut := runCLI(t, append([]string{"--workspace", ws}, args...)...)
			if code != exitInvalid || !strings.Contains(errOut, "工作区不存在") {
				t.Errorf("%s on %s: exit %d\n%s%s", args[0], filepath.Base(ws), code, out, errOut)
			}
		}
		if entries, _ := os.ReadDir(empty); len(entries) != 0 {
			t.Errorf("a read-only command wrote into %s: %v", empty, entries)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "拼错的工作区")); !os.IsNotExist(err) {
		t.Error("a read-only command created the workspace")
	}
	for _, f := range []string{"汇总.xlsx", "简报.pdf", "催报"} {
		if _, err := os.Stat(filepath.Join(dir, f)); !os.IsNotExist(err) {
			t.Errorf("%s written without a workspace", f)
		}
	}
}

// TestWriteCommandsNeedAWorkspace: the commands that change a workspace but do not set one
// up (all but issue and serve, which issue templates) refuse a --workspace that holds none with "工作区不存在" and exit 3,
// creating nothing. links used to create a new workspace with a secret of its own and hand
// out links no real workspace knows; review, lock and unlock created an empty one.
func TestWriteCommandsNeedAWorkspace(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "拼错的工作区")
	inbox := filepath.Join(dir, "收件箱")
	os.MkdirAll(inbox, 0o755)
	os.WriteFile(filepath.Join(inbox, "报表.xlsx"), []byte("PK"), 0o644)
	for _, args := range [][]string{
		{"links", "--period", "2025-06"},
		{"review", "--period", "2025-06", "--unit", "jxw", "--accept"},
		{"lock", "--period", "2025-06", "--signed-by", "张主任"},
		{"unlock", "--period", "2025-06", "--reason", "更正"},
		{"consolidate", "--period", "2025-06", "--replan"},
		{"collect", "--period", "2025-06", inbox},
	} {
		code, out, errOut := runCLI(t, append([]string{"--workspace", ws}, args...)...)
		if code != exitInvalid || !strings.Contains(errOut, "工作区不存在") && !strings.Contains(errOut, "没有密钥") {
			t.Errorf("%s: exit %d\n%s%s", args[0], code, out, errOut)
		}
		if _, err := os.Stat(ws); !os.IsNotExist(err) {
			t.Fatalf("%s created the workspace", args[0])
		}
	}
}

// TestStatusRefusesArguments: an extra argument to status is a usage error (it used to be
// ignored silently).
func TestStatusRefusesArguments(t *testing.T) {
	code, _, errOut := runCLI(t, "status", "--period", "2025-06", "2025-07")
	if code != exitUsage || !strings.Contains(errOut, "status 不接受参数“2025-07”") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// TestReceivedOutOfRange: a --received time more than a day ahead (a mistyped year) or
// before the period (years 0001 and 1970, which counted as 按时报送) is a usage error,
// and nothing is collected.
func TestReceivedOutOfRange(t *testing.T) {
	c := newCycle(t, "2025-06")
	path := c.fill("2025-06", "dsjj", "dsjj.xlsx", dsjjSpec())
	for _, tc := range []struct{ Received, Want string }{
		{"2125-06-28 10:00", "晚于现在"},
		{"0001-01-01", "早于方案开始实施"},
		{"1970-01-01 08:00", "早于方案开始实施"},
		{"2025-05-31 23:59", "早于报送期2025年6月开始"},
		{"昨天", "格式不正确"},
	} {
		code, out, errOut := runCLI(t, "--workspace", c.workspace, "collect", "--period", "2025-06", "--received", tc.Received, path)
		if code != exitUsage || !strings.Contains(errOut, tc.Want) {
			t.Errorf("--received %s: exit %d, %s%s", tc.Received, code, out, errOut)
		}
	}
	if code, out, errOut := runCLI(t, "--workspace", c.workspace, "collect", "--period", "2025-06", "--received", "2025-06-28 10:00", path); code != exitOK {
		t.Errorf("a good --received: exit %d %s%s", code, out, errOut)
	}
}

// TestEnvironmentFaults: an output folder that cannot be made is an environment fault
// with its own exit code, said in Chinese with the system's words after it (it used to be
// "内部错误" in English with exit 1).
func TestEnvironmentFaults(t *testing.T) {
	c := newCycle(t, "2025-06")
	blocker := filepath.Join(t.TempDir(), "一个文件")
	os.WriteFile(blocker, []byte("x"), 0o644)
	for _, args := range [][]string{
		{"consolidate", "--period", "2025-06", "--out", filepath.Join(blocker, "汇总.xlsx")},
		{"issue", "--period", "2025-06", "--out", filepath.Join(blocker, "模板")},
		{"collect", "--period", "2025-06", "--feedback", filepath.Join(blocker, "意见单"), c.fill("2025-06", "dsjj", "x.xlsx", map[string]any{})},
	} {
		code, out, errOut := runCLI(t, append([]string{"--workspace", c.workspace}, args...)...)
		if code != exitEnv || !strings.Contains(errOut, "路径中有一段不是文件夹") || !strings.Contains(errOut, "not a directory") {
			t.Errorf("%s: exit %d\n%s%s", args[0], code, out, errOut)
		}
	}
}

// TestDiskFull: consolidate into a folder on a full disk (an 8 KB tmpfs, where the system
// lets the test mount one) fails as an environment fault saying the disk is full, leaves
// the old output as it was, and no temporary file.
func TestDiskFull(t *testing.T) {
	c := newCycle(t, "2025-06")
	full := filepath.Join(t.TempDir(), "满")
	os.MkdirAll(full, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", full).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", full).Run()
	out := filepath.Join(full, "汇总.xlsx")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, errOut := runCLI(t, "--workspace", c.workspace, "consolidate", "--period", "2025-06", "--out", out)
	if code != exitEnv || !strings.Contains(errOut, "磁盘空间不足") || !strings.Contains(errOut, "no space left on device") {
		t.Errorf("exit %d\n%s%s", code, stdout, errOut)
	}
	if b, _ := os.ReadFile(out); string(b) != "old" {
		t.Errorf("the old output was changed")
	}
	if entries, _ := os.ReadDir(full); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestCollectOnFullDisk: collect into a workspace whose disk fills up (a small tmpfs,
// where the system lets the test mount one) stops as an environment fault saying so, with
// exit code 6; the files recorded before are intact and a later run on a disk with room
// completes.
func TestCollectOnFullDisk(t *testing.T) {
	c := newCycle(t, "2025-06")
	bigInbox(t, c, 120)
	full := filepath.Join(t.TempDir(), "满")
	os.MkdirAll(full, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", full).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", full).Run()
	ws := filepath.Join(full, "ws")
	if out, err := exec.Command("cp", "-a", c.workspace, ws).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	code, out, errOut := runCLI(t, "--workspace", ws, "collect", "--period", "2025-06", "--received", "2025-06-28 10:00", c.inbox)
	if code != exitEnv || !strings.Contains(errOut, "磁盘空间不足") {
		t.Fatalf("exit %d\n%s\n%s", code, lastLines(out, 5), errOut)
	}
	// Room again: the same workspace, moved to a disk with space, completes the run.
	room := filepath.Join(t.TempDir(), "ws")
	if out, err := exec.Command("cp", "-a", ws, room).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	c.workspace = room
	checkWorkspace(t, c, 120)
}
