package consolidate_test

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/internal/fixture"
	"github.com/qianjiang/gyqc/store"
)

// consolidate evaluates period and writes the workbook, as `gyqc consolidate` does once it
// has the history.
func consolidateOnce(tb testing.TB, plan *gyqc.Plan, period gyqc.Period, subs []gyqc.Submission) {
	ev, err := gyqc.Evaluate(plan, period, subs, time.Time{})
	if err != nil {
		tb.Fatal(err)
	}
	if err := consolidate.WriteWorkbook(io.Discard, plan, ev, subs, consolidate.Options{}); err != nil {
		tb.Fatal(err)
	}
}

// horizonWorkspace stores the whole 40-month horizon for 40 responsible units in a
// workspace (it takes a while: every attempt is its own transaction) and returns the plan,
// the attempts and the workspace folder.
func horizonWorkspace(b *testing.B) (*gyqc.Plan, []gyqc.Submission, string) {
	plan := fixture.PlanFrom(b, "2022-09", 4)
	w := newSummaryWorld(b, plan).Busy(plan.Horizon.First, plan.Horizon.Last)
	dir := b.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, dir, store.ReadWrite)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for i := range w.Subs {
		s := w.Subs[i]
		if s.Hash, err = st.Archive(ctx, s.FileName, []byte(s.Hash)); err != nil {
			b.Fatal(err)
		}
		if _, _, err := st.Record(ctx, &s); err != nil {
			b.Fatal(err)
		}
	}
	return plan, w.Subs, dir
}

// BenchmarkConsolidate40Periods40Units consolidates the last period of the 40-month horizon
// with 40 responsible units: from memory (evaluation and workbook), and from the workspace
// (reading every attempt from SQLite first), as `gyqc consolidate` does.
func BenchmarkConsolidate40Periods40Units(b *testing.B) {
	plan, subs, dir := horizonWorkspace(b)
	period := plan.Horizon.Last
	b.Run("memory", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			consolidateOnce(b, plan, period, subs)
		}
		b.ReportMetric(float64(len(subs)), "attempts")
	})
	b.Run("workspace", func(b *testing.B) {
		b.ReportAllocs()
		ctx := context.Background()
		for b.Loop() {
			st, err := store.Open(ctx, dir, store.ReadOnly)
			if err != nil {
				b.Fatal(err)
			}
			loaded, err := st.Submissions(ctx, plan.Horizon.First, period)
			st.Close()
			if err != nil {
				b.Fatal(err)
			}
			consolidateOnce(b, plan, period, loaded)
		}
	})
}

// BenchmarkConsolidate10000Units consolidates one period in which 10,000 responsible units
// reported (in memory: storing 10,000 attempts one transaction each takes over a minute).
func BenchmarkConsolidate10000Units(b *testing.B) {
	plan := fixture.PlanFrom(b, "2025-06", 10000-36)
	w := newSummaryWorld(b, plan).Busy(plan.Horizon.First, plan.Horizon.First)
	b.ReportAllocs()
	for b.Loop() {
		consolidateOnce(b, plan, plan.Horizon.First, w.Subs)
	}
	b.ReportMetric(float64(len(w.Subs)), "attempts")
}

// TestConsolidate40Periods40Units consolidates a full horizon (from memory); its speed is
// measured by the benchmark above, not asserted here (timed tests flake on busy machines).
func TestConsolidate40Periods40Units(t *testing.T) {
	plan := fixture.PlanFrom(t, "2022-09", 4)
	w := newSummaryWorld(t, plan).Busy(plan.Horizon.First, plan.Horizon.Last)
	consolidateOnce(t, plan, plan.Horizon.Last, w.Subs)
}
