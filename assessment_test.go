package gyqc_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// deductions writes a breakdown one deduction a line: rule, points, reason.
func deductions(s gyqc.Score) string {
	var lines []string
	for _, d := range s.Deductions {
		lines = append(lines, fmt.Sprintf("%s %s %s", d.Penalty, gyqc.FormatNumber(d.Points), d.Reason))
	}
	return strings.Join(lines, "\n")
}

// scoreCase is one case of TestScoreBreakdown: a change to fgw's good 2025-06 return (and
// to the plan's rules), the score it leads to and its deductions one a line.
type scoreCase struct {
	name   string
	plan   [][2]string
	setup  func(w *fixture.World)
	now    time.Time
	value  float64
	lines  string
	noData []gyqc.Category
	note   string
}

// fgwPeriod is the period TestScoreBreakdown scores.
const fgwPeriod = "2025-06"

// fgwReceivedAfter moves fgw's return to d after the deadline.
func fgwReceivedAfter(d time.Duration) func(w *fixture.World) {
	return func(w *fixture.World) { w.Latest("fgw", per(fgwPeriod)).Received = w.Plan.Due(per(fgwPeriod)).Add(d) }
}

// fgwRefusedFirst puts n refused returns of fgw before its good one.
func fgwRefusedFirst(n int) func(w *fixture.World) {
	return func(w *fixture.World) {
		good := *w.Latest("fgw", per(fgwPeriod))
		w.Drop("fgw", per(fgwPeriod))
		for i := 0; i < n; i++ {
			bad := w.Good("fgw", per(fgwPeriod))
			bad.Outcome = gyqc.OutcomeRefused
			if i == 0 {
				bad.Problems = gyqc.Problems{
					{Severity: gyqc.SevError, Sheet: "任务进展", Cell: "D5", Rule: "bad-status", Message: "进展状态不在可选范围内"},
					{Severity: gyqc.SevError, Sheet: "指标", Cell: "E7", Rule: "not-a-number", Message: "不是数字"},
				}
			}
			w.Add(bad)
		}
		w.Add(good)
	}
}

// fgwWarnings gives fgw's return one unexplained and one explained warning.
func fgwWarnings(w *fixture.World) {
	s := w.Latest("fgw", per(fgwPeriod))
	s.Outcome = gyqc.OutcomeWarned
	s.Problems = gyqc.Problems{
		{Severity: gyqc.SevWarning, File: "fgw.xlsx", Sheet: "指标", Cell: "E5", Rule: "jump", Message: "较上月变化超过10倍"},
		{Severity: gyqc.SevWarning, File: "fgw.xlsx", Sheet: "任务进展", Cell: "F6", Rule: "same-as-last-month", Message: "与上月进展相同", Explained: true},
	}
}

// fgwBehindNoReason reports fgw's task no 滞后 with nothing in 存在问题, and the warning the
// intake raises for it.
func fgwBehindNoReason(no int, title string) func(w *fixture.World) {
	return func(w *fixture.World) {
		w.Status("fgw", per(fgwPeriod), no, gyqc.StatusBehind)
		s := w.Latest("fgw", per(fgwPeriod))
		s.Outcome = gyqc.OutcomeWarned
		s.Problems = gyqc.Problems{{Severity: gyqc.SevWarning, File: "fgw.xlsx", Sheet: "任务进展", Cell: fmt.Sprintf("K%d", no), Rule: gyqc.RuleBehindWithoutReason,
			Message: fmt.Sprintf("任务 %d“%s”填报为“滞后”，但未说明存在的问题", no, title), Task: no}}
	}
}

