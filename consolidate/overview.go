package consolidate

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// overviewColumns are the columns of 总览.
var overviewColumns = []Column{
	{Header: "类别", Width: 14, Center: true},
	{Header: "项目", Width: 16, Max: 24, Wrap: true}, // a place of many units names three and counts them
	{Header: "数值", Width: 9},
	{Header: "占比", Width: 9},
	{Header: "较上月", Width: 14},
	{Header: "说明", Width: 70, Wrap: true},
}

// overview builds 总览: the period, the reporting counts, the tasks by light, the indicators
// by status, the five best and worst scores, and the files left out.
func (s *summary) overview() *Table {
	ev, sum := s.ev, s.ev.Summary
	t := &Table{Name: SheetOverview, Columns: overviewColumns}
	intro := fmt.Sprintf("报送期：%s　　报送截止时间：%s　　统计时间：%s", ev.Period.Label(), s.plan.DueLabel(ev.Period), s.asOf())
	t.Intro = []string{s.title(), intro + "　　方案版本：" + s.plan.Edition.Label()}
	if ev.Provisional {
		t.Intro = append(t.Intro, "统计时尚未到报送截止时间，尚未报送和被退回的单位仍可按时报送，本表为初步结果。")
	}
	row := func(cat string, item Cell, value Cell, share Cell, change, note string) {
		t.Rows = append(t.Rows, []Cell{text(cat), item, value, share, text(change), text(note)})
	}

	s.reportingRows(row)

	// Task lights.
	for _, l := range gyqc.LightOrder {
		n := sum.Lights.Of(l)
		if l == gyqc.LightNone && n == 0 {
			continue
		}
		row("任务亮灯", lightCell(l), integer(n), ratio(n, len(ev.Tasks)), sum.LightChange(l), s.lightNote(l))
	}

	// Indicators.
	prevInd, hasPrevInd := s.previousStatuses()
	row("指标完成", text("指标总数"), integer(sum.Indicators), Cell{}, "", "")
	for _, st := range []gyqc.IndicatorStatus{gyqc.IndicatorOnTrack, gyqc.IndicatorBehind, gyqc.IndicatorFarBehind, gyqc.IndicatorNoData, gyqc.IndicatorNoBasis, gyqc.IndicatorNotDue} {
		n := map[gyqc.IndicatorStatus]int{gyqc.IndicatorOnTrack: sum.OnTrack, gyqc.IndicatorBehind: sum.Behind,
			gyqc.IndicatorFarBehind: sum.FarBehind, gyqc.IndicatorNoData: sum.NoData, gyqc.IndicatorNoBasis: sum.NoBasis,
			gyqc.IndicatorNotDue: sum.NotDue}[st]
		if st.Open() && n == 0 {
			continue
		}
		change := ""
		if hasPrevInd {
			change = gyqc.Change(n, prevInd[st], "项")
		}
		row("指标完成", statusCell(st), integer(n), ratio(n, sum.Indicators), change, s.indicatorNote(st))
	}

	s.scoreRows(row)

	// Files the evaluation could not place.
	if len(ev.Ignored) > 0 {
		var notes []string
		for i, p := range ev.Ignored {
			if i == 10 {
				notes = append(notes, fmt.Sprintf("等%d个文件", len(ev.Ignored)))
				break
			}
			notes = append(notes, p.File+"："+p.Message)
		}
		row("未计入的文件", text("文件数"), integer(len(ev.Ignored)), Cell{}, "", strings.Join(notes, "\n"))
	}
	return t
}

// overviewRow adds a row to 总览: its category, item, value, share, change against last
// month and note.
type overviewRow func(cat string, item, value, share Cell, change, note string)

// ratio is n's share of of as a percentage, empty when of is 0.
func ratio(n, of int) Cell {
	if of == 0 {
		return Cell{}
	}
	return number(round6(float64(n)/float64(of)), FormatPercent)
}

