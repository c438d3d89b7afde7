package samples

import "github.com/qianjiang/gyqc"

// Return is one workbook a unit sends back: its content in the shape of a collected
// submission (unit, period, version, received time, filler, task reports, indicator values;
// Submission.FileName is the name it arrives under) and the mess it carries. A value cell
// filled with text has a nil Value and the text in Raw.
type Return struct {
	gyqc.Submission
	// Mess lists what is wrong or unusual about this file; empty for a clean return.
	Mess []Mess `json:"mess,omitempty"`
	// Details says, in Chinese, what exactly the mess is ("指标“…”的本期值填写为“待统计”").
	Details []string `json:"details,omitempty"`
	// PercentTyped lists the indicators whose value was typed as a percentage the Excel way:
	// the cell holds the fraction (0.185) in a percent format.
	PercentTyped []string `json:"percent_typed,omitempty"`
}

// Has reports whether the return carries mess m.
func (r *Return) Has(m Mess) bool {
	for _, x := range r.Mess {
		if x == m {
			return true
		}
	}
	return false
}

// clone returns a deep copy of r.
func (r *Return) clone() *Return {
	c := *r
	c.Tasks = append([]gyqc.TaskReport(nil), r.Tasks...)
	c.Values = make([]gyqc.IndicatorValue, len(r.Values))
	for i, v := range r.Values {
		c.Values[i] = v
		if v.Value != nil {
			x := *v.Value
			c.Values[i].Value = &x
		}
	}
	c.Mess = append([]Mess(nil), r.Mess...)
	c.Details = append([]string(nil), r.Details...)
	c.PercentTyped = append([]string(nil), r.PercentTyped...)
	return &c
}
