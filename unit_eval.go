package gyqc

import "fmt"

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
	Adopted     []int    `json:"adopted"` // tasks whose 经验做法 the office adopted
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
