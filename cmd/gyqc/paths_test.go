package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"
)

// TestChineseAndSpacedPaths runs a month as an office on Windows would: every folder and file
// named in Chinese with spaces, the plan and units files saved by Notepad (UTF-8 byte-order
// mark, CRLF line ends). Issue, samples, collect and consolidate must all find their files.
func TestChineseAndSpacedPaths(t *testing.T) {
	root := filepath.Join(t.TempDir(), "工业强城 月报 (2025)")
	dirs := map[string]string{}
	for _, d := range []string{"方案 文件", "工作 区", "下发 模板", "收件 箱 6月", "退回 意见单", "汇总 表"} {
		dirs[d] = filepath.Join(root, d)
	}
	if err := os.MkdirAll(dirs["方案 文件"], 0o755); err != nil {
		t.Fatal(err)
	}
	windows := func(b []byte) []byte {
		return append([]byte("\uFEFF"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
	}
	planPath := filepath.Join(dirs["方案 文件"], "黔江区 工业强城 实施方案.yaml")
	unitsPath := filepath.Join(dirs["方案 文件"], "单位 名册.yaml")
	for path, data := range map[string][]byte{planPath: planfile.DefaultPlanFile, unitsPath: planfile.DefaultUnitsFile} {
		if err := os.WriteFile(path, windows(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	global := []string{"gyqc", "--workspace", dirs["工作 区"], "--plan", planPath, "--units", unitsPath}
	gyqc := func(want int, args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := run(context.Background(), append(append([]string{}, global...), args...), &out, &errOut); code != want {
			t.Fatalf("gyqc %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, out.String(), errOut.String())
		}
		return out.String()
	}
	gyqc(0, "issue", "--period", "2025-06", "--out", dirs["下发 模板"])
	gyqc(0, "samples", "--period", "2025-06", "--from", dirs["下发 模板"], "--out", dirs["收件 箱 6月"])
	inbox, err := os.ReadDir(dirs["收件 箱 6月"])
	if err != nil || len(inbox) < 2 {
		t.Fatalf("samples wrote %d files, %v", len(inbox), err)
	}
	// A return renamed by its unit with spaces and brackets, as mail clients save them.
	first := filepath.Join(dirs["收件 箱 6月"], inbox[0].Name())
	if err := os.Rename(first, filepath.Join(dirs["收件 箱 6月"], "本单位 6月 报表 (定稿).xlsx")); err != nil {
		t.Fatal(err)
	}
	// The samples simulate units that make mistakes: some files are refused (exit 4) and
	// their 退回意见单 go to the feedback folder.
	out := gyqc(4, "collect", "--period", "2025-06", "--received", "2025-06-28 10:00", "--feedback", dirs["退回 意见单"], dirs["收件 箱 6月"])
	if !strings.Contains(out, "本单位 6月 报表 (定稿).xlsx") {
		t.Errorf("collect does not name the renamed file:\n%s", out)
	}
	feedback, err := filepath.Glob(filepath.Join(dirs["退回 意见单"], "*_退回意见单.xlsx"))
	if err != nil || len(feedback) == 0 {
		t.Errorf("no 退回意见单 in %s: %v", dirs["退回 意见单"], err)
	}
	book := filepath.Join(dirs["汇总 表"], "2025年6月 汇总表.xlsx")
	gyqc(0, "consolidate", "--period", "2025-06", "--out", book, "--as-of", "2025-07-02 09:00")
	if fi, err := os.Stat(book); err != nil || fi.Size() == 0 {
		t.Fatalf("no workbook at %s: %v", book, err)
	}
}
