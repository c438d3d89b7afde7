package gyqc

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// Evaluation is where the plan stands in one period: every responsible unit's reporting state
// and score, every indicator against its expectation, every task with its light, and the
// counts a briefing starts from. The consolidated workbook and the PDF briefing are both
// written from it. Evaluate builds it; it refers into the submissions it was given, which must
// not change afterwards.
type Evaluation struct {
	Plan        *Plan                  `json:"-"`
	Period      Period                 `json:"period"`
	Now         time.Time              `json:"now"`         // the evaluation time; zero: after every deadline
	Due         time.Time              `json:"due"`         // the deadline of Period
	Provisional bool                   `json:"provisional"` // Now is before Due: units may still report on time
	Periods     []Period               `json:"periods"`     // the first period tracked (see trackedFrom) to Period
	Units       []*UnitEvaluation      `json:"units"`       // the responsible units, in registry order
	Indicators  []*IndicatorEvaluation `json:"indicators"`  // in plan order
	Tasks       []*TaskEvaluation      `json:"tasks"`       // in plan order
	Ranking     []*UnitEvaluation      `json:"-"`           // Units by score, best first
	Summary     Summary                `json:"summary"`
	// Ignored lists collected attempts the evaluation could not place: a unit that is not a
	// responsible unit of the plan, a period before the horizon, an unknown outcome.
	Ignored Problems `json:"ignored,omitempty"`
	// Supplements are the returns for earlier, locked periods (补报) that this period's
	// briefing shows, by time received.
	Supplements []Supplement `json:"supplements,omitempty"`
}

// Input is what an evaluation is made from besides the plan and the period.
type Input struct {
	// Submissions are the collected attempts (all versions of all outcomes, as
	// History.Submissions returns them for Horizon.First..period; later periods are ignored);
	// of a locked period, only the attempts its Lock recorded.
	Submissions []Submission
	// Reviews are the office's decisions, of any periods; those made after Now are not
	// counted.
	Reviews Reviews
	// Supplements are the returns collected for locked periods after the lock (补报).
	Supplements []Supplement
	// Now is the evaluation time; zero: after every deadline, with every attempt counted.
	Now time.Time
	// PlanOf returns the plan version an earlier period was judged under (the version active
	// when it was issued, or the one the office re-evaluated it under), nil when it is the
	// evaluation's plan. Nil: every period under the evaluation's plan. See version_eval.go.
	PlanOf func(Period) *Plan
}

// Unit returns the evaluation of the unit with the code, or nil.
func (e *Evaluation) Unit(code string) *UnitEvaluation {
	for _, u := range e.Units {
		if u.Code == code {
			return u
		}
	}
	return nil
}

// Task returns the evaluation of task no, or nil.
func (e *Evaluation) Task(no int) *TaskEvaluation {
	for _, t := range e.Tasks {
		if t.No == no {
			return t
		}
	}
	return nil
}

// Indicator returns the evaluation of the indicator with the key, or nil.
func (e *Evaluation) Indicator(key string) *IndicatorEvaluation {
	for _, ie := range e.Indicators {
		if ie.Key == key {
			return ie
		}
	}
	return nil
}

// Evaluate evaluates the plan in period from every collected attempt subs (all versions of
// all outcomes, as History.Submissions returns them for Horizon.First..period; attempts of
// later periods are ignored) as of the time now (zero: after every deadline, with every
// attempt counted). Task lights depend on earlier periods, so every period from the start of
// the horizon is judged in turn. The error is an *Error when the period is outside the
// horizon; bad submissions never make it fail: they are listed in Evaluation.Ignored.
func Evaluate(p *Plan, period Period, subs []Submission, now time.Time) (*Evaluation, error) {
	return EvaluateInput(p, period, Input{Submissions: subs, Now: now})
}

