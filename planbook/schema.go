package planbook

import (
	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
)

// The workbook's sheets, in order.
const (
	SheetGuide      = "说明"
	SheetTasks      = "工程与任务"
	SheetIndicators = "指标"
	SheetUnits      = "单位"
	SheetGroups     = "单位组"
	SheetRules      = "考核规则"
	SheetReporting  = "报送与简报"
)

// column is one field of the workbook: a column of a table or a row of a key-value block.
// Header is the column's header (or the row's label); Path is the field's path in the file,
// relative to the table's records (or from the file's root in a key-value block). What the
// cell holds follows from the field's shape in the loader (planfile.Field).
type column struct {
	Header   string
	Path     string
	Open     bool            // the office's to fill in: unlocked; otherwise the document's own text, locked
	Required bool            // a row without it is an error
	Sep      string          // list separator in the cell; default "、"
	Names    names           // the cell names units or groups
	Choices  func() []choice // a drop-down; the file holds Value, the cell shows Label
	Period   bool            // a reporting period, written 2025-06
	Lines    bool            // a list of {label, text} records, one "label：text" a line
	Years    bool            // a year → number map, one column per year of the horizon: Header is "%d年目标"
	Width    float64
	Help     string // shown when the cell is selected (at most 255 characters)
	// Added marks a column added after workbooks were first exported: one exported before
	// lacks it and imports as if it were empty, instead of being refused.
	Added bool
}

// names says how a cell names units and groups.
type names int

const (
	noNames          names = iota
	unitNames              // names of units (not groups), kept as written
	unitOrGroupNames       // names of units or groups, kept as written
	memberCodes            // the file holds unit codes or group names; the cell shows names
)

// choice is one entry of a drop-down.
type choice struct{ Value, Label string }

// table is a block of rows, one per record of the list at List (projects, indicators, …).
type table struct {
	Title   string // the block's title row in a sheet of several blocks; "" when alone on its sheet
	File    planfile.Which
	List    string
	Columns []column
	Kinds   []rowKind // several lists in one table: the first column (类别) says which
	Spare   int       // open empty rows left below the data for additions
	// ExampleOpen opens every cell of a row whose record is marked example: true (example
	// units are the office's to rename or replace).
	ExampleOpen bool
}

// rowKind is one list of a table of several lists: rows whose 类别 is Label belong to List
// (a list below the previous row of kind Parent, when Parent is set); Paths maps headers to
// the paths of this kind's fields.
type rowKind struct {
	Label  string
	List   string
	Parent string
	Paths  map[string]string
}

// kv is a block of rows of label, value and explanation: one field of the file each.
type kv struct {
	Title string
	File  planfile.Which
	Rows  []column
}

// sheet is one worksheet: its blocks in order.
type sheet struct {
	Name   string
	Blocks []any // *table or *kv
	Freeze bool  // keep the header row in view (sheets of one table)
}

// kindHeader is the header of the first column of a table of several kinds.
const kindHeader = "类别"

