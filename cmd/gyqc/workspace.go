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
	Empty bool // the workspace has no data yet
}

// loadView reads the workspace for the period, or an empty view when it has no data yet.
func loadView(ctx context.Context, plan *gyqc.Plan, workspace string, period gyqc.Period) (*view, error) {
	s, err := store.Open(ctx, workspace, store.ReadOnly)
	if gyqc.ErrorCode(err) == gyqc.ENotFound {
		return &view{Empty: true}, nil
	}
	if err != nil {
		return nil, err
	}
	defer s.Close()
	v := &view{}
	if v.In, err = s.Input(ctx, plan.Horizon.First, period); err != nil {
		return nil, err
	}
	if v.Lock, err = s.Lock(ctx, period); err != nil {
		return nil, err
	}
	if v.Log, err = s.AuditLog(ctx, period); err != nil {
		return nil, err
	}
	return v, nil
}

// evaluate evaluates the period from the view as of now (zero: after every deadline).
func (v *view) evaluate(plan *gyqc.Plan, period gyqc.Period, now time.Time) (*gyqc.Evaluation, error) {
	in := v.In
	in.Now = now
	return gyqc.EvaluateInput(plan, period, in)
}

// frozen returns a locked period's lock and stored files, nil when the period is open.
func frozen(ctx context.Context, plan *gyqc.Plan, workspace string, period gyqc.Period) (*audit.Frozen, error) {
	s, err := store.Open(ctx, workspace, store.ReadOnly)
	if gyqc.ErrorCode(err) == gyqc.ENotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return (&audit.Office{Plan: plan, Store: s}).Frozen(ctx, period)
}

// office opens the workspace for writing and returns an Office on it; close releases it.
func office(ctx context.Context, plan *gyqc.Plan, workspace string, now func() time.Time) (o *audit.Office, close func(), err error) {
	s, err := store.Open(ctx, workspace, store.ReadWrite)
	if err != nil {
		return nil, nil, err
	}
	return &audit.Office{Plan: plan, Store: s, Now: now}, func() { s.Close() }, nil
}

// lockLine says who locked a period and when, in one sentence.
func lockLine(plan *gyqc.Plan, l *gyqc.Lock) string {
	return l.Period.Label() + "已于 " + l.At.In(plan.Location()).Format("2006-01-02 15:04") + " 由 " + l.SignedBy + " 签发锁定"
}
