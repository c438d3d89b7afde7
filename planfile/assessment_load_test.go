package planfile_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

func TestLoadAssessmentAndLights(t *testing.T) {
	plan := string(planfile.DefaultPlanFile)
	tests := []struct {
		name     string
		plan     string
		severity gyqc.Severity
		rule     gyqc.Rule
		line     string // text whose line the problem must point at
		msg      string
	}{
		{name: "unknown rule", plan: mustReplace(plan, "{rule: refused,", "{rule: refuse,", 1),
			severity: gyqc.SevError, rule: "unknown-rule", line: "{rule: refuse,", msg: "考核规则“refuse”无法识别"},
		{name: "duplicate rule", plan: mustReplace(plan, "{rule: task-not-begun,", "{rule: task-behind,", 1),
			severity: gyqc.SevError, rule: "duplicate-rule", line: "task-behind, points: 2, max: 6}\n    - {rule: indicator-behind", msg: "重复"},
		{name: "rule without points", plan: mustReplace(plan, "{rule: refused, points: 2, max: 6}", "{rule: refused, max: 6}", 1),
			severity: gyqc.SevError, rule: "missing-points", line: "{rule: refused, max: 6}", msg: "缺少扣分"},
		{name: "negative points", plan: mustReplace(plan, "{rule: refused, points: 2,", "{rule: refused, points: -2,", 1),
			severity: gyqc.SevError, rule: "bad-points", line: "{rule: refused, points: -2,", msg: "不能为负数"},
		{name: "negative cap", plan: mustReplace(plan, "{rule: refused, points: 2, max: 6}", "{rule: refused, points: 2, max: -6}", 1),
			severity: gyqc.SevError, rule: "bad-max", line: "max: -6}", msg: "上限"},
		{name: "per day on a rule other than late", plan: mustReplace(plan, "{rule: refused, points: 2,", "{rule: refused, per: day, points: 2,", 1),
			severity: gyqc.SevError, rule: "bad-per", line: "{rule: refused, per: day", msg: "只有迟报规则"},
		{name: "unknown per", plan: mustReplace(plan, "per: day, max: 5", "per: week, max: 5", 1),
			severity: gyqc.SevError, rule: "bad-per", line: "per: week", msg: "per 无法识别"},
		{name: "misspelt rule field", plan: mustReplace(plan, "{rule: refused, points: 2, max: 6}", "{rule: refused, point: 2, max: 6}", 1),
			severity: gyqc.SevError, rule: "unknown-field", line: "point: 2, max: 6}", msg: "无法识别的字段"},
		{name: "full score not positive", plan: mustReplace(plan, "full_score: 100", "full_score: 0", 1),
			severity: gyqc.SevError, rule: "bad-full-score", line: "full_score: 0", msg: "满分"},
		{name: "margin out of range", plan: mustReplace(plan, "margin: 10 ", "margin: 120 ", 1),
			severity: gyqc.SevError, rule: "bad-margin", line: "margin: 120", msg: "lights.margin"},
		{name: "negative rank margin", plan: mustReplace(plan, "rank_margin: 3", "rank_margin: -1", 1),
			severity: gyqc.SevError, rule: "bad-rank-margin", line: "rank_margin: -1", msg: "不能为负数"},
		{name: "one yellow month would always be red", plan: mustReplace(plan, "yellow_periods: 3", "yellow_periods: 1", 1),
			severity: gyqc.SevError, rule: "bad-yellow-periods", line: "yellow_periods: 1", msg: "yellow_periods"},
		{name: "misspelt lights field", plan: mustReplace(plan, "yellow_periods: 3", "yellow_months: 3", 1),
			severity: gyqc.SevError, rule: "unknown-field", line: "yellow_months: 3", msg: "无法识别的字段"},
		{name: "not reporting would pay", plan: mustReplace(plan, "{rule: missing, points: 35}", "{rule: missing, points: 10}", 1),
			severity: gyqc.SevWarning, rule: "missing-too-cheap", line: "{rule: missing, points: 10}", msg: "不报送反而可能得分更高"},
		{name: "no rule for not reporting", plan: mustReplace(plan, "    - {rule: missing, points: 35}\n", "", 1),
			severity: gyqc.SevWarning, rule: "no-missing-rule", line: "  rules:\n    - {rule: late", msg: "不报送的单位不会失分"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, probs := planfile.Load("plan.yaml", []byte(tc.plan), "units.yaml", planfile.DefaultUnitsFile)
			if tc.severity == gyqc.SevError && p != nil {
				t.Errorf("plan loaded despite the error")
			}
			if tc.severity == gyqc.SevWarning && p == nil {
				t.Fatalf("a warning must not stop the plan from loading: %v", probs)
			}
			line := lineOf(t, tc.plan, tc.line)
			for _, pr := range probs {
				if pr.Rule != tc.rule {
					continue
				}
				if pr.Severity != tc.severity || pr.File != "plan.yaml" || pr.Line != line || !strings.Contains(pr.Message, tc.msg) || pr.Fix == "" {
					t.Errorf("got %s %s line %d %q (fix %q); want %s line %d containing %q",
						pr.Severity, pr.File, pr.Line, pr.Message, pr.Fix, tc.severity, line, tc.msg)
				}
				return
			}
			t.Errorf("no %s problem; got:\n%v", tc.rule, probs)
		})
	}
}

func TestAssessmentDefaults(t *testing.T) {
	// The embedded file states the defaults, and loads without a warning about them.
	plan, probs := planfile.Load("plan.yaml", planfile.DefaultPlanFile, "units.yaml", planfile.DefaultUnitsFile)
	if plan == nil {
		t.Fatal(probs)
	}
	for _, pr := range probs {
		if strings.HasPrefix(string(pr.Rule), "missing-") || pr.Rule == "no-missing-rule" {
			t.Errorf("unexpected warning on the embedded rules: %v", pr)
		}
	}
	if !reflect.DeepEqual(plan.Assessment, gyqc.DefaultAssessment()) {
		t.Errorf("embedded assessment %+v differs from DefaultAssessment %+v", plan.Assessment, gyqc.DefaultAssessment())
	}
	if plan.Lights != gyqc.DefaultLights() {
		t.Errorf("embedded lights %+v differ from DefaultLights %+v", plan.Lights, gyqc.DefaultLights())
	}

	// A plan file without the sections takes the defaults.
	s := string(planfile.DefaultPlanFile)
	s = s[:strings.Index(s, "\n# Task lights")] + "\n"
	bare := loadPlan(t, s)
	if !reflect.DeepEqual(bare.Assessment, gyqc.DefaultAssessment()) || bare.Lights != gyqc.DefaultLights() {
		t.Errorf("without the sections: %+v %+v", bare.Assessment, bare.Lights)
	}

	// A lights section with one field keeps the defaults of the others.
	one := loadPlan(t, mustReplace(string(planfile.DefaultPlanFile), "  margin: 10 ", "  margin: 5 ", 1))
	if want := (gyqc.Lights{Margin: 5, RankMargin: 3, YellowPeriods: 3}); one.Lights != want {
		t.Errorf("lights %+v, want %+v", one.Lights, want)
	}
}
