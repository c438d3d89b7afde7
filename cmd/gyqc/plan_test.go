package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

// runCLI runs the whole command line as main does and returns exit code, stdout, stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	if !slices.Contains(args, "--workspace") && !slices.Contains(args, "-w") {
		// A fresh workspace, so that no test writes into the source tree or sees another's.
		args = append([]string{"--workspace", filepath.Join(t.TempDir(), "ws")}, args...)
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"gyqc"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestPlanJSON(t *testing.T) {
	code, out, errs := runCLI(t, "plan", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Projects []struct {
			No    int    `json:"no"`
			Name  string `json:"name"`
			Tasks []int  `json:"tasks"`
		} `json:"projects"`
		Tasks []struct {
			No      int      `json:"no"`
			Title   string   `json:"title"`
			Project int      `json:"project"`
			Lead    []string `json:"lead"`
			Support []string `json:"support"`
		} `json:"tasks"`
		Indicators []struct {
			Name    string   `json:"name"`
			Measure string   `json:"measure"`
			Target  *float64 `json:"target"`
			Kind    string   `json:"kind"`
			Task    int      `json:"task"`
			Unit    string   `json:"unit"`
		} `json:"indicators"`
		Units []struct {
			Code    string   `json:"code"`
			Name    string   `json:"name"`
			Aliases []string `json:"aliases"`
			Groups  []string `json:"groups"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Projects) != 8 || len(v.Tasks) != 24 || len(v.Indicators) != 33 || len(v.Units) != 39 {
		t.Fatalf("got %d projects, %d tasks, %d indicators, %d units", len(v.Projects), len(v.Tasks), len(v.Indicators), len(v.Units))
	}
	if p := v.Projects[5]; p.No != 6 || p.Name != "制造提能工程" || len(p.Tasks) != 3 || p.Tasks[0] != 16 {
		t.Errorf("project 6: %+v", p)
	}
	if tk := v.Tasks[14]; tk.No != 15 || tk.Project != 5 || tk.Support[0] != "区规划自然资源局" {
		t.Errorf("task 15 (alias must be canonical): %+v", tk)
	}
	if tk := v.Tasks[0]; tk.Lead[0] != "各产业链牵头部门" {
		t.Errorf("task 1 keeps its group as written: %+v", tk)
	}
	if ind := v.Indicators[0]; ind.Name != "规模以上工业企业数量" || *ind.Target != 100 || ind.Kind != "level" || ind.Unit != "区经济信息委" {
		t.Errorf("indicator 1: %+v", ind)
	}
	for _, u := range v.Units {
		if u.Aliases == nil || u.Groups == nil {
			t.Errorf("unit %s: aliases and groups must be arrays, not null", u.Code)
		}
	}
}

func TestUnitsJSON(t *testing.T) {
	code, out, errs := runCLI(t, "units", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Units []struct {
			Code    string            `json:"code"`
			Lead    []gyqc.Assignment `json:"lead"`
			Support []gyqc.Assignment `json:"support"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Units) != 36 {
		t.Fatalf("got %d responsible units, want 36", len(v.Units))
	}
	for _, u := range v.Units {
		if u.Code == "dsjj" {
			if len(u.Lead) != 4 || u.Lead[0].Task != 3 || u.Lead[3].Task != 18 {
				t.Errorf("区大数据发展局 leads %+v, want 16, 17, 18 (and 3)", u.Lead)
			}
		}
	}
}

// TestUnitsAccountable: `gyqc units` names the indicators each unit answers for (bears the
// deductions of), also those another unit reports: 区发展改革委 answers for 新能源产业产值.
func TestUnitsAccountable(t *testing.T) {
	code, out, errs := runCLI(t, "units")
	if code != 0 || !strings.Contains(out, "负责指标（承担扣分）：") || !strings.Contains(out, "新能源产业产值") {
		t.Fatalf("exit %d, no 负责指标 naming 新能源产业产值:\n%s%s", code, out, errs)
	}
	_, out, _ = runCLI(t, "units", "--json")
	var v struct {
		Units []struct {
			Code        string   `json:"code"`
			Accountable []string `json:"accountable"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	for _, u := range v.Units {
		if u.Code == "fgw" && !slices.Contains(u.Accountable, "output-new-energy") {
			t.Errorf("区发展改革委 accountable for %v, want output-new-energy among them", u.Accountable)
		}
		if u.Accountable == nil {
			t.Errorf("%s: accountable is null, want a list", u.Code)
		}
	}
}

func TestPlanCheck(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(good, planfile.DefaultPlanFile, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "plan", "check", good)
	if code != 0 || !strings.Contains(out, "检查通过") {
		t.Fatalf("good plan: exit %d\n%s%s", code, out, errs)
	}
	broken := strings.Replace(string(planfile.DefaultPlanFile), "support: [区科技局]", "support: [区科学技术局]", 1)
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCLI(t, "plan", "check", bad)
	if code != exitInvalid {
		t.Errorf("broken plan: exit %d, want %d", code, exitInvalid)
	}
	if !strings.Contains(out, "bad.yaml 第") || !strings.Contains(out, "区科学技术局") || !strings.Contains(errs, "1 个错误") {
		t.Errorf("broken plan output:\n%s\n%s", out, errs)
	}
	if code, _, errs := runCLI(t, "plan", "check"); code != exitUsage || !strings.Contains(errs, "例如") {
		t.Errorf("no file: exit %d, %s", code, errs)
	}
	if code, _, errs := runCLI(t, "plan", "check", filepath.Join(dir, "none.yaml")); code != exitInvalid || !strings.Contains(errs, "无法读取方案文件") {
		t.Errorf("missing file: exit %d, %s", code, errs)
	}
}

func TestUsageErrorsInChinese(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"plan", "--bogus"}, "没有这个选项"},
		{"stray argument", []string{"plan", "x"}, "plan 不接受参数“x”；检查方案文件请用 gyqc plan check 文件"},
		{"units with an argument", []string{"units", "x"}, "units 不接受参数“x”；例如 gyqc units --json"},
		{"status with an argument", []string{"status", "--period", "2025-06", "x"}, "status 不接受参数“x”；请用选项，例如 gyqc status --period 2025-06"},
		{"remind with an argument", []string{"remind", "--period", "2025-06", "x"}, "remind 不接受参数“x”；请用选项，例如 gyqc remind --period 2025-06 --out 催报"},
		{"consolidate with an argument", []string{"consolidate", "--period", "2025-06", "x"}, "consolidate 不接受参数“x”；请用选项，例如 gyqc consolidate --period 2025-06 --out 汇总表.xlsx"},
		{"lock with an argument", []string{"lock", "--period", "2025-06", "x"}, "lock 不接受参数“x”；请用选项，例如 gyqc lock --period 2025-06 --signed-by 张主任"},
		{"log with an argument", []string{"log", "--period", "2025-06", "x"}, "log 不接受参数“x”；请用选项，例如 gyqc log --period 2025-06"},
		{"review with an argument", []string{"review", "--period", "2025-06", "x"}, "review 不接受参数“x”；请用选项，例如 gyqc review --period 2025-06 --unit jxw --accept"},
		{"samples with an argument", []string{"samples", "--period", "2025-06", "x"}, "samples 不接受参数“x”；请用选项，例如 gyqc samples --period 2025-06 --from 模板 --out 收件箱"},
		{"issue with an argument", []string{"issue", "--period", "2025-06", "x"}, "issue 不接受参数“x”；请用选项，例如 gyqc issue --period 2025-06 --out 模板"},
		{"unlock with an argument", []string{"unlock", "--period", "2025-06", "x"}, "unlock 不接受参数“x”；请用选项，例如 gyqc unlock --period 2025-06 --reason 原因"},
		{"unknown command", []string{"foo"}, "没有“foo”这个命令"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCLI(t, tc.args...)
			if code != exitUsage || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, exitUsage, tc.want)
			}
		})
	}
	code, out, _ := runCLI(t, "--help")
	if code != 0 || !strings.Contains(out, "全局选项") || strings.Contains(out, "default:") {
		t.Errorf("help is not Chinese: %s", out)
	}
}
