package render

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// Annex titles, as the 附件说明 and the annexes name them.
const (
	annexTasks      = "各项重点任务推进情况（各单位报送原文）"
	annexIndicators = "主要指标填报情况（各单位报送原文）"
)

// annexNote writes the 附件说明 under the body text.
func (b *brief) annexNote() {
	b.d.Paragraph("附件：1．" + annexTasks)
	b.d.Paragraph("　　　2．" + annexIndicators)
}

// taskAnnex writes 附件1: for every task, by project, what each of its lead and supporting
// units wrote in its current return — status, progress, problems and next month's plan —
// as written, attributed, and for units without a return why there is none.
func (b *brief) taskAnnex() {
	d := b.d
	d.Annex("附件1", annexTasks)
	d.Paragraph("以下按任务列出各牵头单位和配合单位本期报送文件（当前有效版本）填报的进展状态、本月工作进展、" +
		"存在问题及需协调事项和下月工作计划，均为原文。")
	for _, group := range b.projectGroups() {
		d.Heading(2, group.name)
		for _, te := range group.tasks {
			d.PlainHeading(3, fmt.Sprintf("%d．%s（%s）", te.No, te.Task.Title, te.Light.Label()))
			var rows [][]Cell
			for _, e := range te.Leads {
				rows = append(rows, entryRow(e, "牵头单位"))
			}
			support := te.Task.SupportLabel
			if support == "" {
				support = "配合单位"
			}
			for _, e := range te.Supports {
				rows = append(rows, entryRow(e, support))
			}
			if len(rows) == 0 {
				d.Paragraph("本任务未明确责任单位。")
				continue
			}
			d.Table(Table{
				Columns: []Column{{Header: "单位", Width: 3}, {Header: "进展状态", Width: 1.9, Align: AlignCenter},
					{Header: "报送内容", Width: 11}},
				Rows:     rows,
				FontSize: sizeSmall,
			})
		}
	}
}

// entryRow is one unit's row of a task in 附件1.
func entryRow(e gyqc.TaskEntry, role string) []Cell {
	if e.Via != "" {
		role += "（" + e.Via + "）"
	}
	unit := Cell{Spans: []Span{{Text: e.Unit.Name + "\n"}, {Text: role, Color: Gray}}}
	status := Cell{Text: e.StatusLabel()}
	if e.Report == nil {
		why := "无报送内容"
		if e.State != nil && e.State.Current != nil {
			why = "报送文件中未填报本任务"
		}
		return []Cell{unit, status, {Spans: []Span{{Text: "（" + why + "）", Color: Gray}}}}
	}
	r := e.Report
	var spans []Span
	for i, f := range []struct{ label, text string }{
		{"本月工作进展：", r.Progress}, {"存在问题及需协调事项：", r.Issues}, {"下月工作计划：", r.NextPlan}} {
		if i > 0 {
			spans = append(spans, Span{Text: "\n"})
		}
		spans = append(spans, Span{Text: f.label, Bold: true})
		if strings.TrimSpace(f.text) == "" {
			spans = append(spans, Span{Text: "（未填写）", Color: Gray})
		} else {
			spans = append(spans, Span{Text: f.text})
		}
	}
	return []Cell{unit, status, {Spans: spans}}
}

// indicatorAnnex writes 附件2: every indicator's figure as its unit wrote it in the cell,
// with the unit's explanation (情况说明).
func (b *brief) indicatorAnnex() {
	d, ev := b.d, b.ev
	d.Annex("附件2", annexIndicators)
	if len(ev.Indicators) == 0 {
		d.Paragraph("方案未设定量化指标。")
		return
	}
	rows := make([][]Cell, 0, len(ev.Indicators))
	for i, ie := range ev.Indicators {
		var written Cell
		switch {
		case strings.TrimSpace(ie.Raw) != "":
			written.Text = ie.Raw
		case ie.Value != nil:
			written.Text = gyqc.FormatNumber(*ie.Value)
		case ie.Source != nil:
			written.Spans = []Span{{Text: "（未填写）", Color: Gray}}
		default:
			label := "未报送"
			if ie.Reporter != nil {
				label = ie.Reporter.Label()
				if ie.Reporter.Pending() {
					label = "尚未报送"
				}
			}
			written.Spans = []Span{{Text: "（" + label + "）", Color: Gray}}
		}
		measure := ie.Indicator.Measure
		if ie.Indicator.Kind == gyqc.KindRank {
			measure = "名次"
		}
		rows = append(rows, []Cell{{Text: fmt.Sprint(i + 1)}, {Text: ie.Indicator.Name + "（" + measure + "）"},
			{Text: ie.UnitName}, written, {Text: ie.Note}})
	}
	d.Table(Table{
		Columns: []Column{{Header: "序号", Width: 1.2, Align: AlignCenter}, {Header: "指标（计量单位）", Width: 4.8},
			{Header: "报送单位", Width: 3.2}, {Header: "填报内容", Width: 2.6}, {Header: "情况说明", Width: 4.8}},
		Rows:     rows,
		FontSize: sizeSmall,
	})
}

// annex starts an annex on a new page: its label (附件1) at the top left in 黑体, with a
// bookmark, then its title centred. Heading numbers start again inside it.
func (d *Document) annex(label, title string) {
	d.PageBreak()
	d.numbers = [4]int{}
	atoms, styles := d.shaper().spans([]Span{{Text: label, Role: RoleHeading}}, sizeBody)
	d.add(&paragraph{atoms: atoms, styles: styles, size: sizeBody, lineH: lineH, align: alignLeft,
		heading: label + "　" + title, level: 0})
	d.Title(title)
}