// EvaluateInput is Evaluate with the office's reviews and the returns for locked periods
// (补报) taken into account (see Input).
func EvaluateInput(p *Plan, period Period, in Input) (*Evaluation, error) {
	subs, now := in.Submissions, in.Now
	if p == nil || p.Registry == nil {
		return nil, Errorf(EInternal, "内部错误：没有可用的方案")
	}
	if err := p.CheckPeriod(period); err != nil {
		return nil, err
	}
	ev := &evaluator{plan: p, period: period, now: now, reviews: in.Reviews.Fold(now)}
	ev.index(subs, in.PlanOf)
	ev.supplements(in.Supplements)
	ev.judgeStates()
	for k := 0; k < ev.n; k++ {
		ev.judgePeriod(k)
	}
	return ev.finish(), nil
}

// trackedFrom returns the first period the evaluation judges: the first period of the horizon
// in which the workspace holds any attempt, so that the months before the office began to
// use gyqc count neither as missing reports nor as red tasks; the period itself when the
// workspace holds nothing up to it.
func trackedFrom(p *Plan, period Period, subs []Submission) Period {
	first := period
	for i := range subs {
		if s := subs[i].Period; !s.Before(p.Horizon.First) && s.Before(first) {
			first = s
		}
	}
	return first
}

// evaluator holds the indexes of one evaluation.
type evaluator struct {
	plan   *Plan
	period Period
	now    time.Time
	first  Period
	n      int // periods from first to period

	plans  []*Plan // the plan judging each period (version_eval.go)
	units  []*Unit // slots: the plan's responsible units, then earlier versions' (see versions)
	nCur   int     // the plan's responsible units: units[:nCur]
	unitIx map[string]int
	resp   map[*Plan][]bool // by version: whether each slot is a responsible unit
	preds  map[*Plan][][]int
	// taskSets are the units of each task under earlier versions.
	taskSets map[*Plan][]taskUnits
	cells    map[int][]*Submission // attempts by unit*n+k
	states   []ReportState         // by unit*n+k
	tasks    []taskUnits
	inds     []indicatorSlot
	mems     []lightMemory
	out      *Evaluation
	ignore   Problems

	reviews map[string]*Review    // by ReviewKey
	extra   map[int][]*Submission // 补报 by unit*n+k
}

// taskUnits are the units of one task, as indexes into evaluator.units.
type taskUnits struct {
	leads, supports     []unitRole
	leadBuf, supportBuf []TaskEntry // entries of the periods before the last, reused
}

type unitRole struct {
	u   int
	via string
}

// index places every attempt by unit and period, and every unit in its tasks.
func (ev *evaluator) index(subs []Submission, planOf func(Period) *Plan) {
	p := ev.plan
	ev.first = trackedFrom(p, ev.period, subs)
	ev.n = ev.period.Index() - ev.first.Index() + 1
	ev.versions(planOf)
	ev.cells = map[int][]*Submission{}
	for i := range subs {
		s := &subs[i]
		k := s.Period.Index() - ev.first.Index()
		if k >= ev.n {
			continue
		}
		u, ok := ev.unitIx[s.Unit]
		ok = ok && ev.responsible(u, k)
		switch {
		case k < 0:
			ev.ignored(s, RulePeriodOutsideHorizon, s.Period.String(),
				fmt.Sprintf("报送期 %s 早于方案的首个报送期 %s，未计入", s.Period, ev.first), "请核对该文件的报送期")
		case !ok:
			ev.ignored(s, RuleUnknownUnit, s.Unit,
				fmt.Sprintf("单位代码“%s”不是本方案的责任单位，未计入", s.Unit), "请核对单位名册（units.yaml）")
		case s.Outcome != OutcomeAccepted && s.Outcome != OutcomeWarned && s.Outcome != OutcomeRefused:
			ev.ignored(s, RuleUnknownOutcome, string(s.Outcome),
				"接收结果无法识别，未计入", "请重新收取该文件")
		default:
			ev.cells[u*ev.n+k] = append(ev.cells[u*ev.n+k], s)
		}
	}
	ev.tasks = make([]taskUnits, len(p.Tasks))
	ti := map[int]int{}
	for i, t := range p.Tasks {
		ti[t.No] = i
	}
	for u, unit := range ev.units[:ev.nCur] {
		for _, a := range p.Assignments(unit.Code) {
			i, ok := ti[a.Task]
			if !ok {
				continue
			}
			if a.Role == RoleLead {
				ev.tasks[i].leads = append(ev.tasks[i].leads, unitRole{u, a.Via})
			} else {
				ev.tasks[i].supports = append(ev.tasks[i].supports, unitRole{u, a.Via})
			}
		}
	}
	ev.inds = make([]indicatorSlot, len(p.Indicators))
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		u, ok := ev.unitIx[ind.UnitCode]
		if !ok {
			u = -1
		}
		ev.inds[i] = indicatorSlot{ind: ind, reporter: u, history: make([]IndicatorPoint, 0, ev.n)}
	}
	ev.mems = make([]lightMemory, len(p.Tasks))
	ev.out = &Evaluation{Plan: p, Period: ev.period, Now: ev.now, Due: p.Due(ev.period)}
	ev.out.Provisional = !ev.now.IsZero() && ev.now.Before(ev.out.Due)
}

