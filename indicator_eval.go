package gyqc

import (
	"fmt"
	"math"
)

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
	IndicatorNotDue    IndicatorStatus = "not_due"    // 本期不考核: no figure is published for the month
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
	case IndicatorNotDue:
		return "本期不考核"
	}
	return string(s)
}

// Open reports whether the status leaves the indicator unjudged for want of a basis or
// because no figure is due: neither on track nor behind.
func (s IndicatorStatus) Open() bool { return s == IndicatorNoBasis || s == IndicatorNotDue }

// Lagging reports whether the status is behind or far behind.
func (s IndicatorStatus) Lagging() bool { return s == IndicatorBehind || s == IndicatorFarBehind }

// Scale says how an indicator's Completion and Expectation read, which depends on its kind.
type Scale string

// Scales of completion.
const (
	// ScaleRatio (level, flow, annual): Completion is the share of the target reached (0.45
	// is 45%; for flows and annual counts of the year's target); Expectation is the path's
	// share of it at the month covered (序时进度); Gap is in percentage points of the distance
	// from the baseline to the target (of the year's target for flows).
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
	case KindLevel, KindFlow, KindAnnual:
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
	Covers    Period       `json:"covers"`         // the month the figure covers (数据截至)
	Previous  *float64     `json:"previous"`       // the period before, where history has it
	YearAgo   *float64     `json:"year_ago"`       // twelve periods before, where history has it

	Basis       *float64 `json:"basis,omitempty"` // trend: the earlier value compared with
	BasisPeriod Period   `json:"basis_period,omitempty"`

	Scale       Scale    `json:"scale"`
	Completion  *float64 `json:"completion"`             // see Scale; nil when it cannot be computed
	Expectation *float64 `json:"expectation"`            // see Scale
	Expected    *float64 `json:"expected"`               // the figure expected at Covers on the path, in the indicator's measure
	YearTarget  *float64 `json:"year_target"`            // flows and annual counts: the target of Covers' year
	YearOnYear  *float64 `json:"year_on_year,omitempty"` // flows: growth in percent on the same months of last year
	// Growth is the 同比增长 the unit reported (flows); it stands for YearOnYear when reported,
	// and a flow reported by its growth alone is judged on it.
	Growth   *float64 `json:"growth,omitempty"`
	Baseline *float64 `json:"baseline"` // the path's start: the plan's baseline or the stand-in
	// BaselinePeriod is the month Baseline describes; BaselineStandIn says that it is the first
	// figure the workspace holds because the plan sets no baseline.
	BaselinePeriod  Period   `json:"baseline_period,omitzero"`
	BaselineStandIn bool     `json:"baseline_stand_in,omitempty"`
	Accountable     []string `json:"accountable"` // codes of the units answerable for it
	Gap             *float64 `json:"gap"`         // how far behind the expectation (negative: ahead); see Scale
	Met             bool     `json:"met"`         // the target itself is reached

	Status  IndicatorStatus  `json:"status"`
	Notes   []string         `json:"notes,omitempty"` // such as 未设定基期值
	Reason  string           `json:"reason"`          // one sentence, such as 新开工投资… 8 个，低于时序进度 11.7 个
	History []IndicatorPoint `json:"history,omitempty"`

	december *float64  // the previous December's value, for trends
	base     *baseline // the path's start; nil: none yet
	baseUsed bool      // the expectation of the period was computed from base
}

// State returns the indicator's state as the machine-readable evaluation names it: met,
// on_track, behind, far_behind, not_due, no_basis or no_data.
func (ie *IndicatorEvaluation) State() string {
	if ie.Status == IndicatorOnTrack && ie.Met {
		return "met"
	}
	return string(ie.Status)
}

// figureLabel writes the figure with the month it covers: "1—6月累计11.2亿元" for a figure
// of the year so far, "第2位", "15.2%（2025年6月）".
func (ie *IndicatorEvaluation) figureLabel(v float64) string {
	ind := ie.Indicator
	switch {
	case ind.Kind.YearToDate() && ie.Covers.Month == 1:
		return FormatNumber(float64(ie.Covers.Year)) + "年1月" + amountTight(v, ind.Measure)
	case ind.Kind.YearToDate():
		return fmt.Sprintf("%d年1—%d月累计%s", ie.Covers.Year, ie.Covers.Month, amountTight(v, ind.Measure))
	case ind.Kind == KindRank:
		return "第" + FormatNumber(v) + "位（" + ie.Covers.Label() + "）"
	}
	return amountTight(v, ind.Measure) + "（" + ie.Covers.Label() + "）"
}

// expectedLabel writes an expected value: "第3位", "6个", "17.1%".
func (ie *IndicatorEvaluation) expectedLabel(e float64) string {
	if ie.Indicator.Kind == KindRank {
		return "第" + FormatNumber(e) + "位"
	}
	return amountTight(roundTo(e, 2), ie.Indicator.Measure)
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

// oneShort reports whether a count is short of its expectation by a single item: things
// recognised one at a time (企业、车间、项目) fall behind in whole steps, so one short is 滞后,
// never 严重滞后, however small the target.
func (ie *IndicatorEvaluation) oneShort() bool {
	return ie.Indicator.Whole() && ie.Expected != nil && ie.Value != nil && math.Abs(*ie.Expected-*ie.Value) <= 1+epsilon
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
