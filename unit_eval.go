package gyqc

import (
	"fmt"
)

// UnitEvaluation is one responsible unit in the period: its reporting state and history, its
// lateness streak, and its score with the breakdown and rank.
type UnitEvaluation struct {
	Unit       *Unit         `json:"-"`
	Code       string        `json:"code"`
	Name       string        `json:"name"`
	Report     *ReportState  `json:"report"`  // the state in the period: &History[len(History)-1]
	Review     *Review       `json:"review"`  // the office's review of the period: Report.Review, nil when none
	History    []ReportState `json:"history"` // the first period tracked to the period
	Counts     StateCounts   `json:"counts"`  // of History, by Timeliness and refusals
	Streak     Streak        `json:"streak"`
	Leads      []int         `json:"leads"`      // tasks the unit leads
	Supports   []int         `json:"supports"`   // tasks the unit supports
	Indicators []string      `json:"indicators"` // keys of the indicators it reports (supplies)
	// Accountable lists the keys of the indicators it answers for, whose deductions it bears.
	Accountable []string `json:"accountable"`
	Flags       []Flag   `json:"flags"`   // contradictions found, with the office's findings
	Adopted     []int    `json:"adopted"` // tasks whose 经验做法 in the current version the office adopted
	Score       Score    `json:"score"`
	Rank        int      `json:"rank"` // 1 is best; tied units share a rank
	Tied        bool     `json:"tied"`
}

// NoData reports whether the unit has no current submission in the period.
func (u *UnitEvaluation) NoData() bool { return u.Report.Current == nil }

// RankLabel returns the rank in Chinese: 第3名 or 并列第3名.
func (u *UnitEvaluation) RankLabel() string {
	if u.Tied {
		return fmt.Sprintf("并列第%d名", u.Rank)
	}
	return fmt.Sprintf("第%d名", u.Rank)
}

// StateCounts counts a unit's periods so far: by Timeliness (on time, late, missing, with
// periods still pending left out) and the periods whose latest attempt was refused.
type StateCounts struct {
	OnTime  int `json:"on_time"`
	Late    int `json:"late"`
	Missing int `json:"missing"`
	Refused int `json:"refused"`
}

// add counts the periods of history: by Timeliness, leaving pending periods out, and the
// refusals.
func (c *StateCounts) add(history []ReportState) {
	for _, r := range history {
		if r.State == StateRefused {
			c.Refused++
		}
		if r.Pending() || r.State == StateAbsent {
			continue
		}
		switch r.Timeliness() {
		case StateOnTime:
			c.OnTime++
		case StateLate:
			c.Late++
		default:
			c.Missing++
		}
	}
}

// unitLinks are, for each unit (by index), the tasks it leads and supports and the
// indicators it reports and is accountable for, in the period judged.
type unitLinks struct {
	led, supported        [][]*TaskEvaluation
	reported, accountable [][]*IndicatorEvaluation
}

// unitLinks links every unit to its tasks and indicators.
func (ev *evaluator) unitLinks() unitLinks {
	out, n := ev.out, len(ev.units)
	l := unitLinks{led: make([][]*TaskEvaluation, n), supported: make([][]*TaskEvaluation, n),
		reported: make([][]*IndicatorEvaluation, n), accountable: make([][]*IndicatorEvaluation, n)}
	for i, tu := range ev.tasks {
		for _, ur := range tu.leads {
			l.led[ur.u] = append(l.led[ur.u], out.Tasks[i])
		}
		for _, ur := range tu.supports {
			l.supported[ur.u] = append(l.supported[ur.u], out.Tasks[i])
		}
	}
	for i, slot := range ev.inds {
		if slot.reporter >= 0 {
			l.reported[slot.reporter] = append(l.reported[slot.reporter], out.Indicators[i])
		}
		for _, code := range slot.ind.Accountable {
			if u, ok := ev.unitIx[code]; ok && u < ev.nCur {
				l.accountable[u] = append(l.accountable[u], out.Indicators[i])
			}
		}
	}
	return l
}

// unit builds the evaluation of unit u: its states, counts and streak, its tasks and
// indicators, the contradictions flagged and the office's review of them, and its score.
func (ev *evaluator) unit(u int, l unitLinks) *UnitEvaluation {
	p, unit := ev.plan, ev.units[u]
	ue := &UnitEvaluation{Unit: unit, Code: unit.Code, Name: unit.Name, History: ev.history(u)}
	ue.Report = &ue.History[ev.n-1]
	ue.Review = ue.Report.Review
	ue.Counts.add(ue.History)
	ue.Streak = StreakOf(ue.History)
	for _, a := range p.Assignments(unit.Code) {
		if a.Role == RoleLead {
			ue.Leads = append(ue.Leads, a.Task)
		} else {
			ue.Supports = append(ue.Supports, a.Task)
		}
	}
	for _, ie := range l.reported[u] {
		ue.Indicators = append(ue.Indicators, ie.Key)
	}
	for _, ie := range l.accountable[u] {
		ue.Accountable = append(ue.Accountable, ie.Key)
	}
	ue.Flags = contradictions(unit.Code, ue.Report, l.led[u])
	for i := range ue.Flags {
		f := &ue.Flags[i]
		rv := ev.reviews[ReviewKey(ev.period, unit.Code)]
		f.Confirmed, f.Dismissed = rv.Confirmed(f.Key), rv.Dismissed(f.Key)
	}
	ue.Adopted = adoptedPractices(ue.Report, ev.reviews[ReviewKey(ev.period, unit.Code)])
	ue.Score = scoreUnit(p, p.Assessment, unitInput{report: ue.Report, led: l.led[u], supported: l.supported[u],
		accountable: l.accountable[u], reported: l.reported[u], flags: ue.Flags, adopted: ue.Adopted})
	return ue
}
