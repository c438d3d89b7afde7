package consolidate

import (
	"sort"
	"strings"

	"github.com/qianjiang/gyqc"
)

// detailColumns are the columns of 明细.
var detailColumns = []Column{
	{Header: "报送期", Width: 8, Center: true},
	{Header: "单位代码", Width: 8, Max: 16},
	{Header: "单位", Width: 14, Max: 24, Wrap: true},
	{Header: "版本", Width: 5, Center: true},
	{Header: "当前版本", Width: 8, Wrap: true},
	{Header: "处理结果", Width: 10},
	{Header: "收到时间", Width: 16},
	{Header: "类型", Width: 5, Center: true},
	{Header: "任务序号", Width: 5, Center: true},
	{Header: "指标代码", Width: 12, Max: 24},
	{Header: "名称", Width: 20, Wrap: true},
	{Header: "角色", Width: 5, Center: true},
	{Header: "进展状态", Width: 8},
	{Header: "数值", Width: 10},
	{Header: "计量单位", Width: 6, Center: true},
	{Header: "原始填写", Width: 10},
	{Header: "本月工作进展", Width: 36, Wrap: true},
	{Header: "经验做法", Width: 24, Wrap: true},
	{Header: "存在问题及需协调事项", Width: 24, Wrap: true},
	{Header: "下月工作计划", Width: 24, Wrap: true},
	{Header: "情况说明", Width: 20, Wrap: true},
	{Header: "问题", Width: 30, Wrap: true},
	{Header: "文件名", Width: 20, Wrap: true},
	{Header: "填报信息", Width: 30, Wrap: true},
	{Header: "文件哈希（SHA-256）", Width: 66},
}

// The row types of 明细.
const (
	detailFile      = "文件"
	detailTask      = "任务"
	detailIndicator = "指标"
)

// attemptKey identifies a collected attempt across copies of the submissions.
type attemptKey struct {
	unit    string
	period  gyqc.Period
	version int
	hash    string
}

func keyOf(s *gyqc.Submission) attemptKey {
	return attemptKey{s.Unit, s.Period, s.Version, s.Hash}
}

// detailEntry is one attempt listed in 明细.
type detailEntry struct {
	sub   *gyqc.Submission
	order int    // the unit's place among the responsible units; unknown units last
	use   string // 是 (the current version), 否, or why the evaluation left it out
}

// detail builds 明细: one row per collected file, and one per task and per indicator as the
// file reported them, with its version and hash, for every period evaluated, the latest first.
func (s *summary) detail() *Table {
	t := &Table{Name: SheetDetail, Columns: detailColumns, Freeze: 3}
	for _, e := range s.detailEntries() {
		s.detailRows(t, e)
	}
	return t
}

// detailEntries lists the attempts of the periods evaluated: those in subs, or when subs is
// nil those the evaluation counted, ordered by period (latest first), unit and version.
func (s *summary) detailEntries() []detailEntry {
	ev := s.ev
	first := ev.Periods[0]
	order := make(map[string]int, len(ev.Units))
	counted := map[attemptKey]string{}
	var own []*gyqc.Submission
	for i, u := range ev.Units {
		order[u.Code] = i
		for _, r := range u.History {
			for _, a := range r.Attempts {
				use := "否"
				if a == r.Current {
					use = "是"
				}
				counted[keyOf(a)] = use
				own = append(own, a)
			}
		}
	}
	var out []detailEntry
	add := func(sub *gyqc.Submission) {
		if sub.Period.After(ev.Period) {
			return
		}
		o, ok := order[sub.Unit]
		if !ok {
			o = len(order)
		}
		use, ok := counted[keyOf(sub)]
		if !ok {
			use = s.leftOut(sub, first)
		}
		out = append(out, detailEntry{sub: sub, order: o, use: use})
	}
	if s.subs == nil {
		for _, a := range own {
			add(a)
		}
	} else {
		for i := range s.subs {
			add(&s.subs[i])
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.sub.Period != b.sub.Period:
			return a.sub.Period.After(b.sub.Period)
		case a.order != b.order:
			return a.order < b.order
		case a.sub.Unit != b.sub.Unit:
			return a.sub.Unit < b.sub.Unit
		case a.sub.Version != b.sub.Version:
			return a.sub.Version < b.sub.Version
		}
		return a.sub.Received.Before(b.sub.Received)
	})
	return out
}

// leftOut says why the evaluation did not count an attempt.
func (s *summary) leftOut(sub *gyqc.Submission, first gyqc.Period) string {
	switch {
	case sub.Period.Before(first):
		return "未计入：报送期早于方案首个报送期"
	case s.ev.Unit(sub.Unit) == nil:
		return "未计入：不是本方案的责任单位"
	case !s.ev.Now.IsZero() && sub.Received.After(s.ev.Now):
		return "未计入：统计时间之后收到"
	case sub.Outcome != gyqc.OutcomeAccepted && sub.Outcome != gyqc.OutcomeWarned && sub.Outcome != gyqc.OutcomeRefused:
		return "未计入：处理结果无法识别"
	}
	return "未计入"
}

