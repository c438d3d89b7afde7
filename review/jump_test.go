package review

import (
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/templates"
)

// reporter returns an indicator of kind and a unit that reports it.
func reporter(t *testing.T, plan *gyqc.Plan, kind gyqc.Kind) (*gyqc.Indicator, string) {
	t.Helper()
	for _, u := range plan.ResponsibleUnits() {
		for _, ind := range plan.ReportedIndicators(u.Code) {
			if ind.Kind == kind {
				return ind, u.Code
			}
		}
	}
	t.Fatalf("no unit reports an indicator of kind %s", kind)
	return nil, ""
}

// TestJumpEveryKind: a slip of the decimal point or of the measure against the unit's
// previous value (×10 for stocks and year-to-date figures, ×100, ÷100 and ×10000 for every
// kind) is questioned — or refused, where a stricter check sees it — an ordinary month's move is not, and a year-to-date figure is held
// to the months it covers: it may grow from 1—2月 to 1—6月, start again in January, and
// not fall within the year.
func TestJumpEveryKind(t *testing.T) {
	plan := planfile.Default()
	// Each kind: a typical previous value and an ordinary next one.
	kinds := []struct {
		kind     gyqc.Kind
		prev, ok float64
	}{
		{gyqc.KindLevel, 50, 53},
		{gyqc.KindFlow, 120, 141},
		{gyqc.KindAnnual, 12, 14},
		{gyqc.KindShare, 16.9, 17.4},
		{gyqc.KindGrowth, 12, 6.5},
		{gyqc.KindReduction, 8, 9.1},
		{gyqc.KindRank, 3, 5},
	}
	type step struct {
		name        string
		value       float64
		prevPeriod  string // default 2025-05
		want, never gyqc.Rule
	}
	for _, k := range kinds {
		ind, unit := reporter(t, plan, k.kind)
		steps := []step{
			{name: "ordinary move", value: k.ok, never: RuleJump},
			{name: "×100", value: k.prev * 100, want: RuleJump},
			{name: "×10000", value: k.prev * 10000, want: RuleJump},
			{name: "÷100", value: k.prev / 100, want: RuleJump},
		}
		if ind.Measure == "%" {
			steps[3].want = RulePercentBelowOne // 16.9 → 0.169: a fraction typed for a percentage
		}
		switch k.kind {
		case gyqc.KindLevel:
			steps = append(steps, step{name: "×10", value: k.prev * 10, want: RuleJump},
				step{name: "falls", value: k.prev - 2, want: RuleLevelFell, never: RuleJump})
		case gyqc.KindFlow, gyqc.KindAnnual:
			steps = append(steps, step{name: "×10", value: k.prev * 10, want: RuleJump},
				step{name: "falls within the year", value: k.prev - 2, want: RuleLevelFell, never: RuleJump},
				step{name: "1—6月 after 1—2月", value: k.prev * 2.8, prevPeriod: "2025-02", never: RuleJump},
				step{name: "×10 after 1—2月", value: k.prev * 3 * 10, prevPeriod: "2025-02", want: RuleJump},
				step{name: "January after December", value: k.prev / 12, prevPeriod: "2024-12", never: RuleJump},
				step{name: "January ×100 after December", value: k.prev * 100 / 12, prevPeriod: "2024-12", want: RuleJump})
		}
		for _, s := range steps {
			t.Run(string(k.kind)+"/"+s.name, func(t *testing.T) {
				period := gyqc.MustPeriod("2025-06")
				if s.prevPeriod == "2024-12" {
					period = gyqc.MustPeriod("2025-01")
				}
				prevPeriod := "2025-05"
				if s.prevPeriod != "" {
					prevPeriod = s.prevPeriod
				}
				in := CheckInput{File: "x.xlsx", Unit: unit, Period: period,
					Values: []templates.ValueInput{{Key: ind.Key, Value: templates.Input{Sheet: "指标填报", Cell: "H9",
						Text: gyqc.FormatNumber(s.value), Kind: templates.KindNumber}}},
					Previous: &gyqc.Submission{Unit: unit, Period: gyqc.MustPeriod(prevPeriod),
						Values: []gyqc.IndicatorValue{{Key: ind.Key, Value: fp(k.prev)}}}}
				_, _, probs := Check(plan, in, Options{})
				found := false
				for _, p := range probs {
					// A slip is questioned by the jump check, or refused by a stricter one (a
					// count with decimals, a percentage over 100, a rank below 1).
					found = found || p.Rule == s.want || s.want == RuleJump && p.Severity == gyqc.SevError
					if p.Rule == s.never {
						t.Errorf("%s %s → %s: unwanted %s: %s", ind.Key, gyqc.FormatNumber(k.prev), gyqc.FormatNumber(s.value), p.Rule, p.Message)
					}
				}
				if s.want != "" && !found {
					t.Errorf("%s %s → %s: no %s among %v", ind.Key, gyqc.FormatNumber(k.prev), gyqc.FormatNumber(s.value), s.want, probs)
				}
			})
		}
	}
}
