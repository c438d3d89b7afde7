package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/qianjiang/gyqc"
)

// indicators writes 二、主要指标完成情况: the expectation in one sentence, a table of only the
// indicators that need attention (behind their path, or without a figure) with the
// evaluation's own words for each, a chart of the completion of the cumulative and yearly
// indicators against the expectation, and the rest counted in one sentence.
func (b *brief) indicators() {
	d, ev, h := b.d, b.ev, b.plan.Horizon
	d.Heading(1, "主要指标完成情况")
	if len(ev.Indicators) == 0 {
		d.Paragraph("方案未设定量化指标，本期无指标完成情况。")
		return
	}
	var attention, onTrack, other []*gyqc.IndicatorEvaluation
	for _, ie := range ev.Indicators {
		switch {
		case ie.Status == gyqc.IndicatorOnTrack:
			onTrack = append(onTrack, ie)
		case ie.Status.Lagging() || ie.Status == gyqc.IndicatorNoData:
			attention = append(attention, ie)
		default:
			other = append(other, ie)
		}
	}
	// The chart shows the completion of the cumulative and yearly indicators not yet at
	// their target; those at it are counted.
	var ratio []*gyqc.IndicatorEvaluation
	met := 0
	for _, ie := range ev.Indicators {
		switch {
		case ie.Scale != gyqc.ScaleRatio || ie.Completion == nil:
		case ie.Met:
			met++
		default:
			ratio = append(ratio, ie)
		}
	}

	// The expectation, and where to look.
	var p strings.Builder
	// How the expectation is computed goes to the note of table 1 when there is one; the
	// indicators not due are named below.
	p.WriteString("各项指标按数据所属月份对照序时进度评价")
	if len(attention) == 0 {
		p.WriteString("：" + expectationRule(h.Last.Year))
	}
	if !slices.ContainsFunc(other, func(ie *gyqc.IndicatorEvaluation) bool { return ie.Status == gyqc.IndicatorNotDue }) {
		p.WriteString("；未到统计发布时间的指标本期不考核")
	}
	p.WriteString("。")
	switch {
	case len(onTrack) == len(ev.Indicators):
		fmt.Fprintf(&p, "%d项指标均符合进度", len(onTrack))
	case len(attention) > 0:
		fmt.Fprintf(&p, "滞后于序时进度或无数据的%d项指标见表%d", len(attention), b.tables+1)
		if len(onTrack) > 0 {
			fmt.Fprintf(&p, "，其余%d项中符合进度%d项", len(ev.Indicators)-len(attention), len(onTrack))
		}
	default:
		fmt.Fprintf(&p, "符合进度%d项", len(onTrack))
	}
	var notDue []string
	for _, ie := range other {
		if ie.Status == gyqc.IndicatorNotDue {
			notDue = append(notDue, ie.Indicator.Name)
			continue
		}
		fmt.Fprintf(&p, "；%s", tight(ie.Reason))
		p.WriteString("（" + ie.Status.Label() + "）")
	}
	switch {
	case len(notDue) > 3: // named in the workbook's 指标完成 sheet
		fmt.Fprintf(&p, "；%s等%d项指标按季或按年发布，本期不考核", notDue[0], len(notDue))
	case len(notDue) > 0:
		fmt.Fprintf(&p, "；%s%d项指标按季或按年发布，本期不考核", joinNames(notDue), len(notDue))
	}
	switch {
	case len(ratio) > 0 && met > 0:
		fmt.Fprintf(&p, "。累计和年度指标中已达到目标的%d项，其余%d项的完成率见图%d", met, len(ratio), b.figures+1)
	case len(ratio) > 0:
		fmt.Fprintf(&p, "。累计和年度指标的完成率见图%d", b.figures+1)
	case met > 0:
		fmt.Fprintf(&p, "。累计和年度指标%d项均已达到目标", met)
	}
	p.WriteString("。")
	d.Paragraph(p.String())

	if len(attention) > 0 {
		b.indicatorTable(attention)
	}
	if len(ratio) > 0 {
		b.completionChart(ratio, met)
	}
}

// completionChart draws the completion of the cumulative and yearly indicators not yet at
// their target against their expectation, met of them being at it.
func (b *brief) completionChart(ratio []*gyqc.IndicatorEvaluation, met int) {
	b.d.NeedRoom(chartRoom(len(ratio)))
	bars := make([]Bar, 0, len(ratio))
	for _, ie := range ratio {
		bar := Bar{Label: ie.Indicator.Name, Value: Percent(*ie.Completion * 100), Light: barLight(ie.Status)}
		bar.Text = pct(*ie.Completion)
		if ie.Expectation != nil {
			bar.Expected = Percent(*ie.Expectation * 100)
		}
		bars = append(bars, bar)
	}
	caption := "累计和年度指标完成率"
	if met > 0 {
		caption = "未达到目标的累计和年度指标完成率"
	}
	b.d.BarChart(BarChart{Caption: b.figure(caption), Bars: bars, Legends: statusLegends})
}

// statusLegends name the bar colours of the completion chart by indicator status.
var statusLegends = map[gyqc.Light]string{
	gyqc.LightGreen:  gyqc.IndicatorOnTrack.Label(),
	gyqc.LightYellow: gyqc.IndicatorBehind.Label(),
	gyqc.LightRed:    gyqc.IndicatorFarBehind.Label(),
}

// barLight is the colour of an indicator's bar: the light its status gives a task.
func barLight(s gyqc.IndicatorStatus) gyqc.Light {
	switch s {
	case gyqc.IndicatorOnTrack:
		return gyqc.LightGreen
	case gyqc.IndicatorBehind:
		return gyqc.LightYellow
	case gyqc.IndicatorFarBehind:
		return gyqc.LightRed
	}
	return gyqc.LightNone
}

