package samples

import (
	"math"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

func TestTrajectories(t *testing.T) {
	g, rets := horizon(t)
	plan := g.plan
	periods := plan.Horizon.Periods()
	// values reads the reported values back from the returns, so the test checks what units
	// write, not the generator's internals.
	values := map[string][]float64{}
	notes := map[string][]string{}
	for _, p := range periods {
		for _, r := range rets[p] {
			for _, v := range r.Values {
				values[v.Key] = append(values[v.Key], *v.Value)
				notes[v.Key] = append(notes[v.Key], v.Note)
			}
		}
	}
	for _, ind := range plan.Indicators {
		vs := values[ind.Key]
		if len(vs) != len(periods) {
			t.Fatalf("%s: %d values, want %d", ind.Key, len(vs), len(periods))
		}
		t.Run(ind.Key, func(t *testing.T) {
			for i := 1; i < len(vs); i++ {
				p, d := periods[i], vs[i]-vs[i-1]
				switch ind.Kind {
				case gyqc.KindLevel:
					if d < 0 && (decimals(&ind) == 0 || notes[ind.Key][i] == "") {
						t.Errorf("%s: level fell from %v to %v without explanation", p, vs[i-1], vs[i])
					}
					if d < -0.02*vs[i-1] {
						t.Errorf("%s: level fell by more than 2%%: %v → %v", p, vs[i-1], vs[i])
					}
				case gyqc.KindAnnual:
					if p.Month == time.January {
						if vs[i] >= vs[i-1] && vs[i-1] > 0 {
							t.Errorf("%s: annual flow did not restart: %v after %v", p, vs[i], vs[i-1])
						}
					} else if d < 0 {
						t.Errorf("%s: annual flow fell within the year: %v → %v", p, vs[i-1], vs[i])
					}
				case gyqc.KindRank:
					if vs[i] != math.Trunc(vs[i]) || vs[i] < 1 {
						t.Errorf("%s: rank %v is not a position", p, vs[i])
					}
					if p.Month%3 != 0 && d != 0 {
						t.Errorf("%s: rank changed outside a quarter end", p)
					}
				case gyqc.KindShare, gyqc.KindReduction, gyqc.KindTrend:
					if math.Abs(d) > 1.6 || vs[i] < 0 || vs[i] > 100 {
						t.Errorf("%s: share moved from %v to %v", p, vs[i-1], vs[i])
					}
				case gyqc.KindGrowth:
					if math.Abs(d) > 5 {
						t.Errorf("%s: growth jumped from %v to %v", p, vs[i-1], vs[i])
					}
				}
			}
			if ind.Kind == gyqc.KindTrend {
				// The loan share rises year on year: each December above the one before.
				for i := 12; i < len(vs); i++ {
					if periods[i].Month == time.December && vs[i] <= vs[i-12] {
						t.Errorf("%s: %v not above %v a year earlier", periods[i], vs[i], vs[i-12])
					}
				}
			}
			dec := decimals(&ind)
			for i, v := range vs {
				if v != round(v, dec) {
					t.Errorf("%s: %v has more than %d decimals", periods[i], v, dec)
				}
			}
		})
	}
}

func TestOutputAddsUp(t *testing.T) {
	g, _ := horizon(t)
	for _, p := range g.plan.Horizon.Periods() {
		total, _ := g.Value(keyOutput, p)
		sum := 0.0
		for _, k := range industryKeys {
			v, _ := g.Value(k, p)
			sum += v
		}
		if sum >= total || total-sum > 30 {
			t.Errorf("%s: five industries %.2f, output value %.2f", p, sum, total)
		}
		share, _ := g.Value(keyEmerging, p)
		bio, _ := g.Value(keyBiomedicine, p)
		ne, _ := g.Value(keyNewEnergy, p)
		if want := round(100*(bio+ne)/total, 1); math.Abs(share-want) > 0.051 {
			t.Errorf("%s: emerging share %v, want %v from the industries", p, share, want)
		}
	}
}

func TestOnTrackAndLagging(t *testing.T) {
	plan := planfile.Default()
	last := plan.Horizon.Last
	for _, seed := range []int64{1, 2, 3, testSeed} {
		g := mustGenerator(t, plan, seed)
		met, short := 0, 0
		for _, ind := range plan.Indicators {
			if ind.Target == nil {
				continue
			}
			if g.series[ind.Key].met(len(g.periods)) {
				met++
			} else {
				short++
			}
			if v, _ := g.Value(ind.Key, last); g.Lagging(ind.Key) == g.series[ind.Key].met(len(g.periods)) &&
				ind.Kind != gyqc.KindAnnual && ind.Kind != gyqc.KindGrowth && ind.Kind != gyqc.KindFlow {
				t.Errorf("seed %d %s: lagging %v but ends at %v against %v", seed, ind.Key, g.Lagging(ind.Key), v, *ind.Target)
			}
		}
		if met < len(plan.Indicators)/2 || short < 4 {
			t.Errorf("seed %d: %d indicators meet their targets, %d fall short: want a mix", seed, met, short)
		}
	}
}