// reportingRows adds 总览's reporting counts: the units to report, then each state as lists
// show it, with its change against last month.
func (s *summary) reportingRows(row overviewRow) {
	sum := s.ev.Summary
	prev, hasPrev := s.previousStates()
	row("报送情况", text("应报单位"), integer(sum.Units), Cell{}, "", "方案确定的责任单位（承担任务或报送指标的单位）")
	// Each unit counted once as lists show it (Summary): before the deadline a unit with
	// nothing yet is 尚未报送, not 未报送.
	for _, st := range gyqc.ShownStates {
		n := sum.StateCount(st)
		if st == gyqc.StateNotYetDue && n == 0 {
			continue
		}
		change, label := "", st.Label()
		if hasPrev && st != gyqc.StateNotYetDue {
			change = gyqc.Change(n, prev[st], "个")
		}
		if st == gyqc.StateNotYetDue {
			label += "（未到截止时间）"
		}
		row("报送情况", text(label), integer(n), ratio(n, sum.Units), change, s.stateNote(st))
	}
}

// scoreRows adds 总览's five best and five worst scores. Units that share a place are
// listed together or not at all: a place that does not fit in the rows left is one row that
// names three of its units and counts them (of 21 units tied at 100 the first three by the
// roster's order used to be listed as 前五名, and the other 18 not).
func (s *summary) scoreRows(row overviewRow) {
	ev := s.ev
	best, worst := bestAndWorst(ev.Ranking, 5)
	ties := map[int]int{}
	for _, u := range ev.Ranking {
		ties[u.Rank]++
	}
	line := func(cat string, units []*gyqc.UnitEvaluation, hint bool) {
		u := units[0]
		note := u.RankLabel()
		if u.Tied {
			note += fmt.Sprintf("（共%d个单位）", ties[u.Rank])
		}
		name := u.Name
		if len(units) > 1 {
			names := make([]string, len(units))
			for i, v := range units {
				names[i] = v.Name
			}
			name = gyqc.NameList(names, 3)
		} else if hint {
			note += scoreHint(u)
		}
		row(cat, text(name), number(u.Score.Value, FormatScore), Cell{}, "", note)
	}
	for _, units := range best {
		line("考核得分前五名", units, false)
	}
	for _, units := range worst {
		line("考核得分后五名", units, true)
	}
	if len(worst) == 0 && len(best) > 0 {
		row("考核得分后五名", text("无"), Cell{}, Cell{}, "", "其余单位本期均未扣分")
	}
}

// bestAndWorst returns up to n rows of the best places, and of the worst (worst first) of the
// units that lost points and neither are among the best nor share the first place. A row is
// one unit, or the units of a place too many for the rows left, which ends the list.
func bestAndWorst(ranking []*gyqc.UnitEvaluation, n int) (best, worst [][]*gyqc.UnitEvaluation) {
	groups := places(ranking)
	best = fill(groups, n)
	last := 0
	for _, r := range best {
		last = max(last, r[0].Rank)
	}
	var low [][]*gyqc.UnitEvaluation
	for i := len(groups) - 1; i >= 0 && groups[i][0].Rank > max(last, 1); i-- {
		var lost []*gyqc.UnitEvaluation
		for j := len(groups[i]) - 1; j >= 0; j-- { // worst first, as the ranking read backwards
			if u := groups[i][j]; u.Score.Lost > 0 {
				lost = append(lost, u)
			}
		}
		if len(lost) > 0 {
			low = append(low, lost)
		}
	}
	return best, fill(low, n)
}

// places groups a ranking's units by place, best first.
func places(ranking []*gyqc.UnitEvaluation) [][]*gyqc.UnitEvaluation {
	var out [][]*gyqc.UnitEvaluation
	for i, u := range ranking {
		if i == 0 || u.Rank != ranking[i-1].Rank {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], u)
	}
	return out
}

// fill returns up to n rows from groups in order: a row for each unit of a group that fits,
// and a group that does not fit as one row, after which there are no more.
func fill(groups [][]*gyqc.UnitEvaluation, n int) [][]*gyqc.UnitEvaluation {
	var rows [][]*gyqc.UnitEvaluation
	for _, g := range groups {
		if len(rows) >= n {
			break
		}
		if len(rows)+len(g) > n {
			return append(rows, g)
		}
		for _, u := range g {
			rows = append(rows, []*gyqc.UnitEvaluation{u})
		}
	}
	return rows
}

