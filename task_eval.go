package gyqc

import (
	"fmt"
)

// TaskEntry is one unit's part in a task for a period: its role, its reporting state and what
// it wrote about the task in its current submission.
type TaskEntry struct {
	Unit   *Unit        `json:"-"`
	Code   string       `json:"unit"`
	Role   Role         `json:"role"`
	Via    string       `json:"via,omitempty"` // the group through which the plan names the unit
	State  *ReportState `json:"-"`
	Report *TaskReport  `json:"report"` // nil when the unit has no current submission or left the task out
}

// Status returns the progress status the unit reported, empty when it reported none.
func (e TaskEntry) Status() Status {
	if e.Report == nil {
		return ""
	}
	return e.Report.Status
}

// StatusLabel returns the status for a table cell: the status reported, or, when there is
// none, the unit's state by its one name (ReportState.Shown: 未报送, 被退回, 尚未报送), or
// 未填报 when its current version left the status empty.
func (e TaskEntry) StatusLabel() string {
	switch {
	case e.Report != nil && e.Report.Status != "":
		return string(e.Report.Status)
	case e.State == nil:
		return StateNotYetDue.Label()
	case e.State.Current == nil:
		return e.State.Shown().Label()
	}
	return "未填报"
}

// TaskEvaluation is one task in one period: what its lead and supporting units reported (each
// text attributed to its unit), its indicators, and its light with the reasons for it.
//
// The light, judged period by period from the start of the horizon:
//   - red: a lead unit has no accepted report although the deadline has passed (未报送, or
//     被退回 with nothing accepted), or an indicator is behind its expectation by more than
//     the margin (Lights), or the task would be yellow for the Lights.YellowPeriods-th period
//     in a row;
//   - yellow: a lead unit reported 滞后 or 未启动 or left the status empty, an indicator is
//     behind within the margin or has no figure, or a supporting unit has not reported;
//   - green: otherwise — every lead unit reported 正常推进 or 已完成 and every indicator is on
//     track (a trend with nothing earlier to compare with does not hold a task back);
//   - sticky red: a task that was red stays red until it has caught up — every indicator on
//     track and no lead unit 滞后 or 未启动 — and then turns yellow, never straight to green
//     and never just because a month passed;
//   - none (暂无数据): no lead unit has reported yet and the deadline has not passed.
type TaskEvaluation struct {
	Task       *Task                  `json:"-"`
	No         int                    `json:"no"`
	Project    *Project               `json:"-"`
	Period     Period                 `json:"period"`
	Leads      []TaskEntry            `json:"leads"`
	Supports   []TaskEntry            `json:"supports"`
	Indicators []*IndicatorEvaluation `json:"-"`
	Light      Light                  `json:"light"`
	Reasons    []string               `json:"reasons"` // every reason for the light, worst first
	CaughtUp   bool                   `json:"caught_up"`
	History    []LightPoint           `json:"history,omitempty"` // First..Period, on Evaluation.Tasks only
}

// LightPoint is a task's light in one period of its history.
type LightPoint struct {
	Period Period `json:"period"`
	Light  Light  `json:"light"`
	Reason string `json:"reason"`
}

// Reason returns the reasons for the light as one sentence.
func (te *TaskEvaluation) Reason() string { return joinReasons(te.Reasons) }

// NoData reports whether no unit of the task has a current submission for the period.
func (te *TaskEvaluation) NoData() bool {
	for _, list := range [][]TaskEntry{te.Leads, te.Supports} {
		for _, e := range list {
			if e.State != nil && e.State.Current != nil {
				return false
			}
		}
	}
	return true
}

// lightMemory is what a task's light carries from one period to the next.
type lightMemory struct {
	red       bool // the last judged light was red
	yellowRun int  // consecutive yellow periods up to the last judged one
}

// taskFindings are what one period's entries and indicators say of a task, in the order the
// light's reasons name them.
type taskFindings struct {
	red, yellow, notes []string
	pending            []string     // lead units that may still report in time
	pendingBy          []stateNames // the same by the state they are shown in
	unreported         int          // lead units missing or refused
	leadsWithData      int
	caughtUp           bool // no lead behind or not begun, no indicator behind or without data
}

// judge sets the light and its reasons from the entries and indicators, and the memory of
// earlier periods, which it then updates.
func (te *TaskEvaluation) judge(cfg Lights, mem *lightMemory) {
	f := taskFindings{caughtUp: true}
	f.leads(te.Leads)
	f.indicators(te)
	f.supports(te.Supports)
	for _, p := range f.pendingBy {
		f.notes = append(f.notes, NameList(p.names, 5)+p.state.Label()+"（未到截止时间）")
	}

	// The light of this period alone.
	raw := LightGreen
	switch {
	case len(f.red) > 0:
		raw = LightRed
	case f.leadsWithData == 0 && len(f.pending) > 0:
		raw = LightNone
	case len(f.yellow) > 0:
		raw = LightYellow
	}
	te.CaughtUp = f.caughtUp && f.unreported == 0

	// What earlier periods make of it.
	light, reasons := raw, append(f.red, f.yellow...)
	switch {
	case raw == LightNone:
	case mem.red && raw != LightRed && !te.CaughtUp:
		light = LightRed
		reasons = append([]string{"上月为红灯，尚未赶上进度"}, reasons...)
	case mem.red && raw != LightRed:
		light = LightYellow
		reasons = append([]string{"上月为红灯，本月已赶上进度，转为黄灯"}, reasons...)
	case raw == LightYellow && cfg.YellowPeriods > 0 && mem.yellowRun+1 >= cfg.YellowPeriods:
		light = LightRed
		reasons = append([]string{fmt.Sprintf("连续%d月黄灯", mem.yellowRun+1)}, reasons...)
	}
	if light == LightGreen {
		reasons = append(reasons, te.greenReason())
	}
	te.Light, te.Reasons = light, append(reasons, f.notes...)

	if light != LightNone {
		mem.red = light == LightRed
		if light == LightYellow {
			mem.yellowRun++
		} else {
			mem.yellowRun = 0
		}
	}
}