// fgwNotBegunLate reports fgw's led task no 未启动 with issues in 存在问题, and the warning the
// intake raises for it late in the horizon (explained when issues gives a reason).
func fgwNotBegunLate(no int, title, issues string) func(w *fixture.World) {
	return func(w *fixture.World) {
		w.Status("fgw", per(fgwPeriod), no, gyqc.StatusNotBegun)
		s := w.Latest("fgw", per(fgwPeriod))
		s.Task(no).Issues = issues
		msg := fmt.Sprintf("任务 %d“%s”仍为“未启动”，而方案实施期已过86%%", no, title)
		if !gyqc.Explained(issues) {
			msg += "，未说明未启动的原因和启动安排"
		}
		s.Outcome = gyqc.OutcomeWarned
		s.Problems = gyqc.Problems{{Severity: gyqc.SevWarning, File: "fgw.xlsx", Sheet: "任务进展", Cell: fmt.Sprintf("G%d", no), Rule: "not-begun-late",
			Message: msg, Task: no, Explained: gyqc.Explained(issues)}}
	}
}

const day = 24 * time.Hour

var scoreCases = []scoreCase{
	{name: "on time and on track", setup: func(w *fixture.World) {}, value: 100},
	{name: "late by 3 days", setup: fgwReceivedAfter(3 * day), value: 97,
		lines: "late 3 截止后3天收到，按3天计"},
	{name: "late by 2 days and 1 hour counts 3 started days", setup: fgwReceivedAfter(2*day + time.Hour), value: 97,
		lines: "late 3 截止后2天1小时收到，按3天计"},
	{name: "late by 10 days is capped", setup: fgwReceivedAfter(10 * day), value: 95,
		lines: "late 5 截止后10天收到，按10天计（本项每月最多扣5分）"},
	{name: "late counted once when the rule is not per day",
		plan:  [][2]string{{"{rule: late, points: 1, per: day, max: 5}", "{rule: late, points: 4}"}},
		setup: fgwReceivedAfter(10 * day), value: 96, lines: "late 4 截止后10天收到"},
	{name: "missing", setup: func(w *fixture.World) { w.Drop("fgw", per(fgwPeriod)) }, value: 65,
		lines:  "missing 35 2025年7月1日前未收到可接受的报送文件",
		noData: []gyqc.Category{gyqc.CategoryProgress, gyqc.CategoryIndicators}},
	{name: "missing before the deadline costs nothing yet", setup: func(w *fixture.World) { w.Drop("fgw", per(fgwPeriod)) },
		now: time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC), value: 100,
		noData: []gyqc.Category{gyqc.CategoryProgress, gyqc.CategoryIndicators}, note: "尚未到报送截止时间"},
	{name: "refused twice, then accepted on time", setup: fgwRefusedFirst(2), value: 96,
		lines: "refused 2 第1版文件被退回：进展状态不在可选范围内等2个问题\nrefused 2 第2版文件被退回"},
	{name: "refusals are capped", setup: fgwRefusedFirst(4), value: 94,
		lines: "refused 2 第1版文件被退回：进展状态不在可选范围内等2个问题\nrefused 2 第2版文件被退回\nrefused 2 第3版文件被退回\nrefused 0 第4版文件被退回（本项每月最多扣6分）"},
	{name: "refused and nothing accepted costs as much as sending nothing, and says why", setup: func(w *fixture.World) { w.Latest("fgw", per(fgwPeriod)).Outcome = gyqc.OutcomeRefused }, value: 65,
		lines:  "missing 35 2025年7月1日前未收到可接受的报送文件（第1版文件被退回，未更正重报，按未报送计，退回不另扣分）",
		noData: []gyqc.Category{gyqc.CategoryProgress, gyqc.CategoryIndicators}},
	{name: "an unexplained warning costs, an explained one does not", setup: fgwWarnings, value: 99.5,
		lines: "unexplained-warning 0.5 较上月变化超过10倍"},
	{name: "led tasks reported 滞后 and 未启动", value: 94,
		setup: func(w *fixture.World) {
			w.Status("fgw", per(fgwPeriod), 7, gyqc.StatusBehind).Status("fgw", per(fgwPeriod), 12, gyqc.StatusNotBegun).Status("fgw", per(fgwPeriod), 19, gyqc.StatusBehind)
		},
		lines: "task-behind-unexplained 2 任务7“强化项目开工投产”报告滞后，未说明原因\ntask-not-begun 2 任务12“加强创新交流合作”报告未启动\ntask-behind-unexplained 2 任务19“严守产业政策底线”报告滞后，未说明原因"},
	{name: "a led task reported 滞后 without a reason is charged once, not also as a warning", value: 98,
		setup: fgwBehindNoReason(7, "强化项目开工投产"),
		lines: "task-behind-unexplained 2 任务7“强化项目开工投产”报告滞后，未说明原因"},
	{name: "a supported task reported 滞后 without a reason costs its warning", value: 99,
		setup: fgwBehindNoReason(9, "强化项目落地见效"),
		lines: "unexplained-warning 0.5 任务 9“强化项目落地见效”填报为“滞后”，但未说明存在的问题\n" +
			"support-behind 0.5 配合任务9“强化项目落地见效”的本单位工作报告滞后"},
	{name: "a led task still 未启动 late without a reason: the status and the missing reason, each once", value: 97.5,
		setup: fgwNotBegunLate(12, "加强创新交流合作", ""),
		lines: "unexplained-warning 0.5 任务 12“加强创新交流合作”仍为“未启动”，而方案实施期已过86%，未说明未启动的原因和启动安排\n" +
			"task-not-begun 2 任务12“加强创新交流合作”报告未启动"},
	{name: "a led task still 未启动 late with its reason costs the status only", value: 98,
		setup: fgwNotBegunLate(12, "加强创新交流合作", "合作院校调整，预计8月签约启动"),
		lines: "task-not-begun 2 任务12“加强创新交流合作”报告未启动"},
	{name: "a led task reported 滞后 with its reason costs less", value: 99,
		setup: func(w *fixture.World) {
			w.Status("fgw", per(fgwPeriod), 7, gyqc.StatusBehind)
			w.Latest("fgw", per(fgwPeriod)).Task(7).Issues = "两个项目用地报批未完成，预计8月开工"
		},
		lines: "task-behind 1 任务7“强化项目开工投产”报告滞后，已说明原因"},
	{name: "indicators behind and far behind", value: 97,
		setup: func(w *fixture.World) {
			w.SetValue("new-projects", per(fgwPeriod), num(9)).SetValue("completed-projects", per(fgwPeriod), num(1))
		},
		lines: "indicator-behind 1 指标“新开工投资5000万元及以上的工业项目”2025年1—6月累计9个，低于序时进度10个（2025年目标20个×6/12）\n" +
			"indicator-far-behind 2 指标“新竣工投产项目”2025年1—6月累计1个，低于序时进度5个（2025年目标10个×6/12）"},
	{name: "an indicator left empty costs its reporting unit", value: 99,
		setup: func(w *fixture.World) { w.SetValue("completed-projects", per(fgwPeriod), nil) },
		lines: "indicator-empty 1 未填报指标“新竣工投产项目”"},
	{name: "an indicator not due costs nothing, even left empty", value: 100, // quarterly: 2025-05 is no quarter end
		setup: func(w *fixture.World) { w.SetValue("energy-intensity-reduction", per(fgwPeriod), nil) }},
	{name: "a red led task costs when the rule is configured",
		plan:  [][2]string{{"    - {rule: missing, points: 35}\n", "    - {rule: missing, points: 35}\n    - {rule: task-red, points: 1.5}\n"}},
		setup: func(w *fixture.World) { w.SetValue("completed-projects", per(fgwPeriod), num(1)) }, value: 96.5,
		lines: "task-red 1.5 任务7“强化项目开工投产”红灯：新竣工投产项目2025年1—6月累计1个，低于序时进度5个（2025年目标10个×6/12）\n" +
			"indicator-far-behind 2 指标“新竣工投产项目”2025年1—6月累计1个，低于序时进度5个（2025年目标10个×6/12）"},
	{name: "a score never falls below zero",
		plan:  [][2]string{{"{rule: missing, points: 35}", "{rule: missing, points: 150}"}},
		setup: func(w *fixture.World) { w.Drop("fgw", per(fgwPeriod)) }, value: 0,
		lines:  "missing 150 2025年7月1日前未收到可接受的报送文件",
		noData: []gyqc.Category{gyqc.CategoryProgress, gyqc.CategoryIndicators}},
}

