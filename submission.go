package gyqc

import (
	"fmt"
	"slices"
	"time"
)

// Status is the progress status a unit reports for a task.
type Status string

// The progress statuses a unit may choose, in the order templates offer them.
const (
	StatusDone     Status = "已完成"
	StatusOnTrack  Status = "正常推进"
	StatusBehind   Status = "滞后"
	StatusNotBegun Status = "未启动"
	// StatusNoWork is for supporting units only: the unit did nothing for the task this
	// month, which it says instead of leaving the row empty; no progress text is needed.
	StatusNoWork Status = "本月无相关工作"
)

// Statuses lists the statuses in the order of the drop-down.
var Statuses = []Status{StatusDone, StatusOnTrack, StatusBehind, StatusNotBegun, StatusNoWork}

// For reports whether a unit in role may choose the status: 本月无相关工作 is for
// supporting units only.
func (s Status) For(r Role) bool { return s.Valid() && (s != StatusNoWork || r == RoleSupport) }

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Meaning explains the status to the units filling a template.
func (s Status) Meaning() string {
	switch s {
	case StatusDone:
		return "任务要求已全部完成（含到2025年的目标已提前实现）"
	case StatusOnTrack:
		return "按计划推进，进度不慢于时间进度"
	case StatusBehind:
		return "进度落后于计划或时间进度，须在“存在问题及需协调事项”中说明原因"
	case StatusNotBegun:
		return "尚未开始实施，须说明原因和启动安排"
	case StatusNoWork:
		return "仅限配合单位：本月没有开展与该任务有关的工作，可不填本月工作进展"
	}
	return ""
}

// Outcome is what became of a returned workbook.
type Outcome string

// Outcomes of a collected file.
const (
	OutcomeAccepted Outcome = "accepted" // 已接收
	OutcomeWarned   Outcome = "warned"   // 已接收（有警告）
	OutcomeRefused  Outcome = "refused"  // 退回
)

// Label returns the outcome in Chinese.
func (o Outcome) Label() string {
	switch o {
	case OutcomeAccepted:
		return "已接收"
	case OutcomeWarned:
		return "已接收（有警告）"
	case OutcomeRefused:
		return "退回"
	}
	return string(o)
}

// FeedbackTitle names the 意见单 a unit gets back for a file of this outcome: a refused file
// gets a 退回意见单, an accepted one (with warnings) a 审核意见单 — a clerk reading 退回 on
// the sheet of an accepted file would think it refused.
func (o Outcome) FeedbackTitle() string {
	if o == OutcomeRefused {
		return "退回意见单"
	}
	return "审核意见单"
}

// Filler is who filled and checked a return (填报人, 联系电话, 审核人, 填报日期).
type Filler struct {
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Reviewer string `json:"reviewer"`
	Date     string `json:"date"`
}

// TaskReport is a unit's report on one task for one period.
type TaskReport struct {
	Task     int    `json:"task"`
	Role     Role   `json:"role"`
	Status   Status `json:"status"`
	Progress string `json:"progress"`  // 本月工作进展
	Practice string `json:"practice"`  // 经验做法 (optional)
	Issues   string `json:"issues"`    // 存在问题及需协调事项
	NextPlan string `json:"next_plan"` // 下月工作计划
}

// IndicatorValue is a unit's figure for one indicator for one period. Value is nil when the
// cell was empty; Raw keeps what the cell held before normalisation.
type IndicatorValue struct {
	Key   string   `json:"key"`
	Value *float64 `json:"value"`
	Raw   string   `json:"raw"`
	Note  string   `json:"note"` // 情况说明
	// Covers is the month the figure covers (数据截至); zero: the month the indicator's
	// publication lag implies for the period.
	Covers Period `json:"covers,omitzero"`
	// Growth is the 同比增长 in percent a unit reported for a flow (本年累计比上年同期), beside the
	// amount or in its place; nil when none was reported.
	Growth *float64 `json:"growth,omitempty"`
}

