package templates

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// LayoutVersion is the version of the layout this package writes. Bump it for any change a
// reader of returned workbooks must know about (a sheet, column, header, row key or metadata
// key renamed, added, removed or moved), and keep the old layout in layouts so that returns
// of the old version are still read, or refuse them in Read with a clear message.
const LayoutVersion = "3"

// Sheet names, in the order of the workbook.
const (
	SheetGuide      = "填报说明"
	SheetTasks      = "任务进展"
	SheetIndicators = "指标填报"
	SheetMeta       = "模板信息" // very hidden; LibreOffice turns it into hidden
)

// Field identifies a column of a sheet independently of its letter and its header.
type Field string

// Fields of the 任务进展 sheet.
const (
	FieldTaskNo      Field = "task-no"     // 序号: the task's number in the plan
	FieldProject     Field = "project"     // 所属工程
	FieldTaskTitle   Field = "task-title"  // 任务名称
	FieldRole        Field = "role"        // 本单位职责: 牵头 or 配合
	FieldRequirement Field = "requirement" // 任务要求: the task's text in the plan
	FieldLast        Field = "last"        // 上期情况: last accepted status and plan (一表同享)
	FieldLastStatus  Field = "last-status" // 上期状态: last accepted status (layout 2)
	FieldStatus      Field = "status"      // 进展状态 (input, drop-down)
	FieldProgress    Field = "progress"    // 本月工作进展 (input)
	FieldPractice    Field = "practice"    // 经验做法 (input, optional; layout 2)
	FieldIssues      Field = "issues"      // 存在问题及需协调事项 (input)
	FieldNextPlan    Field = "next-plan"   // 下月工作计划 (input)
)

// Fields of the 指标填报 sheet.
const (
	FieldSeq       Field = "seq"        // 序号: the row's number in this sheet
	FieldName      Field = "name"       // 指标名称
	FieldMeasure   Field = "measure"    // 计量单位
	FieldTarget    Field = "target"     // 目标值
	FieldKind      Field = "kind"       // 目标类型
	FieldTask      Field = "task"       // 对应任务
	FieldPrevValue Field = "prev-value" // 上期值 (一表同享)
	FieldValue     Field = "value"      // 本期值 (input, number)
	FieldNote      Field = "note"       // 情况说明 (input)
	FieldCovers    Field = "covers"     // 数据截至 (input, prefilled with the month the indicator's publication lag implies; layout 3)
	FieldGrowth    Field = "growth"     // 同比增长（%） (input, flows only and optional; layout 3)
)

// Fields shared by all sheets.
const (
	FieldKey   Field = "key"   // the hidden row key: task:3, indicator:output-value, filler:name
	FieldLabel Field = "label" // 填报说明: the label column
	FieldText  Field = "text"  // 填报说明: the text or input column
)

// Column is one column of a sheet.
type Column struct {
	Field  Field
	Header string  // the header text, locked; the reader finds columns by it
	Width  float64 // in Excel character units
	Input  bool    // unlocked for the unit to fill
	Hidden bool    // the row-key column
	Center bool    // short values, centred
}

// Table is the layout of a sheet with a title, a line about the unit and period, one header
// row and one row per task or indicator below it.
type Table struct {
	Sheet     string
	Title     string // row 1
	HeaderRow int    // the column headers; rows 1..HeaderRow are frozen and repeated in print
	Columns   []Column
}

// FirstDataRow returns the number of the first row below the headers.
func (t *Table) FirstDataRow() int { return t.HeaderRow + 1 }

// Index returns the 1-based column number of field, or 0 when the table has no such column.
func (t *Table) Index(f Field) int {
	for i, c := range t.Columns {
		if c.Field == f {
			return i + 1
		}
	}
	return 0
}

// Letter returns the column letter of field, such as "G", or "" when there is none.
func (t *Table) Letter(f Field) string {
	i := t.Index(f)
	if i == 0 {
		return ""
	}
	s, _ := excelize.ColumnNumberToName(i)
	return s
}

// Cell returns the reference of field's cell in row, such as "G5".
func (t *Table) Cell(f Field, row int) string { return t.Letter(f) + strconv.Itoa(row) }

// Column returns the column of field.
func (t *Table) Column(f Field) (Column, bool) {
	if i := t.Index(f); i > 0 {
		return t.Columns[i-1], true
	}
	return Column{}, false
}

// LastLetter returns the letter of the last column, the hidden key column included.
func (t *Table) LastLetter() string {
	s, _ := excelize.ColumnNumberToName(len(t.Columns))
	return s
}

