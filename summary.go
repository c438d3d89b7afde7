package gyqc

// Summary holds the counts a briefing's overview starts from.
type Summary struct {
	// The units by the state they are shown in (ReportState.Shown), each counted once, so
	// that status, the workbook and the briefing count alike: OnTime + Late + Missing +
	// Refused + NotYetDue = Units.
	Units     int `json:"units"` // responsible units due to report
	OnTime    int `json:"on_time"`
	Late      int `json:"late"`
	Missing   int `json:"missing"` // nothing received although the deadline has passed
	Refused   int `json:"refused"`
	NotYetDue int `json:"not_yet_due"` // nothing received, the deadline not passed (尚未报送)
	Pending   int `json:"pending"`     // nothing acceptable yet, the deadline not passed: NotYetDue and the refused among them

	Lights         LightCounts  `json:"lights"`
	PreviousLights *LightCounts `json:"previous_lights"` // nil in the first period of the horizon

	Indicators int `json:"indicators"`
	OnTrack    int `json:"on_track"`
	Behind     int `json:"behind"`
	FarBehind  int `json:"far_behind"`
	NoData     int `json:"no_data"`
	NoBasis    int `json:"no_basis"`
	NotDue     int `json:"not_due"` // 本期不考核: no figure due for the month
}

// LightChange describes the count of tasks with light l against last month, as the briefing
// writes it (较上月增加2项); empty in the first period of the horizon.
func (s Summary) LightChange(l Light) string {
	if s.PreviousLights == nil {
		return ""
	}
	return Change(s.Lights.Of(l), s.PreviousLights.Of(l), "项")
}

// StateCount returns how many units are shown in state st.
func (s Summary) StateCount(st State) int {
	switch st {
	case StateOnTime:
		return s.OnTime
	case StateLate:
		return s.Late
	case StateMissing:
		return s.Missing
	case StateRefused:
		return s.Refused
	case StateNotYetDue:
		return s.NotYetDue
	}
	return 0
}

// StateCounts returns the units by the state they are shown in, with the states' labels in
// the order of ShownStates, the states no unit is in left out; the counts add up to Units.
func (s Summary) StateCounts() []Count {
	var out []Count
	for _, st := range ShownStates {
		if n := s.StateCount(st); n > 0 {
			out = append(out, Count{st.Label(), n})
		}
	}
	return out
}

// Count is how many items are in one state, with the state's label: the parts of a total
// that summaries write out (按时报送33个, 滞后6项).
type Count struct {
	Label string `json:"label"`
	N     int    `json:"n"`
}

// IndicatorCounts returns the indicators by status, in the order best to no judgement, the
// statuses no indicator has left out; the counts add up to Indicators.
func (s Summary) IndicatorCounts() []Count {
	var out []Count
	for _, c := range []Count{{IndicatorOnTrack.Label(), s.OnTrack}, {IndicatorBehind.Label(), s.Behind},
		{IndicatorFarBehind.Label(), s.FarBehind}, {IndicatorNoData.Label(), s.NoData}, {IndicatorNoBasis.Label(), s.NoBasis}, {IndicatorNotDue.Label(), s.NotDue}} {
		if c.N > 0 {
			out = append(out, c)
		}
	}
	return out
}

// LightParts returns the tasks by light, best first, lights no task has left out; the
// counts add up to the number of tasks.
func (s Summary) LightParts() []Count {
	var out []Count
	for _, l := range LightOrder {
		if n := s.Lights.Of(l); n > 0 {
			out = append(out, Count{l.Label(), n})
		}
	}
	return out
}

// count counts the units by the state they are shown in (ReportState.Shown) and the indicators by status.
func (s *Summary) count(units []*UnitEvaluation, inds []*IndicatorEvaluation) {
	s.Units = len(units)
	for _, ue := range units {
		switch ue.Report.Shown() {
		case StateOnTime:
			s.OnTime++
		case StateLate:
			s.Late++
		case StateMissing:
			s.Missing++
		case StateRefused:
			s.Refused++
		case StateNotYetDue:
			s.NotYetDue++
		}
		if ue.Report.Pending() {
			s.Pending++
		}
	}
	s.Indicators = len(inds)
	for _, ie := range inds {
		switch ie.Status {
		case IndicatorOnTrack:
			s.OnTrack++
		case IndicatorBehind:
			s.Behind++
		case IndicatorFarBehind:
			s.FarBehind++
		case IndicatorNoData:
			s.NoData++
		case IndicatorNoBasis:
			s.NoBasis++
		case IndicatorNotDue:
			s.NotDue++
		}
	}
}
