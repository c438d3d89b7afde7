package render

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// indicators writes 二、主要指标完成情况: the time-elapsed expectation, a table of every
// indicator (target, figure, completion, expectation, status), a chart of the completion of
// the cumulative and yearly indicators against the expectation, a chart of the percentage
// indicators against their targets, and the ranks and trends in words.
func (b *brief) indicators() {
	d, ev, h := b.d, b.ev, b.plan.Horizon
	d.Heading(1, "主要指标完成情况")
	if len(ev.Indicators) == 0 {
		d.Paragraph("方案未设定量化指标，本期无指标完成情况。")
		return
	}
	total := h.Last.Index() - h.Baseline.Index()
	months := min(max(ev.Period.Index()-h.Baseline.Index(), 0), max(total, 0))
	var ratio, points, other []*gyqc.IndicatorEvaluation
	for _, ie := range ev.Indicators {
		switch {
		case ie.Scale == gyqc.ScaleRatio && (ie.Completion != nil || ie.Value == nil):
			ratio = append(ratio, ie)
		case ie.Scale == gyqc.ScalePoints:
			points = append(points, ie)
		case ie.Scale == gyqc.ScaleRank || ie.Scale == gyqc.ScaleTrend:
			other = append(other, ie)
		}
	}

	// Charts only for what has figures: a chart of empty bars says nothing.
	withValue := func(list []*gyqc.IndicatorEvaluation) bool {
		for _, ie := range list {
			if ie.Value != nil {
				return true
			}
		}
		return false
	}
	if !withValue(ratio) {
		ratio = nil
	}
	if !withValue(points) {
		points = nil
	}

	// The expectation, and where to look.
	intro := fmt.Sprintf("方案确定主要指标%d项。按方案实施期限（%s至%s）计算，本期时序进度为%s（已过%d个月，共%d个月）；"+
		"年度指标按当年已过月份计算，本期时序进度为%s。各项指标完成情况见表%d", len(ev.Indicators),
		h.First.Label(), h.Last.Label(), pct(h.Elapsed(ev.Period)), months, total, pct(gyqc.YearElapsed(ev.Period)), b.tables+1)
	if len(ratio) > 0 {
		intro += fmt.Sprintf("，累计和年度指标的完成率见图%d", b.figures+1)
	}
	if len(points) > 0 {
		n := b.figures + 1
		if len(ratio) > 0 {
			n++
		}
		intro += fmt.Sprintf("，占比、增长率和降低率类指标见图%d", n)
	}
	intro += "。"
	if !withValue(ev.Indicators) {
		intro += "本期各项指标均无数据。"
	}
	d.Paragraph(intro)

	// The table of every indicator.
	rows := make([][]Cell, 0, len(ev.Indicators))
	for i, ie := range ev.Indicators {
		ind := ie.Indicator
		value := Cell{Text: "无数据", Spans: []Span{{Text: "无数据", Color: Gray}}}
		if ie.Value != nil {
			value = Cell{Text: figureText(*ie.Value, ind)}
		}
		rows = append(rows, []Cell{
			{Text: fmt.Sprint(i + 1)},
			{Text: ind.Name},
			{Text: ind.TargetLabel()},
			value,
			{Text: completionText(ie)},
			{Text: expectationText(ie)},
			{Spans: []Span{{Text: ie.Status.Label(), Color: statusColor(ie.Status), Bold: ie.Status == gyqc.IndicatorFarBehind}}},
		})
	}
	d.Table(Table{
		Caption: b.table("主要指标完成情况"),
		Columns: []Column{{Header: "序号", Width: 1.1, Align: AlignCenter}, {Header: "指标", Width: 4.1},
			{Header: "目标", Width: 2.2}, {Header: "本期数值", Width: 2, Align: AlignRight},
			{Header: "完成情况", Width: 2.4, Align: AlignRight}, {Header: "时序进度", Width: 1.9, Align: AlignRight},
			{Header: "状态", Width: 2.3, Align: AlignCenter}},
		Rows:     rows,
		FontSize: sizeSmall,
		Note:     b.indicatorNote(),
	})

	// Completion against the expectation. A chart begun at the foot of a page would leave a
	// bar or two there: it starts on a new page unless the room for eight bars is left.
	if len(ratio) > 0 {
		d.NeedRoom(chartRoom(len(ratio)))
		bars := make([]Bar, 0, len(ratio))
		for _, ie := range ratio {
			bar := Bar{Label: ie.Indicator.Name}
			if ie.Completion != nil {
				bar.Value = Percent(*ie.Completion * 100)
				bar.Text = pct(*ie.Completion) + " " + ie.Status.Label()
			}
			if ie.Expectation != nil {
				bar.Expected = Percent(*ie.Expectation * 100)
			}
			bars = append(bars, bar)
		}
		d.BarChart(BarChart{Caption: b.figure("累计和年度指标完成率"), Bars: bars})
	}

	// Percentages against their targets.
	if len(points) > 0 {
		d.NeedRoom(chartRoom(len(points)))
		bars := make([]Bar, 0, len(points))
		for _, ie := range points {
			bar := Bar{Label: ie.Indicator.Name}
			if ie.Value != nil {
				bar.Value = Percent(*ie.Value)
				bar.Text = figureText(*ie.Value, ie.Indicator) + " " + ie.Status.Label()
			}
			if ie.Indicator.Target != nil {
				bar.Expected = Percent(*ie.Indicator.Target)
			}
			bars = append(bars, bar)
		}
		d.BarChart(BarChart{Caption: b.figure("占比、增长率和降低率类指标"), Bars: bars,
			ValueLegend: "本期数值", ExpectedLegend: "目标值"})
	}

	// Ranks and trends, which have no percentage of completion.
	if len(other) > 0 {
		parts := make([]string, 0, len(other))
		for _, ie := range other {
			part := strings.TrimSuffix(ie.Reason, "。")
			if ie.Status != gyqc.IndicatorNoData && ie.Status != gyqc.IndicatorNoBasis { // their reasons say so
				part += "（" + ie.Status.Label() + "）"
			}
			parts = append(parts, part)
		}
		d.Paragraph("排位和逐年提升类指标不计算完成率，按名次和升降评价：" + strings.Join(parts, "；") + "。")
	}
}

