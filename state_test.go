package gyqc_test

import (
	"testing"
	"time"

	"github.com/qianjiang/gyqc/internal/fixture"
	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

func TestReportState(t *testing.T) {
	plan := planfile.Default()
	p := per("2025-06")
	due := plan.Due(p) // 2025-07-01 00:00 Asia/Shanghai
	at := func(v int, o gyqc.Outcome, received time.Time) *gyqc.Submission {
		return &gyqc.Submission{ID: int64(v), Unit: "fgw", Period: p, Version: v, Outcome: o, Received: received}
	}
	day := 24 * time.Hour
	tests := []stateCase{
		{name: "on time", attempts: []*gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-2*day))},
			state: gyqc.StateOnTime, timeliness: gyqc.StateOnTime, label: "按时报送", versions: 1, current: 1, first: 1, overdue: true},
		{name: "late by 3 days", attempts: []*gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(3*day))},
			state: gyqc.StateLate, timeliness: gyqc.StateLate, label: "迟报3天", late: 3 * day, versions: 1, current: 1, first: 1, overdue: true},
		{name: "late by 2 days and 5 hours, with warnings", attempts: []*gyqc.Submission{at(1, gyqc.OutcomeWarned, due.Add(2*day+5*time.Hour))},
			state: gyqc.StateLate, timeliness: gyqc.StateLate, label: "迟报2天5小时", late: 2*day + 5*time.Hour, versions: 1, current: 1, first: 1, overdue: true},
		{name: "missing", state: gyqc.StateMissing, timeliness: gyqc.StateMissing, label: "未报送", overdue: true},
		{name: "missing before the deadline", now: due.Add(-time.Hour),
			state: gyqc.StateMissing, timeliness: gyqc.StateMissing, label: "尚未报送", overdue: false},
		{name: "refused", attempts: []*gyqc.Submission{at(1, gyqc.OutcomeRefused, due.Add(-day))},
			state: gyqc.StateRefused, timeliness: gyqc.StateMissing, label: "被退回", versions: 1, refused: 1, overdue: true},
		{name: "refused then accepted on time",
			attempts: []*gyqc.Submission{at(1, gyqc.OutcomeRefused, due.Add(-3*day)), at(2, gyqc.OutcomeAccepted, due.Add(-day))},
			state:    gyqc.StateOnTime, timeliness: gyqc.StateOnTime, label: "按时报送", versions: 2, refused: 1, current: 2, first: 2, overdue: true},
		{name: "refused on time, accepted after the deadline",
			attempts: []*gyqc.Submission{at(1, gyqc.OutcomeRefused, due.Add(-3*day)), at(2, gyqc.OutcomeAccepted, due.Add(day))},
			state:    gyqc.StateLate, timeliness: gyqc.StateLate, label: "迟报1天", late: day, versions: 2, refused: 1, current: 2, first: 2, overdue: true},
		{name: "accepted on time, corrected after the deadline",
			attempts: []*gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-day)), at(2, gyqc.OutcomeWarned, due.Add(5*day))},
			state:    gyqc.StateOnTime, timeliness: gyqc.StateOnTime, label: "按时报送", versions: 2, current: 2, first: 1, overdue: true},
		{name: "accepted, then a correction refused",
			attempts: []*gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-day)), at(2, gyqc.OutcomeRefused, due.Add(day))},
			state:    gyqc.StateRefused, timeliness: gyqc.StateOnTime, label: "被退回", versions: 2, refused: 1, current: 1, first: 1, overdue: true},
		{name: "attempts after the evaluation time do not count", now: due.Add(day),
			attempts: []*gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-day)), at(2, gyqc.OutcomeAccepted, due.Add(2*day))},
			state:    gyqc.StateOnTime, timeliness: gyqc.StateOnTime, label: "按时报送", versions: 1, current: 1, first: 1, overdue: true},
		{name: "attempts given out of order",
			attempts: []*gyqc.Submission{at(3, gyqc.OutcomeAccepted, due.Add(2*day)), at(1, gyqc.OutcomeRefused, due.Add(-day)), at(2, gyqc.OutcomeAccepted, due.Add(day))},
			state:    gyqc.StateLate, timeliness: gyqc.StateLate, label: "迟报1天", late: day, versions: 3, refused: 1, current: 3, first: 2, overdue: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkReport(t, gyqc.StateOf(plan, "fgw", p, tc.attempts, tc.now), tc)
			// The evaluation judges the unit the same way.
			var subs []gyqc.Submission
			for _, a := range tc.attempts {
				subs = append(subs, *a)
			}
			ev, err := gyqc.Evaluate(plan, p, subs, tc.now)
			if err != nil {
				t.Fatal(err)
			}
			u := ev.Unit("fgw")
			if u.Report.State != tc.state || u.Report.Late != tc.late || versionOf(u.Report.Current) != tc.current {
				t.Errorf("evaluation: %s late %v current v%d; want %s late %v current v%d",
					u.Report.State, u.Report.Late, versionOf(u.Report.Current), tc.state, tc.late, tc.current)
			}
		})
	}
}

