package main

import (
	"context"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/store"
)

// view is what the commands that read a period see of the workspace: the input of its
// evaluation (the attempts counted, of a locked period only those its lock counted; the 补报;
// the office's reviews), the lock holding on it and its audit trail.
type view struct {
	In    gyqc.Input
	Lock  *gyqc.Lock
	Log   []gyqc.AuditEntry
	Empty bool // the workspace has collected nothing yet
}

// loadView reads the workspace for the period. A folder that holds no workspace is the
// gyqc.ENotFound error "工作区不存在" (exit 3): a mistyped --workspace must not read as a
// month in which every unit failed to report, and reading never creates a workspace.
func loadView(ctx context.Context, plan *gyqc.Plan, workspace string, period gyqc.Period) (*view, error) {
	s, err := store.Open(ctx, workspace, store.ReadOnly)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	v := &view{}
	if v.In, err = (&audit.Office{Plan: plan, Store: s}).Input(ctx, period); err != nil {
		return nil, err
	}
	if v.Lock, err = s.Lock(ctx, period); err != nil {
		return nil, err
	}
	if v.Log, err = s.AuditLog(ctx, period); err != nil {
		return nil, err
	}
	v.Empty = len(v.In.Submissions) == 0
	return v, nil
}

// loadEvaluation loads the workspace's view of period (loadView) and evaluates it as of now.
func loadEvaluation(ctx context.Context, plan *gyqc.Plan, workspace string, period gyqc.Period, now time.Time) (*view, *gyqc.Evaluation, error) {
	wv, err := loadView(ctx, plan, workspace, period)
	if err != nil {
		return nil, nil, err
	}
	ev, err := wv.evaluate(plan, period, now)
	return wv, ev, err
}

// evaluate evaluates the period from the view as of now (zero: after every deadline).
func (v *view) evaluate(plan *gyqc.Plan, period gyqc.Period, now time.Time) (*gyqc.Evaluation, error) {
	in := v.In
	in.Now = now
	return gyqc.EvaluateInput(plan, period, in)
}

// frozen returns a locked period's lock and stored files, nil when the period is open; a
// folder without a workspace is an error, as for loadView.
func frozen(ctx context.Context, plan *gyqc.Plan, workspace string, period gyqc.Period) (*audit.Frozen, error) {
	s, err := store.Open(ctx, workspace, store.ReadOnly)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return (&audit.Office{Plan: plan, Store: s}).Frozen(ctx, period)
}

// office opens the workspace for writing and returns an Office on it; close releases it.
func office(ctx context.Context, plan *gyqc.Plan, workspace string, now func() time.Time) (o *audit.Office, close func(), err error) {
	s, err := store.Open(ctx, workspace, store.Update)
	if err != nil {
		return nil, nil, err
	}
	return &audit.Office{Plan: plan, Store: s, Now: now}, func() { s.Close() }, nil
}

// lockLine says who locked a period and when, in one sentence.
func lockLine(plan *gyqc.Plan, l *gyqc.Lock) string {
	return l.Period.Label() + "已于 " + l.At.In(plan.Location()).Format("2006-01-02 15:04") + " 由 " + l.SignedBy + " 签发锁定"
}
