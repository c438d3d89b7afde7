package audit

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

// Request is one review of one unit's return for one period: any of accept or return (not
// both), flags confirmed or dismissed, practices adopted or withdrawn, recorded together.
type Request struct {
	Period   gyqc.Period
	Unit     string // unit code
	Reviewer string // who decides; required
	Accept   bool   // 审核通过 the current version
	Return   string // 退回意见: return the current version with these words
	Until    time.Time
	Note     string   // a note kept with every decision of the request
	Confirm  []string // flags found true: a Flag.Key, or a task number for its status flag
	Dismiss  []string // flags found untrue
	Adopt    []int    // tasks whose 经验做法 go into the briefing
	Unadopt  []int    // tasks whose 经验做法 no longer do
}

// Result is what a review recorded.
type Result struct {
	Events   []gyqc.ReviewEvent `json:"events"`
	Entries  []gyqc.AuditEntry  `json:"entries"`
	Feedback string             `json:"feedback,omitempty"` // the 退回意见单 written for a return
	// State is the unit's reporting state once the review is taken into account.
	State gyqc.ReportState `json:"state"`
}

// Review records the office's decisions on one unit's return: every problem with the request
// is reported at once, in Chinese, and nothing is recorded then. A return writes the unit's
// 退回意见单 as collect does for automatic refusals, and makes its state 被退回 until a later
// version arrives. A locked period cannot be reviewed.
func (o *Office) Review(ctx context.Context, req Request) (*Result, error) {
	req.Reviewer, req.Return, req.Note = strings.TrimSpace(req.Reviewer), strings.TrimSpace(req.Return), strings.TrimSpace(req.Note)
	now := o.now()
	if err := o.Plan.CheckPeriod(req.Period); err != nil {
		return nil, err
	}
	if l, err := o.Store.Lock(ctx, req.Period); err != nil {
		return nil, err
	} else if l != nil {
		return nil, o.lockedError(l, "审核")
	}
	ev, _, err := o.Evaluate(ctx, req.Period, now)
	if err != nil {
		return nil, err
	}
	ue := ev.Unit(req.Unit)
	events, probs := o.decide(req, ue, now)
	if len(probs) > 0 {
		return nil, gyqc.Errorf(gyqc.EInvalid, "审核未记录，请修正：\n  %s", strings.Join(probs, "\n  "))
	}
	res := &Result{Events: events}
	err = o.Store.Update(ctx, func(tx *store.Tx) error {
		if v, err := latestVersion(tx, req.Period, req.Unit); err != nil {
			return err
		} else if ue.Report.Latest != nil && v != ue.Report.Latest.Version {
			return gyqc.Errorf(gyqc.EInvalid, "%s刚刚报来第%d版，请查看后再审核", ue.Name, v)
		}
		if l, err := tx.Lock(req.Period); err != nil || l != nil {
			if l != nil {
				err = o.lockedError(l, "审核")
			}
			return err
		}
		for i := range res.Events {
			e := &res.Events[i]
			if err := tx.AddReview(e); err != nil {
				return err
			}
			entry := gyqc.AuditEntry{Time: e.At, Actor: e.Reviewer, Action: gyqc.ActionReview, Period: e.Period, Unit: e.Unit, Detail: o.detail(*e, ue)}
			if err := tx.Audit(&entry); err != nil {
				return err
			}
			res.Entries = append(res.Entries, entry)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The state as it now stands, and the 退回意见单 of a return.
	after, _, err := o.Evaluate(ctx, req.Period, now)
	if err != nil {
		return nil, err
	}
	res.State = *after.Unit(req.Unit).Report
	if req.Return != "" {
		if res.Feedback, err = o.writeReturn(req.Period, ue, res.State.Returned, now); err != nil {
			return res, err
		}
	}
	return res, nil
}

// decide turns a request into review events, or lists what is wrong with it.
func (o *Office) decide(req Request, ue *gyqc.UnitEvaluation, now time.Time) ([]gyqc.ReviewEvent, []string) {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if req.Reviewer == "" {
		bad("请写明审核人，例如 --reviewer 王科长")
	}
	if ue == nil {
		if u := o.Plan.Registry.Unit(req.Unit); u != nil {
			bad("“%s”（%s）不是本方案的责任单位，没有报送需要审核", u.Name, req.Unit)
		} else {
			bad("单位代码“%s”不在单位名册中；可用 gyqc units 查看各单位的代码", req.Unit)
		}
		return nil, probs
	}
	if req.Accept && req.Return != "" {
		bad("审核通过和退回只能选一个")
	}
	if !req.Accept && req.Return == "" && len(req.Confirm)+len(req.Dismiss)+len(req.Adopt)+len(req.Unadopt) == 0 {
		bad("没有要记录的审核意见：请用 --accept（审核通过）、--return \"意见\"（退回）、--confirm/--dismiss（核实）或 --adopt（采用经验做法）")
	}
	r := ue.Report
	base := gyqc.ReviewEvent{Period: req.Period, Unit: ue.Code, Reviewer: req.Reviewer, At: now, Text: req.Note}
	var out []gyqc.ReviewEvent
	if req.Accept || req.Return != "" {
		switch {
		case r.Current == nil:
			bad("%s本期没有已接收的版本，无需审核（自动检查退回的文件已生成退回意见单）", ue.Name)
		case r.Latest != nil && r.Latest.Version != r.Current.Version:
			bad("%s最新的第%d版已被自动检查退回，等待其重新报送，无需审核", ue.Name, r.Latest.Version)
		case req.Accept:
			e := base
			e.Kind, e.Version = gyqc.ReviewAccept, r.Current.Version
			out = append(out, e)
		default:
			if !req.Until.IsZero() && !req.Until.After(now) {
				bad("更正期限 %s 已过，请给出以后的时间", o.clock(req.Until))
			}
			e := base
			e.Kind, e.Version, e.Text, e.Until = gyqc.ReviewReturn, r.Current.Version, req.Return, req.Until
			if req.Note != "" {
				e.Text += "（" + req.Note + "）"
			}
			out = append(out, e)
		}
	}
	for _, list := range []struct {
		kind gyqc.ReviewKind
		args []string
	}{{gyqc.ReviewConfirm, req.Confirm}, {gyqc.ReviewDismiss, req.Dismiss}} {
		for _, a := range list.args {
			f := findFlag(ue, a)
			if f == nil {
				bad("%s本期没有待核实事项“%s”%s", ue.Name, a, flagChoices(ue))
				continue
			}
			e := base
			e.Kind, e.Flag, e.Task = list.kind, f.Key, f.Task
			out = append(out, e)
		}
	}
	for _, list := range []struct {
		kind gyqc.ReviewKind
		args []int
	}{{gyqc.ReviewAdopt, req.Adopt}, {gyqc.ReviewUnadopt, req.Unadopt}} {
		for _, task := range list.args {
			if msg := practiceProblem(ue, task, list.kind); msg != "" {
				bad("%s", msg)
				continue
			}
			e := base
			e.Kind, e.Task = list.kind, task
			if list.kind == gyqc.ReviewAdopt { // the version whose practice the office read
				e.Version = r.Current.Version
			}
			out = append(out, e)
		}
	}
	return out, probs
}

// findFlag finds the unit's flag named by a key or a task number.
func findFlag(ue *gyqc.UnitEvaluation, arg string) *gyqc.Flag {
	arg = strings.TrimSpace(arg)
	key := arg
	if n, err := strconv.Atoi(arg); err == nil {
		key = gyqc.StatusFlagKey(n)
	}
	for i := range ue.Flags {
		if ue.Flags[i].Key == key || ue.Flags[i].Key == arg {
			return &ue.Flags[i]
		}
	}
	return nil
}

// flagChoices lists the unit's flags for an error message.
func flagChoices(ue *gyqc.UnitEvaluation) string {
	if len(ue.Flags) == 0 {
		return "（该单位本期没有待核实事项）"
	}
	var keys []string
	for _, f := range ue.Flags {
		keys = append(keys, f.Key)
	}
	return "；可核实的事项：" + strings.Join(keys, "、")
}

// practiceProblem says why the unit's practice on task cannot be adopted (or withdrawn), empty
// when it can.
func practiceProblem(ue *gyqc.UnitEvaluation, task int, kind gyqc.ReviewKind) string {
	if kind == gyqc.ReviewUnadopt {
		if !ue.Review.Adopted(task) {
			return fmt.Sprintf("%s任务%d的经验做法未被采用，无需撤销", ue.Name, task)
		}
		return ""
	}
	takes := false
	for _, n := range append(append([]int(nil), ue.Leads...), ue.Supports...) {
		takes = takes || n == task
	}
	switch {
	case !takes:
		return fmt.Sprintf("%s不承担任务%d，没有可采用的经验做法", ue.Name, task)
	case ue.Report.Current == nil || ue.Report.Current.Task(task) == nil:
		return fmt.Sprintf("%s本期没有报送任务%d的情况，没有可采用的经验做法", ue.Name, task)
	case !ue.Report.Current.Task(task).HasPractice():
		return fmt.Sprintf("%s本期任务%d没有填写经验做法，无可采用", ue.Name, task)
	}
	return ""
}

// latestVersion returns the latest version of any outcome recorded for the unit and period.
func latestVersion(tx *store.Tx, period gyqc.Period, unit string) (int, error) {
	subs, err := tx.Submissions(period, period)
	if err != nil {
		return 0, err
	}
	v := 0
	for _, s := range subs {
		if s.Unit == unit && s.Version > v {
			v = s.Version
		}
	}
	return v, nil
}

// detail describes a review decision for the audit trail.
func (o *Office) detail(e gyqc.ReviewEvent, ue *gyqc.UnitEvaluation) string {
	note := ""
	if e.Text != "" && e.Kind != gyqc.ReviewReturn {
		note = "（" + e.Text + "）"
	}
	switch e.Kind {
	case gyqc.ReviewAccept:
		return fmt.Sprintf("审核通过第%d版%s", e.Version, note)
	case gyqc.ReviewReturn:
		s := fmt.Sprintf("退回第%d版，意见：%s", e.Version, e.Text)
		if !e.Until.IsZero() {
			s += "；请于" + o.clock(e.Until) + "前更正"
		}
		return s
	case gyqc.ReviewConfirm, gyqc.ReviewDismiss:
		msg := e.Flag
		if f := findFlag(ue, e.Flag); f != nil {
			msg = f.Message
		}
		s := e.Kind.Label() + "：" + msg + note
		if e.Kind == gyqc.ReviewConfirm {
			s += "，计入考核"
		}
		return s
	}
	return fmt.Sprintf("%s：任务%d%s", e.Kind.Label(), e.Task, note)
}
