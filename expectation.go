package gyqc

import (
	"math"
	"strings"
)

// Elapsed returns the time-elapsed expectation (时序进度) at the end of period p: the share of
// the span from the end of h.Baseline to the end of h.Last that has passed, from 0 to 1. It
// grows by the same step every month, so that at the end of the last period it is 1. A period
// before the baseline gives 0 and one after the last period gives 1.
func (h Horizon) Elapsed(p Period) float64 {
	total := h.Last.Index() - h.Baseline.Index()
	if total <= 0 {
		return 1
	}
	return clamp01(float64(p.Index()-h.Baseline.Index()) / float64(total))
}

// YearElapsed returns the expected share of a yearly target at the end of period p: the
// number of months of the year that have passed, over 12 (June gives 0.5).
func YearElapsed(p Period) float64 { return float64(p.Month) / 12 }

// clamp01 limits x to the range 0 to 1.
func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// epsilon absorbs rounding in comparisons of computed ratios: 0.1+0.2 meets 0.3.
const epsilon = 1e-9

// roundTo rounds x to n decimals.
func roundTo(x float64, n int) float64 {
	p := math.Pow10(n)
	return math.Round(x*p) / p
}

// amount writes a figure with its measure as briefings do: "8个", "12.5亿元", "15%" (no space between number and measure). Values
// are rounded to four decimals to hide floating-point noise; expected values, which are
// computed, go through expectedAmount instead.
func amount(v float64, measure string) string { return FormatNumber(roundTo(v, 4)) + measure }

// difference writes a difference between two figures of a measure with at most two
// decimals: "5 个百分点" for percentages, "3 家" otherwise.
func difference(x float64, measure string) string {
	if measure == "%" {
		return FormatNumber(roundTo(x, 2)) + "个百分点"
	}
	return amount(roundTo(x, 2), measure)
}

// joinReasons joins reason texts with the Chinese semicolon.
func joinReasons(rs []string) string { return strings.Join(rs, "；") }