// stateCase is one case of TestReportState: fgw's attempts for 2025-06 and how they are judged.
type stateCase struct {
	name     string
	attempts []*gyqc.Submission
	now      time.Time // zero: after every deadline

	state      gyqc.State
	timeliness gyqc.State
	label      string
	late       time.Duration
	versions   int
	refused    int
	current    int // version of the current submission, 0 for none
	first      int
	overdue    bool
}

// versionOf is the version of s, 0 for none.
func versionOf(s *gyqc.Submission) int {
	if s == nil {
		return 0
	}
	return s.Version
}

// checkReport holds the reporting state r to the case.
func checkReport(t *testing.T, r gyqc.ReportState, tc stateCase) {
	t.Helper()
	if r.State != tc.state || r.Timeliness() != tc.timeliness || r.Label() != tc.label {
		t.Errorf("state %s, timeliness %s, label %s; want %s, %s, %s", r.State, r.Timeliness(), r.Label(), tc.state, tc.timeliness, tc.label)
	}
	shown := tc.state
	if shown == gyqc.StateMissing && !tc.overdue {
		shown = gyqc.StateNotYetDue // 尚未报送: shown so, judged as missing
	}
	if r.Shown() != shown {
		t.Errorf("shown as %s, want %s", r.Shown(), shown)
	}
	if r.State.Label() == "" || r.State.Label() == string(r.State) {
		t.Errorf("state %s has no Chinese label", r.State)
	}
	if r.Late != tc.late {
		t.Errorf("late: got %v want %v", r.Late, tc.late)
	}
	if r.Versions != tc.versions || r.Refused != tc.refused {
		t.Errorf("versions %d refused %d; want %d and %d", r.Versions, r.Refused, tc.versions, tc.refused)
	}
	if versionOf(r.Current) != tc.current || versionOf(r.First) != tc.first {
		t.Errorf("current v%d first v%d; want v%d and v%d", versionOf(r.Current), versionOf(r.First), tc.current, tc.first)
	}
	if r.Overdue != tc.overdue || r.Pending() != (tc.current == 0 && !tc.overdue) {
		t.Errorf("overdue %v pending %v; want overdue %v", r.Overdue, r.Pending(), tc.overdue)
	}
	if r.HasData() != (tc.current != 0) {
		t.Errorf("HasData %v with current v%d", r.HasData(), tc.current)
	}
}

func TestReportStatesListsEveryResponsibleUnit(t *testing.T) {
	w := fixture.New(t, nil).Fill(per("2025-06"), per("2025-06"))
	w.Drop("jxw", per("2025-06"))
	w.Latest("fgw", per("2025-06")).Received = w.Plan.Due(per("2025-06")).Add(30 * time.Hour)
	states := gyqc.ReportStates(w.Plan, per("2025-06"), w.Subs, time.Time{})
	units := w.Plan.ResponsibleUnits()
	if len(states) != len(units) || len(states) != 36 {
		t.Fatalf("%d states for %d responsible units, want 36", len(states), len(units))
	}
	count := map[gyqc.State]int{}
	for i, r := range states {
		if r.Unit != units[i].Code {
			t.Errorf("state %d is of %s, want %s (registry order)", i, r.Unit, units[i].Code)
		}
		count[r.State]++
	}
	if count[gyqc.StateOnTime] != 34 || count[gyqc.StateLate] != 1 || count[gyqc.StateMissing] != 1 {
		t.Errorf("counts %v, want 34 on time, 1 late, 1 missing", count)
	}
	for _, r := range states {
		if r.Unit == "fgw" && r.Label() != "迟报1天6小时" {
			t.Errorf("fgw label %q, want 迟报1天6小时", r.Label())
		}
	}
}

