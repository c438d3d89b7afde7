package gyqc

// How an evaluation judges each earlier period under the plan version that was active for it
// (Input.PlanOf): its deadline, its responsible units, the units of each task, the
// indicators' definitions and reporting units, and the lights' settings all come from that
// period's version, while the evaluation's own plan judges its period and names the units.
//
// The evaluator keeps one slot per unit code: first the responsible units of the
// evaluation's plan (units[:nCur]), then those responsible only under earlier versions (a
// unit dropped or merged away), so that an earlier period's task lights count every unit it
// had. Submissions stay under the code they were issued with; a unit of the evaluation's plan
// sees its earlier periods through its predecessors in those versions (Successors, chained
// through every version in between).

// planAt returns the plan that judges period k.
func (ev *evaluator) planAt(k int) *Plan {
	if k < 0 || k >= len(ev.plans) {
		return ev.plan
	}
	return ev.plans[k]
}

// versions sets the plan of every period and the unit slots: the responsible units of the
// evaluation's plan, then those of earlier versions it lacks; then which slot is responsible
// under which version, and the predecessors of each unit of the evaluation's plan.
func (ev *evaluator) versions(planOf func(Period) *Plan) {
	ev.plans = make([]*Plan, ev.n)
	for k := range ev.plans {
		if planOf != nil && k < ev.n-1 {
			ev.plans[k] = planOf(ev.first.Add(k))
		}
		if ev.plans[k] == nil || ev.plans[k].Registry == nil {
			ev.plans[k] = ev.plan
		}
	}
	ev.units = ev.plan.ResponsibleUnits()
	ev.nCur = len(ev.units)
	ev.unitIx = make(map[string]int, len(ev.units))
	for i, u := range ev.units {
		ev.unitIx[u.Code] = i
	}
	ev.resp = map[*Plan][]bool{}
	for k := ev.n - 1; k >= 0; k-- {
		q := ev.plans[k]
		if _, done := ev.resp[q]; done {
			continue
		}
		ev.resp[q] = nil
		for _, u := range q.ResponsibleUnits() {
			if _, ok := ev.unitIx[u.Code]; !ok {
				ev.unitIx[u.Code] = len(ev.units)
				ev.units = append(ev.units, u)
			}
		}
	}
	for q := range ev.resp {
		resp := make([]bool, len(ev.units))
		for _, u := range q.ResponsibleUnits() {
			resp[ev.unitIx[u.Code]] = true
		}
		ev.resp[q] = resp
	}
	ev.predecessors()
}

// responsible reports whether slot u is a responsible unit under the version of period k.
func (ev *evaluator) responsible(u, k int) bool { return ev.resp[ev.planAt(k)][u] }

// predecessors maps, for every earlier version, each unit of the evaluation's plan to the
// slots of the units it was under that version, following the successions from version to
// version up to the evaluation's plan.
func (ev *evaluator) predecessors() {
	ev.preds = map[*Plan][][]int{}
	toCur := map[string][]string{}
	for _, u := range ev.plan.Registry.Units {
		toCur[u.Code] = []string{u.Code}
	}
	identity := toCur
	later := ev.plan
	for k := ev.n - 2; k >= 0; k-- {
		q := ev.plans[k]
		switch {
		case q == later:
			continue
		case q == ev.plan: // re-evaluated under the evaluation's plan (--replan)
			toCur, later = identity, q
			continue
		}
		next := map[string][]string{}
		for code, succ := range Successors(q.Registry, later.Registry) {
			for _, s := range succ {
				next[code] = append(next[code], toCur[s]...)
			}
		}
		toCur, later = next, q
		if ev.preds[q] != nil {
			continue
		}
		preds := make([][]int, ev.nCur)
		for _, u := range q.ResponsibleUnits() {
			for _, cur := range toCur[u.Code] {
				if c, ok := ev.unitIx[cur]; ok && c < ev.nCur {
					preds[c] = append(preds[c], ev.unitIx[u.Code])
				}
			}
		}
		ev.preds[q] = preds
	}
}

// taskSet returns the units of each task of the evaluation's plan (by index) under the
// version of period k.
func (ev *evaluator) taskSet(k int) []taskUnits {
	q := ev.planAt(k)
	if q == ev.plan {
		return ev.tasks
	}
	if ts, ok := ev.taskSets[q]; ok {
		return ts
	}
	ts := ev.taskUnitsOf(q)
	if ev.taskSets == nil {
		ev.taskSets = map[*Plan][]taskUnits{}
	}
	ev.taskSets[q] = ts
	return ts
}

// taskUnitsOf lists the units of each task of the evaluation's plan as plan q assigns them:
// q's responsible units, by the task's number.
func (ev *evaluator) taskUnitsOf(q *Plan) []taskUnits {
	out := make([]taskUnits, len(ev.plan.Tasks))
	ti := map[int]int{}
	for i, t := range ev.plan.Tasks {
		ti[t.No] = i
	}
	resp := ev.resp[q]
	for u, unit := range ev.units {
		if !resp[u] {
			continue
		}
		for _, a := range q.Assignments(unit.Code) {
			i, ok := ti[a.Task]
			if !ok {
				continue
			}
			if a.Role == RoleLead {
				out[i].leads = append(out[i].leads, unitRole{u, a.Via})
			} else {
				out[i].supports = append(out[i].supports, unitRole{u, a.Via})
			}
		}
	}
	return out
}

// indicatorAt returns the definition of the slot's indicator under the version of period k
// (the evaluation's own when that version lacks it) and the slot of the unit reporting it
// then, -1 when none.
func (ev *evaluator) indicatorAt(slot *indicatorSlot, k int) (*Indicator, int) {
	q := ev.planAt(k)
	if q == ev.plan {
		return slot.ind, slot.reporter
	}
	ind := q.Indicator(slot.ind.Key)
	if ind == nil {
		return slot.ind, -1
	}
	u, ok := ev.unitIx[ind.UnitCode]
	if !ok || !ev.resp[q][u] {
		return ind, -1
	}
	return ind, u
}

// history returns the states of unit u of the evaluation's plan from the first period
// tracked: under an earlier version, its predecessor's state (the worst of them when several
// units were merged into it), or StateAbsent when it had none.
func (ev *evaluator) history(u int) []ReportState {
	own := ev.states[u*ev.n : (u+1)*ev.n]
	if len(ev.preds) == 0 {
		return own
	}
	out := make([]ReportState, ev.n)
	for k := range out {
		q := ev.planAt(k)
		if q == ev.plan {
			out[k] = own[k]
			continue
		}
		var best *ReportState
		for _, p := range ev.preds[q][u] {
			if s := ev.state(p, k); best == nil || worse(s, best) {
				best = s
			}
		}
		if best == nil {
			out[k] = absentState(ev.units[u].Code, ev.first.Add(k))
			continue
		}
		out[k] = *best
	}
	return out
}

// worse reports whether a is a worse record than b: missing before late before on time, and
// a refused latest attempt before none.
func worse(a, b *ReportState) bool {
	rank := func(r *ReportState) int {
		switch r.Timeliness() {
		case StateMissing:
			return 2
		case StateLate:
			return 1
		}
		return 0
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra > rb
	}
	return a.State == StateRefused && b.State != StateRefused
}

// absentState is the state of a unit in a period whose version did not make it a
// responsible unit.
func absentState(code string, p Period) ReportState {
	return ReportState{Unit: code, Period: p, State: StateAbsent, Overdue: true}
}
