package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

// TestIssueUsageErrors: wrong periods and units get a clear Chinese message with an example
// and the documented exit code; nothing is written.
func TestIssueUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		Name     string
		Args     []string
		Code     int
		Contains []string
	}{
		{Name: "month 13", Args: []string{"--period", "2025-13"}, Code: exitInvalid, Contains: []string{"01 到 12", "例如 2025-06"}},
		{Name: "short form", Args: []string{"--period", "25-6"}, Code: exitInvalid, Contains: []string{"格式不正确", "例如 2025-06"}},
		{Name: "after the horizon", Args: []string{"--period", "2026-01"}, Code: exitInvalid, Contains: []string{"不在方案的报送期范围内", "2022-09 至 2025-12"}},
		{Name: "no period", Args: nil, Code: exitUsage, Contains: []string{"--period 2025-06"}},
		{Name: "unknown unit", Args: []string{"--period", "2025-06", "--unit", "nosuch"}, Code: exitInvalid,
			Contains: []string{"没有单位“nosuch”", "可用的单位代码", "jxw（区经济信息委）", "例如 --unit jxw"}},
		{Name: "unit without tasks", Args: []string{"--period", "2025-06", "--unit", "khb"}, Code: exitInvalid,
			Contains: []string{"区委考核办（khb）不承担任务"}},
		{Name: "stray argument", Args: []string{"--period", "2025-06", "extra"}, Code: exitUsage, Contains: []string{"不接受参数“extra”"}},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			code, _, stderr := runCLI(t, append([]string{"issue", "--out", dir}, tc.Args...)...)
			if code != tc.Code {
				t.Errorf("exit %d, want %d: %s", code, tc.Code, stderr)
			}
			for _, s := range tc.Contains {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr %q lacks %q", stderr, s)
				}
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("output folder created on a usage error")
			}
		})
	}
	code, _, stderr := runCLI(t, "issue", "--period", "2025-06")
	if code != exitUsage || !strings.Contains(stderr, "--out") {
		t.Errorf("without --out: exit %d %q", code, stderr)
	}
}

// fakeHistory returns a fixed earlier report per unit, or an error.
type fakeHistory struct {
	last map[string]*gyqc.Submission
	err  error
}

func (h fakeHistory) LastAccepted(_ context.Context, unit string, before gyqc.Period) (*gyqc.Submission, error) {
	if s := h.last[unit]; s != nil && s.Period.Before(before) {
		return s, h.err
	}
	return nil, h.err
}

func (h fakeHistory) Submissions(context.Context, gyqc.Period, gyqc.Period) ([]gyqc.Submission, error) {
	return nil, h.err
}

