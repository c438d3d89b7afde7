package gyqc_test

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/internal/fixture"
	"github.com/qianjiang/gyqc/planfile"
)

// TestFlowGrowthAndCovers: a flow reported by its 同比增长 alone is held to the growth that
// takes last year's target to this year's; the growth a unit reports stands for the computed
// 同比 beside an amount; a figure's 数据截至 decides the months it is held to.
func TestFlowGrowthAndCovers(t *testing.T) {
	// 规模以上工业增加值: 100亿元 in 2021, straight line in years to 140 in 2025: 2024 130,
	// 2025 140. Growth needed in 2025: 140/130 − 1 = 7.69% → 7.7%.
	withBase := withIndicator(t, string(planfile.DefaultPlanFile), "value-added", "    baseline: 100\n    baseline_period: \"2021-12\"\n")
	tests := []struct {
		name, plan string
		value      *float64
		growth     *float64
		covers     string // "" : the default (period − lag)
		state      string
		expected   *float64
		reason     string
	}{
		{name: "growth alone on track", plan: withBase, growth: num(8.5), state: "on_track",
			reason: "规模以上工业增加值2025年1—6月同比增长8.5%（未报总量），不低于完成年度目标所需增速7.7%（2025年目标140亿元较上年目标130亿元增长7.7%）"},
		{name: "growth alone behind", plan: withBase, growth: num(5), state: "behind", // 7.7 − 5 = 2.7 points
			reason: "低于完成年度目标所需增速7.7%"},
		{name: "growth alone far behind", plan: withBase, growth: num(-5), state: "far_behind", // 12.7 points > 10
			reason: "同比下降5%（未报总量）"},
		{name: "growth alone without last year's target", plan: string(planfile.DefaultPlanFile), growth: num(8.5), state: "no_basis",
			reason: "暂无法按增速判断进度"},
		{name: "amount with the reported growth", plan: withBase, value: num(70), growth: num(6.3), state: "on_track", expected: num(70), // 140×6/12
			reason: "2025年1—6月累计70亿元，达到序时进度70亿元（2025年目标140亿元×6/12）；同比增长6.3%"},
		{name: "数据截至 an earlier month", plan: withBase, value: num(58.4), covers: "2025-05", state: "on_track", expected: num(58.33), // 140×5/12 = 58.33
			reason: "2025年1—5月累计58.4亿元"},
		{name: "数据截至 the period itself", plan: withBase, value: num(80), covers: "2025-07", state: "behind", expected: num(81.67), // 140×7/12
			reason: "2025年1—7月累计80亿元"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := fixture.New(t, fixture.LoadPlan(t, tc.plan))
			p := per("2025-07")
			w.Fill(p, p)
			iv := w.Value("value-added", p)
			iv.Value, iv.Growth = tc.value, tc.growth
			if tc.covers != "" {
				iv.Covers = per(tc.covers)
			}
			ev := w.Evaluate(p)
			ie := ev.Indicator("value-added")
			if ie.State() != tc.state {
				t.Errorf("state %s, want %s (%s)", ie.State(), tc.state, ie.Reason)
			}
			if tc.expected != nil && (ie.Expected == nil || roundNum(*ie.Expected) != *tc.expected) {
				t.Errorf("expected %s, want %s", show(ie.Expected), show(tc.expected))
			}
			if !strings.Contains(ie.Reason, tc.reason) {
				t.Errorf("reason %q lacks %q", ie.Reason, tc.reason)
			}
			if tc.growth != nil && (ie.YearOnYear == nil || *ie.YearOnYear != *tc.growth) {
				t.Errorf("year on year %s, want the reported %v", show(ie.YearOnYear), *tc.growth)
			}
			// A growth reported without the amount is a figure: nobody answers for an empty one.
			for _, ue := range ev.Units {
				for _, d := range ue.Score.Deductions {
					if strings.Contains(d.Reason, "规模以上工业增加值") && strings.Contains(d.Reason, "未填") {
						t.Errorf("%s charged for an empty figure: %s", ue.Unit.Code, d.Reason)
					}
				}
			}
		})
	}
}

// roundNum rounds to two decimals, as the briefing shows expected values.
func roundNum(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }
