package gyqc_test

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/internal/fixture"
	"github.com/qianjiang/gyqc/planfile"
)

// TestQuarterlyFigureJudgedOnce holds that a quarterly or yearly figure is judged in the one
// period whose report it falls due in, however the unit dates it: the template asks units to
// set 数据截至 to the month the figure really covers, and the honest 2025年3月 on the same first
// quarter figure in the May and June reports must not be judged (and charged) again.
func TestQuarterlyFigureJudgedOnce(t *testing.T) {
	// 战略性新兴产业产值占比 (share, quarterly, lag 1): 8% at the end of 2021 → 20% at the end of
	// 2025; the first quarter of 2025 is due in the April report.
	share := withIndicator(t, string(planfile.DefaultPlanFile), "emerging-share", "    baseline: 8\n    baseline_period: \"2021-12\"\n")
	tests := []struct {
		name, plan, period, key, covers string
		value                           float64
		state, reason                   string
	}{
		{"first quarter in the April report is judged", share, "2025-04", "emerging-share", "2025-03", 15, "behind", "15%（2025年3月）"},
		{"first quarter again in the May report", share, "2025-05", "emerging-share", "2025-03", 15, "not_due", "按季发布"},
		{"first quarter again in the June report", share, "2025-06", "emerging-share", "2025-03", 15, "not_due", "所报为2025年3月数据"},
		{"second quarter in the July report is judged", share, "2025-07", "emerging-share", "2025-06", 15, "behind", "15%（2025年6月）"},
		{"a stale quarter in a due report is judged", share, "2025-07", "emerging-share", "2025-03", 15, "behind", "15%（2025年3月）"},
		{"last year's figure in a March report", string(planfile.DefaultPlanFile), "2025-03", "rnd-share", "2024-12", 30, "not_due", "按年发布"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ie := judgeFigure(t, tc.plan, tc.period, tc.key, tc.value, tc.covers)
			if ie.State() != tc.state {
				t.Errorf("state %s, want %s (%s)", ie.State(), tc.state, ie.Reason)
			}
			if !strings.Contains(ie.Reason, tc.reason) {
				t.Errorf("reason %q lacks %q", ie.Reason, tc.reason)
			}
		})
	}
}

// TestLatest holds the month a template prefills as 数据截至: the month the lag implies, moved
// back to the last published quarter or year end.
func TestLatest(t *testing.T) {
	plan := fixture.LoadPlan(t, string(planfile.DefaultPlanFile))
	tests := []struct{ key, period, want string }{
		{"output-value", "2025-06", "2025-05"},      // monthly, lag 1
		{"digital-workshops", "2025-06", "2025-06"}, // monthly, no lag
		{"emerging-share", "2025-04", "2025-03"},    // quarterly, lag 1: the first quarter is out
		{"emerging-share", "2025-06", "2025-03"},    // still the first quarter
		{"emerging-share", "2025-07", "2025-06"},    // the second quarter
		{"rnd-share", "2025-06", "2024-12"},         // yearly
		{"energy-intensity-reduction", "2025-02", "2024-12"},
	}
	for _, tc := range tests {
		t.Run(tc.key+" "+tc.period, func(t *testing.T) {
			if got := plan.Indicator(tc.key).Latest(per(tc.period)); got != per(tc.want) {
				t.Errorf("Latest = %s, want %s", got.Label(), tc.want)
			}
		})
	}
}
