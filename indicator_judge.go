package gyqc

import "math"

// judge computes completion, expectation, status and reason from Value, the month it
// covers, the indicator's path and the plan's light rules. The evaluator has set Covers and
// the baseline (base) before.
func (ie *IndicatorEvaluation) judge(cfg Lights) {
	ind := ie.Indicator
	ie.Scale = ScaleOf(ind.Kind)
	if ie.Status == IndicatorNotDue {
		return
	}
	if ie.Value == nil && ie.Growth != nil {
		ie.judgeGrowthOnly(cfg)
		return
	}
	if ie.Value == nil {
		ie.Status = IndicatorNoData
		ie.Reason = ind.Name + "无数据（" + ie.noDataWhy() + "）"
		return
	}
	v := *ie.Value
	name := ind.Name + ie.figureLabel(v)
	sign := 1.0
	if ind.LowerIsBetter() {
		sign = -1
	}
	var onTrack, judged bool
	var margin float64
	switch ind.Kind {
	case KindFlow, KindAnnual:
		onTrack, margin, judged = ie.judgeYear(v, name, sign, cfg)
	case KindLevel, KindShare, KindReduction, KindRank, KindGrowth:
		onTrack, margin, judged = ie.judgePath(v, name, sign, cfg)
	case KindTrend:
		onTrack, margin, judged = ie.judgeTrend(v, name)
	default:
		margin, judged = cfg.Margin, true
	}
	if !judged {
		return
	}

	switch {
	case onTrack:
		ie.Status = IndicatorOnTrack
	case margin >= 0 && ie.Gap != nil && *ie.Gap > margin+epsilon && !ie.oneShort():
		ie.Status = IndicatorFarBehind
		if ind.Kind == KindLevel {
			// The margin is in points of the way from the baseline to the target, which the
			// figures of the reason do not show (and 落后幅度 gives the shortfall in 家).
			ie.Reason += "，落后基期至目标进度的" + FormatPoints(*ie.Gap) + "个百分点"
		}
	default:
		ie.Status = IndicatorBehind
	}
}

// judgeYear judges a figure held to a target of its year (flows and annual figures) against
// the year-to-date share of that target: whether it is on track, the margin for 严重滞后, and
// false when it cannot be judged (Status and Reason then say why).
func (ie *IndicatorEvaluation) judgeYear(v float64, name string, sign float64, cfg Lights) (onTrack bool, margin float64, ok bool) {
	ind := ie.Indicator
	margin = cfg.Margin
	yt, ok := ind.yearTarget(ie.Covers.Year, ie.base)
	if !ok {
		ie.Status = IndicatorNoBasis
		ie.Reason = name + "，方案未设定" + FormatNumber(float64(ie.Covers.Year)) + "年目标，也无基期数据，暂无法判断进度"
		return false, 0, false
	}
	ie.baseUsed = ind.yearFromBase(ie.Covers.Year)
	m := float64(ie.Covers.Month)
	e := ind.wholeExpected(yt * m / 12)
	ie.YearTarget, ie.Expected, ie.Expectation = ptr(yt), ptr(e), ptr(m/12)
	if yt != 0 {
		ie.Completion = ptr(v / yt)
		ie.Gap = ptr(sign * (e - v) / math.Abs(yt) * 100)
	}
	ie.Met = meets(v, yt, ind.Comparator) && (sign > 0 || ie.Covers.Month == 12)
	onTrack = sign*(v-e) >= -epsilon
	yearLabel := FormatNumber(float64(ie.Covers.Year)) + "年目标" + amountTight(yt, ind.Measure)
	if ie.Growth != nil || ind.Kind == KindFlow && ie.YearAgo != nil && *ie.YearAgo > 0 {
		// 同比: as the unit reported it (the statistics bureau's, at comparable prices where
		// it publishes so), or else on the same months of last year.
		if ie.Growth != nil {
			ie.YearOnYear = ptr(*ie.Growth)
		} else {
			ie.YearOnYear = ptr(roundTo((v / *ie.YearAgo - 1)*100, 1))
		}
		defer func() {
			ie.Reason += "；同比" + map[bool]string{true: "增长", false: "下降"}[*ie.YearOnYear >= 0] +
				FormatNumber(math.Abs(*ie.YearOnYear)) + "%"
		}()
	}
	switch {
	case ie.Met && sign > 0:
		ie.Reason = name + "，已完成" + yearLabel
	case onTrack:
		ie.Reason = name + "，达到序时进度" + amountTight(roundTo(e, 2), ind.Measure) + "（" + yearLabel + "×" + FormatNumber(m) + "/12）"
	case sign < 0:
		ie.Reason = name + "，高于序时进度" + amountTight(roundTo(e, 2), ind.Measure) + "（" + yearLabel + "×" + FormatNumber(m) + "/12）"
	default:
		ie.Reason = name + "，低于序时进度" + amountTight(roundTo(e, 2), ind.Measure) + "（" + yearLabel + "×" + FormatNumber(m) + "/12）"
	}
	return onTrack, margin, true
}

