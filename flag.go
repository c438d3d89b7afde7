package gyqc

import (
	"fmt"
	"slices"
)

// Flag is a finding of the evaluation that the office must check before it counts (待核实),
// such as a progress status that contradicts the indicators the unit is accountable for
// (状态与指标不符，待核实). A flag is shown, never deducted, until the office confirms it
// (Review.Confirmed with its Key); a dismissed one is set aside.
type Flag struct {
	// Key names the flag within its unit and period, stable from one evaluation to the next
	// so that the office's finding stays attached to it (StatusFlagKey).
	Key       string `json:"key"`
	Task      int    `json:"task,omitempty"`
	Indicator string `json:"indicator,omitempty"`
	Message   string `json:"message"` // in Chinese, for the office
	Confirmed bool   `json:"confirmed"`
	Dismissed bool   `json:"dismissed"`
}

// StatusFlagKey is the Key of the flag raised when a unit's status on task no contradicts the
// indicators it is accountable for.
func StatusFlagKey(task int) string { return fmt.Sprintf("status:%d", task) }

// StateLabel returns where the flag stands: 待核实, 已核实属实 or 已核实不属实.
func (f Flag) StateLabel() string {
	switch {
	case f.Confirmed:
		return "已核实属实"
	case f.Dismissed:
		return "已核实不属实"
	}
	return "待核实"
}

// contradictions returns the flags of a unit's report: each led task it reported 正常推进 or
// 已完成 while an indicator of the task, which the unit answers for, is far behind.
func contradictions(code string, r *ReportState, led []*TaskEvaluation) []Flag {
	if r.Current == nil {
		return nil
	}
	var out []Flag
	for _, te := range led {
		tr := r.Current.Task(te.Task.No)
		if tr == nil || (tr.Status != StatusOnTrack && tr.Status != StatusDone) {
			continue
		}
		var why []string
		first := ""
		for _, ie := range te.Indicators {
			if ie.Status == IndicatorFarBehind && slices.Contains(ie.Accountable, code) {
				why = append(why, ie.Reason)
				if first == "" {
					first = ie.Key
				}
			}
		}
		if len(why) > 0 {
			out = append(out, Flag{Key: StatusFlagKey(te.Task.No), Task: te.Task.No, Indicator: first,
				Message: fmt.Sprintf("状态与指标不符，待核实：任务%d报告“%s”，但%s", te.Task.No, tr.Status, joinReasons(why))})
		}
	}
	return out
}
