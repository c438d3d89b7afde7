package gyqc

// Summary holds the counts a briefing's overview starts from.
type Summary struct {
	Units   int `json:"units"` // responsible units due to report
	OnTime  int `json:"on_time"`
	Late    int `json:"late"`
	Missing int `json:"missing"`
	Refused int `json:"refused"`
	Pending int `json:"pending"` // of Missing and Refused: nothing acceptable yet, but the deadline has not passed

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

// count counts the units by their state in the period judged and the indicators by status.
func (s *Summary) count(units []*UnitEvaluation, inds []*IndicatorEvaluation) {
	s.Units = len(units)
	for _, ue := range units {
		switch ue.Report.State {
		case StateOnTime:
			s.OnTime++
		case StateLate:
			s.Late++
		case StateMissing:
			s.Missing++
		case StateRefused:
			s.Refused++
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
