package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/qianjiang/gyqc"
)

// tasks writes 三、重点任务推进情况: the tasks by light in one sentence, then a table of only
// the red and yellow tasks — the light, how long it has lasted, the lead units as the plan
// names them, and the evaluation's reasons for the light — and the green tasks counted in
// one sentence with their numbers.
func (b *brief) tasks() {
	d, ev := b.d, b.ev
	d.Heading(1, "重点任务推进情况")
	if len(ev.Tasks) == 0 {
		d.Paragraph("方案未列出重点任务。")
		return
	}
	var lagging, green, none []*gyqc.TaskEvaluation
	for _, l := range []gyqc.Light{gyqc.LightRed, gyqc.LightYellow} {
		for _, te := range ev.Tasks {
			if te.Light == l {
				lagging = append(lagging, te)
			}
		}
	}
	for _, te := range ev.Tasks {
		switch te.Light {
		case gyqc.LightGreen:
			green = append(green, te)
		case gyqc.LightNone:
			none = append(none, te)
		}
	}
	var p strings.Builder
	if len(lagging) > 0 {
		var parts []string
		for _, l := range []gyqc.Light{gyqc.LightRed, gyqc.LightYellow} {
			if n := ev.Summary.Lights.Of(l); n > 0 {
				parts = append(parts, fmt.Sprintf("%s%d项", l.Label(), n))
			}
		}
		listed, said := summarized(lagging)
		switch {
		case len(said) == 0:
			fmt.Fprintf(&p, "亮红灯和黄灯的%d项任务（%s）及其亮灯原因见表%d。", len(lagging), joinNames(parts), b.tables+1)
		case len(listed) == 0:
			fmt.Fprintf(&p, "亮红灯和黄灯的%d项任务（%s）中，%s。", len(lagging), joinNames(parts), strings.Join(said, "；"))
		default:
			fmt.Fprintf(&p, "亮红灯和黄灯的%d项任务（%s）中，%s；另外%d项及其亮灯原因见表%d。",
				len(lagging), joinNames(parts), strings.Join(said, "；"), len(listed), b.tables+1)
		}
		lagging = listed
	}
	switch rest := len(green) + len(none); {
	case rest == 0: // every task is red or yellow
	case len(green) == len(ev.Tasks):
		fmt.Fprintf(&p, "%d项任务均亮绿灯，正常推进。", len(green))
	case len(none) == 0:
		fmt.Fprintf(&p, "其余%d项任务亮绿灯，正常推进。", rest)
	case len(green) > 0:
		fmt.Fprintf(&p, "其余%d项任务中，%d项亮绿灯，正常推进；%s暂无数据（牵头单位尚未报送，未到截止时间）。", rest, len(green), taskNumbers(none))
	default:
		fmt.Fprintf(&p, "%s暂无数据（牵头单位尚未报送，未到截止时间）。", taskNumbers(none))
	}
	d.Paragraph(p.String())
	if len(lagging) == 0 {
		return
	}
	b.taskTable = b.tables + 1
	rows := make([][]Cell, 0, len(lagging))
	for _, te := range lagging {
		since := ""
		if run := lightRun(te); run >= 2 {
			since = fmt.Sprintf("\n连续%d月", run)
		} else if t := lightTrend(te); t != "" {
			since = "\n" + t
		}
		rows = append(rows, []Cell{
			{Light: te.Light, Spans: []Span{{Text: since}}},
			{Text: fmt.Sprintf("%d．%s", te.No, te.Task.Title)},
			{Text: joinNames(te.Task.Lead)},
			{Text: sentence(b.taskReasons(te))},
		})
	}
	d.Table(Table{
		Caption:  b.table("亮红灯和黄灯的任务"),
		Columns:  []Column{{Header: "亮灯", NoWrap: true}, {Header: "任务"}, {Header: "牵头单位"}, {Header: "亮灯原因"}},
		Rows:     rows,
		FontSize: sizeSmall,
		Note:     b.lightNote(),
	})
}

// caughtUpReason is the evaluation's whole reason for a task that was red last month and
// has caught up: yellow by the rule that a red task turns yellow first.
const caughtUpReason = "上月为红灯，本月已赶上进度，转为黄灯"

// summarized splits the red and yellow tasks into those table 2 lists and those a sentence
// says all of: yellow only for having caught up after a red month (红灯任务赶上进度后先转为
// 黄灯), some of them also because supporting units did not report or were refused, and
// yellow only for such supporting units, whom 报送情况 names; it returns the sentences'
// clauses.
func summarized(lagging []*gyqc.TaskEvaluation) (listed []*gyqc.TaskEvaluation, said []string) {
	var caught, caughtSupports, supports []*gyqc.TaskEvaluation
	for _, te := range lagging {
		if te.Light != gyqc.LightYellow {
			listed = append(listed, te)
			continue
		}
		up, rest := slices.Contains(te.Reasons, caughtUpReason), slices.DeleteFunc(slices.Clone(te.Reasons), func(r string) bool { return r == caughtUpReason })
		switch {
		case up && len(rest) == 0:
			caught = append(caught, te)
		case up && onlySupports(rest):
			caught = append(caught, te)
			caughtSupports = append(caughtSupports, te)
		case !up && onlySupports(rest):
			supports = append(supports, te)
		default:
			listed = append(listed, te)
		}
	}
	either := "配合单位" + gyqc.StateMissing.Label() + "或" + gyqc.StateRefused.Label()
	if len(caught) > 0 {
		clause := taskNumbers(caught) + caughtUpReason
		switch {
		case len(caughtSupports) == len(caught):
			clause += "，另有" + either
		case len(caughtSupports) > 0:
			clause += "，其中" + taskNumbers(caughtSupports) + "另有" + either
		}
		said = append(said, clause)
	}
	if len(supports) > 0 {
		said = append(said, taskNumbers(supports)+"仅因"+either+"亮黄灯")
	}
	if len(caughtSupports)+len(supports) > 0 {
		said[len(said)-1] += "（单位见报送情况）"
	}
	return listed, said
}

