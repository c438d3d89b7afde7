package gyqc

import (
	"fmt"
	"sort"
	"time"
)

// State is a responsible unit's reporting state for one period, as `gyqc status`, the
// consolidated workbook and the briefing show it.
type State string

// Reporting states.
const (
	StateOnTime  State = "on_time" // 按时报送
	StateLate    State = "late"    // 迟报
	StateMissing State = "missing" // 未报送
	StateRefused State = "refused" // 被退回
)

// StateNotYetDue is how a unit with nothing acceptable is shown while its deadline has not
// passed (尚未报送): not a state it is judged in (its State stays StateMissing, and Pending
// reports it), so it is not in States and costs nothing; see ReportState.Shown.
const StateNotYetDue State = "not_yet_due"

// StateAbsent is a unit's state in a period whose plan version did not make it a
// responsible unit (未列入): a unit added, renamed without a link to its old code, or formed
// later. Not in States: it is neither counted nor part of a streak.
const StateAbsent State = "absent"

// States lists the reporting states in the order summaries count them.
var States = []State{StateOnTime, StateLate, StateMissing, StateRefused}

// ShownStates lists the states a unit is shown in (ReportState.Shown), in the order
// summaries count them: States, then StateNotYetDue.
var ShownStates = []State{StateOnTime, StateLate, StateMissing, StateRefused, StateNotYetDue}

// Label returns the state in Chinese: 按时报送, 迟报, 未报送 or 被退回.
func (s State) Label() string {
	switch s {
	case StateOnTime:
		return "按时报送"
	case StateLate:
		return "迟报"
	case StateMissing:
		return "未报送"
	case StateRefused:
		return "被退回"
	case StateNotYetDue:
		return "尚未报送"
	case StateAbsent:
		return "未列入"
	}
	return string(s)
}

// ReportState is what one responsible unit returned for one period, judged at an evaluation
// time (now). The rules, in order:
//
//   - Only attempts received at or before now count (all of them when now is zero), so that an
//     evaluation can be repeated as of any moment. Attempts are ordered by version, then by
//     time received.
//   - The current submission is the latest accepted or warned version: its figures and texts
//     are the unit's report. Refused attempts never are.
//   - Lateness is judged on the FIRST accepted or warned version: a unit whose first acceptable
//     file arrived before the deadline is on time even if it later sent a corrected version
//     after the deadline; a refused file before the deadline does not count as reporting, so a
//     unit refused on time and accepted after the deadline is late.
//   - The state is refused (被退回) when the latest attempt was refused, even if an earlier
//     version was accepted (its data then stays current) — except that a file attributed by
//     its name alone (Submission.ByFileName: an old .xls that cannot be read) never counts as
//     the latest attempt once a version was accepted; otherwise missing (未报送) when no
//     version was accepted; otherwise late (迟报) or on time (按时报送) by the first accepted
//     version.
//   - A unit with nothing acceptable is overdue only once the deadline has passed; before it,
//     it is shown as 未报送 but is not yet penalised (Pending).
//   - The office's review comes last (applyReview): a version the office returned by hand is
//     被退回 until a later version arrives; a correction received after the return's deadline
//     (and the period's) is late by that much, one received in time is 按期更正 and keeps the
//     state the first version earned.
type ReportState struct {
	Unit     string        `json:"unit"`
	Period   Period        `json:"period"`
	State    State         `json:"state"`
	Late     time.Duration `json:"late"`     // how late the first accepted version arrived; 0 when on time or none
	Overdue  bool          `json:"overdue"`  // the deadline had passed at the evaluation time
	Versions int           `json:"versions"` // attempts collected, of every outcome
	Accepted int           `json:"accepted"` // accepted or warned versions
	Refused  int           `json:"refused"`  // refused attempts
	Current  *Submission   `json:"-"`        // latest accepted or warned version, nil when none
	First    *Submission   `json:"-"`        // first accepted or warned version, nil when none
	Latest   *Submission   `json:"-"`        // latest attempt of any outcome, nil when none
	Attempts []*Submission `json:"-"`        // every attempt counted, in order

	// The office's review (see Review and applyReview).
	Review        *Review       `json:"-"`                  // nil when the office decided nothing
	ReviewStatus  ReviewStatus  `json:"review,omitempty"`   // 待审核, 已审核, 退回
	Returned      *ManualReturn `json:"returned,omitempty"` // a manual return not yet corrected
	ManualReturns int           `json:"manual_returns,omitempty"`
	Corrected     bool          `json:"corrected,omitempty"` // corrected in time after a manual return (按期更正)
	// Supplements are returns collected for the period after the office locked it (补报):
	// they change nothing of the period and are shown beside it.
	Supplements []*Submission `json:"-"`
}

// Acceptable reports whether an outcome makes a version usable: accepted or warned.
func (o Outcome) Acceptable() bool { return o == OutcomeAccepted || o == OutcomeWarned }

// StateOf judges the attempts of one unit for one period (in any order; the slice is sorted
// in place) at the evaluation time now. See ReportState for the rules.
func StateOf(p *Plan, unit string, period Period, attempts []*Submission, now time.Time) ReportState {
	return stateOf(unit, period, p.Due(period), attempts, now)
}

