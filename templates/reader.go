package templates

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates/internal/xlsx"
)

// Limits of the reader: a template has a few dozen rows and a dozen columns; anything far
// beyond is not read.
const (
	maxReadRows = 5000
	maxReadCols = xlsx.MaxCols
)

// Input is one input cell of a returned workbook: where it is and what it holds, raw, and
// what kind of value that is. A number is the cell's stored value (12.5; 0.112 for a cell
// showing 11.2%; 45839 for a date), text is the text as written, a formula is its cached
// value (formulas are never evaluated), a logical value is 1 or 0, an error value its code
// (#N/A). The caller decides what each kind means in each column and reports problems by
// Sheet and Cell.
type Input struct {
	Sheet string `json:"sheet"`
	Cell  string `json:"cell"`
	Text  string `json:"text"`
	// Kind is what the cell holds by its type and number format (KindUnknown for an empty
	// cell, or when the type could not be read).
	Kind Kind `json:"kind,omitempty"`
	// Date is a date cell's date, YYYY-MM-DD (HH:MM), in the workbook's date system.
	Date string `json:"date,omitempty"`
	// Formula reports that the cell holds a formula: Text is then its cached result, empty
	// when the program that saved it did not compute it.
	Formula bool `json:"formula,omitempty"`
}

// Empty reports whether the cell holds nothing but spaces.
func (in Input) Empty() bool { return strings.TrimSpace(in.Text) == "" }

// TaskInput is what a unit wrote on the row of one task.
type TaskInput struct {
	Task     int   `json:"task"`
	Row      int   `json:"row"`
	Status   Input `json:"status"`    // 进展状态
	Progress Input `json:"progress"`  // 本月工作进展
	Practice Input `json:"practice"`  // 经验做法 (layout 2; empty in older returns)
	Issues   Input `json:"issues"`    // 存在问题及需协调事项
	NextPlan Input `json:"next_plan"` // 下月工作计划
}

// ValueInput is what a unit wrote on the row of one indicator.
type ValueInput struct {
	Key   string `json:"key"`
	Row   int    `json:"row"`
	Value Input  `json:"value"` // 本期值, raw
	Note  Input  `json:"note"`  // 情况说明
	// Covers is 数据截至, the month the figure covers (layout 3; empty in older layouts).
	Covers Input `json:"covers"`
	// Growth is 同比增长（%） of a flow (layout 3; empty in older layouts and other kinds).
	Growth Input `json:"growth"`
}

// FillerInput is who filled and checked the return (填报信息 on the 填报说明 sheet).
type FillerInput struct {
	Name     Input `json:"name"`
	Phone    Input `json:"phone"`
	Reviewer Input `json:"reviewer"`
	Date     Input `json:"date"` // raw: a date serial, or text in any shape
}

// Returned is a returned workbook read back through the layout it was issued with.
type Returned struct {
	Meta Meta `json:"meta"`
	// MetaSources says where the metadata was found: "custom-properties", "sheet", or both.
	MetaSources []string `json:"meta_sources"`
	// Application is the program that last saved the file, as it names itself.
	Application string       `json:"application"`
	Filler      FillerInput  `json:"filler"`
	Tasks       []TaskInput  `json:"tasks"`  // in task order; rows that were not found are absent
	Values      []ValueInput `json:"values"` // in plan order; rows that were not found are absent
	Layout      *Layout      `json:"-"`      // the layout it was read through
}

// Task returns the input of task no, or nil.
func (r *Returned) Task(no int) *TaskInput {
	if i := slices.IndexFunc(r.Tasks, func(t TaskInput) bool { return t.Task == no }); i >= 0 {
		return &r.Tasks[i]
	}
	return nil
}

// Value returns the input of the indicator key, or nil.
func (r *Returned) Value(key string) *ValueInput {
	if i := slices.IndexFunc(r.Values, func(v ValueInput) bool { return v.Key == key }); i >= 0 {
		return &r.Values[i]
	}
	return nil
}

// Read reads a returned workbook: it finds the template metadata (custom properties or the
// hidden sheet), refuses unknown layout versions, other plans and unknown units, then reads
// every data row by its key, never by position, so that sorted or moved rows are read
// correctly. A missing sheet, column or row, an unknown or repeated row key and an edited
// locked label are problems naming sheet and cell; all problems are collected. The result is
// nil when the workbook cannot be identified as a template of plan; otherwise it holds what
// could be read. Problems carry no file name: the caller sets it.
//
// Read uses excelize's row iterator and checks its errors. It does not guard against
// malformed files: the caller opens the file with size limits and recovers panics.
// ReadBytes reads the same way straight from the file's bytes, several times faster.
func Read(f *excelize.File, plan *gyqc.Plan) (*Returned, gyqc.Problems) {
	return read(newExcelBook(f), plan)
}

