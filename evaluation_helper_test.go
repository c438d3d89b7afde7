package gyqc_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

// world builds hand-made submissions for a plan: by default every responsible unit returns an
// accepted file two days before each deadline, every task 正常推进 and every indicator on
// track; test cases then change what they are about.
type world struct {
	tb   testing.TB
	plan *gyqc.Plan
	subs []gyqc.Submission
	id   int64
}

func newWorld(tb testing.TB, plan *gyqc.Plan) *world {
	tb.Helper()
	if plan == nil {
		plan = planfile.Default()
	}
	return &world{tb: tb, plan: plan}
}

// loadPlan loads a modified copy of the embedded plan file.
func loadPlan(tb testing.TB, planYAML string) *gyqc.Plan {
	tb.Helper()
	p, probs := planfile.Load("plan.yaml", []byte(planYAML), "units.yaml", planfile.DefaultUnitsFile)
	if p == nil {
		tb.Fatalf("test setup: modified plan does not load:\n%s", probs.Error())
	}
	return p
}

// onTrack returns a figure for ind that is on track in period p and not met early.
func onTrack(plan *gyqc.Plan, ind *gyqc.Indicator, p gyqc.Period) float64 {
	switch ind.Kind {
	case gyqc.KindLevel:
		base := 0.0
		if ind.Baseline != nil {
			base = *ind.Baseline
		}
		return math.Ceil(base + plan.Horizon.Elapsed(p)*(*ind.Target-base))
	case gyqc.KindAnnual, gyqc.KindFlow:
		return math.Ceil(*ind.Target * gyqc.YearElapsed(ind.Covers(p)))
	case gyqc.KindRank:
		return *ind.Target
	case gyqc.KindTrend:
		return 10 + float64(p.Index()-plan.Horizon.First.Index())/10
	}
	return *ind.Target + 1
}

// good returns an accepted on-time submission of unit for period p.
func (w *world) good(unit string, p gyqc.Period) gyqc.Submission {
	s := gyqc.Submission{Unit: unit, Period: p, Received: w.plan.Due(p).Add(-48 * time.Hour),
		Outcome: gyqc.OutcomeAccepted, FileName: unit + "-" + p.String() + ".xlsx", Hash: unit + p.String()}
	for _, a := range w.plan.Assignments(unit) {
		s.Tasks = append(s.Tasks, gyqc.TaskReport{Task: a.Task, Role: a.Role, Status: gyqc.StatusOnTrack,
			Progress: "本月推进顺利", Issues: "无", NextPlan: "继续推进"})
	}
	for _, ind := range w.plan.ReportedIndicators(unit) {
		v := onTrack(w.plan, ind, p)
		s.Values = append(s.Values, gyqc.IndicatorValue{Key: ind.Key, Value: &v, Raw: gyqc.FormatNumber(v)})
	}
	return s
}

// add stores an attempt, numbering its version after the unit's earlier attempts of the period.
func (w *world) add(s gyqc.Submission) *world {
	w.id++
	s.ID = w.id
	s.Version = 1
	for _, o := range w.subs {
		if o.Unit == s.Unit && o.Period == s.Period && o.Version >= s.Version {
			s.Version = o.Version + 1
		}
	}
	w.subs = append(w.subs, s)
	return w
}

// fill adds a good submission of every responsible unit for every period from..to.
func (w *world) fill(from, to gyqc.Period) *world {
	for p := from; !p.After(to); p = p.Add(1) {
		for _, u := range w.plan.ResponsibleUnits() {
			w.add(w.good(u.Code, p))
		}
	}
	return w
}

// latest returns the unit's latest attempt of period p.
func (w *world) latest(unit string, p gyqc.Period) *gyqc.Submission {
	w.tb.Helper()
	var out *gyqc.Submission
	for i := range w.subs {
		if s := &w.subs[i]; s.Unit == unit && s.Period == p && (out == nil || s.Version > out.Version) {
			out = s
		}
	}
	if out == nil {
		w.tb.Fatalf("test setup: no submission of %s for %s", unit, p)
	}
	return out
}

// drop removes every attempt of the unit for period p.
func (w *world) drop(unit string, p gyqc.Period) *world {
	out := w.subs[:0]
	for _, s := range w.subs {
		if s.Unit != unit || s.Period != p {
			out = append(out, s)
		}
	}
	w.subs = out
	return w
}

// status sets the status the unit reported for task no in its latest attempt of period p.
func (w *world) status(unit string, p gyqc.Period, no int, st gyqc.Status) *world {
	w.tb.Helper()
	s := w.latest(unit, p)
	if tr := s.Task(no); tr != nil {
		tr.Status = st
		return w
	}
	w.tb.Fatalf("test setup: %s does not report task %d", unit, no)
	return w
}

// value sets (or with nil clears) indicator key in the reporting unit's latest attempt of p.
func (w *world) value(key string, p gyqc.Period, v *float64) *world {
	w.tb.Helper()
	ind := w.plan.Indicator(key)
	if ind == nil {
		w.tb.Fatalf("test setup: no indicator %s", key)
	}
	iv := w.latest(ind.UnitCode, p).Value(key)
	if iv == nil {
		w.tb.Fatalf("test setup: %s does not report %s", ind.UnitCode, key)
	}
	iv.Value = v
	return w
}

// evaluate evaluates period p after every deadline.
func (w *world) evaluate(p gyqc.Period) *gyqc.Evaluation {
	w.tb.Helper()
	return w.evaluateAt(p, time.Time{})
}

// evaluateAt evaluates period p as of now.
func (w *world) evaluateAt(p gyqc.Period, now time.Time) *gyqc.Evaluation {
	w.tb.Helper()
	ev, err := gyqc.Evaluate(w.plan, p, w.subs, now)
	if err != nil {
		w.tb.Fatalf("Evaluate(%s): %v", p, err)
	}
	return ev
}

func num(v float64) *float64 { return &v }

func per(s string) gyqc.Period { return gyqc.MustPeriod(s) }

// mustReplace replaces the first old in s by new, and panics when old is not there, so that a
// test case can never pass by leaving the file unchanged.
func mustReplace(s, old, new string, n int) string {
	if !strings.Contains(s, old) {
		panic("test setup: " + old + " not found")
	}
	return strings.Replace(s, old, new, n)
}
