package samples

import (
	"math"
	"sort"

	"github.com/qianjiang/gyqc"
)

// taskState is how one task goes over the horizon in the samples: when it lags, whether it
// starts late, and whether it is finished at the end.
type taskState struct {
	lag        []bool // by value index (1 is the first period)
	notStarted int    // the first so many periods are reported as 未启动
	doneFrom   int    // from this value index on, lead units report 已完成 (0: never)
}

// buildStates decides every task's course: a task with indicators lags when a third of them
// or more are behind; a task without follows a two-state chain, more often lagging for the
// tasks the seed makes weak. Two tasks without indicators start a month or two late, and tasks
// on track at the end, with every indicator met, are reported finished.
func buildStates(plan *gyqc.Plan, seed uint64, periods []gyqc.Period, ser map[string]*series) map[int]*taskState {
	n := len(periods)
	out := map[int]*taskState{}
	var plain []int
	for _, t := range plan.Tasks {
		st := &taskState{lag: make([]bool, n+1)}
		out[t.No] = st
		inds := plan.TaskIndicators(t.No)
		if len(inds) > 0 {
			for i, p := range periods {
				behind := 0
				for _, ind := range inds {
					if ser[ind.Key].behind(plan, p, i+1) {
						behind++
					}
				}
				st.lag[i+1] = behind > 0 && float64(behind) >= math.Ceil(float64(len(inds))/3)
			}
			met := true
			for _, ind := range inds {
				met = met && ser[ind.Key].met(n)
			}
			if met && !st.lag[n] {
				st.doneFrom = n
			}
			continue
		}
		plain = append(plain, t.No)
		weak := unitFloat(key(seed, "weak", t.No)) < 0.3
		enter, stay := 0.03, 0.5
		if weak {
			enter, stay = 0.12, 0.75
		}
		r := stream(seed, "task-chain", t.No)
		for i := 1; i <= n; i++ {
			if st.lag[i-1] {
				st.lag[i] = r.Float64() < stay
			} else {
				st.lag[i] = r.Float64() < enter
			}
		}
		if !st.lag[n] && unitFloat(key(seed, "done", t.No)) < 0.35 {
			st.doneFrom = n
		}
	}
	// Two tasks without indicators start late.
	sort.Slice(plain, func(i, j int) bool { return key(seed, "late-start", plain[i]) < key(seed, "late-start", plain[j]) })
	for k, no := range plain {
		if k >= 2 {
			break
		}
		out[no].notStarted = 1 + k
		for i := 1; i <= out[no].notStarted && i <= n; i++ {
			out[no].lag[i] = false
		}
	}
	return out
}

// status is what a unit reports for its part a in a task at value index i.
func (g *Generator) status(code string, a gyqc.Assignment, i int) gyqc.Status {
	st := g.states[a.Task]
	if st == nil {
		return gyqc.StatusOnTrack
	}
	h := unitFloat(key(g.seed, "status", code, a.Task, i))
	switch {
	case i <= st.notStarted:
		return gyqc.StatusNotBegun
	case st.doneFrom > 0 && i >= st.doneFrom:
		if a.Role == gyqc.RoleLead || h < 0.5 {
			return gyqc.StatusDone
		}
	case st.lag[i]:
		if (a.Role == gyqc.RoleLead && h < 0.85) || h < 0.2 {
			return gyqc.StatusBehind
		}
	case a.Role == gyqc.RoleSupport && h > 0.92:
		return gyqc.StatusNoWork // a supporting unit with nothing to report on the task this month
	}
	return gyqc.StatusOnTrack
}
