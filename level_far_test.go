package gyqc_test

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// TestLevelFarBehindSaysItsPoints: a count judged 严重滞后 says by how many points of the way
// from its baseline to its target it is behind (the margin's measure): the figures of its reason
// (1个 against 5) do not show what the margin is measured in, and 汇总表's 落后幅度 gives the
// shortfall in the indicator's measure. One short is 滞后 whatever the points, and says none.
func TestLevelFarBehindSaysItsPoints(t *testing.T) {
	tests := []struct {
		name   string
		july   float64
		status gyqc.IndicatorStatus
		says   string
	}{
		{name: "far behind", july: 1, status: gyqc.IndicatorFarBehind, says: "，落后基期至目标进度的133.33个百分点"},
		{name: "one short", july: 4, status: gyqc.IndicatorBehind},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := per("2025-07")
			w := fixture.New(t, nil).Fill(p.Add(-1), p)
			w.SetValue("digital-workshops", p.Add(-1), num(5)) // stand-in baseline: 5 in June, path 5 in July
			w.SetValue("digital-workshops", p, num(tc.july))
			ie := w.Evaluate(p).Indicator("digital-workshops")
			if ie.Status != tc.status || tc.says != "" && !strings.HasSuffix(ie.Reason, tc.says) || tc.says == "" && strings.Contains(ie.Reason, "个百分点") {
				t.Errorf("%s: %s; want %s ending %q", ie.Status, ie.Reason, tc.status, tc.says)
			}
		})
	}
}