// ignored records an attempt the evaluation leaves out.
func (ev *evaluator) ignored(s *Submission, rule Rule, value, msg, fix string) {
	ev.ignore = append(ev.ignore, Problem{Severity: SevWarning, File: s.FileName, Rule: rule, Value: value, Message: msg, Fix: fix})
}

// judgeStates judges every unit's state in every period.
func (ev *evaluator) judgeStates() {
	ev.states = make([]ReportState, len(ev.units)*ev.n)
	dues := make([]time.Time, ev.n)
	for k := range dues {
		dues[k] = ev.planAt(k).Due(ev.first.Add(k))
	}
	for u, unit := range ev.units {
		for k := 0; k < ev.n; k++ {
			r := &ev.states[u*ev.n+k]
			if !ev.responsible(u, k) {
				*r = absentState(unit.Code, ev.first.Add(k))
				continue
			}
			*r = stateOf(unit.Code, ev.first.Add(k), dues[k], ev.cells[u*ev.n+k], ev.now)
			r.applyReview(ev.reviews[ReviewKey(r.Period, unit.Code)], dues[k])
			r.Supplements = ev.extra[u*ev.n+k]
		}
	}
}

// state returns unit u's state in period k.
func (ev *evaluator) state(u, k int) *ReportState { return &ev.states[u*ev.n+k] }

// value returns what unit u's current submission in period k says of indicator key.
func (ev *evaluator) value(u, k int, key string) (*IndicatorValue, *Submission) {
	if u < 0 || k < 0 || k >= ev.n {
		return nil, nil
	}
	cur := ev.state(u, k).Current
	if cur == nil {
		return nil, nil
	}
	return cur.Value(key), cur
}

// number returns the figure of indicator key in unit u's current submission of period k, nil
// when there is none or it is not a finite number.
func (ev *evaluator) number(u, k int, key string) *float64 {
	v, _ := ev.value(u, k, key)
	if v == nil || v.Value == nil || math.IsNaN(*v.Value) || math.IsInf(*v.Value, 0) {
		return nil
	}
	return v.Value
}

