package planfile_test

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

// mustReplace replaces the first old in s by new, and panics when old is not there, so that a
// test case can never pass by leaving the file unchanged.
func mustReplace(s, old, new string, n int) string {
	if !strings.Contains(s, old) {
		panic("test setup: " + old + " not found")
	}
	return strings.Replace(s, old, new, n)
}

// lineOf returns the 1-based line of the first occurrence of s in data.
func lineOf(t *testing.T, data, s string) int {
	t.Helper()
	i := strings.Index(data, s)
	if i < 0 {
		t.Fatalf("test setup: %q not in the file", s)
	}
	return strings.Count(data[:i], "\n") + 1
}

func TestLoadPlanProblems(t *testing.T) {
	plan := string(planfile.DefaultPlanFile)
	units := string(planfile.DefaultUnitsFile)
	tests := []loadCase{
		{
			name: "unknown unit in a task", file: "plan", rule: "unknown-unit",
			plan: mustReplace(plan, "support: [区科技局]", "support: [区科学技术局]", 1),
			line: "support: [区科学技术局]", msg: "区科学技术局",
		},
		{
			name: "task without a lead", file: "plan", rule: "missing-lead",
			plan: mustReplace(plan, "lead: [区招商投资局, 正阳工业园区管委会]\n        support_label: 配合单位\n        support: [区财政局", "lead: []\n        support_label: 配合单位\n        support: [区财政局", 1),
			line: "no: 5\n", msg: "没有牵头单位",
		},
		{
			name: "duplicate task number", file: "plan", rule: "duplicate-task",
			plan: mustReplace(plan, "- no: 6\n", "- no: 5\n", 1),
			line: "- no: 5\n        title: \"组建招商队伍\"", msg: "任务编号 5 重复",
		},
		{
			name: "indicator with no reporting unit", file: "plan", rule: "missing-unit",
			plan: mustReplace(plan, "    unit: 区金融办\n    sources:\n      - 上市企业", "    sources:\n      - 上市企业", 1),
			line: "- key: listed-companies", msg: "没有报送单位",
		},
		{
			name: "indicator reported by a group", file: "plan", rule: "unknown-unit",
			plan: mustReplace(plan, "unit: 区大数据发展局\n    sources:\n      - 全区", "unit: 各乡镇街道\n    sources:\n      - 全区", 1),
			line: "unit: 各乡镇街道", msg: "不在单位名册中",
		},
		{
			name: "unknown indicator kind", file: "plan", rule: "bad-kind",
			plan: mustReplace(plan, "kind: rank\n    target: 15", "kind: position\n    target: 15", 1),
			line: "- key: index-rank-city", msg: "类型",
		},
		{
			name: "misspelt field", file: "plan", rule: "unknown-field",
			plan: mustReplace(plan, "    measure: 亿元\n    kind: flow\n    target: 400", "    measrue: 亿元\n    kind: flow\n    target: 400", 1),
			line: "measrue: 亿元", msg: "无法识别的字段",
		},
		{
			name: "bad period", file: "plan", rule: "bad-period",
			plan: mustReplace(plan, `last_period: "2025-12"`, `last_period: "2025-13"`, 1),
			line: `last_period: "2025-13"`, msg: "last_period",
		},
		{
			name: "broken YAML", file: "plan", rule: "yaml-syntax",
			plan: mustReplace(plan, "title: 黔江区", "title: [黔江区", 1),
			line: "", msg: "文件格式有误",
		},
		{
			name: "group without members leading a task", file: "units", rule: "empty-group",
			units: mustReplace(units, "members: [jxw, zyyq, sww, wsjkw, fgw]", "members: []", 1),
			line:  "- name: 各产业链牵头部门", msg: "任务 1 因此没有牵头单位",
		},
		{
			name: "group member unknown", file: "units", rule: "unknown-member",
			units: mustReplace(units, "members: [scjgj, sthjj, nyncw, kjj]", "members: [scjgj, sthjj, nyncw, kjjj]", 1),
			line:  "members: [scjgj, sthjj, nyncw, kjjj]", msg: "kjjj",
		},
		{
			name: "duplicate unit code", file: "units", rule: "duplicate-code",
			units: mustReplace(units, "{code: swj,", "{code: czj,", 1),
			line:  "{code: czj,    name: 区税务局", msg: "czj",
		},
		{
			name: "groups including each other", file: "units", rule: "group-cycle",
			units: mustReplace(mustReplace(units, "members: [scjgj, sthjj, nyncw, kjj]", "members: [scjgj, 区级相关部门]", 1),
				"members: [fgw, jxw, czj, ghzyj, sthjj, scjgj, sww, rlsbj]", "members: [fgw, 各产业链配合部门]", 1),
			line: "- name: 各产业链配合部门", msg: "各产业链配合部门 → 区级相关部门 → 各产业链配合部门",
		},
		{
			name: "bad e-mail", file: "units", rule: "bad-email",
			units: mustReplace(units, "{code: czj,    name: 区财政局}", "{code: czj,    name: 区财政局, email: czj@}", 1),
			line:  "{code: czj,    name: 区财政局, email: czj@}", msg: "邮箱格式不正确",
		},
		{
			name: "non-ASCII unit code", file: "units", rule: "bad-code",
			units: mustReplace(units, "{code: jw,", "{code: 教委,", 1),
			line:  "{code: 教委,", msg: "代码不合规",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkLoadProblem(t, tc, plan, units) })
	}
}