// indicatorTable writes the table of indicators that need attention: target, the
// evaluation's words on where it stands, status and the units accountable for it.
func (b *brief) indicatorTable(list []*gyqc.IndicatorEvaluation) {
	b.indicatorTableNo = b.tables + 1
	b.indicatorRow = make(map[string]int, len(list))
	rows := make([][]Cell, 0, len(list))
	for i, ie := range list {
		ind := ie.Indicator
		b.indicatorRow[ie.Key] = i + 1
		status := Cell{Spans: []Span{{Text: ie.Status.Label(), Color: statusColor(ie.Status), Bold: ie.Status == gyqc.IndicatorFarBehind}}}
		var names []string // the units answerable for it, who bear its deductions
		for _, code := range ie.Accountable {
			if u := b.plan.Registry.Unit(code); u != nil {
				names = append(names, u.Name)
			}
		}
		lead := joinNames(names)
		rows = append(rows, []Cell{{Text: fmt.Sprint(i + 1)}, {Text: ind.Name}, {Text: ind.TargetLabel()},
			{Text: b.indicatorCell(ie)}, status, {Text: lead}})
	}
	b.d.Table(Table{
		Caption: b.table("滞后于序时进度或无数据的指标"),
		Columns: []Column{{Header: "序号", Align: AlignCenter, NoWrap: true}, {Header: "指标"}, {Header: "目标", NoWrap: true},
			{Header: "本期完成情况"}, {Header: "状态", Align: AlignCenter, NoWrap: true}, {Header: "责任单位"}},
		Rows:     rows,
		FontSize: sizeSmall,
		Note:     b.indicatorNote(list),
	})
}

// reasonWithout is an evaluation's reason without the name it starts with, for a table
// whose row already names the indicator: "规模以上工业企业数量 80 家，低于序时进度 85 家" →
// "80家，低于序时进度85家".
func reasonWithout(reason, name string) string {
	r := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(reason), "。"))
	if rest, ok := strings.CutPrefix(r, name); ok && rest != "" {
		r = strings.TrimLeft(rest, " ，,")
	}
	return tight(r)
}

// indicatorCell is the 本期完成情况 of an indicator in table 1: its evaluation's reason
// without what the row and the paragraph above already say — the indicator's name, the year
// and month of a figure of the period itself, and the target the expectation is computed from
// when it is the target in the 目标 column (the rule is stated above the table):
// "规模以上工业产值2025年1—5月累计165.63亿元，低于序时进度166.67亿元（2025年目标400亿元×5/12）"
// → "1—5月累计165.63亿元，低于序时进度166.67亿元".
func (b *brief) indicatorCell(ie *gyqc.IndicatorEvaluation) string {
	r := reasonWithout(ie.Reason, ie.Indicator.Name)
	p := b.ev.Period
	if ie.Covers.Year == p.Year {
		year := fmt.Sprintf("%d年", p.Year)
		if rest, ok := strings.CutPrefix(r, year); ok && strings.HasPrefix(rest, "1") {
			r = rest // 2025年1—5月累计… → 1—5月累计…
		}
	}
	if ie.Covers == p {
		r = strings.Replace(r, "（"+p.Label()+"）", "", 1)
	}
	if ind := ie.Indicator; ind.Target != nil && ind.TargetYear == ie.Covers.Year {
		target := fmt.Sprintf("（%d年目标", ind.TargetYear)
		if i := strings.Index(r, target); i >= 0 {
			if j := strings.Index(r[i:], "）"); j >= 0 {
				group := r[i : i+j+len("）")]
				sameTarget := ie.YearTarget == nil || *ie.YearTarget == *ind.Target
				if sameTarget && (strings.Contains(group, "×") || strings.Contains(group, ind.TargetLabel())) {
					r = r[:i] + r[i+j+len("）"):]
				}
			}
		}
	}
	return r
}

// indicatorNote is the note under the indicator table: how the expectation is computed and
// the margins, and the notes the evaluation attached to the indicators listed.
func (b *brief) indicatorNote(list []*gyqc.IndicatorEvaluation) string {
	lights := b.plan.Lights
	note := fmt.Sprintf("注：序时进度：%s。落后序时进度不超过%s个百分点（年度指标按占全年目标的比例，期末数按基期到目标的进度，"+
		"占比、增长率和降低率类按百分点）为滞后，超过的为严重滞后；计数类仅差1个的为滞后；排位类落后%d位以上为严重滞后。",
		expectationRule(b.plan.Horizon.Last.Year), gyqc.FormatPoints(lights.Margin), lights.RankMargin+1)
	var notes countBy
	for _, ie := range list {
		for _, n := range ie.Notes {
			if !strings.HasPrefix(n, "方案未设定基期值") { // said once for all, below
				notes.add(n, ie.Indicator.Name)
			}
		}
	}
	if n := len(b.ev.StandInBaselines()); n > 0 {
		annual := ""
		if b.ev.AnnualisedStandIns() > 0 {
			annual = "（年度指标折合全年）"
		}
		note += fmt.Sprintf("方案未设定基期值的%d项指标，以本工作区首个数据为基数%s，详见汇总表。", n, annual)
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
// caption, legend and axis and up to eight bars.
func chartRoom(n int) float64 {
	return 2 + 8 + chartLegend + chartAxisH + float64(min(n, 8))*chartRowH
}

// expectationRule says how the expectation of an indicator is computed, for the plan's last
// year.
func expectationRule(year int) string {
	return fmt.Sprintf("产值、增加值等年度指标按本年目标×已过月数/12，其余指标按基期值到%d年目标（含年度分解目标）的直线进度，计数类取整", year)
}