// judgePeriod evaluates the indicators and the task lights of period k. Only the last period
// keeps its full detail; earlier ones leave their history points and light memory.
func (ev *evaluator) judgePeriod(k int) {
	p := ev.plan
	lights, tasks := ev.planAt(k).Lights, ev.taskSet(k)
	last := k == ev.n-1
	period := ev.first.Add(k)

	// Indicators.
	inds := make([]*IndicatorEvaluation, len(ev.inds))
	for i := range ev.inds {
		slot := &ev.inds[i]
		ie := &slot.scratch
		if last {
			ie = &IndicatorEvaluation{}
		}
		ev.indicator(ie, slot, k, period)
		slot.history = append(slot.history, IndicatorPoint{Period: period, Value: ie.Value, Completion: ie.Completion, Status: ie.Status})
		inds[i] = ie
	}

	// Tasks.
	for i := range p.Tasks {
		t := &p.Tasks[i]
		te := &TaskEvaluation{Task: t, No: t.No, Project: p.Project(t.Project), Period: period}
		tu := &tasks[i]
		if last { // kept: fresh entries
			te.Leads = ev.entries(nil, tu.leads, RoleLead, t.No, k)
			te.Supports = ev.entries(nil, tu.supports, RoleSupport, t.No, k)
		} else { // judged and dropped: reuse the buffers
			tu.leadBuf = ev.entries(tu.leadBuf, tu.leads, RoleLead, t.No, k)
			tu.supportBuf = ev.entries(tu.supportBuf, tu.supports, RoleSupport, t.No, k)
			te.Leads, te.Supports = tu.leadBuf, tu.supportBuf
		}
		for j, slot := range ev.inds {
			if slot.ind.Task == t.No {
				te.Indicators = append(te.Indicators, inds[j])
			}
		}
		te.judge(lights, &ev.mems[i])
		point := LightPoint{Period: period, Light: te.Light, Reason: te.Reason()}
		if k == 0 {
			ev.out.Tasks = append(ev.out.Tasks, te)
		}
		ev.out.Tasks[i].History = append(ev.out.Tasks[i].History, point)
		if last {
			te.History = ev.out.Tasks[i].History
			ev.out.Tasks[i] = te
			ev.out.Summary.Lights.Add(te.Light)
		}
		if k == ev.n-2 {
			if ev.out.Summary.PreviousLights == nil {
				ev.out.Summary.PreviousLights = &LightCounts{}
			}
			ev.out.Summary.PreviousLights.Add(te.Light)
		}
	}
	if last {
		ev.out.Indicators = inds
		for i := range inds {
			inds[i].History = ev.inds[i].history
		}
	}
}

// entries lists the task entries of the units in period k, in buf when it is large enough.
func (ev *evaluator) entries(buf []TaskEntry, list []unitRole, role Role, task, k int) []TaskEntry {
	out := buf[:0]
	if cap(out) < len(list) {
		out = make([]TaskEntry, len(list))
	}
	out = out[:len(list)]
	for i, ur := range list {
		st := ev.state(ur.u, k)
		e := TaskEntry{Unit: ev.units[ur.u], Code: ev.units[ur.u].Code, Role: role, Via: ur.via, State: st}
		if st.Current != nil {
			e.Report = st.Current.Task(task)
		}
		out[i] = e
	}
	return out
}

// finish builds the units' evaluations, scores and ranking, and the summary.
func (ev *evaluator) finish() *Evaluation {
	out := ev.out
	out.Ignored = ev.ignore
	out.Periods = make([]Period, ev.n)
	for k := range out.Periods {
		out.Periods[k] = ev.first.Add(k)
	}
	links := ev.unitLinks()
	out.Units = make([]*UnitEvaluation, ev.nCur)
	for u := range out.Units {
		out.Units[u] = ev.unit(u, links)
	}
	out.Ranking = rank(out.Units)
	out.Summary.count(out.Units, out.Indicators)
	return out
}

// supplements places the returns for locked periods (补报) received by the evaluation time
// beside their unit's state, and keeps those this period's briefing shows.
func (ev *evaluator) supplements(list []Supplement) {
	ev.extra = map[int][]*Submission{}
	for _, sp := range list {
		s := sp.Submission
		if s == nil || !ev.now.IsZero() && s.Received.After(ev.now) {
			continue
		}
		u, ok := ev.unitIx[s.Unit]
		k := s.Period.Index() - ev.first.Index()
		if ok && k >= 0 && k < ev.n {
			ev.extra[u*ev.n+k] = append(ev.extra[u*ev.n+k], s)
		}
		if sp.ShownIn == ev.period {
			ev.out.Supplements = append(ev.out.Supplements, sp)
		}
	}
	sort.SliceStable(ev.out.Supplements, func(i, j int) bool {
		return ev.out.Supplements[i].Submission.Received.Before(ev.out.Supplements[j].Submission.Received)
	})
}