// TestScoreBreakdown scores 区发展改革委 (fgw) for 2025-06 with the default rules: it leads
// tasks 1, 2 (through 各产业链牵头部门), 7, 12, 19, 20 and 24 and reports new-projects,
// completed-projects and energy-intensity-reduction.
func TestScoreBreakdown(t *testing.T) {
	for _, tc := range scoreCases {
		t.Run(tc.name, func(t *testing.T) {
			w := fixture.New(t, shortPlan(t, tc.plan...)).Fill(per("2025-05"), per(fgwPeriod))
			tc.setup(w)
			checkScore(t, w.EvaluateAt(per(fgwPeriod), tc.now).Unit("fgw").Score, tc)
		})
	}
}

// checkScore holds s to the case: its breakdown, its value, categories that add up, the
// categories without data and the note.
func checkScore(t *testing.T, s gyqc.Score, tc scoreCase) {
	t.Helper()
	if got := deductions(s); got != tc.lines {
		t.Errorf("breakdown:\n%s\nwant:\n%s", got, tc.lines)
	}
	if s.Value != tc.value {
		t.Errorf("score %v, want %v", s.Value, tc.value)
	}
	var sum float64
	for _, c := range gyqc.Categories {
		sum += s.LostIn(c)
	}
	if s.Lost != sum || (tc.value > 0 && s.Full-s.Lost != s.Value) {
		t.Errorf("lost %v, by category %v, full %v, value %v: they do not add up", s.Lost, sum, s.Full, s.Value)
	}
	if fmt.Sprint(s.NoData) != fmt.Sprint(tc.noData) {
		t.Errorf("no data %v, want %v", s.NoData, tc.noData)
	}
	for _, c := range tc.noData {
		if s.Assessed(c) {
			t.Errorf("%s assessed without data", c.Label())
		}
	}
	if tc.note != "" && !strings.Contains(strings.Join(s.Notes, "；"), tc.note) {
		t.Errorf("notes %q lack %q", s.Notes, tc.note)
	}
}

