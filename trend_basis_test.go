package gyqc_test

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// TestTrendBasisByMonthCovered: a trend (工业贷款占全部贷款的比重, reported a month late) is
// held to last December's figure, which is in January's report (数据截至 2024年12月), or to
// the figure of the same month last year — months its figures cover, not the reports'
// periods. The demo showed 无可比数据 (“无上年同期及上年12月数据”) beside a stand-in baseline
// of 2024年12月, 10.5%: the comparison was looked up in December's report, before the first.
func TestTrendBasisByMonthCovered(t *testing.T) {
	const key = "industrial-loan-share"
	tests := []struct {
		name, first string
		figures     map[string]float64 // report period → figure
		status      gyqc.IndicatorStatus
		basis       float64
		reason      string
	}{
		{name: "rose since last December", first: "2025-01", figures: map[string]float64{"2025-01": 10.5, "2025-06": 10.9},
			status: gyqc.IndicatorOnTrack, basis: 10.5, reason: "较2024年12月（10.5%）上升0.4个百分点"},
		{name: "fell since last December", first: "2025-01", figures: map[string]float64{"2025-01": 10.5, "2025-06": 10.2},
			status: gyqc.IndicatorBehind, basis: 10.5, reason: "较2024年12月（10.5%）下降0.3个百分点"},
		{name: "the same month last year, named by the month covered", first: "2024-01",
			figures: map[string]float64{"2024-06": 10.6, "2024-07": 11.5, "2025-01": 10.5, "2025-06": 10.9},
			status:  gyqc.IndicatorOnTrack, basis: 10.6, reason: "较2024年5月（10.6%）上升0.3个百分点"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plan := shortPlan(t, [2]string{`first_period: "2025-01"`, `first_period: "` + tc.first + `"`})
			p := per("2025-06")
			w := fixture.New(t, plan).Fill(per(tc.first), p)
			for at, v := range tc.figures {
				w.SetFigure(key, per(at), num(v), gyqc.FormatNumber(v))
			}
			ie := w.Evaluate(p).Indicator(key)
			if ie.Status != tc.status || ie.Basis == nil || *ie.Basis != tc.basis || !strings.Contains(ie.Reason, tc.reason) {
				t.Errorf("%s %v: %s; want %s on %v: %s", ie.Status, ie.Basis, ie.Reason, tc.status, tc.basis, tc.reason)
			}
		})
	}
}