// onlySupports reports whether every reason names supporting units that did not report or
// were refused (配合单位…未报送, 配合单位…被退回).
func onlySupports(reasons []string) bool {
	for _, r := range reasons {
		if !strings.HasPrefix(r, "配合单位") || !strings.HasSuffix(r, gyqc.StateMissing.Label()) && !strings.HasSuffix(r, gyqc.StateRefused.Label()) {
			return false
		}
	}
	return len(reasons) > 0
}

// taskNumbers names tasks by number: 任务5、6、8.
func taskNumbers(list []*gyqc.TaskEvaluation) string {
	nos := make([]string, len(list))
	for i, te := range list {
		nos[i] = fmt.Sprint(te.No)
	}
	return "任务" + joinNames(nos)
}

// lightNote explains the lights, with the plan's own margins.
func (b *brief) lightNote() string {
	cfg := b.plan.Lights
	s := "注：红灯为牵头单位未报送或报送被退回，或相关指标严重滞后" +
		fmt.Sprintf("；黄灯为牵头单位报告滞后、未启动或未填报进展状态，相关指标滞后（%s个百分点以内）或无数据，或配合单位未报送", gyqc.FormatPoints(cfg.Margin))
	if cfg.YellowPeriods > 0 {
		s += fmt.Sprintf("，连续%d月为黄灯的转为红灯", cfg.YellowPeriods)
	}
	return s + "；红灯任务赶上进度后先转为黄灯。"
}

// lightTrend says what the light was last month when it changed: 上月为黄灯; empty when it
// did not change or there is no last month.
func lightTrend(te *gyqc.TaskEvaluation) string {
	n := len(te.History)
	if n < 2 {
		return ""
	}
	prev := te.History[n-2].Light
	if prev != te.Light && prev != gyqc.LightNone && te.Light != gyqc.LightNone {
		return "上月为" + prev.Label()
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

// taskReasons are the evaluation's reasons for a task's light, tersely: the indicators that
// table 1 lists are named by their rows there in one phrase (表1第5项指标严重滞后，第1—4、6项
// 滞后) where the first of them stood, "上月为红灯，" is left to the 亮灯 column, which says it
// (上月为红灯, or 连续N月 of red), and the supporting units are named after one 配合单位.
func (b *brief) taskReasons(te *gyqc.TaskEvaluation) string {
	rows := map[gyqc.IndicatorStatus][]int{}
	at := -1
	parts := make([]string, 0, len(te.Reasons))
	for _, r := range te.Reasons {
		if ie := b.listedIndicator(te, r); ie != nil {
			rows[ie.Status] = append(rows[ie.Status], b.indicatorRow[ie.Key])
			if at < 0 {
				at = len(parts)
				parts = append(parts, "")
			}
			continue
		}
		text := tight(r)
		if rest, ok := strings.CutPrefix(text, "上月为红灯，"); ok && te.Light != gyqc.LightNone && (lightRun(te) >= 2 || lightTrend(te) != "") {
			text = rest
		}
		if rest, ok := strings.CutPrefix(text, "配合单位"); ok && len(parts) > 0 && strings.HasPrefix(parts[len(parts)-1], "配合单位") {
			parts[len(parts)-1] += "，" + rest // 配合单位甲未报送，乙被退回
			continue
		}
		parts = append(parts, text)
	}
	if at >= 0 {
		var groups []string
		for _, st := range []gyqc.IndicatorStatus{gyqc.IndicatorFarBehind, gyqc.IndicatorBehind, gyqc.IndicatorNoData} {
			if nos := rows[st]; len(nos) > 0 {
				slices.Sort(nos)
				groups = append(groups, "第"+numberRanges(nos)+"项"+st.Label())
			}
		}
		parts[at] = fmt.Sprintf("表%d%s", b.indicatorTableNo, strings.Replace(strings.Join(groups, "，"), "项", "项指标", 1))
	}
	return strings.Join(parts, "；")
}

// listedIndicator returns the indicator of te whose reason r is, when table 1 lists it.
func (b *brief) listedIndicator(te *gyqc.TaskEvaluation, r string) *gyqc.IndicatorEvaluation {
	for _, ie := range te.Indicators {
		if r == ie.Reason {
			if _, ok := b.indicatorRow[ie.Key]; ok {
				return ie
			}
		}
	}
	return nil
}
