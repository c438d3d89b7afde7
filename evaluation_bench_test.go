package gyqc_test

import (
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/samples"
)

// planWithTowns is the embedded plan with extra synthetic towns in 各乡镇街道 (which supports
// tasks 6 and 24), so that it has 36+extra responsible units; samples.ScalePlan builds it.
func planWithTowns(tb testing.TB, extra int) *gyqc.Plan {
	tb.Helper()
	towns := len(planfile.Default().Registry.Group("各乡镇街道").Members) + extra
	p, err := samples.ScalePlan(towns)
	if err != nil {
		tb.Fatal(err)
	}
	if n := len(p.ResponsibleUnits()); n != 36+extra {
		tb.Fatalf("%d responsible units, want %d", n, 36+extra)
	}
	return p
}

// busyWorld fills periods from..to for every unit of plan, with some of everything: late
// files, refusals followed by corrections, lagging tasks and indicators.
func busyWorld(tb testing.TB, plan *gyqc.Plan, from, to gyqc.Period) *world {
	w := newWorld(tb, plan)
	units := plan.ResponsibleUnits()
	for p := from; !p.After(to); p = p.Add(1) {
		for i, u := range units {
			s := w.good(u.Code, p)
			switch (i + p.Index()) % 11 {
			case 0:
				continue // missing
			case 1:
				s.Received = plan.Due(p).Add(50 * time.Hour) // late
			case 2:
				bad := w.good(u.Code, p)
				bad.Outcome = gyqc.OutcomeRefused
				bad.Problems = gyqc.Problems{{Severity: gyqc.SevError, Message: "数字格式有误"}}
				w.add(bad)
			case 3:
				for j := range s.Tasks {
					s.Tasks[j].Status = gyqc.StatusBehind
				}
			case 4:
				for j := range s.Values {
					v := *s.Values[j].Value * 0.8
					s.Values[j].Value = &v
				}
				s.Outcome = gyqc.OutcomeWarned
				s.Problems = gyqc.Problems{{Severity: gyqc.SevWarning, Message: "较上月下降"}}
			}
			w.add(s)
		}
	}
	return w
}

// BenchmarkEvaluate40Periods40Units evaluates the last period of the 40-month horizon with
// 40 responsible units reporting every month (lights are judged for all 40 periods).
func BenchmarkEvaluate40Periods40Units(b *testing.B) {
	plan := planWithTowns(b, 4)
	w := busyWorld(b, plan, plan.Horizon.First, plan.Horizon.Last)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := gyqc.Evaluate(plan, plan.Horizon.Last, w.subs, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(w.subs)), "attempts")
}

// BenchmarkEvaluate10000Units evaluates one period in which 10,000 responsible units
// reported: the first period of the horizon, and a period in mid-horizon with no history
// before it (every earlier month is judged with everybody missing).
func BenchmarkEvaluate10000Units(b *testing.B) {
	plan := planWithTowns(b, 10000-36)
	for _, p := range []gyqc.Period{plan.Horizon.First, per("2025-06")} {
		b.Run(p.String(), func(b *testing.B) {
			w := busyWorld(b, plan, p, p)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := gyqc.Evaluate(plan, p, w.subs, time.Time{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEvaluate40Periods40Units evaluates a full horizon of 40 units; its speed is measured by
// BenchmarkEvaluate40Periods40Units, not asserted here (timed tests flake on busy machines).
func TestEvaluate40Periods40Units(t *testing.T) {
	plan := planWithTowns(t, 4)
	w := busyWorld(t, plan, plan.Horizon.First, plan.Horizon.Last)
	ev, err := gyqc.Evaluate(plan, plan.Horizon.Last, w.subs, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Units) != 40 || len(ev.Periods) != 40 || len(ev.Tasks[0].History) != 40 {
		t.Errorf("%d units, %d periods, %d light points", len(ev.Units), len(ev.Periods), len(ev.Tasks[0].History))
	}
	s := ev.Summary
	if s.Missing == 0 || s.Late == 0 || s.Lights.Red == 0 || s.Lights.Green+s.Lights.Yellow+s.Lights.Red != 24 {
		t.Errorf("the busy world should have a bit of everything: %+v", s)
	}
}
