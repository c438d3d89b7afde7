package render

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// AnnexMode says which annexes a briefing carries (--annex).
type AnnexMode int

// Annex modes. The zero value is AnnexLagging.
const (
	// AnnexLagging: what the lead units of the red and yellow tasks wrote, as written.
	AnnexLagging AnnexMode = iota
	// AnnexNone: no annex; the texts are in the consolidated workbook's 明细 sheet.
	AnnexNone
	// AnnexFull: what every unit wrote for every task, and every indicator's figure as
	// written with the unit's explanation.
	AnnexFull
)

// ParseAnnexMode reads --annex: none, lagging or full.
func ParseAnnexMode(s string) (AnnexMode, bool) {
	switch strings.TrimSpace(strings.ToLower(s)) {
	case "", "lagging":
		return AnnexLagging, true
	case "none":
		return AnnexNone, true
	case "full":
		return AnnexFull, true
	}
	return AnnexLagging, false
}

// Annex titles, as the 附件说明 and the annexes name them.
const (
	annexLagging    = "亮红灯和黄灯任务牵头单位报送情况（原文）"
	annexTasks      = "各项重点任务推进情况（各单位报送原文）"
	annexIndicators = "主要指标填报情况（各单位报送原文）"
)

// annexes writes the 附件说明 under the body text and the annexes the mode asks for.
func (b *brief) annexes(mode AnnexMode) {
	switch mode {
	case AnnexNone:
	case AnnexFull:
		b.d.Paragraph("附件：1．" + annexTasks) // the 附件说明 stays with the end of the body
		b.d.KeepWithPrevious()
		b.d.Paragraph("　　　2．" + annexIndicators)
		b.d.KeepWithPrevious()
		b.taskAnnex("附件1", annexTasks, b.projectGroups(), true)
		b.indicatorAnnex()
	default:
		var lagging []*gyqc.TaskEvaluation
		for _, l := range []gyqc.Light{gyqc.LightRed, gyqc.LightYellow} {
			for _, te := range b.ev.Tasks {
				if te.Light == l {
					lagging = append(lagging, te)
				}
			}
		}
		if len(lagging) == 0 {
			return
		}
		b.d.Paragraph("附件：" + annexLagging)
		b.d.KeepWithPrevious()
		b.taskAnnex("附件", annexLagging, []projectGroup{{tasks: lagging}}, false)
	}
}

// taskAnnex writes an annex of tasks: for every task of the groups, what its lead units
// (and, when all is set, its supporting units) wrote in their current return — status,
// progress, problems and next month's plan — as written, attributed, and for units without
// a return why there is none. Groups with a name get a heading.
func (b *brief) taskAnnex(label, title string, groups []projectGroup, all bool) {
	d := b.d
	d.Annex(label, title)
	who := "各牵头单位"
	if all {
		who = "各牵头单位和配合单位"
	}
	d.Paragraph("以下按任务列出" + who + "本期报送文件（当前有效版本）填报的进展状态、本月工作进展、" +
		"存在问题及需协调事项和下月工作计划，均为原文。")
	for _, group := range groups {
		if group.name != "" {
			d.Heading(2, group.name)
		}
		for _, te := range group.tasks {
			level := 2
			if group.name != "" {
				level = 3
			}
			d.PlainHeading(level, fmt.Sprintf("%d．%s（%s）", te.No, te.Task.Title, te.Light.Label()))
			var rows [][]Cell
			for _, e := range te.Leads {
				rows = append(rows, entryRow(e, "牵头单位"))
			}
			support := te.Task.SupportLabel
			if support == "" {
				support = "配合单位"
			}
			if all {
				for _, e := range te.Supports {
					rows = append(rows, entryRow(e, support))
				}
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
			label := gyqc.StateMissing.Label()
			if ie.Reporter != nil {
				label = ie.Reporter.Shown().Label()
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
	d.numbers = headingNumbers{}
	atoms, styles := d.shaper().spans([]Span{{Text: label, Role: RoleHeading}}, sizeBody)
	d.add(&paragraph{atoms: atoms, styles: styles, size: sizeBody, lineH: lineH, align: alignLeft,
		heading: label + "　" + title, level: 0})
	d.Title(title)
}
