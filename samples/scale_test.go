package samples

import (
	"fmt"
	"testing"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

func TestScalePlan(t *testing.T) {
	tests := []struct {
		Name  string
		Towns int
	}{
		{"fewer towns than the registry's", 5},
		{"the registry's twelve", 12},
		{"hundreds", 300},
		{"beyond every syllable", 2600},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			plan, err := ScalePlan(tt.Towns)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(plan.Registry.Group(townGroup).Members); got != tt.Towns {
				t.Fatalf("%s has %d members, want %d", townGroup, got, tt.Towns)
			}
			if got, want := len(plan.ResponsibleUnits()), 24+tt.Towns; got != want {
				t.Fatalf("%d responsible units, want %d", got, want)
			}
			names := map[string]bool{}
			for _, u := range plan.Registry.Units {
				if names[u.Name] {
					t.Fatalf("name %s twice", u.Name)
				}
				names[u.Name] = true
			}
		})
	}
	if _, err := ScalePlan(-1); gyqc.ErrorCode(err) != gyqc.EInvalid {
		t.Errorf("negative towns: got %v", err)
	}
}

func TestScaleReturnsUnique(t *testing.T) {
	plan, err := ScalePlan(500)
	if err != nil {
		t.Fatal(err)
	}
	g := mustGenerator(t, plan, 11)
	for _, s := range []string{"2025-05", "2025-06"} {
		rs, err := g.Returns(gyqc.MustPeriod(s))
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]string{}
		for _, r := range rs {
			for _, tr := range r.Tasks {
				if tr.Status == gyqc.StatusNoWork {
					continue
				}
				k := fmt.Sprint(tr.Task, tr.Progress)
				if other, dup := seen[k]; dup {
					t.Errorf("%s task %d: %s and %s wrote %s", s, tr.Task, other, r.Unit, tr.Progress)
				}
				seen[k] = r.Unit
			}
		}
	}
}

// BenchmarkReturns1000 writes one messy month of returns for 1,000 towns (1,024 responsible
// units) with a generator that has written the month before (outside the timer), as the demo
// does month by month.
func BenchmarkReturns1000(b *testing.B) {
	plan, err := ScalePlan(1000)
	if err != nil {
		b.Fatal(err)
	}
	p := gyqc.MustPeriod("2025-06")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		g := mustGenerator(b, plan, int64(i))
		if _, err := g.Returns(p.Add(-1)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rs, err := g.Batch(p, Messy)
		if err != nil || len(rs.Returns) < 1000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkHorizon1000 writes every month of the horizon for 1,000 towns from a fresh
// generator: the cold cost of the first batch of a late period.
func BenchmarkHorizon1000(b *testing.B) {
	plan, err := ScalePlan(1000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		g := mustGenerator(b, plan, 1)
		if _, err := g.Returns(plan.Horizon.Last); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBatchPlan writes one messy month of the embedded plan (36 units), the month
// before written outside the timer.
func BenchmarkBatchPlan(b *testing.B) {
	plan := planfile.Default()
	p := gyqc.MustPeriod("2025-06")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		g := mustGenerator(b, plan, int64(i))
		g.Returns(p.Add(-1))
		b.StartTimer()
		if _, err := g.Batch(p, Messy); err != nil {
			b.Fatal(err)
		}
	}
}