// judgePath judges a figure on the indicator's path from its baseline to its target (levels,
// shares, reductions, ranks) or against the year's own target (growth rates), as judgeYear.
func (ie *IndicatorEvaluation) judgePath(v float64, name string, sign float64, cfg Lights) (onTrack bool, margin float64, ok bool) {
	ind := ie.Indicator
	margin = cfg.Margin
	var e float64
	target := 0.0
	if ind.Target != nil {
		target = *ind.Target
	}
	final := ie.Covers.Index() >= ind.targetAt()
	if ind.Kind == KindGrowth {
		// A growth rate is a target of every year: held to the year's own target.
		yt, _ := ind.yearTarget(ie.Covers.Year, nil)
		e, target = yt, yt
	} else {
		if ie.base == nil {
			ie.Status = IndicatorNoBasis
			ie.Reason = name + "，无基期数据，暂无法判断进度"
			return false, 0, false
		}
		e = ind.wholeExpected(valueAt(ind.stockPath(*ie.base), ie.Covers.Index()))
		ie.baseUsed = true
	}
	ie.Expected = ptr(e)
	ie.Met = ind.Target != nil && meets(v, target, ind.Comparator)
	onTrack = sign*(v-e) >= -epsilon
	if final && ind.Kind != KindGrowth {
		onTrack = ie.Met // at the end the target itself counts
	}
	switch ie.Scale {
	case ScaleRatio: // level: progress from the baseline toward the target
		span := math.Abs(target - ie.base.v)
		if span < epsilon {
			span = math.Max(math.Abs(target), 1)
		}
		ie.Gap = ptr(sign * (e - v) / span * 100)
		if target > epsilon { // 完成率: the figure against the target, the path's value likewise
			ie.Completion, ie.Expectation = ptr(v/target), ptr(e/target)
		}
	case ScaleRank:
		ie.Completion, ie.Expectation = ptr(v), ptr(e)
		ie.Gap = ptr(v - e)
		margin = float64(cfg.RankMargin)
	default: // percentage points
		ie.Completion, ie.Expectation = ptr(v), ptr(e)
		ie.Gap = ptr(sign * (e - v))
	}
	finalLabel := "目标" + ind.TargetLabel()
	if ind.Kind != KindGrowth {
		finalLabel = FormatNumber(float64(ind.TargetYear)) + "年" + finalLabel
	} else {
		finalLabel = FormatNumber(float64(ie.Covers.Year)) + "年目标" + amountTight(target, ind.Measure) + "以上"
	}
	expected := ie.expectedLabel(e)
	switch {
	case ie.Met:
		ie.Reason = name + "，已达到" + finalLabel
	case onTrack && !final:
		ie.Reason = name + "，达到序时进度" + expected + "（" + finalLabel + "）"
	case final || ind.Kind == KindGrowth:
		ie.Reason = name + "，未达到" + finalLabel
	case sign < 0:
		ie.Reason = name + "，落后于序时进度" + expected + "（" + finalLabel + "）"
	default:
		ie.Reason = name + "，低于序时进度" + expected + "（" + finalLabel + "）"
	}
	return onTrack, margin, true
}

// judgeTrend judges a figure that must rise: against the same month of last year, or else
// last December, months of the figure's 数据截至 (not of the report's period). A trend that does not rise is behind, never far behind (margin -1).
func (ie *IndicatorEvaluation) judgeTrend(v float64, name string) (onTrack bool, margin float64, ok bool) {
	ind := ie.Indicator
	ie.Basis, ie.BasisPeriod = ie.YearAgo, ie.Covers.Add(-12)
	if ie.Basis == nil && ie.december != nil {
		ie.Basis, ie.BasisPeriod = ie.december, Period{Year: ie.Covers.Year - 1, Month: 12}
	}
	if ie.Basis == nil {
		ie.BasisPeriod = Period{}
		ie.Status = IndicatorNoBasis
		ie.Reason = name + "，无上年同期及上年12月数据，暂无法判断是否提升"
		return false, 0, false
	}
	b := *ie.Basis
	ie.Completion, ie.Expectation = ptr(v), ptr(b)
	ie.Gap = ptr(b - v)
	ie.Met = v > b+epsilon
	onTrack = ie.Met
	margin = -1 // a trend that does not rise is behind, never far behind
	against := "较" + ie.BasisPeriod.Label() + "（" + amountTight(b, ind.Measure) + "）"
	switch {
	case ie.Met:
		ie.Reason = name + "，" + against + "上升" + difference(v-b, ind.Measure)
	case v < b-epsilon:
		ie.Reason = name + "，" + against + "下降" + difference(b-v, ind.Measure)
	default:
		ie.Reason = name + "，与" + ie.BasisPeriod.Label() + "持平，未提升"
	}
	return onTrack, margin, true
}
