package gyqc_test

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
	"github.com/qianjiang/gyqc/planfile"
)

// withIndicator adds lines to the indicator key of the embedded plan file, just before its
// sources.
func withIndicator(tb testing.TB, plan, key, lines string) string {
	tb.Helper()
	i := strings.Index(plan, "  - key: "+key+"\n")
	if i < 0 {
		tb.Fatalf("test setup: no indicator %s", key)
	}
	j := strings.Index(plan[i:], "    sources:\n")
	return plan[:i+j] + lines + plan[i+j:]
}

// TestIndicatorPaths holds, for every kind, what a figure is held to in a January, in mid-year
// and at the end of a year: value → expected → state → words. Every expected value is worked
// out by hand in the comment of its case, never by the evaluator.
func TestIndicatorPaths(t *testing.T) {
	base := string(planfile.DefaultPlanFile)
	// 新能源产业产值 (flow, lag 1): 12亿元 in 2021; straight line in years to 30 in 2025:
	// 2022 16.5, 2023 21, 2024 25.5, 2025 30.
	flow := withIndicator(t, base, "output-new-energy", "    baseline: 12\n    baseline_period: \"2021-12\"\n")
	flowByYear := withIndicator(t, flow, "output-new-energy", "    targets_by_year: {2024: 24}\n")
	// 规模以上工业企业数量 (level): 60 at the end of 2021, 100 at the end of 2025 (48 months).
	level := withIndicator(t, base, "scale-enterprises", "    baseline: 60\n    baseline_period: \"2021-12\"\n")
	// 战略性新兴产业产值占比 (share, quarterly, lag 1): 8% at the end of 2021 → 20% at the end of
	// 2025, 3 points a year.
	share := withIndicator(t, base, "emerging-share", "    baseline: 8\n    baseline_period: \"2021-12\"\n")
	// 工业经济运行综合指数全市排位 (rank, quarterly, lag 1): 27th at the end of 2021 → 15th at
	// the end of 2025, 3 places a year.
	// 市级数字化车间 (level): 4 at the end of 2021 → 8 at the end of 2025.
	workshops := withIndicator(t, base, "digital-workshops", "    baseline: 4\n    baseline_period: \"2021-12\"\n")
	rank := withIndicator(t, base, "index-rank-city", "    baseline: 27\n    baseline_period: \"2021-12\"\n")

	tests := []pathCase{
		// flow: the year's target × months covered / 12.
		{"flow mid-year on its path", flow, "2025-07", "output-new-energy", 15, num(15), "on_track", // 30×6/12
			"新能源产业产值2025年1—6月累计15亿元，达到序时进度15亿元（2025年目标30亿元×6/12）"},
		{"flow mid-year behind", flow, "2025-07", "output-new-energy", 14, num(15), "behind", // gap 1/30 = 3.3 points
			"低于序时进度15亿元"},
		{"flow mid-year far behind", flow, "2025-07", "output-new-energy", 11.2, num(15), "far_behind", // gap 3.8/30 = 12.7 points
			"新能源产业产值2025年1—6月累计11.2亿元，低于序时进度15亿元（2025年目标30亿元×6/12）"},
		{"flow January is not published", flow, "2025-02", "output-new-energy", 2, nil, "not_due", "1月"},
		{"flow December of an earlier year, on the derived yearly target", flow, "2024-01", "output-new-energy", 21, num(21), "met", // 2023: 21 × 12/12
			"已完成2023年目标21亿元"},
		{"flow mid-year of 2024 on the derived target", flow, "2024-07", "output-new-energy", 12, num(12.75), "behind", // 25.5 × 6/12
			"2024年目标25.5亿元"},
		{"flow on the office's yearly target", flowByYear, "2024-07", "output-new-energy", 12, num(12), "on_track", // 24 × 6/12
			"2024年目标24亿元"},
		{"flow without baseline: July report of 1—6月 on track for the year", base, "2025-07", "output-value", 231.4, num(200), "on_track", // 400 × 6/12
			"规模以上工业产值2025年1—6月累计231.4亿元，达到序时进度200亿元（2025年目标400亿元×6/12）"},

		// level: the straight path from the baseline, whole things rounded down.
		{"level mid-year far behind", level, "2025-06", "scale-enterprises", 90, num(95), "far_behind", // 60 + 40×42/48 = 95; gap 5/40 = 12.5 points
			"低于序时进度95家"},
		{"level mid-year behind", level, "2025-06", "scale-enterprises", 93, num(95), "behind", "低于序时进度95家"}, // gap 2/40 = 5 points
		{"level January on its path", level, "2024-01", "scale-enterprises", 80, num(80), "on_track", // 60 + 40×25/48 = 80.8 → 80
			"达到序时进度80家"},
		{"level end of year met", level, "2025-12", "scale-enterprises", 100, num(100), "met", "已达到2025年目标≥100家"},
		{"a count one short is behind, not far behind", workshops, "2025-06", "digital-workshops", 6, num(7), "behind", "低于序时进度7个"}, // 4 + 4×42/48 = 7.5 → 7; gap 1/4 = 25 points
		{"a count two short beyond the margin is far behind", workshops, "2025-06", "digital-workshops", 5, num(7), "far_behind", "低于序时进度7个"},
		{"level end of the horizon one short", level, "2025-12", "scale-enterprises", 99, num(100), "behind", "未达到2025年目标≥100家"},
		{"以上 includes the number: 80家以上 met by 80", base, "2025-12", "cloud-enterprises", 80, nil, "met", "已达到2025年目标≥80家"},

		// share: the path in percentage points, judged at quarter ends.
		{"share mid-year behind", share, "2025-07", "emerging-share", 18, num(18.5), "behind", // 8 + 12×42/48
			"低于序时进度18.5%"},
		{"share between quarters", share, "2025-08", "emerging-share", 18, nil, "not_due", "按季发布"},
		{"share December on its path", share, "2025-01", "emerging-share", 17, num(17), "on_track", "达到序时进度17%"}, // 8 + 12×36/48

		// growth: the year's rate, every year.
		{"growth first quarter behind", base, "2025-04", "chain-leader-growth", 18, num(20), "behind", "未达到2025年目标20%以上"},
		{"growth first quarter far behind", base, "2025-04", "chain-leader-growth", 5, num(20), "far_behind", "5%"},
		{"growth December met", base, "2025-01", "chain-leader-growth", 21, num(20), "met", "已达到"},
		{"growth between quarters", base, "2025-05", "chain-leader-growth", 21, nil, "not_due", "按季发布"},

		// reduction: cumulative from 0 at the end of 2020 to 13.5 at the end of 2025 (60 months).
		{"reduction mid-year behind", base, "2025-07", "energy-intensity-reduction", 12, num(12.15), "behind", // 13.5×54/60
			"低于序时进度12.15%"},
		{"reduction December on its path", base, "2024-01", "energy-intensity-reduction", 8.1, num(8.1), "on_track", "达到序时进度8.1%"},            // 13.5×36/60
		{"reduction within the margin is behind, not far behind", base, "2024-01", "energy-intensity-reduction", 2, num(8.1), "behind", "2%"}, // gap 6.1 points
		{"reduction far behind", base, "2025-07", "energy-intensity-reduction", 1, num(12.15), "far_behind", "1%"},                            // gap 11.15 points

		// rank: the path in places, rounded up to a whole place.
		{"rank mid-year on its path", rank, "2025-07", "index-rank-city", 17, num(17), "on_track", "第17位"}, // 27 − 12×42/48 = 16.5 → 17
		{"rank mid-year far behind", rank, "2025-07", "index-rank-city", 21, num(17), "far_behind", "落后于序时进度第17位"},
		{"rank December", rank, "2025-01", "index-rank-city", 19, num(18), "behind", "第19位"}, // 27 − 9 = 18

		// annual: the same target every year, × months / 12, whole projects rounded down.
		{"annual mid-year behind", base, "2025-06", "new-projects", 9, num(10), "behind", "2025年1—6月累计9个，低于序时进度10个（2025年目标20个×6/12）"},
		{"annual January not judged", base, "2025-01", "new-projects", 0, nil, "not_due", "1月"},
		{"annual end of year far behind", base, "2025-12", "new-projects", 17, num(20), "far_behind", "低于序时进度20个"},
		{"annual end of year met", base, "2024-12", "new-projects", 20, num(20), "met", "已完成2024年目标20个"},
		{"annual expectation stays whole", base, "2025-05", "new-projects", 8, num(8), "on_track", "序时进度8个"}, // 20×5/12 = 8.3 → 8
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkPath(t, judgeFigure(t, tc.plan, tc.period, tc.key, tc.value, ""), tc)
		})
	}
}

