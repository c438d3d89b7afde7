package gyqc_test

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// TestStandInBaselineSaidWhereUsed: “方案未设定基期值，以工作区首个数据…为基数” is said of an
// indicator only when its expectation came from that figure — a count's path, a flow in a year
// before its target year — not of a flow held to the plan's target of its target year
// (规模以上工业产值 2025: 400亿元×5/12), an annual count, or a figure not judged this period,
// where the demo said it of 32 indicators as if each expectation had been built on it. The
// briefing says 年度指标折合全年 only when some flow's baseline was taken to a whole year.
func TestStandInBaselineSaidWhereUsed(t *testing.T) {
	tests := []struct {
		name, first, period, key string
		said                     bool
		annualised               bool // some flow's first months were taken to a whole year
	}{
		{name: "a count's path", first: "2025-01", period: "2025-06", key: "digital-workshops", said: true},
		{name: "a flow in its target year", first: "2025-01", period: "2025-06", key: "output-value"},
		{name: "a flow in a year before its target year", first: "2024-01", period: "2024-06", key: "output-value", said: true, annualised: true},
		{name: "an annual count", first: "2025-01", period: "2025-06", key: "new-projects"},
		{name: "a quarterly share not judged this month", first: "2025-01", period: "2025-06", key: "emerging-share"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plan := shortPlan(t, [2]string{`first_period: "2025-01"`, `first_period: "` + tc.first + `"`})
			p := per(tc.period)
			ev := fixture.New(t, plan).Fill(per(tc.first), p).Evaluate(p)
			ie := ev.Indicator(tc.key)
			if !ie.BaselineStandIn {
				t.Fatalf("setup: %s has the plan's baseline", tc.key)
			}
			note := strings.Join(ie.Notes, "")
			listed := strings.Contains(strings.Join(ev.StandInBaselines(), ""), gyqc.Quote(ie.Indicator.Name))
			if strings.Contains(note, "方案未设定基期值") != tc.said || listed != tc.said {
				t.Errorf("%s (%s): notes %q, listed %v; want said %v", tc.key, ie.Status, ie.Notes, listed, tc.said)
			}
			if got := ev.AnnualisedStandIns(); (got > 0) != tc.annualised {
				t.Errorf("%d annualised stand-in baselines; want some: %v", got, tc.annualised)
			}
		})
	}
}
