package gyqc

import "time"

// Export is an evaluation in the machine-readable form that `gyqc consolidate --json` prints:
// the same evaluation that feeds the workbook, the CSV and the briefing. Every list is
// present, empty rather than null.
type Export struct {
	Period      Period              `json:"period"`
	AsOf        time.Time           `json:"as_of,omitzero"`
	Provisional bool                `json:"provisional"`
	Summary     Summary             `json:"summary"`
	Indicators  []IndicatorExport   `json:"indicators"`
	Tasks       []TaskExport        `json:"tasks"`
	Units       []UnitExport        `json:"units"`
	Baselines   []string            `json:"baselines"` // sentences on stand-in baselines
	Assessment  AssessmentReference `json:"assessment"`
}

// IndicatorExport is one indicator of Export.
type IndicatorExport struct {
	Key         string   `json:"key"`
	Name        string   `json:"name"`
	Kind        Kind     `json:"kind"`
	Measure     string   `json:"measure"`
	Value       *float64 `json:"value"`
	Covers      Period   `json:"covers"`
	Expected    *float64 `json:"expected"`
	YearTarget  *float64 `json:"year_target"`
	YearOnYear  *float64 `json:"year_on_year"`
	Target      *float64 `json:"target"`
	State       string   `json:"state"`
	Reason      string   `json:"reason"`
	ReportedBy  string   `json:"reported_by"`
	Accountable []string `json:"accountable"`
}

// TaskExport is one task of Export.
type TaskExport struct {
	No      int      `json:"no"`
	Light   Light    `json:"light"`
	Reasons []string `json:"reasons"`
}

// UnitExport is one unit of Export.
type UnitExport struct {
	Code       string            `json:"code"`
	Name       string            `json:"name"`
	State      State             `json:"state"` // as lists show it: not_yet_due before the deadline for a unit with nothing yet
	Score      float64           `json:"score"`
	Rank       int               `json:"rank"`
	Deductions []DeductionExport `json:"deductions"`
	Flags      []Flag            `json:"flags"`
}

// DeductionExport is one deduction (or, for practice-adopted, one credit) of a unit.
type DeductionExport struct {
	Rule   PenaltyKey `json:"rule"`
	Points float64    `json:"points"` // positive: subtracted (added for a credit)
	Credit bool       `json:"credit,omitempty"`
	Reason string     `json:"reason"`
}

// AssessmentReference carries the rules the scores were computed by.
type AssessmentReference struct {
	FullScore  float64   `json:"full_score"`
	SoftFactor float64   `json:"soft_factor"`
	Rules      []Penalty `json:"rules"`
}

// Export returns the evaluation in its machine-readable form.
func (e *Evaluation) Export() Export {
	out := Export{Period: e.Period, AsOf: e.Now, Provisional: e.Provisional, Summary: e.Summary,
		Indicators: []IndicatorExport{}, Tasks: []TaskExport{}, Units: []UnitExport{}, Baselines: e.StandInBaselines()}
	if e.Plan != nil {
		a := e.Plan.Assessment
		out.Assessment = AssessmentReference{FullScore: a.FullScore, SoftFactor: a.SoftFactor, Rules: a.Penalties}
	}
	for _, ie := range e.Indicators {
		ind := ie.Indicator
		out.Indicators = append(out.Indicators, IndicatorExport{Key: ie.Key, Name: ind.Name, Kind: ind.Kind, Measure: ind.Measure,
			Value: ie.Value, Covers: ie.Covers, Expected: ie.Expected, YearTarget: ie.YearTarget, YearOnYear: ie.YearOnYear, Target: ind.Target,
			State: ie.State(), Reason: ie.Reason, ReportedBy: ind.UnitCode, Accountable: nonNil(ind.Accountable)})
	}
	for _, te := range e.Tasks {
		out.Tasks = append(out.Tasks, TaskExport{No: te.No, Light: te.Light, Reasons: nonNil(te.Reasons)})
	}
	for _, ue := range e.Units {
		u := UnitExport{Code: ue.Code, Name: ue.Name, State: ue.Report.Shown(), Score: ue.Score.Value, Rank: ue.Rank,
			Deductions: []DeductionExport{}, Flags: ue.Flags}
		if u.Flags == nil {
			u.Flags = []Flag{}
		}
		for _, d := range ue.Score.Deductions {
			u.Deductions = append(u.Deductions, DeductionExport{Rule: d.Penalty, Points: d.Points, Credit: d.Penalty == RulePractice, Reason: d.Reason})
		}
		out.Units = append(out.Units, u)
	}
	return out
}

// StandInBaselines returns one sentence per indicator whose expectation this period started
// from the first figure the workspace holds, because the plan sets no baseline.
func (e *Evaluation) StandInBaselines() []string {
	out := []string{}
	for _, ie := range e.Indicators {
		if ie.standInUsed() {
			out = append(out, "指标"+Quote(ie.Indicator.Name)+ie.base.note(ie.Indicator))
		}
	}
	return out
}

// standInUsed reports whether the indicator's expectation this period started from a
// stand-in baseline (the first figure the workspace holds).
func (ie *IndicatorEvaluation) standInUsed() bool {
	return ie.base != nil && ie.base.standIn && ie.baseUsed
}

// AnnualisedStandIns counts the stand-in baselines of StandInBaselines that are a flow's first
// months taken to a whole year (折合全年).
func (e *Evaluation) AnnualisedStandIns() int {
	n := 0
	for _, ie := range e.Indicators {
		if ie.standInUsed() && ie.Indicator.Kind == KindFlow {
			n++
		}
	}
	return n
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
