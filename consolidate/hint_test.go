package consolidate

import (
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestScoreHint: the overview names a low score's main deduction by the rule that cost the
// most in all, with how many times it applied, not by its largest single deduction (a unit
// that lost 10 points must not read as 主要扣分 2分).
func TestScoreHint(t *testing.T) {
	d := func(k gyqc.PenaltyKey, pts float64) gyqc.Deduction {
		return gyqc.Deduction{Penalty: k, Category: k.Category(), Points: pts}
	}
	tests := []struct {
		name string
		ded  []gyqc.Deduction
		want string
	}{
		{"one deduction", []gyqc.Deduction{d(gyqc.PenaltyMissing, 35)}, "；主要扣分：未报送（扣35分）"},
		{"the rule that cost most in all", []gyqc.Deduction{
			d(gyqc.PenaltyRefused, 2), d(gyqc.PenaltyIndicatorBehind, 1), d(gyqc.PenaltyIndicatorBehind, 1), d(gyqc.PenaltyIndicatorBehind, 1)},
			"；主要扣分：指标低于进度（3项，扣3分）"},
		{"a tie goes to the first", []gyqc.Deduction{
			d(gyqc.PenaltyIndicatorFarBehind, 2), d(gyqc.PenaltyIndicatorFarBehind, 2), d(gyqc.PenaltyIndicatorBehind, 1), d(gyqc.PenaltyIndicatorBehind, 1),
			d(gyqc.PenaltyIndicatorBehind, 1), d(gyqc.PenaltyIndicatorBehind, 1)},
			"；主要扣分：指标严重滞后（2项，扣4分）"},
		{"a capped occurrence is not counted", []gyqc.Deduction{d(gyqc.PenaltyRefused, 2), d(gyqc.PenaltyRefused, 0)}, "；主要扣分：文件被退回（扣2分）"},
		{"credit is no deduction", []gyqc.Deduction{d(gyqc.RulePractice, 1)}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := &gyqc.UnitEvaluation{Score: gyqc.Score{Deductions: tc.ded}}
			if got := scoreHint(u); got != tc.want {
				t.Errorf("scoreHint = %q, want %q", got, tc.want)
			}
		})
	}
}
