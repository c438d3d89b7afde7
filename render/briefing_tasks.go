package render

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// tasks writes 三、重点任务推进情况: the tasks by project (八大工程, （一）（二）…), each with its
// light and a one-line summary of what its lead units reported and where its indicators
// stand; every yellow and red task also with the reasons for its light.
func (b *brief) tasks() {
	d, ev := b.d, b.ev
	d.Heading(1, "重点任务推进情况")
	if len(ev.Tasks) == 0 {
		d.Paragraph("方案未列出重点任务。")
		return
	}
	d.Paragraph(fmt.Sprintf("按%s大工程分列，%d项重点任务推进情况如下。", gyqc.ChineseNumeral(len(b.plan.Projects)), len(ev.Tasks)))
	d.Note(b.lightNote())

	for _, group := range b.projectGroups() {
		d.Heading(2, group.name)
		var counts gyqc.LightCounts
		for _, te := range group.tasks {
			counts.Add(te.Light)
		}
		var parts []string
		for _, l := range gyqc.LightOrder {
			if n := counts.Of(l); n > 0 {
				parts = append(parts, fmt.Sprintf("%s%d项", l.Label(), n))
			}
		}
		d.Paragraph(fmt.Sprintf("本工程共%d项任务，其中%s。", len(group.tasks), joinNames(parts)))
		for _, te := range group.tasks {
			d.Spans(Span{Light: te.Light}, Span{Text: fmt.Sprintf("%d．%s：", te.No, te.Task.Title), Bold: true},
				Span{Text: b.taskSummary(te)})
		}
	}
}

// projectGroup is a project and its tasks as evaluated.
type projectGroup struct {
	name  string
	tasks []*gyqc.TaskEvaluation
}

// projectGroups returns the tasks by project in the plan's order; tasks of no project
// come last, under 其他任务.
func (b *brief) projectGroups() []projectGroup {
	var out []projectGroup
	placed := map[int]bool{}
	for _, p := range b.plan.Projects {
		g := projectGroup{name: p.Name}
		for _, no := range p.Tasks {
			if te := b.ev.Task(no); te != nil && !placed[no] {
				g.tasks = append(g.tasks, te)
				placed[no] = true
			}
		}
		if len(g.tasks) > 0 {
			out = append(out, g)
		}
	}
	rest := projectGroup{name: "其他任务"}
	for _, te := range b.ev.Tasks {
		if !placed[te.No] {
			rest.tasks = append(rest.tasks, te)
		}
	}
	if len(rest.tasks) > 0 {
		out = append(out, rest)
	}
	return out
}

// lightNote explains the lights, with the plan's own margins.
func (b *brief) lightNote() string {
	cfg := b.plan.Lights
	s := "注：绿灯为牵头单位均报告正常推进或已完成，且相关指标符合时序进度；" +
		fmt.Sprintf("黄灯为牵头单位报告滞后、未启动或未填报进展状态，相关指标滞后（%s个百分点以内）或无数据，或配合单位未报送；", gyqc.FormatPoints(cfg.Margin)) +
		"红灯为牵头单位未报送或报送被退回，或相关指标严重滞后"
	if cfg.YellowPeriods > 0 {
		s += fmt.Sprintf("，或连续%d个月为黄灯", cfg.YellowPeriods)
	}
	return s + "；红灯任务赶上进度后先转为黄灯。"
}

// taskSummary is the one-line summary of a task: what its lead units reported, where its
// indicators stand and how its light changed; for a yellow or red task, the reasons.
func (b *brief) taskSummary(te *gyqc.TaskEvaluation) string {
	parts := []string{leadSummary(te)}
	if s := indicatorSummary(te); s != "" {
		parts = append(parts, s)
	}
	if s := lightTrend(te); s != "" {
		parts = append(parts, s)
	}
	text := strings.Join(parts, "；") + "。"
	if te.Light == gyqc.LightYellow || te.Light == gyqc.LightRed {
		text += "亮灯原因：" + sentence(te.Reason())
	}
	return text
}

// leadSummary says what the lead units reported: 牵头单位区经济信息委报告正常推进，
// 正阳工业园区管委会报告滞后.
func leadSummary(te *gyqc.TaskEvaluation) string {
	if len(te.Leads) == 0 {
		return "方案未明确牵头单位"
	}
	var by countBy
	for _, e := range te.Leads {
		by.add(statusPhrase(e), e.Unit.Name)
	}
	parts := make([]string, 0, len(by.keys))
	for _, k := range by.keys {
		names := by.names[k]
		all := ""
		if len(names) > 1 && len(by.keys) == 1 {
			all = "均"
		}
		parts = append(parts, gyqc.NameList(names, 8)+all+k)
	}
	return "牵头单位" + strings.Join(parts, "，")
}

// statusPhrase is what a unit's entry says as a predicate: 报告正常推进, 未报送, 报送被退回.
func statusPhrase(e gyqc.TaskEntry) string {
	if s := e.Status(); s != "" {
		return "报告" + string(s)
	}
	switch l := e.StatusLabel(); l {
	case "被退回":
		return "报送被退回"
	case "未填报":
		return "未填报进展状态"
	default:
		return l
	}
}

// indicatorSummary says where the task's indicators stand: 相关指标2项均符合时序进度, or
// 相关指标3项中符合时序进度1项、滞后2项.
func indicatorSummary(te *gyqc.TaskEvaluation) string {
	n := len(te.Indicators)
	if n == 0 {
		return ""
	}
	counts := map[gyqc.IndicatorStatus]int{}
	for _, ie := range te.Indicators {
		counts[ie.Status]++
	}
	for st, c := range counts {
		if c != n {
			continue
		}
		label := st.Label()
		if st == gyqc.IndicatorOnTrack {
			label = "符合时序进度"
		}
		if n == 1 {
			return "相关指标" + label
		}
		return fmt.Sprintf("相关指标%d项均%s", n, label)
	}
	var parts []string
	for _, st := range []gyqc.IndicatorStatus{gyqc.IndicatorOnTrack, gyqc.IndicatorBehind, gyqc.IndicatorFarBehind,
		gyqc.IndicatorNoData, gyqc.IndicatorNoBasis} {
		if c := counts[st]; c > 0 {
			label := st.Label()
			if st == gyqc.IndicatorOnTrack {
				label = "符合时序进度"
			}
			parts = append(parts, fmt.Sprintf("%s%d项", label, c))
		}
	}
	return fmt.Sprintf("相关指标%d项中%s", n, joinNames(parts))
}

// lightTrend says how the light changed against last month (较上月由黄灯转为红灯) or how
// long a yellow or red light has lasted (已连续3个月红灯).
func lightTrend(te *gyqc.TaskEvaluation) string {
	n := len(te.History)
	if n < 2 {
		return ""
	}
	prev := te.History[n-2].Light
	switch {
	case prev != te.Light && prev != gyqc.LightNone && te.Light != gyqc.LightNone:
		return "较上月由" + prev.Label() + "转为" + te.Light.Label()
	case prev == te.Light && (te.Light == gyqc.LightRed || te.Light == gyqc.LightYellow):
		return fmt.Sprintf("已连续%d个月%s", lightRun(te), te.Light.Label())
	}
	return ""
}

// lightRun counts the periods at the end of the task's history with its current light.
func lightRun(te *gyqc.TaskEvaluation) int {
	run := 0
	for i := len(te.History) - 1; i >= 0 && te.History[i].Light == te.Light; i-- {
		run++
	}
	return run
}
