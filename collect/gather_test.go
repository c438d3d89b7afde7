package collect

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestGatherSkipsWhatIsNotAFile: in a folder, only regular files are taken; FIFOs, sockets,
// symbolic links (to a device and to a file), hidden and Office lock files are each listed
// as skipped with their reason, and nothing blocks. Named on the command line, a FIFO and
// a link to /dev/zero are skipped the same way (they used to hang the run or exhaust its
// memory).
func TestGatherSkipsWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "收件箱")
	os.MkdirAll(filepath.Join(in, "子文件夹"), 0o755)
	write := func(name string) string {
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, []byte("PK"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("报表.xlsx")
	write(filepath.Join("子文件夹", "报表.xlsx"))
	write("~$报表.xlsx")
	write(".隐藏.xlsx")
	fifo := filepath.Join(in, "管道.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	zero := filepath.Join(in, "零.xlsx")
	os.Symlink("/dev/zero", zero)
	os.Symlink(good, filepath.Join(in, "链接.xlsx"))
	sock := filepath.Join(in, "套接字.xlsx")
	if l, err := net.Listen("unix", sock); err == nil {
		defer l.Close()
	}

	done := make(chan struct{})
	var files []File
	var skipped []Skipped
	var err error
	go func() {
		files, skipped, err = Gather([]string{in, fifo, zero})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Gather blocked")
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Path != filepath.Join(in, "子文件夹", "报表.xlsx") || files[1].Path != good {
		t.Errorf("got files %+v, want the two regular 报表.xlsx", files)
	}
	reasons := map[string]string{}
	for _, s := range skipped {
		reasons[filepath.Base(s.Path)] += s.Reason + ";"
	}
	for name, want := range map[string]string{
		"~$报表.xlsx": "Office 临时文件", ".隐藏.xlsx": "隐藏文件", "管道.xlsx": "命名管道", "零.xlsx": "设备文件",
		"链接.xlsx": "符号链接", "套接字.xlsx": "套接字",
	} {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("%s: skipped as %q, want %q", name, reasons[name], want)
		}
	}
	// The link to /dev/zero inside the folder is not followed; named on the command line it
	// is, and skipped as a device; the FIFO is skipped both times.
	if !strings.Contains(reasons["零.xlsx"], "符号链接") || strings.Count(reasons["管道.xlsx"], "命名管道") != 2 {
		t.Errorf("reasons %v", reasons)
	}
}

// TestGatherUnreadableFolder: a folder that cannot be read is one skipped entry with the
// reason in Chinese and the system's words; the rest of the batch is gathered. (As root,
// the check runs in a child process as nobody, for whom the folder is closed.)
func TestGatherUnreadableFolder(t *testing.T) {
	if os.Getenv("GYQC_GATHER_DIR") != "" {
		gatherUnreadableChild(t, os.Getenv("GYQC_GATHER_DIR"))
		return
	}
	dir, err := os.MkdirTemp("", "gyqc-gather-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "collect.test")
	dir = filepath.Join(dir, "inbox")
	os.MkdirAll(filepath.Join(dir, "a-关闭"), 0o755)
	os.MkdirAll(filepath.Join(dir, "b-打开"), 0o755)
	os.WriteFile(filepath.Join(dir, "a-关闭", "x.xlsx"), []byte("PK"), 0o644)
	os.WriteFile(filepath.Join(dir, "b-打开", "y.xlsx"), []byte("PK"), 0o644)
	os.Chmod(filepath.Join(dir, "a-关闭"), 0)
	defer os.Chmod(filepath.Join(dir, "a-关闭"), 0o755)
	if os.Geteuid() != 0 {
		gatherUnreadableChild(t, dir)
		return
	}
	// The test binary sits in a folder only root may enter: run a copy.
	if data, err := os.ReadFile(os.Args[0]); err != nil || os.WriteFile(bin, data, 0o755) != nil {
		t.Fatalf("copy the test binary: %v", err)
	}
	cmd := exec.Command(bin, "-test.run=^TestGatherUnreadableFolder$", "-test.v")
	cmd.Env = append(os.Environ(), "GYQC_GATHER_DIR="+dir, "GOCACHE=/tmp", "HOME=/tmp")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "PASS") {
		t.Fatalf("child as nobody: %v\n%s", err, out)
	}
}

// gatherUnreadableChild checks Gather on the prepared folder.
func gatherUnreadableChild(t *testing.T, dir string) {
	files, skipped, err := Gather([]string{dir})
	if err != nil {
		t.Fatalf("one closed folder stopped the batch: %v", err)
	}
	if len(files) != 1 || filepath.Base(files[0].Path) != "y.xlsx" {
		t.Errorf("files %+v, want y.xlsx", files)
	}
	if len(skipped) != 1 || !strings.Contains(skipped[0].Path, "a-关闭") || !strings.Contains(skipped[0].Reason, "没有权限") ||
		!strings.Contains(skipped[0].Reason, "permission denied") {
		t.Errorf("skipped %+v, want the closed folder with the reason", skipped)
	}
}

// TestGatherReasonOnOneLine: a path that cannot be read is skipped with a reason that keeps
// to one line, also where the system's words repeat a name holding a newline (they used to
// break the one-line-per-file output), and a link to itself is said to be one.
func TestGatherReasonOnOneLine(t *testing.T) {
	loop := filepath.Join(t.TempDir(), "环\n路.xlsx")
	if err := os.Symlink(loop, loop); err != nil {
		t.Skip(err)
	}
	files, skipped, err := Gather([]string{loop})
	if err != nil || len(files) != 0 || len(skipped) != 1 {
		t.Fatalf("files %v, skipped %v, err %v", files, skipped, err)
	}
	r := skipped[0].Reason
	if strings.ContainsAny(r, "\n\r") || !strings.Contains(r, `环\n路.xlsx`) || !strings.Contains(r, "循环") || strings.Count(r, "无法读取") != 1 {
		t.Errorf("reason %q", r)
	}
}
