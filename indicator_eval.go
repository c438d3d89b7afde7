package gyqc

import "fmt"

// IndicatorStatus is where an indicator stands against its expectation in a period.
type IndicatorStatus string

// Indicator statuses. No data is never read as zero: an indicator without a figure has
// status IndicatorNoData and no completion.
const (
	IndicatorNoData    IndicatorStatus = "no_data"    // 无数据: no figure reported
	IndicatorNoBasis   IndicatorStatus = "no_basis"   // 无可比数据: a trend with nothing earlier to compare with
	IndicatorOnTrack   IndicatorStatus = "on_track"   // 符合进度
	IndicatorBehind    IndicatorStatus = "behind"     // 滞后, within the lights margin
	IndicatorFarBehind IndicatorStatus = "far_behind" // 严重滞后, beyond the lights margin
)

// Label returns the status in Chinese.
func (s IndicatorStatus) Label() string {
	switch s {
	case IndicatorNoData:
		return "无数据"
	case IndicatorNoBasis:
		return "无可比数据"
	case IndicatorOnTrack:
		return "符合进度"
	case IndicatorBehind:
		return "滞后"
	case IndicatorFarBehind:
		return "严重滞后"
	}
	return string(s)
}

// Lagging reports whether the status is behind or far behind.
func (s IndicatorStatus) Lagging() bool { return s == IndicatorBehind || s == IndicatorFarBehind }

// Scale says how an indicator's Completion and Expectation read, which depends on its kind.
type Scale string

// Scales of completion.
const (
	// ScaleRatio (level, annual): Completion is the share of the target reached (0.45 is
	// 45%); Expectation is the time-elapsed share (时序进度); Gap is in percentage points.
	ScaleRatio Scale = "ratio"
	// ScalePoints (share, growth, reduction): Completion is the value in percent, Expectation
	// the target in percent; Gap is in percentage points.
	ScalePoints Scale = "points"
	// ScaleRank (rank): Completion is the rank, Expectation the target rank; Gap is in places.
	ScaleRank Scale = "rank"
	// ScaleTrend (trend): Completion is the value, Expectation the earlier value it must
	// exceed (Basis); Gap is in percentage points.
	ScaleTrend Scale = "trend"
)

// ScaleOf returns the scale of completion of indicators of kind k.
func ScaleOf(k Kind) Scale {
	switch k {
	case KindLevel, KindAnnual:
		return ScaleRatio
	case KindRank:
		return ScaleRank
	case KindTrend:
		return ScaleTrend
	}
	return ScalePoints
}

// IndicatorEvaluation is one indicator in one period: the figure its reporting unit gave,
// the figures of earlier periods, and the completion against the expectation by the
// arithmetic of its kind:
//
//   - level: progress from the baseline (Indicator.Baseline, or 0 when the plan sets none,
//     noted as 未设定基期值) toward the target, (value−baseline)/(target−baseline), against the
//     linear time-elapsed expectation Horizon.Elapsed; at the end of the horizon the target
//     itself must be met.
//   - annual: this year's figure (the cumulative figure of the year so far) over the yearly
//     target, against the share of the year elapsed (month/12).
//   - share, growth, reduction: the value against the target in percentage points.
//   - rank: on track when the rank is at or better than the target.
//   - trend: on track when the value rose against a year earlier, or else against the
//     previous December.
//
// An indicator is on track when its completion reaches the expectation; behind by more than
// Lights.Margin percentage points (Lights.RankMargin places for ranks) it is far behind.
type IndicatorEvaluation struct {
	Indicator *Indicator   `json:"-"`
	Key       string       `json:"key"`
	Period    Period       `json:"period"`
	Reporter  *ReportState `json:"-"`         // the reporting unit's state in the period
	UnitName  string       `json:"unit_name"` // the reporting unit
	Value     *float64     `json:"value"`     // nil: no data
	Raw       string       `json:"raw,omitempty"`
	Note      string       `json:"note,omitempty"` // the unit's 情况说明
	Source    *Submission  `json:"-"`              // the submission the value comes from
	Previous  *float64     `json:"previous"`       // the period before, where history has it
	YearAgo   *float64     `json:"year_ago"`       // twelve periods before, where history has it

	Basis       *float64 `json:"basis,omitempty"` // trend: the earlier value compared with
	BasisPeriod Period   `json:"basis_period,omitempty"`

	Scale       Scale    `json:"scale"`
	Completion  *float64 `json:"completion"`  // see Scale; nil when it cannot be computed
	Expectation *float64 `json:"expectation"` // see Scale
	Expected    *float64 `json:"expected"`    // level, annual: the figure expected by now, in the indicator's measure
	Gap         *float64 `json:"gap"`         // how far behind the expectation (negative: ahead); see Scale
	Met         bool     `json:"met"`         // the target itself is reached

	Status  IndicatorStatus  `json:"status"`
	Notes   []string         `json:"notes,omitempty"` // such as 未设定基期值
	Reason  string           `json:"reason"`          // one sentence, such as 新开工投资… 8 个，低于时序进度 11.7 个
	History []IndicatorPoint `json:"history,omitempty"`

	december *float64 // the previous December's value, for trends
}

