package templates

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/celltext"
)

// Minimum heights of data rows, in lines, so that there is room to type.
const (
	taskMinLines      = 5
	indicatorMinLines = 2
	lastPlanMaxRunes  = 160 // the last plan shown in 上期情况 is cut after this many characters
)

// dataRow is one row of a table sheet: its key and its cells by field (strings, numbers,
// or nil for an empty input).
type dataRow struct {
	key   string
	cells map[Field]any
}

// table writes a table sheet: title, info line, headers, rows, widths, freeze, print set-up.
// It returns the numbers of the first and last data rows (last < first when there are none).
func (b *builder) table(t *Table, rows []dataRow, minLines int, emptyText string) (first, last int) {
	sheet := t.Sheet
	lastVisible := t.LastVisibleLetter()
	first = t.FirstDataRow()

	// Title, info line and headers.
	b.merge(sheet, "A1", lastVisible+"1", b.st.title)
	b.set(sheet, "A1", b.shortTitle()+t.Title, b.st.title)
	b.height(sheet, 1, 32)
	b.merge(sheet, "A2", lastVisible+"2", b.st.info)
	b.set(sheet, "A2", b.infoLine(), b.st.info)
	b.height(sheet, 2, 22)
	for i, c := range t.Columns {
		letter, _ := excelize.ColumnNumberToName(i + 1)
		b.set(sheet, letter+strconv.Itoa(t.HeaderRow), c.Header, b.st.header)
	}
	b.height(sheet, t.HeaderRow, 30)

	// Data rows.
	row := first
	for _, r := range rows {
		lines := minLines
		for i, c := range t.Columns {
			letter, _ := excelize.ColumnNumberToName(i + 1)
			cell := letter + strconv.Itoa(row)
			v := r.cells[c.Field]
			if c.Field == FieldKey {
				v = r.key
			}
			b.set(sheet, cell, v, b.columnStyle(c))
			if s, ok := v.(string); ok && !c.Hidden {
				lines = max(lines, celltext.Lines(s, c.Width))
			}
		}
		b.height(sheet, row, celltext.RowHeight(lines))
		row++
	}
	last = row - 1
	if len(rows) == 0 {
		b.merge(sheet, "A"+strconv.Itoa(first), lastVisible+strconv.Itoa(first), b.st.locked)
		b.set(sheet, "A"+strconv.Itoa(first), emptyText, b.st.locked)
		b.height(sheet, first, celltext.RowHeight(1))
		row++
	}

	// Widths, frozen headers, print set-up, the used range (openpyxl's read-only mode trusts it).
	b.columns(sheet, t.Columns)
	if b.err == nil {
		input := t.Letter(firstInput(t)) + strconv.Itoa(first)
		b.check(b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: t.HeaderRow, TopLeftCell: "A" + strconv.Itoa(first),
			ActivePane: "bottomLeft", Selection: []excelize.Selection{{SQRef: input, ActiveCell: input, Pane: "bottomLeft"}}}))
		b.check(b.f.SetSheetDimension(sheet, fmt.Sprintf("A1:%s%d", t.LastLetter(), max(row-1, t.HeaderRow))))
	}
	b.page(sheet, "landscape", t.HeaderRow)
	return first, last
}

// columnRange returns the reference of field's cells from row first to row last: G4:G9, or
// G4 for one row (the form Excel and openpyxl use).
func columnRange(t *Table, f Field, first, last int) string {
	if first == last {
		return t.Cell(f, first)
	}
	return t.Cell(f, first) + ":" + t.Cell(f, last)
}

// firstInput returns the first input field of t.
func firstInput(t *Table) Field {
	for _, c := range t.Columns {
		if c.Input {
			return c.Field
		}
	}
	return t.Columns[0].Field
}

// columnStyle returns the style of a data cell of column c.
func (b *builder) columnStyle(c Column) int {
	switch {
	case c.Hidden:
		return b.st.key
	case c.Field == FieldValue:
		return b.st.inputNumber
	case c.Input && c.Center:
		return b.st.inputCenter
	case c.Input:
		return b.st.inputText
	case c.Center:
		return b.st.lockedCenter
	}
	return b.st.locked
}

// tasks writes the 任务进展 sheet: one row per task the unit takes part in.
func (b *builder) tasks(list []gyqc.Assignment) {
	t := &b.lay.Tasks
	rows := make([]dataRow, 0, len(list))
	for _, a := range list {
		cells := map[Field]any{}
		for _, c := range taskCells(b.plan, a) {
			cells[c.Field] = cellValue(c)
		}
		// Last month's status is shown beside 进展状态, which stays empty: a status counts only
		// when the unit chose it this month.
		cells[FieldLast], cells[FieldLastStatus] = b.lastTaskText(a.Task), b.lastStatus(a.Task)
		rows = append(rows, dataRow{key: TaskKey(a.Task), cells: cells})
	}
	first, last := b.table(t, rows, taskMinLines, "本单位本期没有承担的任务，本表无需填写。")
	if last < first || b.err != nil {
		return
	}
	// One drop-down for the rows the unit leads, one for those it supports: only a
	// supporting unit may say 本月无相关工作.
	for _, role := range []gyqc.Role{gyqc.RoleLead, gyqc.RoleSupport} {
		var cells []string
		for i, a := range list {
			if a.Role == role {
				cells = append(cells, t.Cell(FieldStatus, first+i))
			}
		}
		if len(cells) > 0 {
			b.statusValidation(t.Sheet, strings.Join(cells, " "), role)
		}
	}
	for _, f := range []Field{FieldProgress, FieldPractice, FieldIssues, FieldNextPlan} {
		if t.Index(f) == 0 {
			continue
		}
		c, _ := t.Column(f)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(columnRange(t, f, first, last))
		dv.SetInput(c.Header, textPrompt(f))
		b.validate(t.Sheet, dv)
	}
}

