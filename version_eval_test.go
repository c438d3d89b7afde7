package gyqc_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
	"github.com/qianjiang/gyqc/planfile"
)

// versionTwo is the embedded plan as an office might change it in mid-year: the deadline moved
// from the 1st to the 5th; 区经济信息委 under a new code (its name kept, so nothing else says
// so); 小南海镇 merged into 马喇镇 (which lists its code as former); 新桥镇 added to 各乡镇街道.
func versionTwo(t *testing.T) *gyqc.Plan {
	t.Helper()
	plan := fixture.MustReplace(string(planfile.DefaultPlanFile), "due_day: 1", "due_day: 5", 1)
	units := string(planfile.DefaultUnitsFile)
	units = strings.ReplaceAll(units, "jxw", "jjxxw")
	units = fixture.MustReplace(units, "  - {code: xnhz,   name: 小南海镇,   example: true}\n", "  - {code: xqz, name: 新桥镇, example: true}\n", 1)
	units = fixture.MustReplace(units, "{code: mlz,    name: 马喇镇,     example: true}", "{code: mlz, name: 马喇镇, example: true, former: [xnhz]}", 1)
	units = fixture.MustReplace(units, "mlz, xnhz]", "mlz, xqz]", 1)
	p, probs := planfile.Load("plan.yaml", []byte(plan), "units.yaml", []byte(units))
	if p == nil {
		t.Fatalf("version two does not load:\n%s", probs.Error())
	}
	return p
}

// TestEarlierPeriodsUnderTheirOwnVersion evaluates 2025-09 under version two, activated for
// 2025-07, with 2024-07..2025-06 issued under the embedded plan (version one): every earlier
// period must look as it did under version one, and the units renamed or merged keep their
// history.
func TestEarlierPeriodsUnderTheirOwnVersion(t *testing.T) {
	v1, v2 := planfile.Default(), versionTwo(t)
	switchAt := per("2025-07")
	w := fixture.New(t, v1).Fill(per("2024-07"), per("2025-06"))
	// Two days after the old deadline: late under version one, in time under version two.
	w.Late("czj", per("2025-05"), 48*time.Hour).Late("czj", per("2025-06"), 48*time.Hour)
	w.Late("cdjd", per("2025-06"), time.Hour).Drop("xnhz", per("2025-06"))
	w.Plan = v2
	w.Fill(switchAt, per("2025-09"))
	w.Late("cdjd", per("2025-07"), time.Hour).Late("cdjd", per("2025-08"), time.Hour).Late("cdjd", per("2025-09"), time.Hour)
	for _, p := range []string{"2025-07", "2025-08", "2025-09"} {
		w.Late("mlz", per(p), time.Hour)
	}
	w.Drop("xqz", per("2025-09"))

	planOf := func(p gyqc.Period) *gyqc.Plan {
		if p.Before(switchAt) {
			return v1
		}
		return nil
	}
	at := per("2025-09")
	ev, err := gyqc.EvaluateInput(v2, at, gyqc.Input{Submissions: w.Subs, PlanOf: planOf})
	if err != nil {
		t.Fatal(err)
	}
	old := fixture.Evaluate(t, v2, at, w.Subs, time.Time{}) // every month through version two
	if len(ev.Ignored) != 0 {
		t.Errorf("ignored: %v", ev.Ignored)
	}

	unit := func(e *gyqc.Evaluation, code string) *gyqc.UnitEvaluation { return unitOf(t, e, code) }
	states := func(u *gyqc.UnitEvaluation) string {
		var b strings.Builder
		for _, r := range u.History {
			b.WriteString(r.State.Label()[:3])
		}
		return b.String()
	}
	cases := []struct {
		name, code    string
		late, missing int
		streak        string
	}{
		// Judged by the deadline of its own version: late twice, not on time.
		{"deadline of the period's version", "czj", 2, 0, ""},
		// 城东街道 kept its code: late four months running, across the change.
		{"late streak across the change", "cdjd", 4, 0, "连续4月迟报"},
		// 区经济信息委 under its new code keeps its twelve on-time months.
		{"renamed code, name kept", "jjxxw", 0, 0, ""},
		// 马喇镇 carries 小南海镇's missing June, and is late from July itself.
		{"merged unit", "mlz", 3, 1, "连续4月迟报或未报送"},
		// 新桥镇 was no responsible unit before July: one missing month, no streak of 15.
		{"added unit", "xqz", 0, 1, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := unit(ev, c.code)
			if u.Counts.Late != c.late || u.Counts.Missing != c.missing {
				t.Errorf("%s counts %+v, want late %d missing %d; states %s", c.code, u.Counts, c.late, c.missing, states(u))
			}
			if got := u.Streak.Label(); got != c.streak {
				t.Errorf("%s streak %q, want %q", c.code, got, c.streak)
			}
		})
	}
	if u := unit(ev, "xqz"); u.History[0].State != gyqc.StateAbsent || u.Counts.OnTime != 2 {
		t.Errorf("xqz before July: %s, counts %+v", u.History[0].State, u.Counts)
	}
	// The old way (every month through version two) got these wrong; the test would not
	// notice the difference otherwise.
	if o := unit(old, "xqz"); o.Counts.Missing <= 1 {
		t.Errorf("through version two xqz should have been missing in every earlier month: %+v", o.Counts)
	}
	if o := unit(old, "czj"); o.Counts.Late != 0 {
		t.Errorf("through version two czj should have been on time: %+v", o.Counts)
	}

	checkYearOnYear(t, ev)
	checkEarlierMonths(t, ev, v1, w.Subs)
}