// LastVisibleLetter returns the letter of the last column that is not hidden.
func (t *Table) LastVisibleLetter() string {
	n := 0
	for i, c := range t.Columns {
		if !c.Hidden {
			n = i + 1
		}
	}
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// Filler is one of the fields on the 填报说明 sheet that say who filled the return.
type Filler struct {
	Key   string // the row key, such as filler:name
	Label string // the locked label
	Date  bool   // a date input
}

// Row keys of the filler inputs on the 填报说明 sheet.
const (
	FillerName     = "filler:name"     // 填报人
	FillerPhone    = "filler:phone"    // 联系电话
	FillerReviewer = "filler:reviewer" // 审核人
	FillerDate     = "filler:date"     // 填报日期
)

// Row-key prefixes of the data sheets.
const (
	taskKeyPrefix      = "task:"
	indicatorKeyPrefix = "indicator:"
)

// TaskKey returns the row key of task no in the 任务进展 sheet: task:3.
func TaskKey(no int) string { return taskKeyPrefix + strconv.Itoa(no) }

// IndicatorKey returns the row key of an indicator in the 指标填报 sheet: indicator:KEY.
func IndicatorKey(key string) string { return indicatorKeyPrefix + key }

// Guide is the layout of the 填报说明 sheet: labels in one column, texts and the filler
// inputs in the next, row keys of the inputs in a hidden third column.
type Guide struct {
	Sheet   string
	Columns []Column
	Fillers []Filler
}

// Letter returns the column letter of field on the guide sheet.
func (g *Guide) Letter(f Field) string {
	t := Table{Columns: g.Columns}
	return t.Letter(f)
}

// Metadata keys: the names of the custom document properties and the keys in column A of
// the hidden metadata sheet. All values are strings.
const (
	MetaUnit        = "gyqc.unit"         // unit code
	MetaUnitName    = "gyqc.unit_name"    // unit name, for people only
	MetaPeriod      = "gyqc.period"       // YYYY-MM
	MetaPlanID      = "gyqc.plan_id"      // plan identity
	MetaPlanVersion = "gyqc.plan_version" // plan version
	MetaLayout      = "gyqc.layout"       // LayoutVersion
	MetaIssued      = "gyqc.issued"       // issue time, RFC 3339 in the plan's time zone
	MetaFingerprint = "gyqc.fingerprint"  // SHA-256 of the locked content, see Fingerprint
	MetaSeal        = "gyqc.seal"         // keyed identity under the workspace key, see Seal
)

// MetaField is one metadata key with its Chinese label on the metadata sheet.
type MetaField struct {
	Key   string
	Label string
}

// Layout is one version of the template's layout.
type Layout struct {
	Version    string
	Guide      Guide
	Tasks      Table
	Indicators Table
	MetaSheet  string
	Meta       []MetaField
}

// layoutV1 is layout version 1.
var layoutV1 = Layout{
	Version: "1",
	Guide: Guide{
		Sheet: SheetGuide,
		Columns: []Column{
			{Field: FieldLabel, Width: 20},
			{Field: FieldText, Width: 96},
			{Field: FieldKey, Width: 16, Hidden: true},
		},
		Fillers: []Filler{
			{Key: FillerName, Label: "填报人"},
			{Key: FillerPhone, Label: "联系电话"},
			{Key: FillerReviewer, Label: "审核人（牵头领导）"},
			{Key: FillerDate, Label: "填报日期", Date: true},
		},
	},
	Tasks: Table{
		Sheet:     SheetTasks,
		Title:     "任务进展情况表",
		HeaderRow: 3,
		Columns: append(taskHead(),
			Column{Field: FieldRequirement, Header: "任务要求", Width: 46},
			Column{Field: FieldLast, Header: "上期情况", Width: 20},
			Column{Field: FieldStatus, Header: "进展状态", Width: 11, Input: true, Center: true},
			Column{Field: FieldProgress, Header: "本月工作进展", Width: 32, Input: true},
			Column{Field: FieldIssues, Header: "存在问题及需协调事项", Width: 22, Input: true},
			Column{Field: FieldNextPlan, Header: "下月工作计划", Width: 22, Input: true},
			Column{Field: FieldKey, Header: "行键（勿改）", Width: 16, Hidden: true},
		),
	},
	Indicators: Table{
		Sheet:     SheetIndicators,
		Title:     "指标完成情况表",
		HeaderRow: 3,
		Columns: append(indicatorHead(28),
			Column{Field: FieldNote, Header: "情况说明", Width: 42, Input: true},
			Column{Field: FieldKey, Header: "行键（勿改）", Width: 26, Hidden: true},
		),
	},
	MetaSheet: SheetMeta,
	Meta: []MetaField{
		{Key: MetaUnit, Label: "单位代码"},
		{Key: MetaUnitName, Label: "单位名称"},
		{Key: MetaPeriod, Label: "报送期"},
		{Key: MetaPlanID, Label: "方案标识"},
		{Key: MetaPlanVersion, Label: "方案版本"},
		{Key: MetaLayout, Label: "模板格式版本"},
		{Key: MetaIssued, Label: "下发时间"},
		{Key: MetaFingerprint, Label: "锁定内容指纹"},
		{Key: MetaSeal, Label: "防伪校验码"},
	},
}

// layoutV2 is layout version 2: last month's status in its own locked column (上期状态)
// beside an empty 进展状态 that is no longer prefilled, and a 经验做法 column (the plan asks
// for 工作进展、经验做法及存在的问题) between 本月工作进展 and 存在问题及需协调事项.
var layoutV2 = func() Layout {
	l := layoutV1
	l.Version = "2"
	l.Tasks.Columns = append(taskHead(),
		Column{Field: FieldRequirement, Header: "任务要求", Width: 38},
		Column{Field: FieldLast, Header: "上期情况", Width: 18},
		Column{Field: FieldLastStatus, Header: "上期状态", Width: 9, Center: true},
		Column{Field: FieldStatus, Header: "进展状态", Width: 11, Input: true, Center: true},
		Column{Field: FieldProgress, Header: "本月工作进展", Width: 30, Input: true},
		Column{Field: FieldPractice, Header: "经验做法", Width: 20, Input: true},
		Column{Field: FieldIssues, Header: "存在问题及需协调事项", Width: 20, Input: true},
		Column{Field: FieldNextPlan, Header: "下月工作计划", Width: 20, Input: true},
		Column{Field: FieldKey, Header: "行键（勿改）", Width: 16, Hidden: true},
	)
	return l
}()

// layoutV3 is layout version 3: every figure says which month it covers (数据截至, prefilled
// with the month the indicator's publication lag implies, a drop-down of the months a report
// may cover), and flows (产值、增加值) may carry the 同比增长 the statistics bureau publishes,
// beside the year-to-date amount or in its place.
var layoutV3 = func() Layout {
	l := layoutV2
	l.Version = "3"
	l.Indicators.Columns = append(indicatorHead(24),
		Column{Field: FieldCovers, Header: "数据截至", Width: 11, Input: true, Center: true},
		Column{Field: FieldGrowth, Header: "同比增长（%）", Width: 10, Input: true, Center: true},
		Column{Field: FieldNote, Header: "情况说明", Width: 32, Input: true},
		Column{Field: FieldKey, Header: "行键（勿改）", Width: 26, Hidden: true},
	)
	return l
}()

// taskHead returns the first four columns of the task sheet, the same in every layout: the
// task as the plan has it and the unit's part in it.
func taskHead() []Column {
	return []Column{
		{Field: FieldTaskNo, Header: "序号", Width: 6, Center: true},
		{Field: FieldProject, Header: "所属工程", Width: 10, Center: true},
		{Field: FieldTaskTitle, Header: "任务名称", Width: 14},
		{Field: FieldRole, Header: "本单位职责", Width: 10, Center: true},
	}
}

// indicatorHead returns the first eight columns of the indicator sheet, the same in every
// layout but for the width of 指标名称: the indicator as the plan has it, last period's
// figure, and the figure the unit reports.
func indicatorHead(nameWidth float64) []Column {
	return []Column{
		{Field: FieldSeq, Header: "序号", Width: 6, Center: true},
		{Field: FieldName, Header: "指标名称", Width: nameWidth},
		{Field: FieldMeasure, Header: "计量单位", Width: 8, Center: true},
		{Field: FieldTarget, Header: "目标值", Width: 14, Center: true},
		{Field: FieldKind, Header: "目标类型", Width: 11, Center: true},
		{Field: FieldTask, Header: "对应任务", Width: 8, Center: true},
		{Field: FieldPrevValue, Header: "上期值", Width: 11, Center: true},
		{Field: FieldValue, Header: "本期值", Width: 12, Input: true, Center: true},
	}
}

// layouts holds every layout version a returned workbook may have.
var layouts = map[string]*Layout{layoutV1.Version: &layoutV1, layoutV2.Version: &layoutV2, layoutV3.Version: &layoutV3}

// Current returns the layout this package writes.
func Current() *Layout { return layouts[LayoutVersion] }

// LayoutOf returns the layout of version v, or nil when v is not a known version.
func LayoutOf(v string) *Layout { return layouts[strings.TrimSpace(v)] }