// read is Read over either implementation of book.
func read(wb book, plan *gyqc.Plan) (*Returned, gyqc.Problems) {
	rd := &reader{wb: wb, plan: plan}
	meta, sources := rd.meta()
	if len(sources) == 0 {
		return nil, rd.probs
	}
	lay := LayoutOf(meta.Layout)
	if lay == nil {
		known := make([]string, 0, len(layouts))
		for v := range layouts {
			known = append(known, v)
		}
		sort.Strings(known)
		rd.add(gyqc.SevError, "", "", RuleLayoutVersion, meta.Layout,
			fmt.Sprintf("模板格式版本“%s”无法识别（本程序可读取的版本：%s）", meta.Layout, strings.Join(known, "、")),
			"请使用领导小组办公室最新下发的模板重新填报")
		return nil, rd.probs
	}
	if !rd.identity(meta) {
		return nil, rd.probs
	}
	ret := &Returned{Meta: meta, MetaSources: sources, Layout: lay}
	ret.Application = strings.TrimSpace(wb.application())
	rd.lay, rd.ret = lay, ret
	rd.guide()
	rd.tasks()
	rd.indicators()
	return ret, rd.probs
}

// reader holds the state of one Read.
type reader struct {
	wb    book
	plan  *gyqc.Plan
	lay   *Layout
	ret   *Returned
	probs gyqc.Problems
}

// add records a problem.
func (rd *reader) add(sev gyqc.Severity, sheet, cell string, rule gyqc.Rule, value, msg, fix string) *gyqc.Problem {
	rd.probs = append(rd.probs, gyqc.Problem{Severity: sev, Sheet: sheet, Cell: cell, Rule: rule, Value: value, Message: msg, Fix: fix})
	return &rd.probs[len(rd.probs)-1]
}

// identity checks that the template belongs to this plan, a known unit and a period of the
// horizon, and warns when the plan's content for the unit changed after issuing.
func (rd *reader) identity(m Meta) bool {
	ok := true
	if m.PlanID != rd.plan.ID {
		rd.add(gyqc.SevError, "", "", RuleOtherPlan, m.PlanID,
			fmt.Sprintf("本表属于另一个方案（%s），不是《%s》的报表", m.PlanID, rd.plan.Title), "请使用本方案下发的模板填报")
		ok = false
	}
	if rd.plan.Registry.Unit(m.Unit) == nil {
		rd.add(gyqc.SevError, "", "", RuleUnknownUnit, m.Unit, fmt.Sprintf("模板信息中的单位代码“%s”不在单位名册中", m.Unit),
			"请使用领导小组办公室下发给本单位的模板填报")
		ok = false
	}
	if m.Period.IsZero() {
		ok = false // reported by meta
	} else if err := rd.plan.CheckPeriod(m.Period); err != nil {
		rd.add(gyqc.SevError, "", "", RuleBadPeriod, m.Period.String(), gyqc.ErrorMessage(err), "请使用本报送期下发的模板填报")
		ok = false
	}
	if ok && m.Fingerprint != "" && m.Layout == LayoutVersion && m.Fingerprint != Fingerprint(rd.plan, m.Unit, m.Period) {
		rd.add(gyqc.SevWarning, "", "", RulePlanChanged, "",
			"本表下发后，方案中本单位的任务或指标有调整（锁定内容与现行方案不一致）", "请核对；如任务或指标有变化，请按重新下发的模板填报")
	}
	return ok
}

// normalize makes label comparison immune to line-break style and surrounding spaces.
func normalize(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
}

// tasks reads the 任务进展 rows by key, in task order.
func (rd *reader) tasks() {
	t := &rd.lay.Tasks
	list := rd.plan.Assignments(rd.ret.Meta.Unit)
	key := func(i int) string { return TaskKey(list[i].Task) }
	missing := func(i int, p *gyqc.Problem) string {
		p.Task = list[i].Task
		title := ""
		if task := rd.plan.Task(p.Task); task != nil {
			title = task.Title
		}
		return fmt.Sprintf("任务 %d“%s”", p.Task, title)
	}
	rd.keyedRows(t, len(list), key, missing, "本单位本期的任务", func(tb *table, r tableRow, i int) {
		a := list[i]
		rd.compare(t, tb, r, taskCells(rd.plan, a), a.Task, "")
		rd.ret.Tasks = append(rd.ret.Tasks, TaskInput{Task: a.Task, Row: r.row,
			Status: tb.input(r, FieldStatus), Progress: tb.input(r, FieldProgress), Practice: tb.input(r, FieldPractice),
			Issues: tb.input(r, FieldIssues), NextPlan: tb.input(r, FieldNextPlan)})
	})
}

