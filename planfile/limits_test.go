package planfile_test

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"
)

// TestLengthLimits: a task title of two million characters (which passed `plan check` and
// then failed `issue` with "内部错误…OddHeader") and over-long names in the units file are
// errors with their line.
func TestLengthLimits(t *testing.T) {
	plan := string(planfile.DefaultPlanFile)
	units := string(planfile.DefaultUnitsFile)
	for _, tc := range []struct {
		Name, Plan, Units, Line, Msg string
		Units0                       bool
	}{
		{Name: "task title", Plan: mustReplace(plan, `title: "组建招商队伍"`, `title: "`+strings.Repeat("组建招商队伍", 333334)+`"`, 1),
			Line: "- no: 6\n", Msg: "任务 6 的名称有2000004个字符，超过上限100个"},
		{Name: "plan title", Plan: mustReplace(plan, "title: 黔江区“工业强城”建设实施方案", "title: "+strings.Repeat("黔江", 51), 1),
			Msg: "方案名称 title有102个字符"},
		{Name: "unit name", Units: mustReplace(units, "name: 城东街道", "name: "+strings.Repeat("城东", 60), 1), Units0: true,
			Line: "code: cdjd", Msg: "单位“cdjd”的名称有120个字符"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			p, u := plan, units
			if tc.Plan != "" {
				p = tc.Plan
			}
			if tc.Units != "" {
				u = tc.Units
			}
			got, probs := planfile.Load("plan.yaml", []byte(p), "units.yaml", []byte(u))
			if got != nil && len(probs.Errors()) == 0 {
				t.Fatal("accepted")
			}
			for _, pr := range probs.Errors() {
				if pr.Rule != "too-long" {
					continue
				}
				if !strings.Contains(pr.Message, tc.Msg) {
					t.Errorf("message %q, want %q", pr.Message, tc.Msg)
				}
				if tc.Line != "" {
					data := p
					if tc.Units0 {
						data = u
					}
					if want := lineOf(t, data, tc.Line); pr.Line != want {
						t.Errorf("line %d, want %d", pr.Line, want)
					}
				}
				if len(pr.Value) > 100 {
					t.Errorf("value of %d bytes in the problem", len(pr.Value))
				}
				return
			}
			t.Errorf("no too-long problem in %v", probs)
		})
	}
}
