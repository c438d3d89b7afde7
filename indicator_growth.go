package gyqc

import "math"

// judgeGrowthOnly judges a flow reported by its 同比增长 alone (the statistics bureau often
// publishes 规模以上工业增加值 as a growth rate only): the growth is held to the growth that
// takes last year's target to this year's, in percentage points, with the plan's margin for
// 严重滞后. Without both years' targets it cannot be judged, and says so; it is never counted
// as a missing figure.
func (ie *IndicatorEvaluation) judgeGrowthOnly(cfg Lights) {
	ind := ie.Indicator
	g := *ie.Growth
	ie.YearOnYear = ptr(g)
	year := ie.Covers.Year
	span := FormatNumber(float64(year)) + "年1—" + FormatNumber(float64(ie.Covers.Month)) + "月"
	if ie.Covers.Month == 1 {
		span = FormatNumber(float64(year)) + "年1月"
	}
	name := ind.Name + span + "同比" + map[bool]string{true: "增长", false: "下降"}[g >= 0] + FormatNumber(math.Abs(g)) + "%（未报总量）"
	yt, ok1 := ind.yearTarget(year, ie.base)
	yp, ok2 := ind.yearTarget(year-1, ie.base)
	if !ok1 || !ok2 || yp <= 0 {
		ie.Status = IndicatorNoBasis
		ie.Reason = name + "，方案未设定" + FormatNumber(float64(year)) + "年及上年目标，暂无法按增速判断进度"
		return
	}
	ie.baseUsed = ind.yearFromBase(year) || ind.yearFromBase(year-1)
	need := roundTo((yt/yp-1)*100, 1)
	ie.YearTarget, ie.Expected = ptr(yt), nil
	ie.Completion, ie.Expectation = ptr(g), ptr(need)
	ie.Scale = ScalePoints
	ie.Gap = ptr(need - g)
	why := "（" + FormatNumber(float64(year)) + "年目标" + amountTight(yt, ind.Measure) + "较上年目标" + amountTight(roundTo(yp, 2), ind.Measure) +
		"增长" + FormatNumber(need) + "%）"
	switch {
	case g >= need-epsilon:
		ie.Status = IndicatorOnTrack
		ie.Reason = name + "，不低于完成年度目标所需增速" + FormatNumber(need) + "%" + why
	case *ie.Gap > cfg.Margin+epsilon:
		ie.Status = IndicatorFarBehind
		ie.Reason = name + "，低于完成年度目标所需增速" + FormatNumber(need) + "%" + why
	default:
		ie.Status = IndicatorBehind
		ie.Reason = name + "，低于完成年度目标所需增速" + FormatNumber(need) + "%" + why
	}
}