// judgeFigure evaluates indicator key in period with the reporting unit's figure set to value,
// dated covers (数据截至; empty: the default month).
func judgeFigure(t *testing.T, plan, period, key string, value float64, covers string) *gyqc.IndicatorEvaluation {
	t.Helper()
	w := fixture.New(t, fixture.LoadPlan(t, plan))
	p := per(period)
	w.Fill(p, p)
	w.SetValue(key, p, num(value))
	if covers != "" {
		w.Value(key, p).Covers = per(covers)
	}
	return w.Evaluate(p).Indicator(key)
}

// pathCase is one case of TestIndicatorPaths: a figure of an indicator under a plan, and what
// it is held to.
type pathCase struct {
	name, plan, period, key string
	value                   float64
	expected                *float64 // nil: none (not due)
	state                   string
	reason                  string // words the reason must contain
}

// checkPath holds the indicator's evaluation to the case: its state, its expected value, its
// reason, and no fraction of a whole count in the reason.
func checkPath(t *testing.T, ie *gyqc.IndicatorEvaluation, tc pathCase) {
	t.Helper()
	if ie.State() != tc.state {
		t.Errorf("state %s, want %s (%s)", ie.State(), tc.state, ie.Reason)
	}
	if tc.expected != nil && !sameNumber(ie.Expected, tc.expected) {
		t.Errorf("expected %s, want %s (%s)", show(ie.Expected), show(tc.expected), ie.Reason)
	}
	if !strings.Contains(ie.Reason, tc.reason) {
		t.Errorf("reason %q lacks %q", ie.Reason, tc.reason)
	}
	if strings.Contains(ie.Reason, ".") && ie.Indicator.Whole() && tc.state != "not_due" {
		for _, part := range strings.Split(ie.Reason, "序时进度")[1:] {
			if strings.HasPrefix(strings.TrimLeft(part, "0123456789"), ".") {
				t.Errorf("fractional count in %q", ie.Reason)
			}
		}
	}
}

