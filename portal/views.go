package portal

import (
	"fmt"
	"sort"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
)

// basePage is what every page carries.
type basePage struct {
	Title  string
	Site   string // the name of the portal, from the plan
	Office bool   // an office page: the office menu is shown
	CSRF   string // the office form token
	Nav    string // the office menu entry that is current
	Notice string // a line shown above the content (a message after an action)
}

func (p *basePage) base() *basePage { return p }

// errorPage is an error with what to do.
type errorPage struct {
	basePage
	Message string
}

// problemView is one problem as a unit's clerk reads it.
type problemView struct {
	Level   string // 错误, 警告, 提示
	Class   string // err, warn, note
	Where   string // 工作表“任务进展” F7 单元格
	Message string
	Value   string
	Fix     string
}

func problemViews(probs gyqc.Problems) []problemView {
	var out []problemView
	for _, p := range probs {
		if p.Severity == gyqc.SevNote {
			continue
		}
		v := problemView{Level: p.Severity.Label(), Class: severityClass(p.Severity), Message: p.Message, Value: p.Value, Fix: p.Fix}
		if p.Sheet != "" {
			v.Where = "工作表“" + p.Sheet + "”"
		}
		if p.Cell != "" {
			v.Where += " " + p.Cell + " 单元格"
		}
		if p.Line > 0 {
			v.Where += fmt.Sprintf(" 第%d行", p.Line)
		}
		if v.Where == "" {
			v.Where = "整个文件"
		}
		out = append(out, v)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Class == "err" && out[j].Class != "err" })
	return out
}

func severityClass(s gyqc.Severity) string {
	switch s {
	case gyqc.SevWarning:
		return "warn"
	case gyqc.SevNote:
		return "note"
	}
	return "err"
}

// outcomeClass is the colour of an outcome: ok, warn or bad.
func outcomeClass(o gyqc.Outcome) string {
	switch o {
	case gyqc.OutcomeAccepted:
		return "ok"
	case gyqc.OutcomeWarned:
		return "warn"
	}
	return "bad"
}

// receipt is the 回执 of one upload, and what became of it.
type receipt struct {
	Unit      string
	Period    string
	FileName  string
	Received  string
	Version   int
	Hash      string
	Label     string
	Class     string
	Duplicate bool
	Errors    int
	Warnings  int
	Problems  []problemView
	Marked    string // link to the 问题标注 workbook, or ""
	Feedback  string // link to the 意见单, or ""
	// FeedbackTitle names the 意见单: 退回意见单 of a refused file, 审核意见单 of one
	// accepted with warnings.
	FeedbackTitle string
}

// stateView is a unit's reporting state for a period, in words and a colour.
type stateView struct {
	Label  string
	Class  string // ok, warn, bad, wait
	Detail string
}

// stateOf describes a reporting state; before the deadline a unit with nothing accepted is
// 尚未报送, not yet 未报送; a version the office returned by hand says so with its reason.
func (s *Server) stateOf(rs gyqc.ReportState) stateView {
	v := stateOfReport(rs, s.active().Location())
	if rs.Returned != nil {
		v.Detail = rs.ReturnLabel(s.planOf(rs.Period))
	}
	return v
}

// stateOfReport describes a reporting state in words and a colour.
func stateOfReport(rs gyqc.ReportState, loc *time.Location) stateView {
	v := stateView{Label: rs.Shown().Label()}
	switch rs.Shown() {
	case gyqc.StateOnTime:
		v.Class = "ok"
	case gyqc.StateLate:
		v.Class = "warn"
		v.Detail = "迟报 " + gyqc.DurationLabel(rs.Late)
	case gyqc.StateRefused:
		v.Class = "bad"
		v.Detail = "最近一次报送被退回，请按问题修改后重新上传"
	case gyqc.StateMissing:
		v.Class = "bad"
	case gyqc.StateNotYetDue:
		v.Class = "wait"
	}
	if rs.Corrected {
		v.Label += "（按期更正）"
	}
	switch {
	case rs.Current != nil && rs.State == gyqc.StateRefused:
		v.Detail += fmt.Sprintf("；此前接收的第%d版仍然有效", rs.Current.Version)
	case rs.Current != nil:
		v.Detail = fmt.Sprintf("以第%d版为准（%s收到）", rs.Current.Version, timeText(rs.Current.Received, loc)) + prefixed("；", v.Detail)
	}
	return v
}

func prefixed(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}

// timeText writes a time as people at the office read it.
func timeText(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(loc).Format("2006-01-02 15:04:05")
}

// receiptOfResult is the 回执 of an upload just collected.
func (s *Server) receiptOfResult(h Holder, res collect.Result, link string) receipt {
	rc := receipt{Unit: h.Unit.Name, Period: h.Period.Label(), FileName: res.File, Received: timeText(res.Received, s.active().Location()),
		Version: res.Version, Hash: res.Hash, Label: res.Label, Class: outcomeClass(res.Outcome), Duplicate: res.Duplicate,
		Errors: res.Errors, Warnings: res.Warnings, Problems: problemViews(res.Problems)}
	s.receiptLinks(&rc, res.Outcome, res.Problems, link)
	return rc
}

// receiptOfSubmission is the 回执 of a recorded version.
func (s *Server) receiptOfSubmission(unit *gyqc.Unit, sub *gyqc.Submission, link string) receipt {
	rc := receipt{Unit: unit.Name, Period: sub.Period.Label(), FileName: sub.FileName, Received: timeText(sub.Received, s.active().Location()),
		Version: sub.Version, Hash: sub.Hash, Label: sub.Outcome.Label(), Class: outcomeClass(sub.Outcome),
		Errors: len(sub.Problems.Errors()), Warnings: len(sub.Problems.Warnings()), Problems: problemViews(sub.Problems)}
	s.receiptLinks(&rc, sub.Outcome, sub.Problems, link)
	return rc
}

// receiptLinks adds the downloads of a 回执: link is the page of the version or attempt
// (ending in "/"); a file accepted without problems has none.
func (s *Server) receiptLinks(rc *receipt, o gyqc.Outcome, probs gyqc.Problems, link string) {
	if o == gyqc.OutcomeAccepted || link == "" {
		return
	}
	rc.Feedback, rc.FeedbackTitle = link+"feedback", o.FeedbackTitle()
	if rc.Version > 0 && collect.Markable(probs) {
		rc.Marked = link + "marked"
	}
}

// attemptView is one line of a unit's list of its uploads.
type attemptView struct {
	Version  int
	Received string
	FileName string
	Label    string
	Class    string
	Errors   int
	Warnings int
	Link     string
	Current  bool
	sortKey  time.Time
}

// sortAttempts orders a unit's attempts newest first.
func sortAttempts(a []attemptView) {
	sort.SliceStable(a, func(i, j int) bool { return a[i].sortKey.After(a[j].sortKey) })
}
