package gyqc

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Reminder is a unit to remind (before the deadline) or chase (after it) about its return
// for a period, with whom to call and, for a refused return, what is wrong.
type Reminder struct {
	Unit    *Unit   `json:"-"`
	Code    string  `json:"code"`
	Name    string  `json:"name"`
	State   State   `json:"state"`   // StateNotYetDue, StateMissing or StateRefused
	Label   string  `json:"label"`   // 尚未报送, 未报送, 被退回
	Overdue bool    `json:"overdue"` // the deadline had passed at the evaluation time
	Contact Contact `json:"contact"`
	// Version is the refused attempt's version and Problem its first error, in words, of
	// Errors errors; Kept says an earlier accepted version stays the unit's report.
	Version int    `json:"version,omitempty"`
	Problem string `json:"problem,omitempty"`
	Errors  int    `json:"errors,omitempty"`
	Kept    int    `json:"kept_version,omitempty"`
}

// Reminders returns the units of an evaluation to remind or chase, in registry order: before
// the deadline the units with nothing received yet (尚未报送) and those whose latest return
// was refused; after it the units with nothing accepted (未报送) and those refused. Units that
// have reported are not on it. contacts are the units' contacts (see Contacts).
func Reminders(ev *Evaluation, contacts map[string]Contact) []Reminder {
	var out []Reminder
	for _, ue := range ev.Units {
		rs := ue.Report
		st := rs.Shown()
		if st != StateNotYetDue && st != StateMissing && st != StateRefused {
			continue
		}
		r := Reminder{Unit: ue.Unit, Code: ue.Code, Name: ue.Name, State: st, Label: st.Label(), Overdue: rs.Overdue, Contact: contacts[ue.Code]}
		if st == StateRefused && rs.Latest != nil {
			r.Version = rs.Latest.Version
			if errs := rs.Latest.Problems.Errors(); len(errs) > 0 {
				r.Problem, r.Errors = errs[0].Message, len(errs)
			}
			if rs.Current != nil {
				r.Kept = rs.Current.Version
			}
		}
		out = append(out, r)
	}
	return out
}

// What says what is missing or wrong: the whole return (with how many tasks and indicators
// it covers), or the refused version and its problems.
func (r Reminder) What(p *Plan) string {
	if r.State != StateRefused {
		s := fmt.Sprintf("本期报表未收到（应报任务%d项", len(p.Assignments(r.Code)))
		if n := len(p.ReportedIndicators(r.Code)); n > 0 {
			s += fmt.Sprintf("、指标%d个", n)
		}
		return s + "）"
	}
	s := fmt.Sprintf("第%d版被退回", r.Version)
	if r.Problem != "" {
		s += "：" + Gist(r.Problem, r.Errors)
	}
	if r.Kept > 0 {
		s += fmt.Sprintf("（此前接收的第%d版仍然有效）", r.Kept)
	}
	return s
}

// maxProblem is how many characters of a problem a message quotes.
const maxProblem = 40

// Message returns the reminder as one short message for SMS or chat: a friendly 提醒 with the
// deadline before it, a 催报 with how late it already is after it; a refused return's first
// problem in words. now is the evaluation time (zero: after every deadline).
func (r Reminder) Message(p *Plan, period Period, now time.Time) string {
	var b strings.Builder
	tag := "【提醒】"
	if r.Overdue {
		tag = "【催报】"
	}
	b.WriteString(tag + r.Name)
	if r.Contact.Name != "" {
		b.WriteString(" " + r.Contact.Name)
	}
	b.WriteString("：")
	what := period.Label() + "“工业强城”建设进展报表"
	due := p.Due(period)
	switch {
	case r.State == StateRefused:
		fmt.Fprintf(&b, "贵单位%s（第%d版）已退回", what, r.Version)
		if r.Problem != "" {
			b.WriteString("，" + Gist(clip(r.Problem, maxProblem), r.Errors))
		}
		b.WriteString("，详见退回意见单。")
		if r.Overdue {
			fmt.Fprintf(&b, "截止时间%s已过，请尽快修改后重新报送。", dueText(due))
		} else {
			fmt.Fprintf(&b, "请于%s前修改后重新报送。", dueText(due))
		}
	case r.Overdue:
		fmt.Fprintf(&b, "贵单位%s应于%s前报送", what, dueText(due))
		if !now.IsZero() && now.After(due) {
			fmt.Fprintf(&b, "，已逾期%s", DurationLabel(now.Sub(due)))
		}
		b.WriteString("，至今未收到，请尽快报送。")
	default:
		fmt.Fprintf(&b, "贵单位%s请于%s前报送", what, dueText(due))
		if !now.IsZero() && now.Before(due) {
			fmt.Fprintf(&b, "（还有%s）", DurationLabel(due.Sub(now)))
		}
		b.WriteString("，已发送的请忽略。")
	}
	b.WriteString("——" + p.Reporting.Office)
	if c := strings.TrimSpace(p.Reporting.Contact); c != "" {
		b.WriteString("（" + c + "）")
	}
	return b.String()
}

// dueText writes a deadline briefly: 7月1日, or 7月1日17:00 when it is not at midnight.
func dueText(t time.Time) string {
	s := fmt.Sprintf("%d月%d日", int(t.Month()), t.Day())
	if t.Hour() != 0 || t.Minute() != 0 {
		s += t.Format("15:04")
	}
	return s
}

// clip cuts s to n characters, marked with an ellipsis when cut.
func clip(s string, n int) string {
	s = strings.TrimRight(strings.TrimSpace(s), "。；;.")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
