package audit

import (
	"context"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

// Office carries out the office's decisions on a workspace.
type Office struct {
	Plan  *gyqc.Plan
	Store *store.Store
	// Now is the clock of the decisions; nil: time.Now.
	Now func() time.Time
	// Feedback is the folder for the 退回意见单 of manual returns; empty:
	// WORKSPACE/feedback/PERIOD, where collect puts those of automatic refusals.
	Feedback string
}

func (o *Office) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

// feedbackDir returns the folder for the period's 退回意见单.
func (o *Office) feedbackDir(p gyqc.Period) string {
	if o.Feedback != "" {
		return o.Feedback
	}
	return filepath.Join(o.Store.Dir, "feedback", p.String())
}

// Input loads what an evaluation of period needs from the workspace: the attempts counted
// (of a locked period only those its lock counted), the 补报 and the review decisions.
// Earlier periods are judged under their own plan versions (PlanOf).
func (o *Office) Input(ctx context.Context, period gyqc.Period) (gyqc.Input, error) {
	in, err := o.Store.Input(ctx, o.Plan.Horizon.First, period)
	if err != nil {
		return in, err
	}
	in.PlanOf, err = PlanOf(ctx, o.Store, o.Plan, period)
	return in, err
}

// Evaluate evaluates period as of now (zero: after every deadline) with the office's reviews
// and the locks taken into account; it is the evaluation every command shows. It returns the
// input too, for the outputs that list every attempt.
func (o *Office) Evaluate(ctx context.Context, period gyqc.Period, now time.Time) (*gyqc.Evaluation, gyqc.Input, error) {
	in, err := o.Input(ctx, period)
	if err != nil {
		return nil, in, err
	}
	in.Now = now
	ev, err := gyqc.EvaluateInput(o.Plan, period, in)
	return ev, in, err
}

// Log returns the audit trail of a period in the order recorded.
func (o *Office) Log(ctx context.Context, period gyqc.Period) ([]gyqc.AuditEntry, error) {
	return o.Store.AuditLog(ctx, period)
}

// OSUser returns the name of the operating-system user running gyqc, the actor of actions
// nobody was named for.
func OSUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := strings.TrimSpace(os.Getenv(k)); v != "" {
			return v
		}
	}
	return "未知用户"
}

// lockedError says that a locked period cannot change.
func (o *Office) lockedError(l *gyqc.Lock, what string) error {
	return gyqc.Errorf(gyqc.EInvalid, "%s已于 %s 由 %s 签发锁定，不能再%s；确需更改的，请先用 gyqc unlock --period %s --reason 原因 解除锁定",
		l.Period.Label(), o.clock(l.At), l.SignedBy, what, l.Period)
}

// clock writes a time in the plan's time zone to the minute.
func (o *Office) clock(t time.Time) string { return t.In(o.Plan.Location()).Format("2006-01-02 15:04") }
