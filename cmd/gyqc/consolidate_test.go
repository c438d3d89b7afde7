package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/store"
)

// consolidateWorkspace records returns of fgw (on time) and jxw (refused) for 2025-06 in a
// fresh workspace and returns its folder.
func consolidateWorkspace(t *testing.T, plan *gyqc.Plan) string {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	st, err := store.Open(ctx, dir, store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	june := gyqc.MustPeriod("2025-06")
	for _, s := range []struct {
		unit    string
		outcome gyqc.Outcome
	}{{"fgw", gyqc.OutcomeAccepted}, {"jxw", gyqc.OutcomeRefused}} {
		hash, err := st.Archive(ctx, s.unit+".xlsx", []byte("file of "+s.unit))
		if err != nil {
			t.Fatal(err)
		}
		sub := &gyqc.Submission{Unit: s.unit, Period: june, Received: plan.Due(june).Add(-24 * time.Hour), Hash: hash,
			FileName: s.unit + ".xlsx", Outcome: s.outcome}
		if s.outcome == gyqc.OutcomeAccepted {
			for _, a := range plan.Assignments(s.unit) {
				sub.Tasks = append(sub.Tasks, gyqc.TaskReport{Task: a.Task, Role: a.Role, Status: gyqc.StatusOnTrack, Progress: "=1+1"})
			}
		}
		if _, _, err := st.Record(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRunConsolidate(t *testing.T) {
	plan := planfile.Default()
	ws := consolidateWorkspace(t, plan)
	out := filepath.Join(t.TempDir(), "汇总", "2025-06.xlsx")
	csvDir := filepath.Join(t.TempDir(), "csv")
	now := time.Date(2025, 7, 2, 9, 0, 0, 0, plan.Location())
	opts := consolidateOptions{Workspace: ws, Period: gyqc.MustPeriod("2025-06"), Out: out, CSV: csvDir, Now: now}
	var stdout strings.Builder
	if err := runConsolidate(context.Background(), plan, opts, &stdout); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"已写出汇总表：" + out, "已写出 CSV 文件 8 个", "应报 36 个单位，按时报送 1，迟报 0，未报送 34，被退回 1",
		"任务：绿灯", "指标：33 项"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), " "); got != "总览 任务进展 指标完成 报送情况 单位考核 历史趋势 明细 审核记录" {
		t.Errorf("sheets %s", got)
	}
	f.Close()
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*tmp*"))
	if len(matches) > 0 {
		t.Errorf("temporary files left: %v", matches)
	}
	if _, err := os.Stat(filepath.Join(csvDir, "2025-06_"+consolidate.SheetDetail+".csv")); err != nil {
		t.Error(err)
	}

	// Run again at the same evaluation time: the same bytes.
	if err := runConsolidate(context.Background(), plan, opts, &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(out); !bytes.Equal(again, first) {
		t.Error("a second run at the same evaluation time wrote a different workbook")
	}
}

func TestRunConsolidateEmptyWorkspace(t *testing.T) {
	plan := planfile.Default()
	ws := filepath.Join(t.TempDir(), "ws")
	st, err := store.Open(context.Background(), ws, store.ReadWrite) // as the first gyqc issue leaves it
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	out := filepath.Join(t.TempDir(), "out.xlsx")
	var stdout strings.Builder
	err = runConsolidate(context.Background(), plan, consolidateOptions{Workspace: ws, Period: gyqc.MustPeriod("2025-06"), Out: out}, &stdout)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "还没有收取任何报送文件") || !strings.Contains(stdout.String(), "未报送 36") {
		t.Errorf("output:\n%s", stdout.String())
	}
}

func TestConsolidateCommandLine(t *testing.T) {
	ws := consolidateWorkspace(t, planfile.Default())
	out := filepath.Join(t.TempDir(), "汇总.xlsx")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"writes the workbook", []string{"--period", "2025-06", "--out", out, "--as-of", "2025-07-02 09:00"}, exitOK, "已写出汇总表：" + out, ""},
		{"the default file in the workspace", []string{"--period", "2025-06", "--as-of", "2025-07-02"}, exitOK, filepath.Join(ws, "consolidated", "2025-06_月度汇总.xlsx"), ""},
		{"no period", []string{"--out", out}, exitUsage, "", "--period 2025-06"},
		{"period outside the plan", []string{"--period", "2026-01", "--out", out}, exitInvalid, "", "不在方案的报送期范围内"},
		{"not an xlsx", []string{"--period", "2025-06", "--out", "汇总.xls"}, exitUsage, "", "应以 .xlsx 结尾"},
		{"bad evaluation time", []string{"--period", "2025-06", "--as-of", "7月2日"}, exitUsage, "", "--as-of \"2025-07-02 09:00\""},
		{"an argument", []string{"--period", "2025-06", "extra"}, exitUsage, "", "不接受参数"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			args := append([]string{"gyqc", "--workspace", ws, "consolidate"}, tc.args...)
			code := run(context.Background(), args, &stdout, &stderr)
			if code != tc.code || !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tc.code, stdout.String(), stderr.String())
			}
		})
	}
}

// consolidate --json prints the whole evaluation and writes no workbook unless --out is given.
func TestRunConsolidateJSON(t *testing.T) {
	plan := planfile.Default()
	ws := consolidateWorkspace(t, plan)
	var buf bytes.Buffer
	now := time.Date(2025, 7, 2, 9, 0, 0, 0, plan.Location())
	if err := runConsolidate(context.Background(), plan, consolidateOptions{Workspace: ws, Period: gyqc.MustPeriod("2025-06"), Now: now, JSON: true}, &buf); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(ws, "consolidated")); !os.IsNotExist(err) {
		t.Errorf("--json alone wrote a workbook: %v", err)
	}
	var got struct {
		Indicators []struct {
			Key, State, Reason string
			Covers             string
			Accountable        []string
			ReportedBy         string `json:"reported_by"`
		}
		Tasks []struct {
			No      int
			Light   string
			Reasons []string
		}
		Units []struct {
			Code       string
			Score      float64
			Deductions []struct {
				Points float64
				Reason string
			}
			Flags []any
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	if len(got.Indicators) != 33 || len(got.Tasks) != 24 || len(got.Units) != 36 {
		t.Fatalf("%d indicators, %d tasks, %d units", len(got.Indicators), len(got.Tasks), len(got.Units))
	}
	for _, ie := range got.Indicators {
		if ie.Key == "output-value" && (ie.Covers != "2025-05" || ie.ReportedBy != "jxw" || len(ie.Accountable) == 0) {
			t.Errorf("output-value: %+v", ie)
		}
	}
	for _, u := range got.Units {
		if u.Flags == nil || u.Deductions == nil {
			t.Errorf("%s: lists must be [] not null", u.Code)
		}
		for _, d := range u.Deductions {
			if d.Points < 0 || strings.Contains(d.Reason, ".xlsx") || strings.Contains(d.Reason, "单元格") {
				t.Errorf("%s: deduction %+v is not in words or not positive", u.Code, d)
			}
		}
	}
	if !strings.Contains(buf.String(), `"missing"`) {
		t.Errorf("jxw was refused and nothing else accepted: state missing or refused expected")
	}
}