// indicators reads the 指标填报 rows by key, in plan order.
func (rd *reader) indicators() {
	t := &rd.lay.Indicators
	list := rd.plan.ReportedIndicators(rd.ret.Meta.Unit)
	key := func(i int) string { return IndicatorKey(list[i].Key) }
	missing := func(i int, p *gyqc.Problem) string {
		p.Indicator = list[i].Key
		return "指标“" + list[i].Name + "”"
	}
	rd.keyedRows(t, len(list), key, missing, "本单位本期报送的指标", func(tb *table, r tableRow, i int) {
		ind := list[i]
		rd.compare(t, tb, r, indicatorCells(ind, i+1), 0, ind.Key)
		rd.ret.Values = append(rd.ret.Values, ValueInput{Key: ind.Key, Row: r.row,
			Value: tb.input(r, FieldValue), Note: tb.input(r, FieldNote),
			Covers: tb.input(r, FieldCovers), Growth: tb.input(r, FieldGrowth)})
	})
}

// keyedRows reads table t and hands take the rows the plan expects, n of them, by their
// keys (key(i)) and in that order. A row not found is an error whose problem missing fills
// in and whose subject it names (任务 3“…”); rows with other keys are reported as not among
// what the table holds (holds).
func (rd *reader) keyedRows(t *Table, n int, key func(i int) string, missing func(i int, p *gyqc.Problem) string,
	holds string, take func(tb *table, r tableRow, i int)) {
	tb, ok := rd.readTable(t)
	if !ok {
		return
	}
	seen := make(map[string]bool, n)
	for i := range n {
		k := key(i)
		r, found := tb.rows[k]
		if !found {
			p := rd.add(gyqc.SevError, tb.sheet, "", RuleMissingRow, "", "", "请使用下发的原模板填写，不要删除行或改动隐藏的行键")
			p.Message = "缺少" + missing(i, p) + "所在的行（可能被删除，或行键被改动）"
			continue
		}
		seen[k] = true
		take(tb, r, i)
	}
	rd.unknownRows(tb, seen, holds)
}

// unknownRows reports keyed rows that the plan does not ask this unit for.
func (rd *reader) unknownRows(tb *table, seen map[string]bool, what string) {
	letter, _ := excelize.ColumnNumberToName(tb.cols[FieldKey])
	for _, r := range tb.sortedRows() {
		if !seen[r.key] {
			rd.add(gyqc.SevError, tb.sheet, fmt.Sprintf("%s%d", letter, r.row), RuleUnknownRow, r.key,
				fmt.Sprintf("第%d行（行键“%s”）不属于%s，可能是从其他模板复制的行", r.row, r.key, what),
				"请删去该行，或使用下发给本单位的原模板填写")
		}
	}
}

// guide reads the filler inputs of the 填报说明 sheet by their keys.
func (rd *reader) guide() {
	g := &rd.lay.Guide
	markers := make([]string, len(g.Fillers))
	for i, fl := range g.Fillers {
		markers[i] = fl.Key
	}
	sheet := rd.findSheet(g.Sheet, markers)
	if sheet == "" {
		return
	}
	tg := Table{Columns: g.Columns}
	keyCol, labelCol, textCol := tg.Index(FieldKey), tg.Index(FieldLabel), tg.Index(FieldText)
	found := map[string]tableRow{}
	rd.scan(sheet, func(row int, cells []string, attrs []xlsx.CellAttr) bool {
		if k := strings.TrimSpace(at(cells, keyCol)); strings.HasPrefix(k, "filler:") {
			if _, dup := found[k]; !dup {
				found[k] = tableRow{row: row, key: k, texts: cells, attrs: attrs}
			}
		}
		return true
	})
	tb := &table{sheet: sheet, cols: map[Field]int{FieldLabel: labelCol, FieldText: textCol, FieldKey: keyCol}, formats: rd.wb.formats()}
	for _, fl := range g.Fillers {
		r, ok := found[fl.Key]
		if !ok {
			rd.add(gyqc.SevWarning, sheet, "", RuleMissingRow, "", fmt.Sprintf("找不到填报信息“%s”所在的行", fl.Label),
				"请使用下发的原模板填写“填报信息”")
			continue
		}
		rd.compare(&tg, tb, r, []cellText{{Field: FieldLabel, Text: fl.Label}}, 0, "")
		in := tb.input(r, FieldText)
		switch fl.Key {
		case FillerName:
			rd.ret.Filler.Name = in
		case FillerPhone:
			rd.ret.Filler.Phone = in
		case FillerReviewer:
			rd.ret.Filler.Reviewer = in
		case FillerDate:
			rd.ret.Filler.Date = in
		}
	}
}
