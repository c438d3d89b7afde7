package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/store"
)

// demoAdoptions is how many 经验做法 the demo's office adopts into a month's briefing: a
// handful, as a 简报 carries a short 经验做法 section.
const demoAdoptions = 6

// demoAdoptAfter is how long after collecting the open month the office adopts its practices;
// the demo's outputs of that month are made after it, so that they show the adoptions.
const demoAdoptAfter = 2 * time.Hour

// demoAdopt has the office read the month's returns that carry a 经验做法 and adopt a few of
// them into the briefing (the credit that separates units that would otherwise tie), without
// accepting or locking the month. It returns how many it adopted.
func demoAdopt(ctx context.Context, plan *gyqc.Plan, lay demoLayout, m demoPeriodResult) (int, error) {
	clock := demoCollected(plan, m.Manifest).Add(demoAdoptAfter)
	st, err := store.Open(ctx, lay.workspace(), store.ReadWrite)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	o := &audit.Office{Plan: plan, Store: st, Now: func() time.Time { return clock }, Feedback: lay.feedback(m.Period)}
	items, err := o.Queue(ctx, m.Period, clock)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, it := range items {
		if n == demoAdoptions {
			break
		}
		if it.Report == nil || it.Report.Current == nil || len(it.Texts) > 0 || !clean(m, it.Unit) {
			continue
		}
		for _, tr := range it.Report.Current.Tasks {
			if tr.Role != gyqc.RoleLead || len([]rune(strings.TrimSpace(tr.Practice))) < 20 {
				continue
			}
			if _, err := o.Review(ctx, audit.Request{Period: m.Period, Unit: it.Unit, Reviewer: demoReviewer,
				Adopt: []int{tr.Task}, Note: fmt.Sprintf("任务%d的经验做法采用于本期简报", tr.Task)}); err != nil {
				return n, err
			}
			n++
			break
		}
	}
	return n, nil
}

// clean reports whether the unit's return of the month was on time and accepted as it was: the
// office adopts practice from returns it need not question.
func clean(m demoPeriodResult, unit string) bool {
	for _, code := range m.Manifest.InState(samples.StateOnTime) {
		if code == unit {
			return true
		}
	}
	return false
}