func TestRankingTies(t *testing.T) {
	p := per("2025-06")
	w := fixture.New(t, shortPlan(t)).Fill(per("2025-05"), p)
	w.Latest("fgw", p).Received = w.Plan.Due(p).Add(time.Hour)   // 99
	w.Latest("jxw", p).Received = w.Plan.Due(p).Add(time.Minute) // 99
	w.Drop("czj", p)                                             // 65
	w.Status("kjj", p, 11, gyqc.StatusBehind)                    // 98
	ev := w.Evaluate(p)

	var got []string
	for _, u := range ev.Ranking {
		got = append(got, fmt.Sprintf("%s %s %s", u.Code, gyqc.FormatNumber(u.Score.Value), u.RankLabel()))
	}
	if len(got) != 36 {
		t.Fatalf("%d units ranked, want 36", len(got))
	}
	want := []string{"jxw 99 并列第33名", "fgw 99 并列第33名", "kjj 98 第35名", "czj 65 第36名"}
	if tail := got[32:]; strings.Join(tail, "\n") != strings.Join(want, "\n") {
		t.Errorf("the end of the ranking:\n%s\nwant:\n%s", strings.Join(tail, "\n"), strings.Join(want, "\n"))
	}
	for _, line := range got[:32] {
		if !strings.HasSuffix(line, " 100 并列第1名") {
			t.Errorf("%q: every unit without deductions shares the first rank", line)
		}
	}
	// Units keep registry order within a tie.
	order := map[string]int{}
	for i, u := range w.Plan.ResponsibleUnits() {
		order[u.Code] = i
	}
	for i := 1; i < 32; i++ {
		if order[ev.Ranking[i-1].Code] > order[ev.Ranking[i].Code] {
			t.Errorf("%s before %s breaks registry order within a tie", ev.Ranking[i-1].Code, ev.Ranking[i].Code)
		}
	}
}