// leads reads the lead units' entries: who has not reported, been refused, is behind, has
// not begun or gave no status.
func (f *taskFindings) leads(entries []TaskEntry) {
	var missing, refused, behind, notBegun, noStatus []string
	for _, e := range entries {
		name := e.Unit.Name
		switch {
		case e.State.Pending():
			f.pending = append(f.pending, name)
			f.pendingBy = addStateName(f.pendingBy, e.State.Shown(), name)
		case e.State.Current == nil && e.State.State == StateRefused:
			refused = append(refused, name)
		case e.State.Current == nil:
			missing = append(missing, name)
		case e.Status() == StatusBehind:
			behind = append(behind, name)
		case e.Status() == StatusNotBegun:
			notBegun = append(notBegun, name)
		case e.Status() == "":
			noStatus = append(noStatus, name)
		}
		if e.State.Current != nil {
			f.leadsWithData++
		}
	}
	if len(behind)+len(notBegun) > 0 {
		f.caughtUp = false
	}
	f.unreported = len(missing) + len(refused)
	for _, x := range []struct {
		list   []string
		to     *[]string
		phrase string
	}{
		{missing, &f.red, StateMissing.Label()}, {refused, &f.red, StateRefused.Label()},
		{behind, &f.yellow, "报告滞后"}, {notBegun, &f.yellow, "报告未启动"}, {noStatus, &f.yellow, "未填报进展状态"},
	} {
		if len(x.list) > 0 {
			*x.to = append(*x.to, NameList(x.list, 5)+x.phrase)
		}
	}
}

// indicators reads the task's indicators: far behind is red, behind or without data yellow
// (unless the unit that reports it may still report, or is named already), without a basis a
// note.
func (f *taskFindings) indicators(te *TaskEvaluation) {
	named := func(code string) bool { // a unit of the task, already named as not reporting
		for _, list := range [][]TaskEntry{te.Leads, te.Supports} {
			for _, e := range list {
				if e.Code == code {
					return true
				}
			}
		}
		return false
	}
	for _, ie := range te.Indicators {
		switch ie.Status {
		case IndicatorFarBehind:
			f.red = append(f.red, ie.Reason)
			f.caughtUp = false
		case IndicatorBehind:
			f.yellow = append(f.yellow, ie.Reason)
			f.caughtUp = false
		case IndicatorNoData:
			f.caughtUp = false
			if ie.Reporter != nil && ie.Reporter.Current == nil && (ie.Reporter.Pending() || named(ie.Reporter.Unit)) {
				continue // its reporting unit may still report in time, or is named already
			}
			f.yellow = append(f.yellow, ie.Reason)
		case IndicatorNoBasis:
			f.notes = append(f.notes, ie.Reason)
		}
	}
}

// supports names the supporting units whose report is overdue by the state they are shown
// in (未报送, 被退回: the first three of each, and how many).
func (f *taskFindings) supports(entries []TaskEntry) {
	var missing, refused nameCount
	for _, e := range entries {
		if e.State.Current == nil && e.State.Overdue {
			if e.State.Shown() == StateRefused {
				refused.add(e.Unit.Name, 3)
			} else {
				missing.add(e.Unit.Name, 3)
			}
		}
	}
	for _, x := range []struct {
		c  nameCount
		st State
	}{{missing, StateMissing}, {refused, StateRefused}} {
		if x.c.n > 0 {
			f.yellow = append(f.yellow, "配合单位"+x.c.String()+x.st.Label())
		}
	}
}

// stateNames are the names of units shown in one state.
type stateNames struct {
	state State
	names []string
}

// addStateName adds name to the list of state st, in the order the states are first met.
func addStateName(list []stateNames, st State, name string) []stateNames {
	for i := range list {
		if list[i].state == st {
			list[i].names = append(list[i].names, name)
			return list
		}
	}
	return append(list, stateNames{st, []string{name}})
}

// greenReason says why a task is green.
func (te *TaskEvaluation) greenReason() string {
	s := "牵头单位均报告正常推进或已完成"
	n, open := 0, 0
	for _, ie := range te.Indicators {
		switch ie.Status {
		case IndicatorOnTrack:
			n++
		case IndicatorNoBasis, IndicatorNotDue:
			open++ // nothing to compare with yet: neither on track nor behind
		}
	}
	judged := len(te.Indicators) - open
	switch {
	case judged == 0:
	case n == 1 && judged == 1:
		s += "，指标符合进度"
	case n == judged:
		s += fmt.Sprintf("，%d项指标均符合进度", n)
	default:
		s += fmt.Sprintf("，%d项指标符合进度", n)
	}
	return s
}

// nameCount counts unit names, keeping the first few: a task may have thousands of
// supporting units.
type nameCount struct {
	first []string
	n     int
}

// add counts name, keeping it when fewer than limit names are kept.
func (c *nameCount) add(name string, limit int) {
	if len(c.first) < limit {
		c.first = append(c.first, name)
	}
	c.n++
}

// String joins the names kept, and says how many there are when some were not kept.
func (c nameCount) String() string {
	return namesOf(c.first, c.n)
}
