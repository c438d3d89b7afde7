package gyqc_test

import (
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/internal/fixture"
	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

// shortPlan is the embedded plan with its first reporting period moved to 2025-01, so that a
// light history is six months long.
func shortPlan(tb testing.TB, edits ...[2]string) *gyqc.Plan {
	tb.Helper()
	s := fixture.MustReplace(string(planfile.DefaultPlanFile), `first_period: "2022-09"`, `first_period: "2025-01"`, 1)
	for _, e := range edits {
		s = fixture.MustReplace(s, e[0], e[1], 1)
	}
	return fixture.LoadPlan(tb, s)
}

// letters writes a light history as one letter a period: G, Y, R, N.
func letters(h []gyqc.LightPoint) string {
	var b strings.Builder
	for _, p := range h {
		b.WriteByte(map[gyqc.Light]byte{gyqc.LightGreen: 'G', gyqc.LightYellow: 'Y', gyqc.LightRed: 'R', gyqc.LightNone: 'N'}[p.Light])
	}
	return b.String()
}

// TestTaskLights follows task 7 (强化项目开工投产: led by 区发展改革委 fgw, 区经济信息委 jxw and
// 正阳工业园区管委会 zyyq, supported by 区招商投资局 zstzj; indicators new-projects and
// completed-projects from fgw, renovation-projects from jxw) through 2025-01..2025-06.
func TestTaskLights(t *testing.T) {
	status := func(unit, p string, st gyqc.Status) step {
		return func(w *fixture.World) { w.Status(unit, per(p), 7, st) }
	}
	drop := func(unit, p string) step { return func(w *fixture.World) { w.Drop(unit, per(p)) } }
	value := func(key, p string, v float64) step { return func(w *fixture.World) { w.SetValue(key, per(p), num(v)) } }
	refuse := func(unit, p string) step {
		return func(w *fixture.World) { w.Latest(unit, per(p)).Outcome = gyqc.OutcomeRefused }
	}
	beforeDeadline := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC) // files came on 06-29; due 07-01

	tests := []lightCase{
		{name: "green when leads report normal progress and indicators are on track",
			lights:  "GGGGGG",
			reasons: map[string]string{"2025-06": "牵头单位均报告正常推进或已完成，3项指标均符合进度"}},
		{name: "yellow when a lead unit reports 滞后",
			steps:  []step{status("fgw", "2025-06", gyqc.StatusBehind)},
			lights: "GGGGGY", reasons: map[string]string{"2025-06": "区发展改革委报告滞后"}},
		{name: "yellow when lead units report 未启动",
			steps:  []step{status("fgw", "2025-06", gyqc.StatusNotBegun), status("zyyq", "2025-06", gyqc.StatusNotBegun)},
			lights: "GGGGGY", reasons: map[string]string{"2025-06": "区发展改革委、正阳工业园区管委会报告未启动"}},
		{name: "yellow when a supporting unit has not reported",
			steps:  []step{drop("zstzj", "2025-06")},
			lights: "GGGGGY", reasons: map[string]string{"2025-06": "配合单位区招商投资局未报送"}},
		{name: "yellow when an indicator is behind within the margin",
			steps:  []step{value("renovation-projects", "2025-06", 9)},
			lights: "GGGGGY", reasons: map[string]string{"2025-06": "投资500万元及以上的技术改造项目2025年1—6月累计9个，低于序时进度10个（2025年目标20个×6/12）"}},
		{name: "red when a lead unit has not reported",
			steps:  []step{drop("fgw", "2025-06")},
			lights: "GGGGGR", reasons: map[string]string{"2025-06": "区发展改革委未报送"}, absent: "无数据"},
		{name: "red when a lead unit was refused",
			steps:  []step{refuse("fgw", "2025-06")},
			lights: "GGGGGR", reasons: map[string]string{"2025-06": "区发展改革委被退回"}},
		{name: "red when an indicator is behind by more than the margin",
			steps:  []step{value("new-projects", "2025-06", 6)},
			lights: "GGGGGR", reasons: map[string]string{"2025-06": "新开工投资5000万元及以上的工业项目2025年1—6月累计6个，低于序时进度10个（2025年目标20个×6/12）"}},
		{name: "red on the third yellow month in a row",
			steps:  []step{status("fgw", "2025-04", gyqc.StatusBehind), status("fgw", "2025-05", gyqc.StatusBehind), status("jxw", "2025-06", gyqc.StatusBehind)},
			lights: "GGGYYR", reasons: map[string]string{"2025-05": "区发展改革委报告滞后", "2025-06": "连续3月黄灯；区经济信息委报告滞后"}},
		{name: "the consecutive-yellow rule can be turned off",
			plan:   [][2]string{{"yellow_periods: 3", "yellow_periods: 0"}},
			steps:  []step{status("fgw", "2025-04", gyqc.StatusBehind), status("fgw", "2025-05", gyqc.StatusBehind), status("fgw", "2025-06", gyqc.StatusBehind)},
			lights: "GGGYYY"},
		{name: "sticky red: stays red while a lead unit is 滞后, yellow once caught up, then green",
			steps:  []step{drop("fgw", "2025-03"), status("fgw", "2025-04", gyqc.StatusBehind)},
			lights: "GGRRYG",
			reasons: map[string]string{
				"2025-03": "区发展改革委未报送",
				"2025-04": "上月为红灯，尚未赶上进度；区发展改革委报告滞后",
				"2025-05": "上月为红灯，本月已赶上进度，转为黄灯",
				"2025-06": "牵头单位均报告正常推进或已完成，3项指标均符合进度"}},
		{name: "sticky red: an indicator behind within the margin keeps it red",
			steps:  []step{value("new-projects", "2025-03", 1), value("renovation-projects", "2025-04", 5), drop("zstzj", "2025-05")},
			lights: "GGRRYG",
			reasons: map[string]string{
				"2025-04": "上月为红灯，尚未赶上进度；投资500万元及以上的技术改造项目2025年1—4月累计5个，低于序时进度6个（2025年目标20个×4/12）",
				"2025-05": "上月为红灯，本月已赶上进度，转为黄灯；配合单位区招商投资局未报送"}},
		{name: "red after yellows stays red until caught up",
			steps: []step{status("fgw", "2025-02", gyqc.StatusBehind), status("fgw", "2025-03", gyqc.StatusBehind),
				status("fgw", "2025-04", gyqc.StatusBehind), status("fgw", "2025-05", gyqc.StatusBehind)},
			lights:  "GYYRRY",
			reasons: map[string]string{"2025-04": "连续3月黄灯；区发展改革委报告滞后", "2025-05": "上月为红灯，尚未赶上进度；区发展改革委报告滞后"}},
		{name: "no light while no lead unit has reported before the deadline",
			steps: []step{drop("fgw", "2025-06"), drop("jxw", "2025-06"), drop("zyyq", "2025-06"), drop("zstzj", "2025-06")},
			now:   beforeDeadline, lights: "GGGGGN",
			reasons: map[string]string{"2025-06": "区经济信息委、区发展改革委、正阳工业园区管委会尚未报送（未到截止时间）"}},
		{name: "a lead unit still within the deadline does not hold the task back",
			steps: []step{drop("fgw", "2025-06")}, now: beforeDeadline, lights: "GGGGGG",
			reasons: map[string]string{"2025-06": "牵头单位均报告正常推进或已完成，1项指标符合进度；区发展改革委尚未报送（未到截止时间）"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := fixture.New(t, shortPlan(t, tc.plan...)).Fill(per("2025-01"), per("2025-06"))
			for _, s := range tc.steps {
				s(w)
			}
			checkLights(t, w.EvaluateAt(per("2025-06"), tc.now).Task(7), tc)
		})
	}
}