// schema lists the workbook's sheets after the guide: every field of the plan file and the
// units file has its place here (TestEveryFieldHasAPlace).
var schema = []sheet{
	{Name: SheetTasks, Freeze: true, Blocks: []any{&table{File: planfile.PlanYAML,
		Columns: []column{
			{Header: "编号", Required: true, Width: 6},
			{Header: "名称", Required: true, Width: 18},
			{Header: "内容", Width: 60},
			{Header: "牵头单位", Names: unitOrGroupNames, Width: 20, Help: "多个单位用“、”分隔；可写单位名称、别名或单位组"},
			{Header: "配合单位称谓", Width: 10, Help: "方案原文对配合单位的称谓，如“配合单位”“责任单位”"},
			{Header: "配合单位", Names: unitOrGroupNames, Width: 24, Help: "多个单位用“、”分隔；可写单位名称、别名或单位组"},
		},
		Kinds: []rowKind{
			{Label: "工程", List: "projects", Paths: map[string]string{"编号": "no", "名称": "name", "内容": "text"}},
			{Label: "任务", List: "projects.tasks", Parent: "工程", Paths: map[string]string{"编号": "no", "名称": "title", "内容": "text",
				"牵头单位": "lead", "配合单位称谓": "support_label", "配合单位": "support"}},
			{Label: "工作要求", List: "requirements", Paths: map[string]string{"编号": "no", "名称": "title", "内容": "text",
				"牵头单位": "lead", "配合单位称谓": "support_label", "配合单位": "support"}},
		}}}},
	{Name: SheetIndicators, Freeze: true, Blocks: []any{&table{File: planfile.PlanYAML, List: "indicators", Spare: 20,
		Columns: []column{
			{Header: "指标代码", Path: "key", Required: true, Width: 18, Help: "小写英文字母、数字和连字符，不可重复"},
			{Header: "指标名称", Path: "name", Required: true, Width: 22},
			{Header: "计量单位", Path: "measure", Width: 7},
			{Header: "类型", Path: "kind", Open: true, Required: true, Choices: kindChoices, Width: 11},
			{Header: "目标值", Path: "target", Width: 8},
			{Header: "比较方式", Path: "comparator", Open: true, Required: true, Choices: comparatorChoices, Width: 9},
			{Header: "所属任务", Path: "task", Required: true, Width: 6},
			{Header: "目标年份", Path: "target_year", Width: 7},
			{Header: "力争", Path: "soft", Choices: yesNo, Width: 5, Help: "方案写“力争”的目标：滞后时扣分较轻"},
			{Header: "报送单位", Path: "unit", Open: true, Required: true, Names: unitNames, Width: 16, Help: "负责报送（提供）该指标数据的一个单位，不能是单位组"},
			{Header: "考核责任单位", Path: "accountable", Open: true, Names: unitOrGroupNames, Width: 18, Help: "对该指标负责、承担扣分的单位，多个用“、”分隔；留空为所属任务的牵头单位"},
			{Header: "发布频率", Path: "frequency", Open: true, Choices: frequencyChoices, Width: 8, Help: "统计数据的发布频率；未到发布时间的数据不算滞后。留空为按月"},
			{Header: "发布滞后月数", Path: "lag", Open: true, Width: 8, Help: "报送时能取得的最新数据比报送月份早几个月，如 7月报送1—6月数据填 1"},
			{Header: "基期值", Path: "baseline", Open: true, Width: 9, Help: "方案起点时的数值；不知道请留空"},
			{Header: "基期", Path: "baseline_period", Open: true, Period: true, Width: 8, Help: "基期值所属的月份，如 2022-08；年末数写 2021-12"},
			{Header: "基期说明", Path: "baseline_note", Open: true, Width: 16},
			{Header: "%d年目标", Path: "targets_by_year", Open: true, Years: true, Width: 8, Help: "该年年末应达到的值（年度分解目标）；留空则按基期值到最终目标直线推算"},
			{Header: "表述取舍", Path: "governs", Width: 24, Help: "方案对同一目标有两种表述时，按哪一种考核及理由"},
			{Header: "方案原文", Path: "sources", Sep: "\n", Width: 50},
		}}}},
	{Name: SheetUnits, Freeze: true, Blocks: []any{&table{File: planfile.UnitsYAML, List: "units", Spare: 60, ExampleOpen: true,
		Columns: []column{
			{Header: "代码", Path: "code", Width: 9, Help: "2至16位小写英文字母或数字，如 cdjd；新增单位可留空，导入时自动编号"},
			{Header: "单位名称", Path: "name", Required: true, Width: 22},
			{Header: "别名", Path: "aliases", Open: true, Width: 22, Help: "同一单位的其他写法，多个用“、”分隔"},
			{Header: "联系人", Path: "contact", Open: true, Width: 10},
			{Header: "电话", Path: "phone", Open: true, Width: 15},
			{Header: "邮箱", Path: "email", Open: true, Width: 24},
			{Header: "示例", Path: "example", Open: true, Choices: yesNo, Width: 6, Help: "“是”表示该单位是演示用的示例，尚未经办公室确认"},
			{Header: "曾用代码", Path: "former", Open: true, Width: 12, Help: "该单位在以前版本名册中的代码，多个用“、”分隔：改了代码、或几个单位合并为本单位时填写，以前各月的报送记录接续到本单位", Added: true},
			{Header: "备注", Path: "note", Open: true, Width: 30, Help: "办公室对该单位的说明（如更名、合并、成员确认的依据），随名册保存", Added: true},
		}}}},
	{Name: SheetGroups, Freeze: true, Blocks: []any{&table{File: planfile.UnitsYAML, List: "groups", Spare: 20,
		Columns: []column{
			{Header: "单位组", Path: "name", Required: true, Width: 18},
			{Header: "成员", Path: "members", Open: true, Names: memberCodes, Width: 60, Help: "成员单位的名称（或代码、其他单位组），用“、”分隔"},
			{Header: "说明", Path: "note", Open: true, Width: 36},
			{Header: "成员为示例", Path: "example", Open: true, Choices: yesNo, Width: 8, Help: "核实成员后请改为“否”（或清空）"},
		}}}},
	{Name: SheetRules, Blocks: []any{
		&kv{Title: "【评分与亮灯】", File: planfile.PlanYAML, Rows: []column{
			{Header: "满分", Path: "assessment.full_score", Open: true, Help: "每个单位每月从满分起扣分"},
			{Header: "力争目标扣分系数", Path: "assessment.soft_factor", Open: true, Help: "“力争”目标滞后时按该系数折算扣分，0 到 1 之间"},
			{Header: "亮灯：落后的百分点", Path: "lights.margin", Open: true, Help: "落后时序进度或目标不超过该百分点亮黄灯，超过亮红灯"},
			{Header: "亮灯：排位落后的位次", Path: "lights.rank_margin", Open: true, Help: "排位落后目标不超过该位次亮黄灯，超过亮红灯"},
			{Header: "亮灯：连续黄灯转红灯的月数", Path: "lights.yellow_periods", Open: true, Help: "连续第几个月黄灯时显示红灯；0 表示不启用"},
		}},
		&table{Title: "【扣分规则】", File: planfile.PlanYAML, List: "assessment.rules", Spare: 10, Columns: []column{
			{Header: "规则", Path: "rule", Open: true, Required: true, Choices: ruleChoices, Width: 16},
			{Header: "每次扣分", Path: "points", Open: true, Required: true, Width: 10},
			{Header: "计法", Path: "per", Open: true, Choices: perChoices, Width: 8, Help: "迟报可按天扣分，其余按次"},
			{Header: "每月最多扣分", Path: "max", Open: true, Width: 12, Help: "留空表示不设上限"},
		}},
	}},
	{Name: SheetReporting, Blocks: []any{
		&kv{Title: "【方案】", File: planfile.PlanYAML, Rows: []column{
			{Header: "方案标识", Path: "id", Required: true},
			{Header: "方案文件版本", Path: "version"},
			{Header: "方案名称", Path: "title", Required: true},
			{Header: "文件标题", Path: "document"},
			{Header: "印发机关", Path: "issuers"},
			{Header: "印发时间", Path: "issued", Period: true},
			{Header: "首个报送期", Path: "horizon.first_period", Period: true, Required: true},
			{Header: "最后报送期", Path: "horizon.last_period", Period: true, Required: true},
			{Header: "时序进度起点", Path: "horizon.baseline_period", Period: true, Help: "时序进度从该月末（0）到最后报送期末（1）"},
		}},
		&kv{Title: "【报送】", File: planfile.PlanYAML, Rows: []column{
			{Header: "报送频次", Path: "reporting.frequency"},
			{Header: "截止日（次月几日前）", Path: "reporting.due_day", Required: true},
			{Header: "截止时刻", Path: "reporting.due_time", Open: true, Help: "如 00:00 表示截止日零点前，17:30 表示截止日17:30前"},
			{Header: "时区", Path: "reporting.timezone"},
			{Header: "报送至", Path: "reporting.office"},
			{Header: "办公室设在", Path: "reporting.office_unit", Open: true, Names: unitNames},
			{Header: "办公室联系人及电话", Path: "reporting.contact", Open: true, Help: "印在模板和退回意见单上，供各单位咨询"},
		}},
		&kv{Title: "【简报】", File: planfile.PlanYAML, Rows: []column{
			{Header: "简报名称", Path: "briefing.name", Open: true},
			{Header: "编发单位", Path: "briefing.issuer", Open: true},
			{Header: "简报报尾（报、送、发）", Path: "briefing.recipients", Open: true, Lines: true, Help: "简报的报送范围，每行一项，写作“报：……”“送：……”“发：……”；留空按默认"},
			{Header: "方案原文报尾", Path: "briefing.distribution", Lines: true, Help: "方案文件本身的发送范围（简报不用）"},
			{Header: "印发单位", Path: "briefing.printer", Open: true},
		}},
	}},
}

