package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/store"
)

// Fonts the briefing tests draw with, as Debian installs them (fonts-wqy-microhei,
// fonts-lxgw-wenkai).
var briefTestFonts = []string{
	"/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
}

// briefFonts returns the test fonts; it skips the test when they are not installed, and
// fails under CI, which installs them.
func briefFonts(t *testing.T) []string {
	t.Helper()
	for _, f := range briefTestFonts {
		if _, err := os.Stat(f); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is missing under CI; install fonts-wqy-microhei and fonts-lxgw-wenkai", f)
			}
			t.Skipf("%s not installed (Debian: apt-get install fonts-wqy-microhei fonts-lxgw-wenkai)", f)
		}
	}
	return briefTestFonts
}

// rareText is a unit's progress text with a character above U+FFFF and one no test font has.
const rareText = "组织“𠮷祥如意”文化消费品企业参加展销会，彝绣企业“ꀀ”字号产品订单增加。"

// briefWorkspace records June returns of every responsible unit but jxw (missing) in a
// fresh workspace, fgw late and sww writing rareText, and returns its folder.
func briefWorkspace(t *testing.T, plan *gyqc.Plan) string {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	st, err := store.Open(ctx, dir, store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	june := gyqc.MustPeriod("2025-06")
	for _, u := range plan.ResponsibleUnits() {
		if u.Code == "jxw" {
			continue
		}
		hash, err := st.Archive(ctx, u.Code+".xlsx", []byte("file of "+u.Code))
		if err != nil {
			t.Fatal(err)
		}
		sub := &gyqc.Submission{Unit: u.Code, Period: june, Received: plan.Due(june).Add(-24 * time.Hour), Hash: hash,
			FileName: u.Code + ".xlsx", Outcome: gyqc.OutcomeAccepted}
		if u.Code == "fgw" {
			sub.Received = plan.Due(june).Add(50 * time.Hour)
		}
		for _, a := range plan.Assignments(u.Code) {
			progress := u.Name + "本月按计划推进。"
			if u.Code == "sww" {
				progress = rareText
			}
			sub.Tasks = append(sub.Tasks, gyqc.TaskReport{Task: a.Task, Role: a.Role, Status: gyqc.StatusOnTrack, Progress: progress})
		}
		if _, _, err := st.Record(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestRunBrief writes the briefing of a workspace twice: the same bytes, nothing left
// beside it, a summary on the output and the replaced characters in one warning line.
func TestRunBrief(t *testing.T) {
	fonts := briefFonts(t)
	t.Setenv("GYQC_FONT", "")
	plan := planfile.Default()
	ws := briefWorkspace(t, plan)
	dir := filepath.Join(t.TempDir(), "简报")
	var outs [][]byte
	for i, name := range []string{"a.pdf", "a.pdf", "b.pdf"} {
		path := filepath.Join(dir, name)
		var stdout, warn bytes.Buffer
		opts := briefOptions{Workspace: ws, Period: gyqc.MustPeriod("2025-06"), Out: path, SystemFonts: fonts, Warn: &warn}
		if err := runBrief(context.Background(), plan, opts, &stdout); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
		if i > 0 {
			continue
		}
		for _, want := range []string{"已写出工作简报：" + path, "工业强城建设工作简报（第34期）", "2025年7月3日印发",
			"应报 36 个单位，按时报送 34，迟报 1，未报送 1，被退回 0"} {
			if !strings.Contains(stdout.String(), want) {
				t.Errorf("output lacks %q:\n%s", want, stdout.String())
			}
		}
		out := strings.Split(strings.TrimSpace(stdout.String()), "\n")
		if last := out[len(out)-1]; !strings.HasPrefix(last, "字体：正文 ") || !strings.Contains(last, "一级标题 文泉驿微米黑（黑体）") {
			t.Errorf("the last line does not name the faces: %s", last)
		}
		lines := strings.Split(strings.TrimSpace(warn.String()), "\n")
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "警告：") || !strings.Contains(lines[0], "U+20BB7") || !strings.Contains(lines[0], "U+A000") {
			t.Errorf("want one warning line naming both characters, got:\n%s", warn.String())
		}
	}
	if !bytes.Equal(outs[0], outs[1]) || !bytes.Equal(outs[0], outs[2]) {
		t.Errorf("the same workspace and period gave different files: %d, %d, %d bytes", len(outs[0]), len(outs[1]), len(outs[2]))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d files in the output folder, want the two briefings and no temporary file", len(entries))
	}
	bin := clients.Tool(t, "pdftotext", "poppler-utils")
	text, err := exec.Command(bin, "-raw", "-enc", "UTF-8", filepath.Join(dir, "a.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), "")
	for _, want := range []string{"未报送的单位（1个）：区经济信息委。", "迟报的单位（1个）：区发展改革委（迟报2天2小时）。",
		"组织“□祥如意”文化消费品企业参加展销会，彝绣企业“□”字号产品订单增加。"} {
		if !strings.Contains(flat, want) {
			t.Errorf("briefing lacks %q", want)
		}
	}
}

// TestRunBriefOptions checks the chosen issue number and date, and a period with an empty
// workspace.
func TestRunBriefOptions(t *testing.T) {
	fonts := briefFonts(t)
	t.Setenv("GYQC_FONT", "")
	plan := planfile.Default()
	path := filepath.Join(t.TempDir(), "b.pdf")
	var stdout bytes.Buffer
	opts := briefOptions{Workspace: emptyWorkspace(t), Period: gyqc.MustPeriod("2022-09"), Out: path,
		IssueNo: 6, Date: time.Date(2022, 10, 9, 0, 0, 0, 0, plan.Location()), SystemFonts: fonts}
	if err := runBrief(context.Background(), plan, opts, &stdout); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"（第6期）", "2022年10月9日印发", "还没有收取任何报送文件", "未报送 36"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
}

// TestRunBriefWithoutFont fails with the engine's message, saying what to install, and
// leaves no file.
func TestRunBriefWithoutFont(t *testing.T) {
	t.Setenv("GYQC_FONT", "")
	plan := planfile.Default()
	path := filepath.Join(t.TempDir(), "b.pdf")
	err := runBrief(context.Background(), plan, briefOptions{Workspace: emptyWorkspace(t), Period: gyqc.MustPeriod("2025-06"),
		Out: path, SystemFonts: []string{}}, &bytes.Buffer{})
	if err == nil || gyqc.ErrorCode(err) != gyqc.EInvalid || !strings.Contains(gyqc.ErrorMessage(err), "没有找到可用的中文字体") ||
		!strings.Contains(gyqc.ErrorMessage(err), "--font") {
		t.Errorf("got %v, want the no-font message", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a file was written")
	}
	// A file that is not a font, named by the environment variable.
	t.Setenv("GYQC_FONT", filepath.Join("testdata", "fill.py"))
	err = runBrief(context.Background(), plan, briefOptions{Workspace: emptyWorkspace(t), Period: gyqc.MustPeriod("2025-06"), Out: path}, &bytes.Buffer{})
	if err == nil || !strings.Contains(gyqc.ErrorMessage(err), "不是 TrueType 字体文件") {
		t.Errorf("got %v, want the not-a-font message", err)
	}
}

// TestBriefUsageErrors checks the command line's mistakes: exit code 2 and a Chinese message
// with an example.
func TestBriefUsageErrors(t *testing.T) {
	ws := t.TempDir()
	tests := []struct {
		Name string
		Args []string
		Want string
	}{
		{"no period", []string{"brief", "--out", "x.pdf"}, "--period 2025-06"},
		{"not a pdf", []string{"brief", "--period", "2025-06", "--out", "x.xlsx"}, "应以 .pdf 结尾"},
		{"bad date", []string{"brief", "--period", "2025-06", "--date", "7月5日"}, "--date 2025-07-05"},
		{"bad as-of", []string{"brief", "--period", "2025-06", "--as-of", "昨天"}, "--as-of"},
		{"negative issue", []string{"brief", "--period", "2025-06", "--issue-no", "-3"}, "--issue-no 6"},
		{"an argument", []string{"brief", "--period", "2025-06", "多余"}, "不接受参数"},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			code, _, stderr := runCLI(t, append([]string{"-w", ws}, tt.Args...)...)
			if code != exitUsage || !strings.Contains(stderr, tt.Want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitUsage, tt.Want)
			}
		})
	}
	if code, _, stderr := runCLI(t, "-w", ws, "brief", "--period", "2031-01"); code != exitInvalid || !strings.Contains(stderr, "不在方案的报送期范围内") {
		t.Errorf("period outside the plan: exit %d, %q", code, stderr)
	}
}

// TestBriefDefaultsToNow runs brief and consolidate without --as-of hours before the
// deadline (jxw has sent nothing, fgw's file comes after the deadline): both judge as of the clock, so units that have not sent yet are 尚未报送 (not
// 未报送), and the briefing's subtitle says as of when and that the deadline has not come.
// After the deadline the same commands count them as 未报送.
func TestBriefDefaultsToNow(t *testing.T) {
	fonts := briefFonts(t)
	t.Setenv("GYQC_FONT", fonts[1])
	plan := planfile.Default()
	ws := briefWorkspace(t, plan)
	june := gyqc.MustPeriod("2025-06")
	defer func(c func() time.Time) { clock = c }(clock)
	pdf := filepath.Join(t.TempDir(), "简报.pdf")
	for _, tc := range []struct {
		name      string
		now       time.Time
		says      []string
		subtitle  string
		notInPDF  string
		consoSays string
	}{
		{"before the deadline", plan.Due(june).Add(-11*time.Hour - 30*time.Minute),
			[]string{"按时报送 34，迟报 0，未报送 0，被退回 0，尚未报送 2（截止时间未到）", "统计时间 2025-06-30 12:30 尚未到截止时间"},
			"（截至2025年6月30日12时30分，报送截止时间未到）", "（截至2025年6月30日）",
			"按时报送 34，迟报 0，未报送 0，被退回 0，尚未报送 2（截止时间未到）"},
		{"after the deadline", plan.Due(june).Add(72 * time.Hour),
			[]string{"按时报送 34，迟报 1，未报送 1，被退回 0。"},
			"（截至2025年6月30日）", "报送截止时间未到", "未报送 1，被退回 0。"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock = func() time.Time { return tc.now }
			code, out, stderr := runCLI(t, "-w", ws, "brief", "--period", "2025-06", "--out", pdf)
			if code != exitOK {
				t.Fatalf("brief: exit %d: %s", code, stderr)
			}
			for _, want := range tc.says {
				if !strings.Contains(out, want) {
					t.Errorf("brief's output lacks %q:\n%s", want, out)
				}
			}
			text := pdfText(t, mustRead(t, pdf))
			if !strings.Contains(text, tc.subtitle) || strings.Contains(text, tc.notInPDF) {
				t.Errorf("the briefing wants %q and not %q:\n%.600s", tc.subtitle, tc.notInPDF, text)
			}
			code, out, stderr = runCLI(t, "-w", ws, "consolidate", "--period", "2025-06", "--out", filepath.Join(t.TempDir(), "汇总.xlsx"))
			if code != exitOK || !strings.Contains(out, tc.consoSays) {
				t.Errorf("consolidate: exit %d, want %q:\n%s%s", code, tc.consoSays, out, stderr)
			}
		})
	}
}