// unitOf returns the evaluation of unit code, failing the test where there is none.
func unitOf(t *testing.T, e *gyqc.Evaluation, code string) *gyqc.UnitEvaluation {
	t.Helper()
	u := e.Unit(code)
	if u == nil {
		t.Fatalf("no unit %s", code)
	}
	return u
}

// checkYearOnYear: 2025-09's flows compare with 2024-09, reported under 区经济信息委's old code.
func checkYearOnYear(t *testing.T, ev *gyqc.Evaluation) {
	t.Helper()
	n := 0
	for _, ie := range ev.Indicators {
		if ie.Indicator.Kind == gyqc.KindFlow && ie.Indicator.UnitCode == "jjxxw" {
			n++
			if ie.YearAgo == nil || ie.YearOnYear == nil {
				t.Errorf("%s: no year-on-year figure across the code change", ie.Key)
			}
		}
	}
	if n == 0 {
		t.Fatal("test setup: no flow reported by 区经济信息委")
	}
}

// checkEarlierMonths: every month before the last three of ev looks as evaluating it under
// version one (v1) alone shows it.
func checkEarlierMonths(t *testing.T, ev *gyqc.Evaluation, v1 *gyqc.Plan, subs []gyqc.Submission) {
	t.Helper()
	for k, p := range ev.Periods[:len(ev.Periods)-3] {
		own := fixture.Evaluate(t, v1, p, subs, time.Time{})
		for i, te := range ev.Tasks {
			if got, want := te.History[k], own.Tasks[i].History[len(own.Tasks[i].History)-1]; got.Light != want.Light || got.Reason != want.Reason {
				t.Errorf("%s task %d: %s %q, under its own version %s %q", p, te.No, got.Light, got.Reason, want.Light, want.Reason)
			}
		}
		for i, ie := range ev.Indicators {
			got, want := ie.History[k], own.Indicators[i]
			if got.Status != want.Status || (got.Value == nil) != (want.Value == nil) {
				t.Errorf("%s %s: %s, under its own version %s", p, ie.Key, got.Status, want.Status)
			}
		}
		for _, ou := range own.Units {
			code := ou.Code
			switch code {
			case "jxw":
				code = "jjxxw"
			case "xnhz":
				continue
			}
			if got, want := unitOf(t, ev, code).History[k].State, ou.Report.State; got != want && code != "mlz" {
				t.Errorf("%s %s: %s, under its own version %s", p, code, got, want)
			}
		}
	}
}

// subsHistory is a gyqc.History over a slice of attempts.
type subsHistory []gyqc.Submission

func (h subsHistory) LastAccepted(_ context.Context, unit string, before gyqc.Period) (*gyqc.Submission, error) {
	var best *gyqc.Submission
	for i := range h {
		s := &h[i]
		if s.Unit == unit && s.Period.Before(before) && s.Outcome.Acceptable() &&
			(best == nil || s.Period.After(best.Period) || s.Period == best.Period && s.Version > best.Version) {
			best = s
		}
	}
	return best, nil
}

func (h subsHistory) Submissions(context.Context, gyqc.Period, gyqc.Period) ([]gyqc.Submission, error) {
	return h, nil
}

// TestPrefillAcrossVersions: July's template of a unit whose code changed (区经济信息委,
// name kept) or into which another was merged (马喇镇 ← 小南海镇) is prefilled from its last
// return under the old code (上期状态, 一表同享); a unit that kept its code from its own.
func TestPrefillAcrossVersions(t *testing.T) {
	v1, v2 := planfile.Default(), versionTwo(t)
	w := fixture.New(t, v1).Fill(per("2025-05"), per("2025-06"))
	w.Drop("mlz", per("2025-06"))
	preds := gyqc.PredecessorsOf(v2.Registry, v1.Registry)
	if got := preds["jjxxw"]; len(got) != 1 || got[0] != "jxw" {
		t.Errorf("predecessors of jjxxw: %v, want [jxw]", got)
	}
	h := gyqc.WithPredecessors(subsHistory(w.Subs), preds)
	for _, c := range []struct{ unit, wantUnit, wantPeriod string }{
		{"jjxxw", "jxw", "2025-06"},
		{"mlz", "xnhz", "2025-06"}, // its own June is missing; 小南海镇's is newer than its May
		{"czj", "czj", "2025-06"},
	} {
		sub, err := h.LastAccepted(context.Background(), c.unit, per("2025-07"))
		if err != nil || sub == nil || sub.Unit != c.wantUnit || sub.Period != per(c.wantPeriod) {
			t.Errorf("%s: last accepted %+v (%v), want %s of %s", c.unit, sub, err, c.wantUnit, c.wantPeriod)
		}
	}
	if sub, _ := subsHistory(w.Subs).LastAccepted(context.Background(), "jjxxw", per("2025-07")); sub != nil {
		t.Error("test setup: jjxxw has a return of its own")
	}
}