// IndicatorPoint is an indicator's figure and status in one period of its history.
type IndicatorPoint struct {
	Period     Period          `json:"period"`
	Value      *float64        `json:"value"`
	Completion *float64        `json:"completion"`
	Status     IndicatorStatus `json:"status"`
}

// OnTrack reports whether the indicator is on track.
func (ie *IndicatorEvaluation) OnTrack() bool { return ie.Status == IndicatorOnTrack }

// judge computes completion, expectation, status and reason from Value, the earlier values
// and the plan's horizon and light rules.
func (ie *IndicatorEvaluation) judge(h Horizon, cfg Lights) {
	ind := ie.Indicator
	ie.Scale = ScaleOf(ind.Kind)
	if ie.Value == nil {
		ie.Status = IndicatorNoData
		ie.Reason = ind.Name + "无数据（" + ie.noDataWhy() + "）"
		return
	}
	v := *ie.Value
	name := ind.Name + " " + amount(v, ind.Measure)
	if ind.Kind == KindRank {
		name = fmt.Sprintf("%s 第%s位", ind.Name, FormatNumber(v))
	}
	var target float64
	if ind.Target != nil {
		target = *ind.Target
		ie.Met = meets(v, target, ind.Comparator)
	}
	sign := 1.0
	if ind.LowerIsBetter() {
		sign = -1
	}
	onTrack := ie.Met
	margin := cfg.Margin

	switch ind.Kind {
	case KindLevel, KindAnnual:
		var base, e float64
		if ind.Kind == KindLevel {
			e = h.Elapsed(ie.Period)
			if ind.Baseline != nil {
				base = *ind.Baseline
			} else {
				ie.Notes = append(ie.Notes, "未设定基期值，按0计算")
			}
		} else {
			e = YearElapsed(ie.Period)
		}
		ie.Expected = ptr(base + e*(target-base))
		ie.Expectation = ptr(e)
		switch {
		case target == base, ind.Kind == KindLevel && ind.Baseline == nil && ind.LowerIsBetter():
			ie.Notes = append(ie.Notes, "无法计算完成进度，仅判断是否达到目标")
			ie.Expected, ie.Expectation = nil, nil
		case ind.Kind == KindAnnual && ind.LowerIsBetter():
			c := v / target
			ie.Completion = ptr(c)
			ie.Gap = ptr((c - e) * 100)
			onTrack = c <= e+epsilon
		default:
			c := (v - base) / (target - base)
			ie.Completion = ptr(c)
			ie.Gap = ptr((e - c) * 100)
			onTrack = c >= e-epsilon
		}
		if e >= 1 {
			onTrack = ie.Met // at the end the target itself counts
		}
		progress := ""
		// A yearly cap (lower is better) is not reached before the year is over.
		reached := ie.Met && !(ind.Kind == KindAnnual && sign < 0 && e < 1)
		switch {
		case reached:
			ie.Reason = name + "，已达到目标" + ind.TargetLabel()
		case ie.Completion == nil, e >= 1:
			ie.Reason = name + "，未达到目标" + ind.TargetLabel()
		case onTrack:
			progress = "，达到时序进度 "
		case sign < 0:
			progress = "，高于时序进度 "
		default:
			progress = "，低于时序进度 "
		}
		if progress != "" {
			ie.Reason = name + progress + expectedAmount(*ie.Expected, ind.Measure)
			if ind.Kind == KindAnnual {
				ie.Reason += "（全年目标" + amountTight(target, ind.Measure) + "）"
			}
		}

	case KindShare, KindGrowth, KindReduction:
		ie.Completion, ie.Expectation = ptr(v), ptr(target)
		ie.Gap = ptr(sign * (target - v))
		switch {
		case ie.Met:
			ie.Reason = name + "，达到目标" + ind.TargetLabel()
		case *ie.Gap <= epsilon:
			ie.Reason = name + "，未达到目标" + ind.TargetLabel()
		case sign < 0:
			ie.Reason = name + "，高于目标 " + amount(target, ind.Measure) + "，相差 " + difference(*ie.Gap, ind.Measure)
		default:
			ie.Reason = name + "，低于目标 " + amount(target, ind.Measure) + "，相差 " + difference(*ie.Gap, ind.Measure)
		}

	case KindRank:
		ie.Completion, ie.Expectation = ptr(v), ptr(target)
		ie.Gap = ptr(v - target)
		margin = float64(cfg.RankMargin)
		if ie.Met {
			ie.Reason = name + "，达到目标" + ind.TargetLabel()
		} else {
			ie.Reason = name + "，未达到目标" + ind.TargetLabel() + "，落后 " + FormatNumber(roundTo(*ie.Gap, 2)) + " 位"
		}

	case KindTrend:
		ie.Basis, ie.BasisPeriod = ie.YearAgo, ie.Period.Add(-12)
		if ie.Basis == nil && ie.december != nil {
			ie.Basis, ie.BasisPeriod = ie.december, Period{Year: ie.Period.Year - 1, Month: 12}
		}
		if ie.Basis == nil {
			ie.BasisPeriod = Period{}
			ie.Status = IndicatorNoBasis
			ie.Reason = name + "，无上年同期及上年12月数据，暂无法判断是否提升"
			return
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
			ie.Reason = name + "，" + against + "上升 " + difference(v-b, ind.Measure)
		case v < b-epsilon:
			ie.Reason = name + "，" + against + "下降 " + difference(b-v, ind.Measure)
		default:
			ie.Reason = name + "，与" + ie.BasisPeriod.Label() + "持平，未提升"
		}
	}

	switch {
	case onTrack:
		ie.Status = IndicatorOnTrack
	case margin >= 0 && ie.Gap != nil && *ie.Gap > margin+epsilon:
		ie.Status = IndicatorFarBehind
	default:
		ie.Status = IndicatorBehind
	}
}

// noDataWhy explains in Chinese why the indicator has no figure.
func (ie *IndicatorEvaluation) noDataWhy() string {
	r := ie.Reporter
	switch {
	case r == nil:
		return ie.UnitName + "不在报送单位之列"
	case r.Current != nil:
		return ie.UnitName + "未填报"
	case r.Pending():
		return ie.UnitName + "尚未报送"
	case r.State == StateRefused:
		return ie.UnitName + "报送被退回"
	}
	return ie.UnitName + "未报送"
}

// meets reports whether v satisfies "v comparator target".
func meets(v, target float64, comparator string) bool {
	switch comparator {
	case ">=":
		return v >= target-epsilon
	case ">":
		return v > target+epsilon
	case "<=":
		return v <= target+epsilon
	case "<":
		return v < target-epsilon
	}
	return false
}

// amountTight writes a figure with its measure and no space, for labels inside brackets:
// 20个.
func amountTight(v float64, measure string) string { return FormatNumber(roundTo(v, 4)) + measure }

// ptr returns a pointer to a copy of v.
func ptr(v float64) *float64 { return &v }