// stateOf is StateOf with the period's deadline computed once by the caller.
func stateOf(unit string, period Period, due time.Time, attempts []*Submission, now time.Time) ReportState {
	sortAttempts(attempts)
	r := ReportState{Unit: unit, Period: period, Attempts: countedAttempts(attempts, now)}
	for _, s := range r.Attempts {
		r.Versions++
		if !s.ByFileName || r.Current == nil {
			r.Latest = s // a file known by its name alone never stands over an accepted version
		}
		switch {
		case s.Outcome.Acceptable():
			r.Accepted++
			r.Current = s
			if r.First == nil {
				r.First = s
			}
		default:
			r.Refused++
		}
	}
	r.Overdue = now.IsZero() || !now.Before(due)
	if r.First != nil && r.First.Received.After(due) {
		r.Late = r.First.Received.Sub(due) // as Submission.Late
	}
	switch {
	case r.Latest != nil && !r.Latest.Outcome.Acceptable():
		r.State = StateRefused
	case r.First == nil:
		r.State = StateMissing
	case r.Late > 0:
		r.State = StateLate
	default:
		r.State = StateOnTime
	}
	return r
}

// countedAttempts returns the attempts received at or before now (all when now is zero),
// copying only when some are left out.
func countedAttempts(attempts []*Submission, now time.Time) []*Submission {
	if now.IsZero() {
		return attempts
	}
	for i, s := range attempts {
		if s.Received.After(now) {
			out := append(make([]*Submission, 0, len(attempts)), attempts[:i]...)
			for _, t := range attempts[i+1:] {
				if !t.Received.After(now) {
					out = append(out, t)
				}
			}
			return out
		}
	}
	return attempts
}

// sortAttempts orders attempts by version, then time received, then ID, unless they already
// are (the order History returns).
func sortAttempts(a []*Submission) {
	less := func(i, j int) bool {
		x, y := a[i], a[j]
		if x.Version != y.Version {
			return x.Version < y.Version
		}
		if !x.Received.Equal(y.Received) {
			return x.Received.Before(y.Received)
		}
		return x.ID < y.ID
	}
	if !sort.SliceIsSorted(a, less) {
		sort.SliceStable(a, less)
	}
}

// ReportStates returns the state of every responsible unit for period, in registry order,
// from the collected attempts subs (other periods and units are ignored) judged at now. It is
// what `gyqc status` lists.
func ReportStates(p *Plan, period Period, subs []Submission, now time.Time) []ReportState {
	byUnit := map[string][]*Submission{}
	for i := range subs {
		if subs[i].Period == period {
			byUnit[subs[i].Unit] = append(byUnit[subs[i].Unit], &subs[i])
		}
	}
	units := p.ResponsibleUnits()
	out := make([]ReportState, len(units))
	due := p.Due(period)
	for i, u := range units {
		out[i] = stateOf(u.Code, period, due, byUnit[u.Code], now)
	}
	return out
}

// Timeliness returns the state by the first accepted version alone, ignoring a later refused
// attempt: on time, late, or missing. Scores and lateness streaks use it.
func (r ReportState) Timeliness() State {
	switch {
	case r.First == nil:
		return StateMissing
	case r.Late > 0:
		return StateLate
	}
	return StateOnTime
}

// HasData reports whether the unit has a current submission for the period.
func (r ReportState) HasData() bool { return r.Current != nil }

// Pending reports whether the unit has nothing acceptable yet but its deadline has not passed.
func (r ReportState) Pending() bool { return r.Current == nil && !r.Overdue }

// Shown returns the state as lists show it at the evaluation time: StateNotYetDue for a unit
// with nothing received yet before the deadline (Pending), its State otherwise.
func (r ReportState) Shown() State {
	if r.State == StateMissing && r.Pending() {
		return StateNotYetDue
	}
	return r.State
}

// Label returns the state in Chinese with how late where that applies: 按时报送, 迟报3天2小时,
// 未报送, 尚未报送 (before the deadline), 被退回; a version corrected in time after a manual
// return adds （按期更正）. It is the one name of a unit's state: `gyqc status`, the
// consolidated workbook, the briefing and the evaluation's reasons all name a unit's state
// by Shown and this label, so that no two of them can disagree.
func (r ReportState) Label() string {
	s := r.Shown().Label()
	if r.State == StateLate {
		s = "迟报" + DurationLabel(r.Late)
	}
	if r.Corrected {
		s += "（按期更正）"
	}
	return s
}

// Received returns when the current submission arrived, zero when there is none.
func (r ReportState) Received() time.Time {
	if r.Current == nil {
		return time.Time{}
	}
	return r.Current.Received
}

// Streak is a run of consecutive periods in which a unit reported late or not at all (by
// Timeliness), ending at the last period judged.
type Streak struct {
	Count   int    `json:"count"`
	Late    int    `json:"late"`    // periods of the run reported late
	Missing int    `json:"missing"` // periods of the run with nothing accepted
	From    Period `json:"from"`
	To      Period `json:"to"`
}

// StreakOf returns the run of late or missing periods at the end of history (one unit's
// states in period order). A period still pending (deadline not passed, nothing received) is
// not judged yet and is skipped.
func StreakOf(history []ReportState) Streak {
	var s Streak
	for i := len(history) - 1; i >= 0; i-- {
		r := history[i]
		if r.State == StateAbsent {
			break
		}
		if r.Pending() {
			if s.Count == 0 {
				continue
			}
			break
		}
		switch r.Timeliness() {
		case StateLate:
			s.Late++
		case StateMissing:
			s.Missing++
		default:
			return s
		}
		s.Count++
		s.From = r.Period
		if s.Count == 1 {
			s.To = r.Period
		}
	}
	return s
}

// Label returns the streak in Chinese when it is one (two periods or more): 连续3月迟报,
// 连续2月未报送, 连续4月迟报或未报送; empty otherwise.
func (s Streak) Label() string {
	switch {
	case s.Count < 2:
		return ""
	case s.Missing == 0:
		return fmt.Sprintf("连续%d月迟报", s.Count)
	case s.Late == 0:
		return fmt.Sprintf("连续%d月未报送", s.Count)
	}
	return fmt.Sprintf("连续%d月迟报或未报送", s.Count)
}