// kindChoices are the indicator kinds, from the domain's list.
func kindChoices() []choice { return choicesOf(gyqc.Kinds) }

// comparatorChoices are the comparators an indicator may use.
func comparatorChoices() []choice {
	return []choice{{">=", "≥（含本数）"}, {">", ">（超过）"}, {"<=", "≤（含本数）"}, {"<", "<（低于）"}, {"rise", "逐年提升"}}
}

// ruleChoices are the assessment's conditions, from the domain's list.
func ruleChoices() []choice { return choicesOf(gyqc.PenaltyKeys) }

// frequencyChoices are the publication frequencies, from the domain's list.
func frequencyChoices() []choice {
	return choicesOf([]gyqc.Frequency{gyqc.Monthly, gyqc.Quarterly, gyqc.Yearly})
}

// choicesOf lists each of keys (as the file writes it) with its label.
func choicesOf[K interface {
	~string
	Label() string
}](keys []K) []choice {
	out := make([]choice, len(keys))
	for i, k := range keys {
		out[i] = choice{string(k), k.Label()}
	}
	return out
}

func perChoices() []choice { return []choice{{"", "按次"}, {"day", "按天"}, {"report", "按次"}} }

func yesNo() []choice { return []choice{{"true", "是"}, {"", "否"}} }