// readManifest reads the JSON manifest of period in dir.
func readManifest(t *testing.T, dir, period string) templates.Manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, period+"_manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m templates.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func fileHash(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// TestRunIssue issues every template of a period: one file per responsible unit, manifests
// whose hashes match the files, prefill where the history has an earlier report, no
// temporary files left, and the same bytes on a second run with the same clock.
func TestRunIssue(t *testing.T) {
	plan := planfile.Default()
	dir := t.TempDir()
	v := 42.5
	hist := fakeHistory{last: map[string]*gyqc.Submission{
		"jxw": {Unit: "jxw", Period: gyqc.MustPeriod("2025-05"), Values: []gyqc.IndicatorValue{{Key: "output-value", Value: &v}},
			Tasks: []gyqc.TaskReport{{Task: 1, Status: gyqc.StatusOnTrack, NextPlan: "完成链长制方案"}}},
	}}
	clock := func() time.Time { return time.Date(2025, 6, 25, 10, 0, 0, 0, plan.Location()) }
	opts := issueOptions{Key: []byte("gyqc issue test key, 32 bytes..."), Period: gyqc.MustPeriod("2025-06"), Out: dir, History: hist, Now: clock}
	var out bytes.Buffer
	if err := runIssue(context.Background(), plan, opts, &out); err != nil {
		t.Fatal(err)
	}
	units := plan.ResponsibleUnits()
	for _, s := range []string{"已生成 2025年6月 填报模板 36 份", "2025年7月1日前", "2025-06_jxw_区经济信息委.xlsx", "其中 1 份已按本单位上期"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("output lacks %q:\n%s", s, out.String())
		}
	}
	m := readManifest(t, dir, "2025-06")
	if len(m.Files) != len(units) || m.PlanID != plan.ID || m.DueLabel != "2025年7月1日前" || m.Layout != templates.LayoutVersion {
		t.Fatalf("manifest: %d files, %+v", len(m.Files), m)
	}
	for i, in := range m.Files {
		if in.Unit != units[i].Code || in.FileName != templates.FileName(opts.Period, units[i]) {
			t.Errorf("entry %d: %s %s", i, in.Unit, in.FileName)
		}
		if got := fileHash(t, filepath.Join(dir, in.FileName)); got != in.SHA256 {
			t.Errorf("%s: manifest hash %s, file %s", in.FileName, in.SHA256, got)
		}
		if in.Prefilled != (in.Unit == "jxw") || !in.Issued.Equal(clock()) {
			t.Errorf("%s: prefilled %v issued %v", in.Unit, in.Prefilled, in.Issued)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(units)+2 {
		t.Errorf("%d entries in the folder, want %d templates and 2 manifests", len(entries), len(units))
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}

	// The CSV manifest: BOM, header, one line per file, same hashes.
	raw, err := os.ReadFile(filepath.Join(dir, "2025-06_manifest.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
		t.Error("CSV manifest has no byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(units)+1 || recs[0][0] != "单位代码" || recs[1][3] != m.Files[0].SHA256 || recs[1][4] != "2025年7月1日前" {
		t.Errorf("CSV manifest: %d records, first %v %v", len(recs), recs[0], recs[1])
	}

	// Same clock, same bytes.
	before := fileHash(t, filepath.Join(dir, m.Files[0].FileName))
	if err := runIssue(context.Background(), plan, opts, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if after := fileHash(t, filepath.Join(dir, m.Files[0].FileName)); after != before {
		t.Error("a second run with the same clock wrote different bytes")
	}
}

// TestRunIssueSubset issues to two units named by code and by name, after a full run: only
// their files are rewritten, and the manifest still lists every unit.
func TestRunIssueSubset(t *testing.T) {
	plan := planfile.Default()
	dir := t.TempDir()
	period := gyqc.MustPeriod("2025-06")
	first := func() time.Time { return time.Date(2025, 6, 25, 10, 0, 0, 0, plan.Location()) }
	ws := t.TempDir()
	if err := issueIn(context.Background(), ws, plan, issueOptions{Period: period, Out: dir, Now: first}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	full := readManifest(t, dir, "2025-06")
	later := func() time.Time { return first().Add(time.Hour) }
	var out bytes.Buffer
	opts := issueOptions{Period: period, Out: dir, Now: later, Units: []string{"区财政局", "jxw", "jxw"}}
	if err := issueIn(context.Background(), ws, plan, opts, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "填报模板 2 份") {
		t.Errorf("output: %s", out.String())
	}
	m := readManifest(t, dir, "2025-06")
	if len(m.Files) != len(full.Files) {
		t.Fatalf("manifest lists %d files after a partial run, want %d", len(m.Files), len(full.Files))
	}
	for i, in := range m.Files {
		reissued := in.Unit == "jxw" || in.Unit == "czj"
		if in.Unit != full.Files[i].Unit || (in.SHA256 != full.Files[i].SHA256) != reissued {
			t.Errorf("%s: reissued %v, hash %s before %s", in.Unit, reissued, in.SHA256, full.Files[i].SHA256)
		}
		if got := fileHash(t, filepath.Join(dir, in.FileName)); got != in.SHA256 {
			t.Errorf("%s: manifest hash does not match the file", in.FileName)
		}
	}
}

// TestRunIssueFailures: a history error and an interrupt stop the run with an error, and a
// period outside the horizon is refused before anything is written.
func TestRunIssueFailures(t *testing.T) {
	plan := planfile.Default()
	boom := errors.New("database is gone")
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		Name string
		Ctx  context.Context
		Opts issueOptions
		Is   error
		Code string
	}{
		{Name: "history fails", Ctx: context.Background(), Opts: issueOptions{Period: gyqc.MustPeriod("2025-06"), History: fakeHistory{err: boom}}, Is: boom},
		{Name: "interrupted", Ctx: canceled, Opts: issueOptions{Period: gyqc.MustPeriod("2025-06")}, Is: context.Canceled},
		{Name: "period outside the horizon", Ctx: context.Background(), Opts: issueOptions{Period: gyqc.MustPeriod("2030-01")}, Code: gyqc.EInvalid},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			tc.Opts.Out = dir
			err := issueIn(tc.Ctx, filepath.Join(t.TempDir(), "ws"), plan, tc.Opts, &bytes.Buffer{})
			if err == nil || (tc.Is != nil && !errors.Is(err, tc.Is)) || (tc.Code != "" && gyqc.ErrorCode(err) != tc.Code) {
				t.Fatalf("got %v", err)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), "_manifest.json") {
					t.Errorf("manifest written by a failed run")
				}
			}
		})
	}
}

// syntheticPlan returns the default plan with n towns in 各乡镇街道 instead of the twelve
// example members: a registry of the size of a large district's.
func syntheticPlan(tb testing.TB, n int) *gyqc.Plan {
	tb.Helper()
	units := string(planfile.DefaultUnitsFile)
	members := "members: [cdjd, cnjd, cxjd, zyjd, zbjd, fjjd, zsz, shz, hxz, apjz, mlz, xnhz]"
	if !strings.Contains(units, members) {
		tb.Fatal("units file changed: update syntheticPlan")
	}
	var add, codes strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&add, "  - {code: town%04d, name: 第%04d号乡镇, example: true}\n", i, i)
		if i > 1 {
			codes.WriteString(", ")
		}
		fmt.Fprintf(&codes, "town%04d", i)
	}
	units = strings.Replace(units, members, "members: ["+codes.String()+"]", 1)
	units = strings.Replace(units, "\ngroups:", add.String()+"\ngroups:", 1)
	plan, probs := planfile.Load("plan.yaml", planfile.DefaultPlanFile, "units.yaml", []byte(units))
	if plan == nil {
		tb.Fatal(probs.Errors())
	}
	return plan
}

// BenchmarkIssue1000 issues the templates of a registry with 1,000 towns (1,036 responsible
// units) into a folder, as `gyqc issue` does: concurrent writes, each file atomic and
// fsynced, then the manifests. One op is the whole run.
func BenchmarkIssue1000(b *testing.B) {
	plan := syntheticPlan(b, 1000)
	n := len(plan.ResponsibleUnits())
	if n != 1024 {
		b.Logf("%d responsible units", n)
	}
	clock := func() time.Time { return time.Date(2025, 6, 25, 10, 0, 0, 0, plan.Location()) }
	b.ReportAllocs()
	ws := b.TempDir()
	for b.Loop() {
		dir := b.TempDir()
		if err := issueIn(context.Background(), ws, plan, issueOptions{Period: gyqc.MustPeriod("2025-06"), Out: dir, Now: clock}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "templates/op")
}
