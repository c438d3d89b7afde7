package consolidate

import (
	"strings"

	"github.com/qianjiang/gyqc"
)

// indicatorColumns are the columns of 指标完成.
var indicatorColumns = []Column{
	{Header: "序号", Width: 5, Center: true},
	{Header: "指标代码", Width: 12, Max: 24},
	{Header: "指标", Width: 22, Wrap: true},
	{Header: "所属任务", Width: 6, Center: true},
	{Header: "类型", Width: 9, Center: true},
	{Header: "目标", Width: 12, Wrap: true},
	{Header: "计量单位", Width: 6, Center: true},
	{Header: "基期值", Width: 9},
	{Header: "本期值", Width: 10},
	{Header: "数据截至", Width: 9, Center: true},
	{Header: "上期值", Width: 10},
	{Header: "上年同期值", Width: 10},
	{Header: "同比增长", Width: 8},
	{Header: "完成进度", Width: 9},
	{Header: "序时进度", Width: 9},
	{Header: "进度要求值", Width: 10},
	{Header: "落后幅度", Width: 12},
	{Header: "达到目标", Width: 6, Center: true},
	{Header: "进度判断", Width: 9, Center: true},
	{Header: "判断说明", Width: 40, Wrap: true},
	{Header: "报送单位", Width: 14, Wrap: true},
	{Header: "报送状态", Width: 12, Wrap: true},
	{Header: "来源版本", Width: 6, Center: true},
	{Header: "来源文件哈希（前12位）", Width: 14},
	{Header: "情况说明", Width: 24, Wrap: true},
}

// indicators builds 指标完成: every indicator with its target, its figures now, last period
// and a year earlier, its completion against the expectation by the arithmetic of its kind,
// and where the figure comes from.
func (s *summary) indicators() *Table {
	t := &Table{Name: SheetIndicators, Columns: indicatorColumns}
	for i, ie := range s.ev.Indicators {
		ind := ie.Indicator
		baseline := Cell{}
		if ind.Kind == gyqc.KindLevel {
			baseline = figure(ind.Baseline, "未设定")
		}
		version, hash := Cell{}, Cell{}
		if ie.Source != nil {
			version, hash = integer(ie.Source.Version), text(shortHash(ie.Source.Hash))
		}
		met := yesNo(ie.Met)
		if ie.Value == nil {
			met = noData("无数据")
		}
		reason := ie.Reason
		if len(ie.Notes) > 0 {
			reason += "（" + strings.Join(ie.Notes, "；") + "）"
		}
		completion, expectation, required, gap := s.progress(ie)
		t.Rows = append(t.Rows, []Cell{
			integer(i + 1),
			text(ind.Key),
			text(ind.Name),
			integer(ind.Task),
			text(ind.Kind.Label()),
			text(ind.TargetLabel()),
			text(ind.Measure),
			baseline,
			figure(ie.Value, s.currentWhy(ie)),
			text(ie.Covers.Label()),
			figure(ie.Previous, "无数据"),
			figure(ie.YearAgo, "无数据"),
			yearOnYear(ie),
			completion,
			expectation,
			required,
			gap,
			met,
			statusCell(ie.Status),
			text(reason),
			text(ie.UnitName),
			text(stateLabel(ie.Reporter)),
			version,
			hash,
			text(ie.Note),
		})
	}
	return t
}

