package consolidate

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/qianjiang/gyqc"
)

// taskColumns are the columns of 任务进展.
var taskColumns = []Column{
	{Header: "所属工程", Width: 12, Wrap: true},
	{Header: "任务序号", Width: 6, Center: true},
	{Header: "任务", Width: 16, Wrap: true},
	{Header: "亮灯", Width: 7, Center: true},
	{Header: "上月亮灯", Width: 7, Center: true},
	{Header: "亮灯原因", Width: 34, Wrap: true},
	{Header: "牵头单位", Width: 14, Wrap: true},
	{Header: "牵头单位进展状态", Width: 20, Wrap: true},
	{Header: "本月工作进展", Width: 44, Wrap: true},
	{Header: "存在问题及需协调事项", Width: 30, Wrap: true},
	{Header: "下月工作计划", Width: 30, Wrap: true},
	{Header: "相关指标", Width: 26, Wrap: true},
	{Header: "配合单位报送情况", Width: 24, Wrap: true},
}

// tasks builds 任务进展: the tasks in plan order, grouped by project, each with its light and
// the reasons for it, its lead units' statuses, and what every unit wrote, attributed.
func (s *summary) tasks() *Table {
	t := &Table{Name: SheetTasks, Columns: taskColumns, Freeze: 3}
	for _, te := range s.ev.Tasks {
		project := ""
		if te.Project != nil {
			project = te.Project.Numeral() + "、" + te.Project.Name
		}
		previous := noData("无")
		if n := len(te.History); n >= 2 {
			previous = lightCell(te.History[n-2].Light)
		}
		var leads, statuses []string
		for _, e := range te.Leads {
			leads = append(leads, e.Unit.Name)
			statuses = append(statuses, e.Unit.Name+"："+e.StatusLabel())
		}
		t.Rows = append(t.Rows, []Cell{
			text(project),
			integer(te.No),
			text(te.Task.Title),
			lightCell(te.Light),
			previous,
			text(te.Reason()),
			text(strings.Join(leads, "、")),
			text(strings.Join(statuses, "\n")),
			text(s.attributed(te, func(r *gyqc.TaskReport) string { return r.Progress })),
			text(s.attributed(te, func(r *gyqc.TaskReport) string { return r.Issues })),
			text(s.attributed(te, func(r *gyqc.TaskReport) string { return r.NextPlan })),
			text(taskIndicators(te)),
			text(supportState(te)),
		})
	}
	return t
}

// attributed joins one text of every unit of the task, each after its unit's name, lead
// units first: 【区经济信息委】…, 【区财政局（配合）】…. Empty texts are left out. The texts
// share TextLimit characters: one that does not fit in what is left is cut, and once the
// limit is reached the remaining units are counted and left to 明细.
func (s *summary) attributed(te *gyqc.TaskEvaluation, field func(*gyqc.TaskReport) string) string {
	const minCut = 50 // a text is cut to no less than this
	var b strings.Builder
	used, left := 0, 0
	for _, list := range [][]gyqc.TaskEntry{te.Leads, te.Supports} {
		for _, e := range list {
			if e.Report == nil {
				continue
			}
			txt := strings.TrimSpace(field(e.Report))
			if txt == "" {
				continue
			}
			if used >= s.opts.TextLimit {
				left++
				continue
			}
			tag := "【" + e.Unit.Name + "】"
			if e.Role == gyqc.RoleSupport {
				tag = "【" + e.Unit.Name + "（配合）】"
			}
			room := max(s.opts.TextLimit-used-utf8.RuneCountInString(tag), minCut)
			if utf8.RuneCountInString(txt) > room {
				txt = string([]rune(txt)[:room]) + "……（全文见“" + SheetDetail + "”工作表）"
			}
			if used > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(tag)
			b.WriteString(txt)
			used += utf8.RuneCountInString(tag) + utf8.RuneCountInString(txt) + 1
		}
	}
	if left > 0 {
		fmt.Fprintf(&b, "\n……另有%d个单位的内容见“%s”工作表", left, SheetDetail)
	}
	return b.String()
}

// taskIndicators lists the task's indicators with their status, one a line.
func taskIndicators(te *gyqc.TaskEvaluation) string {
	var lines []string
	for _, ie := range te.Indicators {
		lines = append(lines, ie.Indicator.Name+"："+ie.Status.Label())
	}
	return strings.Join(lines, "\n")
}

// supportState says how many supporting units reported and names those that did not, by
// the state they are shown in (未报送, 被退回, 尚未报送).
func supportState(te *gyqc.TaskEvaluation) string {
	if len(te.Supports) == 0 {
		return "无配合单位"
	}
	names := map[gyqc.State][]string{}
	reported := 0
	for _, e := range te.Supports {
		switch st := e.State.Shown(); st {
		case gyqc.StateOnTime, gyqc.StateLate:
			reported++
		default:
			names[st] = append(names[st], e.Unit.Name)
		}
	}
	out := fmt.Sprintf("配合单位%d个，已报送%d个", len(te.Supports), reported)
	for _, st := range gyqc.ShownStates {
		if len(names[st]) > 0 {
			out += "；" + st.Label() + "：" + gyqc.NameList(names[st], 10)
		}
	}
	return out
}

// history builds 历史趋势: every task's light and every indicator's figure in each period of
// the horizon so far, one column a period.
func (s *summary) history() *Table {
	t := &Table{Name: SheetHistory, Freeze: 3, Columns: []Column{
		{Header: "类别", Width: 8, Center: true},
		{Header: "序号", Width: 5, Center: true},
		{Header: "任务或指标", Width: 22, Max: 30, Wrap: true},
		{Header: "计量单位", Width: 6, Center: true},
	}}
	for _, p := range s.ev.Periods {
		t.Columns = append(t.Columns, Column{Header: p.String(), Width: 8, Center: true})
	}
	for _, te := range s.ev.Tasks {
		row := []Cell{text("任务亮灯"), integer(te.No), text(te.Task.Title), Cell{}}
		for _, lp := range te.History {
			row = append(row, lightCell(lp.Light))
		}
		t.Rows = append(t.Rows, row)
	}
	for i, ie := range s.ev.Indicators {
		row := []Cell{text("指标"), integer(i + 1), text(ie.Indicator.Name), text(ie.Indicator.Measure)}
		for _, pt := range ie.History {
			row = append(row, figure(pt.Value, "无数据"))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