// A target of one 水效领跑者, with no baseline, is not behind before its milestone: the first
// figure (0) is the baseline and the path reaches 1 only at the end of 2025.
// A flow shows its growth on the same months of last year (同比) where the workspace holds them.
func TestFlowYearOnYear(t *testing.T) {
	w := fixture.New(t, nil)
	w.Fill(per("2024-07"), per("2025-07"))
	w.SetValue("output-value", per("2024-07"), num(200)).SetValue("output-value", per("2025-07"), num(231.4))
	ie := w.Evaluate(per("2025-07")).Indicator("output-value")
	if ie.YearOnYear == nil || *ie.YearOnYear != 15.7 || !strings.HasSuffix(ie.Reason, "；同比增长15.7%") { // 231.4/200 − 1
		t.Errorf("year on year %s, reason %q", show(ie.YearOnYear), ie.Reason)
	}
}

func TestSmallCountNotBehindBeforeMilestone(t *testing.T) {
	w := fixture.New(t, nil)
	first, last := per("2023-01"), per("2025-12")
	w.Fill(first, last)
	for p := first; !p.After(last); p = p.Add(1) {
		w.SetValue("water-efficiency-leaders", p, num(0))
	}
	for _, tc := range []struct {
		period, state string
	}{{"2023-01", "on_track"}, {"2024-06", "on_track"}, {"2025-01", "on_track"}, {"2025-11", "on_track"}, {"2025-12", "behind"}} {
		ie := w.Evaluate(per(tc.period)).Indicator("water-efficiency-leaders")
		if ie.State() != tc.state || *ie.Expected != map[bool]float64{true: 1, false: 0}[tc.period == "2025-12"] {
			t.Errorf("%s: state %s expected %s, want %s (%s)", tc.period, ie.State(), show(ie.Expected), tc.state, ie.Reason)
		}
		if tc.period == "2024-06" && !strings.Contains(strings.Join(ie.Notes, ""), "方案未设定基期值，以工作区首个数据（2023年1月，0家）为基数") {
			t.Errorf("notes %q do not name the stand-in baseline", ie.Notes)
		}
	}
}