// loadCase is one case of TestLoadPlanProblems: the plan or units file changed, and the
// problem that must be found.
type loadCase struct {
	name        string
	plan, units string
	file        string // the file the problem is in: "plan" or "units"
	rule        gyqc.Rule
	line        string // text whose line the problem must point at
	msg         string
}

// checkLoadProblem loads the case's files (plan and units where it changes neither) and holds
// the loader to refuse them with the case's problem at its file and line.
func checkLoadProblem(t *testing.T, tc loadCase, plan, units string) {
	t.Helper()
	p, u := plan, units
	if tc.plan != "" {
		p = tc.plan
	}
	if tc.units != "" {
		u = tc.units
	}
	got, probs := planfile.Load("plan.yaml", []byte(p), "units.yaml", []byte(u))
	if got != nil {
		t.Fatalf("plan loaded despite the error; problems: %v", probs)
	}
	wantFile, data := "plan.yaml", p
	if tc.file == "units" {
		wantFile, data = "units.yaml", u
	}
	for _, pr := range probs.Errors() {
		if pr.Rule != tc.rule {
			continue
		}
		if pr.File != wantFile {
			t.Errorf("problem in %s, want %s", pr.File, wantFile)
		}
		if tc.line != "" {
			if want := lineOf(t, data, tc.line); pr.Line != want {
				t.Errorf("problem at line %d, want %d: %v", pr.Line, want, pr)
			}
		} else if pr.Line == 0 {
			t.Errorf("problem has no line: %v", pr)
		}
		if !strings.Contains(pr.String(), tc.msg) {
			t.Errorf("message %q does not mention %q", pr.String(), tc.msg)
		}
		return
	}
	t.Errorf("no %s problem; got:\n%v", tc.rule, probs)
}

func TestLoadPlanCollectsEveryProblem(t *testing.T) {
	plan := string(planfile.DefaultPlanFile)
	plan = mustReplace(plan, "support: [区科技局]", "support: [区科学技术局]", 1)
	plan = mustReplace(plan, "- no: 6\n", "- no: 5\n", 1)
	plan = mustReplace(plan, "kind: rank\n    target: 15", "kind: position\n    target: 15", 1)
	_, probs := planfile.Load("plan.yaml", []byte(plan), "units.yaml", planfile.DefaultUnitsFile)
	rules := map[gyqc.Rule]bool{}
	for _, p := range probs.Errors() {
		rules[p.Rule] = true
	}
	for _, r := range []gyqc.Rule{"unknown-unit", "duplicate-task", "bad-kind"} {
		if !rules[r] {
			t.Errorf("missing %s among %v", r, probs)
		}
	}
}

func TestDefaultPlanWarnsAboutExampleGroups(t *testing.T) {
	_, probs := planfile.Load("plan.yaml", planfile.DefaultPlanFile, "units.yaml", planfile.DefaultUnitsFile)
	if len(probs.Errors()) != 0 {
		t.Fatalf("embedded plan has errors: %v", probs)
	}
	n := 0
	for _, p := range probs {
		if p.Rule == "example-group" {
			n++
		}
	}
	if n != 5 {
		t.Errorf("got %d example-group warnings, want 5 (one per group)", n)
	}
}

// loadPlan loads a modified copy of the embedded plan file.
func loadPlan(tb testing.TB, planYAML string) *gyqc.Plan {
	tb.Helper()
	p, probs := planfile.Load("plan.yaml", []byte(planYAML), "units.yaml", planfile.DefaultUnitsFile)
	if p == nil {
		tb.Fatalf("test setup: modified plan does not load:\n%s", probs.Error())
	}
	return p
}

func TestGroupsIncludeGroups(t *testing.T) {
	units := mustReplace(string(planfile.DefaultUnitsFile), "members: [jxw, nyncw, wsjkw, sww]", "members: [kjj, 各产业链配合部门, jxw]", 1)
	p, probs := planfile.Load("plan.yaml", planfile.DefaultPlanFile, "units.yaml", []byte(units))
	if p == nil {
		t.Fatal(probs)
	}
	g := p.Registry.Group("各行业主管部门")
	if got, want := strings.Join(g.Members, ","), "kjj,jxw,scjgj,sthjj,nyncw"; got != want {
		t.Errorf("members %s, want %s (direct members first, each unit once)", got, want)
	}
	if got := strings.Join(g.Includes, ","); got != "各产业链配合部门" {
		t.Errorf("includes %q", got)
	}
}