// step changes the world of a test.
type step func(w *fixture.World)

// lightCase is one case of TestTaskLights.
type lightCase struct {
	name    string
	plan    [][2]string // edits of the plan file
	steps   []step
	now     time.Time
	lights  string            // 2025-01..2025-06
	reasons map[string]string // period → the exact reason
	absent  string            // text no reason of 2025-06 may contain
}

// checkLights holds task 7's lights of 2025-01..2025-06 to the case: the letters, the
// reasons named, the period's light equal to its history point, every light with a reason.
func checkLights(t *testing.T, te *gyqc.TaskEvaluation, tc lightCase) {
	t.Helper()
	if got := letters(te.History); got != tc.lights {
		t.Errorf("lights %s, want %s", got, tc.lights)
		for _, h := range te.History {
			t.Logf("%s %s %s", h.Period, h.Light.Label(), h.Reason)
		}
	}
	if te.Light != te.History[len(te.History)-1].Light || te.Reason() != te.History[len(te.History)-1].Reason {
		t.Errorf("the light of the period %s (%s) differs from its history point", te.Light, te.Reason())
	}
	for i, p := range []string{"2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"} {
		want, ok := tc.reasons[p]
		if !ok {
			continue
		}
		if got := te.History[i].Reason; got != want {
			t.Errorf("%s reason:\ngot  %s\nwant %s", p, got, want)
		}
	}
	if tc.absent != "" && strings.Contains(te.Reason(), tc.absent) {
		t.Errorf("reason %q should not contain %q", te.Reason(), tc.absent)
	}
	for _, l := range te.History {
		if l.Reason == "" {
			t.Errorf("%s: a %s without a reason", l.Period, l.Light.Label())
		}
	}
}

