package gyqc

import (
	"math"
	"sort"
)

// A path is what an indicator is held to month by month: straight lines between year-end
// milestones — the baseline, the yearly targets the office sets (TargetsByYear) and the final
// target at the end of TargetYear. A month is held to the path's value at the month its
// figure covers. Flows and annual counts have a path of yearly targets instead: the year's
// target scaled by the months covered.

// milestone is a point of a path: a value at the end of the month with index at.
type milestone struct {
	at int
	v  float64
}

// baseline is where an indicator's path starts: the plan's baseline or, where the plan sets
// none, the first figure the workspace holds (stand-in).
type baseline struct {
	v        float64
	at       Period // the month the value describes (flows: its year is what counts)
	standIn  bool   // the first figure the workspace holds, not the plan's
	standRaw float64
}

// targetAt returns the final target's month index: the end of TargetYear.
func (ind *Indicator) targetAt() int { return Period{Year: ind.TargetYear, Month: 12}.Index() }

// stockPath returns the milestones of a stock (level, share, reduction, rank) from base.
func (ind *Indicator) stockPath(base baseline) []milestone {
	ms := []milestone{{base.at.Index(), base.v}}
	for y, v := range ind.TargetsByYear {
		at := Period{Year: y, Month: 12}.Index()
		if at > base.at.Index() && at < ind.targetAt() {
			ms = append(ms, milestone{at, v})
		}
	}
	if ind.Target != nil && ind.targetAt() > base.at.Index() {
		ms = append(ms, milestone{ind.targetAt(), *ind.Target})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].at < ms[j].at })
	return ms
}

// valueAt returns the path's value at month index at: the baseline before the first
// milestone, the final target after the last, a straight line in between.
func valueAt(ms []milestone, at int) float64 {
	if at <= ms[0].at {
		return ms[0].v
	}
	for i := 1; i < len(ms); i++ {
		if at <= ms[i].at {
			a, b := ms[i-1], ms[i]
			return a.v + (b.v-a.v)*float64(at-a.at)/float64(b.at-a.at)
		}
	}
	return ms[len(ms)-1].v
}

// yearTarget returns the target for year y of a flow or an annual count: the office's yearly
// target where set; for an annual count otherwise the plan's target, every year; for a flow
// the straight line in years from the baseline year's value to the final target, which also
// holds for the years after TargetYear. ok is false when a flow has no baseline to start from
// and no target set for y.
func (ind *Indicator) yearTarget(y int, base *baseline) (float64, bool) {
	if v, ok := ind.TargetsByYear[y]; ok {
		return v, true
	}
	if ind.Target == nil {
		return 0, false
	}
	if ind.Kind == KindAnnual || ind.Kind == KindGrowth || y >= ind.TargetYear {
		return *ind.Target, true
	}
	if base == nil {
		return 0, false
	}
	// Milestones in years: the baseline year, the yearly targets, the final target.
	ms := []milestone{{base.at.Year, base.v}}
	for yy, v := range ind.TargetsByYear {
		if yy > base.at.Year && yy < ind.TargetYear {
			ms = append(ms, milestone{yy, v})
		}
	}
	if ind.TargetYear > base.at.Year {
		ms = append(ms, milestone{ind.TargetYear, *ind.Target})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].at < ms[j].at })
	return valueAt(ms, y), true
}

// yearFromBase reports whether yearTarget takes year y's target from the baseline: a flow's
// year before its target year for which the office set no yearly target.
func (ind *Indicator) yearFromBase(y int) bool {
	_, set := ind.TargetsByYear[y]
	return !set && ind.Target != nil && ind.Kind == KindFlow && y < ind.TargetYear
}

// wholeExpected rounds an expected count to what a whole number of things can meet: down
// where more is better (0.9 家 expects 0), up where less is better (rank 2.3 expects 3rd).
func (ind *Indicator) wholeExpected(e float64) float64 {
	if !ind.Whole() && ind.Kind != KindRank {
		return e
	}
	if ind.LowerIsBetter() {
		return math.Ceil(e - epsilon)
	}
	return math.Floor(e + epsilon)
}
