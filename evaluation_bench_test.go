package gyqc_test

import (
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// BenchmarkEvaluate40Periods40Units evaluates the last period of the 40-month horizon with
// 40 responsible units reporting every month (lights are judged for all 40 periods).
func BenchmarkEvaluate40Periods40Units(b *testing.B) {
	plan := fixture.PlanFrom(b, "", 4)
	w := fixture.New(b, plan).Busy(plan.Horizon.First, plan.Horizon.Last)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := gyqc.Evaluate(plan, plan.Horizon.Last, w.Subs, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(w.Subs)), "attempts")
}

// BenchmarkEvaluate10000Units evaluates one period in which 10,000 responsible units
// reported: the first period of the horizon, and a period in mid-horizon with no history
// before it (every earlier month is judged with everybody missing).
func BenchmarkEvaluate10000Units(b *testing.B) {
	plan := fixture.PlanFrom(b, "", 10000-36)
	for _, p := range []gyqc.Period{plan.Horizon.First, per("2025-06")} {
		b.Run(p.String(), func(b *testing.B) {
			w := fixture.New(b, plan).Busy(p, p)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := gyqc.Evaluate(plan, p, w.Subs, time.Time{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEvaluate40Periods40Units evaluates a full horizon of 40 units; its speed is measured by
// BenchmarkEvaluate40Periods40Units, not asserted here (timed tests flake on busy machines).
func TestEvaluate40Periods40Units(t *testing.T) {
	plan := fixture.PlanFrom(t, "", 4)
	w := fixture.New(t, plan).Busy(plan.Horizon.First, plan.Horizon.Last)
	ev, err := gyqc.Evaluate(plan, plan.Horizon.Last, w.Subs, time.Time{})
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