// progress returns the cells of completion, expectation, the figure required by now and the
// gap, by the indicator's scale:
//   - ratio (level, flow, annual): completion and time-elapsed expectation as percentages,
//     the figure expected by now, the gap in percentage points (a level's in its measure);
//   - points (share, growth, reduction): the target as the figure required, the gap in
//     percentage points;
//   - rank: the target rank, the gap in places;
//   - trend: the earlier figure it must exceed, the gap in the indicator's measure.
//
// The gap is shown for an indicator behind its path only (gapCell).
func (s *summary) progress(ie *gyqc.IndicatorEvaluation) (completion, expectation, required, gap Cell) {
	na := noData("不适用")
	why := "无数据"
	if ie.Value != nil {
		why = "无法计算"
	}
	switch ie.Scale {
	case gyqc.ScaleRatio:
		completion = computed(ie.Completion, FormatPercent, why)
		expectation = computed(ie.Expectation, FormatPercent, "无法计算")
		required = computed(ie.Expected, FormatDecimal1, "无法计算")
		if ie.Indicator.Whole() {
			required = computed(ie.Expected, FormatFigure, "无法计算") // 6, not 6.0 (个)
		}
		gap = gapCell(ie, FormatPoints, why)
		if ie.Indicator.Kind == gyqc.KindLevel {
			gap = shortfall(ie, gap)
		}
	case gyqc.ScalePoints:
		completion, expectation = na, na
		required = figure(ie.Indicator.Target, "未设定")
		gap = gapCell(ie, FormatPoints, why)
	case gyqc.ScaleRank:
		completion, expectation = na, na
		required = figure(ie.Indicator.Target, "未设定")
		gap = gapCell(ie, FormatPlaces, why)
	default: // trend
		completion, expectation = na, na
		required = figure(ie.Basis, "无可比数据")
		gap = gapCell(ie, FormatFigure, why)
		if ie.Value != nil && ie.Basis == nil {
			gap = noData("无可比数据")
		}
	}
	return completion, expectation, required, gap
}

// gapCell is 落后幅度 as the office reads it: how far an indicator is behind its path, in
// the unit of its scale (f), for one behind it only; one ahead says 超前 and one exactly on
// it 持平, never a negative number (a count far ahead of a short path came out as −200 个百分点,
// right but unreadable); one not judged this period says so, one without a gap why (why).
func gapCell(ie *gyqc.IndicatorEvaluation, f Format, why string) Cell {
	switch {
	case ie.Status == gyqc.IndicatorNotDue:
		return noData(ie.Status.Label())
	case ie.Gap == nil:
		return noData(why)
	}
	switch g := round6(*ie.Gap); {
	case g > 0:
		return number(g, f)
	case g < 0:
		return text("超前")
	}
	return text("持平")
}

// shortfall is the 落后幅度 of a level behind its path: what it lacks of the figure required
// by now, in its own measure (1个 short of the 6 expected), as its judgement reads. Its Gap,
// in points of the distance from the baseline to the target, did not add up with the
// 完成进度 and 序时进度 beside it, which are shares of the target (62.5% and 75.0% with a
// 落后幅度 of 33.3个百分点 for one workshop short). Other cells of gapCell stay.
func shortfall(ie *gyqc.IndicatorEvaluation, gap Cell) Cell {
	if gap.Kind != CellNumber || ie.Expected == nil || ie.Value == nil {
		return gap
	}
	short := *ie.Expected - *ie.Value
	if ie.Indicator.LowerIsBetter() {
		short = -short
	}
	return measured(round6(short), ie.Indicator.Measure)
}

// currentWhy says why the indicator has no figure this period.
func (s *summary) currentWhy(ie *gyqc.IndicatorEvaluation) string {
	r := ie.Reporter
	switch {
	case r == nil:
		return "无数据"
	case r.Current != nil:
		return valueWhy(r.Current.Value(ie.Key))
	}
	return stateLabel(r)
}

// yearOnYear is a flow's 同比增长 (as reported, or computed on last year's same months); other
// kinds have none.
func yearOnYear(ie *gyqc.IndicatorEvaluation) Cell {
	if ie.Indicator.Kind != gyqc.KindFlow {
		return noData("不适用")
	}
	if ie.YearOnYear == nil {
		return noData("无数据")
	}
	r := *ie.YearOnYear / 100 // a ratio, shown as a percentage
	return computed(&r, FormatPercent, "无数据")
}