// completionText is the 完成情况 cell of an indicator, in the terms of its kind: the share
// reached for cumulative and yearly indicators, the distance to the target for
// percentages and ranks, the change for trends.
func completionText(ie *gyqc.IndicatorEvaluation) string {
	if ie.Value == nil {
		return "—"
	}
	switch ie.Scale {
	case gyqc.ScaleRatio:
		if ie.Completion == nil {
			if ie.Met {
				return "已达到目标"
			}
			return "未达到目标"
		}
		return pct(*ie.Completion)
	case gyqc.ScalePoints:
		if ie.Met || ie.Gap == nil || *ie.Gap <= 0 {
			if ie.Met {
				return "已达到目标"
			}
			return "未达到目标"
		}
		return "相差" + gyqc.FormatPoints(*ie.Gap) + "个百分点"
	case gyqc.ScaleRank:
		if ie.Met || ie.Gap == nil {
			return "已达到目标"
		}
		return "落后" + gyqc.FormatPoints(*ie.Gap) + "位"
	case gyqc.ScaleTrend:
		if ie.Basis == nil {
			return "无可比数据"
		}
		d := *ie.Value - *ie.Basis
		against := "较" + ie.BasisPeriod.Label()
		switch {
		case ie.Met:
			return against + "上升" + gyqc.FormatPoints(d) + "个百分点"
		case d < 0:
			return against + "下降" + gyqc.FormatPoints(-d) + "个百分点"
		}
		return "与" + ie.BasisPeriod.Label() + "持平"
	}
	return "—"
}

// expectationText is the 时序进度 cell: the expectation of cumulative and yearly
// indicators, a dash for the kinds judged against the target itself.
func expectationText(ie *gyqc.IndicatorEvaluation) string {
	if ie.Scale == gyqc.ScaleRatio && ie.Expectation != nil {
		return pct(*ie.Expectation)
	}
	return "—"
}

// indicatorNote is the note under the indicator table: how completion and the expectation
// are computed, the margins, and the notes on single indicators.
func (b *brief) indicatorNote() string {
	lights := b.plan.Lights
	note := fmt.Sprintf("注：累计指标的完成率为（本期数值－基期值）÷（目标值－基期值），年度指标为当年累计数÷全年目标；"+
		"完成率不低于时序进度为符合进度，低于时序进度%[1]s个百分点以内为滞后，超过的为严重滞后。"+
		"占比、增长率和降低率类指标按本期数值与目标相差的百分点评价（相差超过%[1]s个百分点为严重滞后），排位类指标按名次评价（落后%[2]d位以上为严重滞后），"+
		"逐年提升类指标与上年同期（无上年同期数据时与上年12月）比较。", gyqc.FormatPoints(lights.Margin), lights.RankMargin+1)
	var notes countBy
	for _, ie := range b.ev.Indicators {
		for _, n := range ie.Notes {
			notes.add(n, ie.Indicator.Name)
		}
	}
	for _, n := range notes.keys {
		names := notes.names[n]
		who := joinNames(names)
		if len(names) > 3 {
			who = fmt.Sprintf("%s等%d项指标", joinNames(names[:2]), len(names))
		}
		note += who + strings.TrimSuffix(n, "。") + "。"
	}
	return note
}

// chartRoom is the height a chart of n bars needs on a page before it may start there: its
// caption, legend and axis and up to eight bars of two-line labels.
func chartRoom(n int) float64 {
	return 2 + 8 + chartLegend + chartAxisH + float64(min(n, 8))*(2*chartPadY+2*sizeSmall*ptToMM*1.35)
}