// The columns of 明细, in order.
const (
	dPeriod = iota
	dCode
	dUnit
	dVersion
	dUse
	dOutcome
	dReceived
	dType
	dTask
	dKey
	dName
	dRole
	dStatus
	dValue
	dMeasure
	dRaw
	dProgress
	dPractice
	dIssues
	dNextPlan
	dNote
	dProblems
	dFile
	dFiller
	dHash
)

// detailRows appends the rows of one attempt: the file, then its tasks, then its figures.
func (s *summary) detailRows(t *Table, e detailEntry) {
	sub := e.sub
	name := sub.Unit
	if u := s.plan.Registry.Unit(sub.Unit); u != nil {
		name = u.Name
	}
	head := func(kind string) []Cell {
		row := make([]Cell, len(detailColumns))
		row[dPeriod], row[dCode], row[dUnit] = text(sub.Period.String()), text(sub.Unit), text(name)
		row[dVersion], row[dUse], row[dOutcome] = integer(sub.Version), text(e.use), text(sub.Outcome.Label())
		row[dReceived], row[dType] = instant(sub.Received, s.loc, "无"), text(kind)
		row[dFile], row[dHash] = text(sub.FileName), text(sub.Hash)
		return row
	}

	// The file.
	row := head(detailFile)
	row[dName] = text("报送文件")
	row[dProblems] = text(problemLines(sub.Problems, func(p gyqc.Problem) bool { return p.Task == 0 && p.Indicator == "" }))
	row[dFiller] = text(fillerLine(sub))
	t.Rows = append(t.Rows, row)

	// Its tasks.
	for _, tr := range sub.Tasks {
		row := head(detailTask)
		row[dTask] = integer(tr.Task)
		if task := s.plan.Task(tr.Task); task != nil {
			row[dName] = text(task.Title)
		}
		row[dRole] = text(tr.Role.Label())
		if tr.Status != "" {
			row[dStatus] = text(string(tr.Status))
		} else {
			row[dStatus] = noData("未填报")
		}
		row[dProgress], row[dPractice] = text(tr.Progress), text(tr.Practice)
		row[dIssues], row[dNextPlan] = text(tr.Issues), text(tr.NextPlan)
		no := tr.Task
		row[dProblems] = text(problemLines(sub.Problems, func(p gyqc.Problem) bool { return p.Task == no && p.Indicator == "" }))
		t.Rows = append(t.Rows, row)
	}

	// Its figures.
	for i := range sub.Values {
		v := &sub.Values[i]
		row := head(detailIndicator)
		row[dKey], row[dName] = text(v.Key), text(v.Key)
		if ind := s.plan.Indicator(v.Key); ind != nil {
			row[dTask], row[dName], row[dMeasure] = integer(ind.Task), text(ind.Name), text(ind.Measure)
		}
		row[dValue] = figure(v.Value, valueWhy(v))
		row[dRaw], row[dNote] = text(rawFigure(v)), text(v.Note)
		key := v.Key
		row[dProblems] = text(problemLines(sub.Problems, func(p gyqc.Problem) bool { return p.Indicator == key }))
		t.Rows = append(t.Rows, row)
	}
}

// problemLines lists the problems that match, one a line, errors and warnings only.
func problemLines(ps gyqc.Problems, match func(gyqc.Problem) bool) string {
	var lines []string
	for _, p := range ps {
		if p.Severity == gyqc.SevNote || !match(p) {
			continue
		}
		line := p.Severity.Label() + "："
		if where := strings.TrimSpace(p.Sheet + " " + p.Cell); where != "" {
			line += where + "："
		}
		line += p.Message
		if p.ValueUnsaid() {
			line += "（填写的是“" + p.Value + "”）"
		}
		if p.Explained {
			line += "（已说明）"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// fillerLine says who filled the file and with what program.
func fillerLine(sub *gyqc.Submission) string {
	var parts []string
	f := sub.Filler
	for _, p := range [][2]string{{"填报人", f.Name}, {"电话", f.Phone}, {"审核人", f.Reviewer}, {"填报日期", f.Date}, {"软件", sub.Application}} {
		if strings.TrimSpace(p[1]) != "" {
			parts = append(parts, p[0]+"："+p[1])
		}
	}
	return strings.Join(parts, "；")
}

// rawFigure is what the unit wrote for a figure: the cell's text, then the month it covers
// and the growth it reported where it said so (数据截至 2025年5月；同比增长 8.5%).
func rawFigure(v *gyqc.IndicatorValue) string {
	var parts []string
	if !v.Covers.IsZero() {
		parts = append(parts, "数据截至"+v.Covers.Label())
	}
	if v.Growth != nil {
		parts = append(parts, "同比增长"+gyqc.FormatNumber(*v.Growth)+"%")
	}
	if len(parts) == 0 {
		return v.Raw
	}
	return strings.TrimSpace(v.Raw + "（" + strings.Join(parts, "；") + "）")
}
