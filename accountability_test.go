package gyqc_test

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
	"github.com/qianjiang/gyqc/planfile"
)

// Indicator deductions land on the units accountable for the indicator, not on the unit that
// supplies the figure; a soft target (力争) costs half.
func TestDeductionsLandOnAccountableUnits(t *testing.T) {
	// 5G scenarios (力争) from 0 at the end of 2021: 3×42/48 = 2.6 → 2 expected at 2025-06.
	w := fixture.New(t, fixture.LoadPlan(t, withIndicator(t, string(planfile.DefaultPlanFile), "5g-scenarios", "    baseline: 0\n    baseline_period: \"2021-12\"\n")))
	p := per("2025-07")
	w.Fill(p, p)
	w.SetValue("output-new-energy", p, num(5)) // 1—6月 5 of 15: far behind
	w.SetValue("5g-scenarios", p, num(0))
	ev := w.Evaluate(p)
	ie := ev.Indicator("output-new-energy")
	if ie.Status != gyqc.IndicatorFarBehind {
		t.Fatalf("setup: %s", ie.Reason)
	}
	deducted := func(code, key string) float64 {
		var sum float64
		for _, d := range ev.Unit(code).Score.Deductions {
			if d.Indicator == key && d.Penalty != gyqc.PenaltyIndicatorEmpty {
				sum += d.Points
			}
		}
		return sum
	}
	if got := deducted("fgw", "output-new-energy"); got != 2 {
		t.Errorf("区发展改革委 (the chain's lead department) lost %v for output-new-energy, want 2", got)
	}
	if got := deducted("jxw", "output-new-energy"); got != 0 {
		t.Errorf("区经济信息委 (supplies the figure only) lost %v for output-new-energy, want 0", got)
	}
	for _, d := range ev.Unit("fgw").Score.Deductions {
		if d.Indicator == "output-new-energy" && !strings.Contains(d.Reason, "指标“新能源产业产值”2025年1—6月累计5亿元，低于序时进度15亿元（2025年目标30亿元×6/12）") {
			t.Errorf("reason %q is not in words", d.Reason)
		}
	}
	g := ev.Indicator("5g-scenarios")
	if !g.Status.Lagging() {
		t.Fatalf("setup: 5g %s", g.Reason)
	}
	for _, code := range g.Accountable {
		for _, d := range ev.Unit(code).Score.Deductions {
			if d.Indicator == "5g-scenarios" && !strings.Contains(d.Reason, "力争目标") {
				t.Errorf("soft target deduction %q does not say it is halved", d.Reason)
			}
		}
	}
}

// Honest reporting costs less than a contradiction: 滞后 with a reason costs task-behind (1);
// 正常推进 beside a far-behind indicator is flagged, costs nothing until confirmed, and then
// costs misreport (5).
func TestHonestReportingCostsLess(t *testing.T) {
	p := per("2025-07")
	build := func() *fixture.World {
		w := fixture.New(t, nil)
		w.Fill(p, p)
		w.SetValue("output-new-energy", p, num(5))
		return w
	}
	w := build()
	ev := w.Evaluate(p)
	fgw := ev.Unit("fgw")
	if len(fgw.Flags) == 0 || fgw.Flags[0].StateLabel() != "待核实" || !strings.HasPrefix(fgw.Flags[0].Message, "状态与指标不符，待核实") {
		t.Fatalf("flags %+v, want one 待核实", fgw.Flags)
	}
	for _, d := range fgw.Score.Deductions {
		if d.Penalty == gyqc.RuleMisreport {
			t.Errorf("unconfirmed flag deducted: %+v", d)
		}
	}
	ev2, _ := gyqc.EvaluateInput(w.Plan, p, gyqc.Input{Submissions: w.Subs,
		Reviews: gyqc.Reviews{{Period: p, Unit: "fgw", Kind: gyqc.ReviewConfirm, Flag: fgw.Flags[0].Key}}})
	lost := func(ev *gyqc.Evaluation, k gyqc.PenaltyKey) float64 {
		var sum float64
		for _, d := range ev.Unit("fgw").Score.Deductions {
			if d.Penalty == k {
				sum += d.Points
			}
		}
		return sum
	}
	if got := lost(ev2, gyqc.RuleMisreport); got != 5 {
		t.Errorf("confirmed 失实 cost %v, want 5", got)
	}
	honest := build()
	for _, tr := range honest.Latest("fgw", p).Tasks {
		if tr.Task == 1 {
			honest.Status("fgw", p, 1, gyqc.StatusBehind)
			honest.Latest("fgw", p).Task(1).Issues = "新能源项目投产推迟"
		}
	}
	ev3 := honest.Evaluate(p)
	if got := lost(ev3, gyqc.PenaltyTaskBehind); got != 1 {
		t.Errorf("honest 滞后 with a reason cost %v, want 1", got)
	}
	if ev3.Unit("fgw").Score.Value <= ev2.Unit("fgw").Score.Value {
		t.Errorf("honest %v should score above a confirmed contradiction %v", ev3.Unit("fgw").Score.Value, ev2.Unit("fgw").Score.Value)
	}
}

// A supporting unit answers for its own part: 滞后 reported on a task it supports costs it the
// support rule's points, and nothing to the task's lead units.
func TestSupportingUnitAnswersForItsPart(t *testing.T) {
	p := per("2025-06")
	w := fixture.New(t, nil)
	w.Fill(p, p)
	task := 0
	for _, a := range w.Plan.Assignments("cdjd") {
		if a.Role == gyqc.RoleSupport {
			task = a.Task
			break
		}
	}
	if task == 0 {
		t.Fatal("test setup: 城东街道 supports no task")
	}
	w.Status("cdjd", p, task, gyqc.StatusBehind)
	s := w.Evaluate(p).Unit("cdjd").Score
	if len(s.Deductions) != 1 || s.Deductions[0].Penalty != gyqc.RuleSupportBehind || s.Deductions[0].Points != 0.5 || s.Value != 99.5 {
		t.Errorf("deductions %+v, score %v; want one support-behind of 0.5", s.Deductions, s.Value)
	}
}