// statusValidation adds the drop-down of 进展状态 to the cells (a space-separated list) of
// rows in role.
func (b *builder) statusValidation(sheet, cells string, role gyqc.Role) {
	var names []string
	for _, s := range gyqc.Statuses {
		if s.For(role) {
			names = append(names, string(s))
		}
	}
	prompt := "请从下拉列表选择：" + strings.Join(names, "、") + "。选“滞后”“未启动”的，须在“存在问题及需协调事项”中说明原因。"
	if role == gyqc.RoleSupport {
		prompt = "请从下拉列表选择。本月没有开展相关工作的，选“本月无相关工作”，可不填本月工作进展。"
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(cells)
	b.check(dv.SetDropList(names))
	dv.SetInput("进展状态", prompt)
	dv.SetError(excelize.DataValidationErrorStyleStop, "进展状态有误", "请从下拉列表中选择："+strings.Join(names, "、")+"。")
	b.validate(sheet, dv)
}

// textPrompt is the input prompt of a text column of the 任务进展 sheet.
func textPrompt(f Field) string {
	switch f {
	case FieldProgress:
		return "必填。牵头单位写任务总体进展，配合单位写本单位所做工作；写本月新进展，不照抄上期。"
	case FieldPractice:
		return "选填。本单位推进该任务的好经验、好做法，可供简报采用。"
	case FieldIssues:
		return "写存在的问题和需要协调的事项；没有的填“无”。状态为“滞后”“未启动”的须写明原因。"
	}
	return "写下月的具体工作安排和时间节点。"
}

// cellValue returns what the writer puts in a cell: an int for numeric cells, the text
// otherwise.
func cellValue(c cellText) any {
	if c.Number {
		if n, err := strconv.Atoi(c.Text); err == nil {
			return n
		}
	}
	return c.Text
}

// lastTaskText is the 上期情况 of a task: the plan the unit gave last month for this month
// (its status is in 上期状态).
func (b *builder) lastTaskText(task int) string {
	if b.prev == nil {
		return ""
	}
	tr := b.prev.Task(task)
	if tr == nil {
		return b.prev.Period.Label() + "未报送本任务"
	}
	plan := strings.TrimSpace(tr.NextPlan)
	if plan == "" {
		return b.prev.Period.Label() + "未填写下月计划"
	}
	plan = gyqc.Clip(plan, lastPlanMaxRunes)
	return b.prev.Period.Label() + "所报本月计划：" + plan
}

// lastStatus is the 上期状态 of a task: the status of the last accepted report, or why
// there is none.
func (b *builder) lastStatus(task int) string {
	if b.prev == nil {
		return "—"
	}
	if tr := b.prev.Task(task); tr != nil && tr.Status.Valid() {
		return string(tr.Status)
	}
	return "未填"
}

// indicators writes the 指标填报 sheet: one row per indicator the unit reports, with a
// number validation and a prompt on each 本期值.
func (b *builder) indicators(list []*gyqc.Indicator) {
	t := &b.lay.Indicators
	rows := make([]dataRow, 0, len(list))
	for i, ind := range list {
		cells := map[Field]any{}
		for _, c := range indicatorCells(ind, i+1) {
			cells[c.Field] = cellValue(c)
		}
		if b.prev != nil {
			if v := b.prev.Value(ind.Key); v != nil && v.Value != nil {
				cells[FieldPrevValue] = *v.Value
			}
		}
		if t.Index(FieldCovers) > 0 {
			cells[FieldCovers] = ind.Latest(b.period).Label()
		}
		rows = append(rows, dataRow{key: IndicatorKey(ind.Key), cells: cells})
	}
	first, last := b.table(t, rows, indicatorMinLines, "本单位无需报送指标，本表无需填写。")
	if last < first || b.err != nil {
		return
	}
	b.coversAndGrowth(t, list, first)
	for i, ind := range list {
		if ind.Measure == "%" {
			for f, style := range map[Field]int{FieldValue: b.st.inputPercent, FieldPrevValue: b.st.lockedPercent} {
				c := t.Cell(f, first+i)
				b.check(b.f.SetCellStyle(t.Sheet, c, c, style))
			}
		}
	}
	for i, ind := range list {
		r := valueRuleOf(ind)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(t.Cell(FieldValue, first+i))
		b.check(dv.SetRange(r.min, r.max, r.kind, excelize.DataValidationOperatorBetween))
		dv.SetInput(r.title, r.prompt)
		dv.SetError(excelize.DataValidationErrorStyleStop, "本期值有误", r.error)
		b.validate(t.Sheet, dv)
	}
	c, _ := t.Column(FieldNote)
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(columnRange(t, FieldNote, first, last))
	dv.SetInput(c.Header, "暂无数据、数值与目标或上期相差较大、口径有变化的，请在此说明。")
	b.validate(t.Sheet, dv)
}
