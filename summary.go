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
}

// LightChange describes the count of tasks with light l against last month, as the briefing
// writes it (较上月增加2项); empty in the first period of the horizon.
func (s Summary) LightChange(l Light) string {
	if s.PreviousLights == nil {
		return ""
	}
	return Change(s.Lights.Of(l), s.PreviousLights.Of(l), "项")
}
