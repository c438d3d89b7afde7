package gyqc_test

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/internal/fixture"
)

// TestDeductionSaysWhyTheUnitAnswers: a unit charged for an indicator another unit reports
// reads who reported it and why it answers for it, so that it can check the rule, not only
// the figure (区大数据发展局 read 区经济信息委's 市级数字化车间 as if it were its own); the
// unit that reported the figure reads no such note.
func TestDeductionSaysWhyTheUnitAnswers(t *testing.T) {
	p := per("2025-07")
	w := fixture.New(t, nil)
	w.Fill(p.Add(-1), p)
	w.SetValue("output-consumer", p, num(5))
	w.SetValue("digital-workshops", p.Add(-1), num(5)) // the stand-in baseline: 5 in June
	w.SetValue("digital-workshops", p, num(3))
	ev := w.Evaluate(p)
	tests := []struct{ unit, key, want string }{
		{unit: "dsjj", key: "digital-workshops", want: "（区经济信息委报送，本单位为任务3牵头单位）"},
		{unit: "zyyq", key: "digital-workshops", want: "（区经济信息委报送，本单位为任务3牵头单位）"},
		{unit: "jxw", key: "digital-workshops"},
		{unit: "sww", key: "output-consumer", want: "（区经济信息委报送，方案文件定本单位为该指标责任单位）"},
	}
	for _, tc := range tests {
		t.Run(tc.unit+" "+tc.key, func(t *testing.T) {
			found := false
			for _, d := range ev.Unit(tc.unit).Score.Deductions {
				if d.Indicator != tc.key {
					continue
				}
				found = true
				if tc.want != "" && !strings.HasSuffix(d.Reason, tc.want) || tc.want == "" && strings.Contains(d.Reason, "报送，") {
					t.Errorf("reason %q, want it to end %q", d.Reason, tc.want)
				}
			}
			if !found {
				t.Fatalf("setup: %s not charged for %s: %s", tc.unit, tc.key, ev.Indicator(tc.key).Reason)
			}
		})
	}
}