// Submission is one returned workbook of one unit for one period, as collected.
type Submission struct {
	ID          int64            `json:"id"`
	Unit        string           `json:"unit"`
	Period      Period           `json:"period"`
	Version     int              `json:"version"`
	Received    time.Time        `json:"received"`
	Hash        string           `json:"hash"`
	FileName    string           `json:"file_name"`
	Application string           `json:"application"`
	Outcome     Outcome          `json:"outcome"`
	Filler      Filler           `json:"filler"`
	Tasks       []TaskReport     `json:"tasks"`
	Values      []IndicatorValue `json:"values"`
	Problems    Problems         `json:"problems"`
	// TimeSource says where Received comes from.
	TimeSource TimeSource `json:"time_source,omitempty"`
	// Sender is the e-mail address the return came from, SenderName the sender's name and
	// Subject the message's subject, when it arrived by e-mail (for a forwarded message,
	// those of the message forwarded).
	Sender     string `json:"sender,omitempty"`
	SenderName string `json:"sender_name,omitempty"`
	Subject    string `json:"subject,omitempty"`
	// ByFileName says that the file could not be read (an old .xls or .et) and was attributed
	// to the unit by its file name alone: it is recorded and refused, but never stands over an
	// accepted version (see ReportState).
	ByFileName bool `json:"by_file_name,omitempty"`
}

// Task returns the report on task no, or nil.
func (s *Submission) Task(no int) *TaskReport {
	return find(s.Tasks, func(t *TaskReport) bool { return t.Task == no })
}

// Value returns the figure for the indicator key, or nil.
func (s *Submission) Value(key string) *IndicatorValue {
	return find(s.Values, func(v *IndicatorValue) bool { return v.Key == key })
}

// Late returns how long after the period's deadline the submission arrived, zero if on time.
func (s *Submission) Late(p *Plan) time.Duration {
	if d := s.Received.Sub(p.Due(s.Period)); d > 0 {
		return d
	}
	return 0
}

// Validate checks that the submission belongs to the plan: a known unit, a period of the
// horizon, tasks the unit takes part in and indicators it reports. The content rules (errors
// and warnings on what a unit wrote) belong to the reader of returned workbooks.
func (s *Submission) Validate(p *Plan) error {
	if p.Registry.Unit(s.Unit) == nil {
		return Errorf(EInvalid, "单位代码“%s”不在单位名册中", s.Unit)
	}
	if err := p.CheckPeriod(s.Period); err != nil {
		return err
	}
	roles := map[int]bool{}
	for _, a := range p.Assignments(s.Unit) {
		roles[a.Task] = true
	}
	for _, t := range s.Tasks {
		if !roles[t.Task] {
			return Errorf(EInvalid, "单位“%s”不承担任务 %d", s.Unit, t.Task)
		}
		if t.Status != "" && !t.Status.Valid() {
			return Errorf(EInvalid, "任务 %d 的进展状态“%s”不在可选范围内", t.Task, t.Status)
		}
	}
	for _, v := range s.Values {
		ind := p.Indicator(v.Key)
		if ind == nil || ind.UnitCode != s.Unit {
			return Errorf(EInvalid, "指标“%s”不由单位“%s”报送", v.Key, s.Unit)
		}
	}
	return nil
}

// DurationLabel writes a lateness in Chinese days and hours, such as 3天2小时.
func DurationLabel(d time.Duration) string {
	h := int(d.Hours())
	switch {
	case h >= 24 && h%24 == 0:
		return fmt.Sprintf("%d天", h/24)
	case h >= 24:
		return fmt.Sprintf("%d天%d小时", h/24, h%24)
	case h >= 1:
		return fmt.Sprintf("%d小时", h)
	default:
		return fmt.Sprintf("%d分钟", int(d.Minutes()))
	}
}