func TestLatenessStreaks(t *testing.T) {
	late := func(w *fixture.World, p string) {
		w.Latest("fgw", per(p)).Received = w.Plan.Due(per(p)).Add(50 * time.Hour)
	}
	missing := func(w *fixture.World, p string) { w.Drop("fgw", per(p)) }
	tests := []struct {
		name  string
		setup func(w *fixture.World)
		now   time.Time
		count int
		label string
		from  string
		to    string
		tally gyqc.StateCounts
	}{
		{name: "on time", setup: func(w *fixture.World) {}, tally: gyqc.StateCounts{OnTime: 6}},
		{name: "late once is no streak", setup: func(w *fixture.World) { late(w, "2025-06") },
			count: 1, from: "2025-06", to: "2025-06", tally: gyqc.StateCounts{OnTime: 5, Late: 1}},
		{name: "three months late", setup: func(w *fixture.World) { late(w, "2025-04"); late(w, "2025-05"); late(w, "2025-06") },
			count: 3, label: "连续3月迟报", from: "2025-04", to: "2025-06", tally: gyqc.StateCounts{OnTime: 3, Late: 3}},
		{name: "two months missing", setup: func(w *fixture.World) { missing(w, "2025-05"); missing(w, "2025-06") },
			count: 2, label: "连续2月未报送", from: "2025-05", to: "2025-06", tally: gyqc.StateCounts{OnTime: 4, Missing: 2}},
		{name: "late and missing", setup: func(w *fixture.World) { late(w, "2025-04"); missing(w, "2025-05"); late(w, "2025-06") },
			count: 3, label: "连续3月迟报或未报送", from: "2025-04", to: "2025-06", tally: gyqc.StateCounts{OnTime: 3, Late: 2, Missing: 1}},
		{name: "broken by a month on time", setup: func(w *fixture.World) { late(w, "2025-03"); late(w, "2025-04"); late(w, "2025-06") },
			count: 1, from: "2025-06", to: "2025-06", tally: gyqc.StateCounts{OnTime: 3, Late: 3}},
		{name: "over when the last month was on time", setup: func(w *fixture.World) { late(w, "2025-04"); late(w, "2025-05") },
			tally: gyqc.StateCounts{OnTime: 4, Late: 2}},
		{name: "a month still open is not judged",
			setup: func(w *fixture.World) { late(w, "2025-04"); late(w, "2025-05"); missing(w, "2025-06") },
			now:   time.Date(2025, 6, 20, 9, 0, 0, 0, time.UTC),
			count: 2, label: "连续2月迟报", from: "2025-04", to: "2025-05", tally: gyqc.StateCounts{OnTime: 3, Late: 2}},
		{name: "refused counts as not reported", setup: func(w *fixture.World) {
			late(w, "2025-05")
			w.Latest("fgw", per("2025-06")).Outcome = gyqc.OutcomeRefused
		}, count: 2, label: "连续2月迟报或未报送", from: "2025-05", to: "2025-06", tally: gyqc.StateCounts{OnTime: 4, Late: 1, Missing: 1, Refused: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plan := fixture.LoadPlan(t, fixture.MustReplace(string(planfile.DefaultPlanFile), `first_period: "2022-09"`, `first_period: "2025-01"`, 1))
			w := fixture.New(t, plan).Fill(per("2025-01"), per("2025-06"))
			tc.setup(w)
			u := w.EvaluateAt(per("2025-06"), tc.now).Unit("fgw")
			s := u.Streak
			if s.Count != tc.count || s.Label() != tc.label {
				t.Errorf("streak %d %q, want %d %q", s.Count, s.Label(), tc.count, tc.label)
			}
			if tc.count > 0 && (s.From != per(tc.from) || s.To != per(tc.to)) {
				t.Errorf("streak from %s to %s, want %s to %s", s.From, s.To, tc.from, tc.to)
			}
			if u.Counts != tc.tally {
				t.Errorf("counts %+v, want %+v", u.Counts, tc.tally)
			}
			if len(u.History) != 6 || u.Report != &u.History[5] {
				t.Errorf("history of %d periods, report not the last one", len(u.History))
			}
		})
	}
}