func TestTaskEntriesAreAttributed(t *testing.T) {
	w := fixture.New(t, nil).Fill(per("2025-06"), per("2025-06"))
	w.Latest("zstzj", per("2025-06")).Task(7).Progress = "对接客商3家"
	w.Drop("zyyq", per("2025-06"))
	te := w.Evaluate(per("2025-06")).Task(7)
	var leads, supports []string
	for _, e := range te.Leads {
		leads = append(leads, e.Code+":"+e.StatusLabel())
	}
	for _, e := range te.Supports {
		supports = append(supports, e.Code+":"+e.StatusLabel())
		if e.Code == "zstzj" && (e.Report == nil || e.Report.Progress != "对接客商3家") {
			t.Errorf("supporting unit's text not attributed: %+v", e.Report)
		}
	}
	if got := strings.Join(leads, " "); got != "jxw:正常推进 fgw:正常推进 zyyq:未报送" {
		t.Errorf("leads %s", got)
	}
	if got := strings.Join(supports, " "); got != "zstzj:正常推进" {
		t.Errorf("supports %s", got)
	}
	if te.Project == nil || te.Project.No != 3 || len(te.Indicators) != 3 {
		t.Errorf("task 7 has project %v and %d indicators, want project 3 and 3", te.Project, len(te.Indicators))
	}
	// A group leader is listed through its group.
	for _, e := range w.Evaluate(per("2025-06")).Task(1).Leads {
		if e.Via != "各产业链牵头部门" {
			t.Errorf("task 1 lead %s via %q, want 各产业链牵头部门", e.Code, e.Via)
		}
	}
}

func TestSummaryComparesWithLastMonth(t *testing.T) {
	w := fixture.New(t, shortPlan(t)).Fill(per("2025-01"), per("2025-06"))
	w.Drop("fgw", per("2025-05"))                           // 2025-05: fgw leads tasks 7, 9, 12, 19, 20, 24 → red; supports others
	w.Status("dsjj", per("2025-06"), 16, gyqc.StatusBehind) // 2025-06: fgw's tasks still red unless caught up
	ev := w.Evaluate(per("2025-06"))
	var now, prev gyqc.LightCounts
	for _, te := range ev.Tasks {
		now.Add(te.Light)
		prev.Add(te.History[len(te.History)-2].Light)
	}
	s := ev.Summary
	if s.Lights != now || s.PreviousLights == nil || *s.PreviousLights != prev {
		t.Fatalf("summary lights %+v / %+v, want %+v / %+v", s.Lights, s.PreviousLights, now, prev)
	}
	if now.Green+now.Yellow+now.Red != 24 || prev.Red == 0 {
		t.Fatalf("test setup: lights %+v and %+v", now, prev)
	}
	if got, want := s.LightChange(gyqc.LightRed), gyqc.Change(now.Red, prev.Red, "项"); got != want {
		t.Errorf("LightChange(red) = %q, want %q", got, want)
	}
	for _, tc := range []struct {
		now, prev int
		measure   string
		want      string
	}{{5, 3, "项", "较上月增加2项"}, {2, 3, "个", "较上月减少1个"}, {4, 4, "项", "与上月持平"}} {
		if got := gyqc.Change(tc.now, tc.prev, tc.measure); got != tc.want {
			t.Errorf("Change(%d, %d, %q) = %q, want %q", tc.now, tc.prev, tc.measure, got, tc.want)
		}
	}
	first := w.Evaluate(per("2025-01")).Summary
	if first.PreviousLights != nil || first.LightChange(gyqc.LightRed) != "" {
		t.Errorf("the first period has no last month, got %+v", first.PreviousLights)
	}
	if s.Units != 36 || s.OnTime != 36 || s.Indicators != 33 || s.OnTrack+s.Behind+s.FarBehind+s.NoData+s.NoBasis+s.NotDue != 33 {
		t.Errorf("summary counts %+v", s)
	}
}