// scoreHint names the main deduction of a low score: the rule that cost the most points in
// all (the first of equals), with how many times it applied when more than once.
func scoreHint(u *gyqc.UnitEvaluation) string {
	var order []gyqc.PenaltyKey
	total, count := map[gyqc.PenaltyKey]float64{}, map[gyqc.PenaltyKey]int{}
	for _, d := range u.Score.Deductions {
		if d.Category == gyqc.CategoryCredit || d.Points == 0 {
			continue
		}
		if count[d.Penalty] == 0 {
			order = append(order, d.Penalty)
		}
		total[d.Penalty] += d.Points
		count[d.Penalty]++
	}
	var top gyqc.PenaltyKey
	for _, k := range order {
		if top == "" || total[k] > total[top] {
			top = k
		}
	}
	if top == "" {
		return ""
	}
	times := ""
	if count[top] > 1 {
		times = fmt.Sprintf("%d项，", count[top])
	}
	return "；主要扣分：" + top.Label() + "（" + times + "扣" + gyqc.FormatPoints(total[top]) + "分）"
}

// previous is the place of the period before in the evaluation's history, false when the
// evaluation has none.
func (s *summary) previous() (int, bool) {
	k := len(s.ev.Periods) - 2
	return k, k >= 0
}

// previousStates counts the units' states in the period before, when there is one.
func (s *summary) previousStates() (map[gyqc.State]int, bool) {
	return countPrevious(s, s.ev.Units, func(u *gyqc.UnitEvaluation, k int) (gyqc.State, bool) {
		return u.History[k].Shown(), true
	})
}

// previousStatuses counts the indicators' statuses in the period before, when there is one.
func (s *summary) previousStatuses() (map[gyqc.IndicatorStatus]int, bool) {
	return countPrevious(s, s.ev.Indicators, func(ie *gyqc.IndicatorEvaluation, k int) (gyqc.IndicatorStatus, bool) {
		if k < len(ie.History) {
			return ie.History[k].Status, true
		}
		return "", false
	})
}

// countPrevious counts the items by what they were in the period before (of, given the
// period's index k in their histories, says, or says nothing), when there is one.
func countPrevious[T any, K comparable](s *summary, items []T, of func(item T, k int) (K, bool)) (map[K]int, bool) {
	k, ok := s.previous()
	if !ok {
		return nil, false
	}
	out := map[K]int{}
	for _, it := range items {
		if v, ok := of(it, k); ok {
			out[v]++
		}
	}
	return out, true
}

// stateNote names the units shown in state st (see gyqc.ReportState.Shown).
func (s *summary) stateNote(st gyqc.State) string {
	var list []string
	pending := 0
	for _, u := range s.ev.Units {
		if u.Report.Shown() != st {
			continue
		}
		if u.Report.Pending() {
			pending++
		}
		name := u.Name
		if st == gyqc.StateLate {
			name += "（" + gyqc.DurationLabel(u.Report.Late) + "）"
		}
		list = append(list, name)
	}
	if st == gyqc.StateOnTime || len(list) == 0 {
		return ""
	}
	note := gyqc.NameList(list, 20)
	if st == gyqc.StateRefused && pending > 0 {
		note += fmt.Sprintf("（其中%d个单位未到截止时间，可重新报送）", pending)
	}
	return note
}

// lightNote names the tasks with light l, unless they are green.
func (s *summary) lightNote(l gyqc.Light) string {
	if l == gyqc.LightGreen {
		return ""
	}
	return namesOf(s.ev.Tasks, func(te *gyqc.TaskEvaluation) (string, bool) {
		return fmt.Sprintf("任务%d%s", te.No, te.Task.Title), te.Light == l
	})
}

// indicatorNote names the indicators with status st, unless they are on track.
func (s *summary) indicatorNote(st gyqc.IndicatorStatus) string {
	if st == gyqc.IndicatorOnTrack {
		return ""
	}
	return namesOf(s.ev.Indicators, func(ie *gyqc.IndicatorEvaluation) (string, bool) {
		return ie.Indicator.Name, ie.Status == st
	})
}

// namesOf joins with 、 the names of the items that name says are wanted, in order.
func namesOf[T any](items []T, name func(T) (string, bool)) string {
	var list []string
	for _, it := range items {
		if n, ok := name(it); ok {
			list = append(list, n)
		}
	}
	return strings.Join(list, "、")
}
