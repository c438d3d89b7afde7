package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/render"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/store"
	"github.com/qianjiang/gyqc/templates"
)

// The people of the demo's office.
const (
	demoReviewer = "王明"
	demoSigner   = "李华"
	demoReturn   = "本月工作进展与上月完全相同，请据实填写本月新的工作进展"
)

// demoSignOff is what the office did with one month of the demo.
type demoSignOff struct {
	Accepted, Returned, Corrected int
	Lock                          *gyqc.Lock
}

// line sums the office's month up in one line.
func (s demoSignOff) line(plan *gyqc.Plan) string {
	l := fmt.Sprintf("      审核：通过 %d，退回 %d（按期更正 %d）", s.Accepted, s.Returned, s.Corrected)
	if s.Lock != nil {
		l += "；" + lockLine(plan, s.Lock)
	}
	return l
}

// demoReview reviews and locks a month as an office would: texts copied from last month are
// returned with the office's words and a date, every other return is accepted; the units
// returned send a corrected file the next day, which is accepted too; three days after the
// collection the month is signed off.
func demoReview(ctx context.Context, plan *gyqc.Plan, gen *samples.Generator, lay demoLayout, m demoPeriodResult, fonts *render.FontSet) (demoSignOff, error) {
	var out demoSignOff
	t0 := demoCollected(plan, m.Manifest)
	clock := t0
	st, err := store.Open(ctx, lay.workspace(), store.ReadWrite)
	if err != nil {
		return out, err
	}
	o := &audit.Office{Plan: plan, Store: st, Now: func() time.Time { return clock }, Feedback: lay.feedback(m.Period)}
	var returned []string
	err = func() error {
		defer st.Close()
		clock = t0.Add(time.Hour)
		items, err := o.Queue(ctx, m.Period, clock)
		if err != nil {
			return err
		}
		for _, it := range items {
			if it.Status != gyqc.ReviewPending {
				continue
			}
			req := audit.Request{Period: m.Period, Unit: it.Unit, Reviewer: demoReviewer, Accept: true}
			if len(it.Texts) > 0 {
				req.Accept, req.Return, req.Until = false, demoReturn, t0.Add(72*time.Hour)
				returned = append(returned, it.Unit)
			}
			if _, err := o.Review(ctx, req); err != nil {
				return err
			}
		}
		out.Accepted, out.Returned = len(items)-len(returned), len(returned)
		return nil
	}()
	if err != nil || len(returned) > 0 {
		if err == nil {
			err = demoCorrect(ctx, plan, gen, lay, m.Period, returned, t0.Add(24*time.Hour))
		}
		if err != nil {
			return out, err
		}
	}

	// Accept the corrections, then sign the month off.
	if st, err = store.Open(ctx, lay.workspace(), store.ReadWrite); err != nil {
		return out, err
	}
	defer st.Close()
	o.Store = st
	clock = t0.Add(48 * time.Hour)
	for _, code := range returned {
		res, err := o.Review(ctx, audit.Request{Period: m.Period, Unit: code, Reviewer: demoReviewer, Accept: true, Note: "已按意见更正"})
		if err != nil {
			return out, err
		}
		if res.State.Corrected {
			out.Corrected++
		}
	}
	clock = t0.Add(73 * time.Hour)
	fz, err := o.Lock(ctx, audit.LockRequest{Period: m.Period, SignedBy: demoSigner, Brief: render.BriefOptions{Fonts: fonts}})
	if err != nil {
		return out, err
	}
	out.Lock = &fz.Lock
	return out, nil
}

// demoCorrect writes and collects the corrected returns of the units the office returned: each
// unit's clean return for the period, received at the time given.
func demoCorrect(ctx context.Context, plan *gyqc.Plan, gen *samples.Generator, lay demoLayout, p gyqc.Period, units []string, received time.Time) error {
	dir := filepath.Join(lay.dir, "收件箱", p.String()+"_审核退回后更正")
	return demoSend(ctx, plan, gen, lay, p, units, dir, received, "本月按审核意见补充：已逐项核对进度，形成问题清单并明确责任人和完成时限。")
}

// demoLateReturn has the first unit that never reported in period p send its return after the
// office locked p (补报); it returns the unit's code, empty when every unit reported.
func demoLateReturn(ctx context.Context, plan *gyqc.Plan, gen *samples.Generator, lay demoLayout, m demoPeriodResult, received time.Time) (string, error) {
	missing := m.Manifest.InState(samples.StateMissing)
	if len(missing) == 0 {
		return "", nil
	}
	dir := filepath.Join(lay.dir, "收件箱", m.Period.String()+"_锁定后补报")
	return missing[0], demoSend(ctx, plan, gen, lay, m.Period, missing[:1], dir, received, "")
}

// demoSend fills the units' clean returns of p into their templates, each progress text with
// more added when it is not empty, writes them to dir and collects them as received at the
// time given.
func demoSend(ctx context.Context, plan *gyqc.Plan, gen *samples.Generator, lay demoLayout, p gyqc.Period, units []string, dir string, received time.Time, more string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return gyqc.Errorf(gyqc.EInvalid, "无法创建目录 %s：%v", dir, err)
	}
	for _, code := range units {
		ret, err := gen.Return(code, p)
		if err != nil {
			return err
		}
		for i := range ret.Tasks {
			if more != "" && ret.Tasks[i].Progress != "" {
				ret.Tasks[i].Progress += more
			}
		}
		name := templates.FileName(p, plan.Registry.Unit(code))
		tmpl, err := os.ReadFile(filepath.Join(lay.templates(p), name))
		if err != nil {
			return gyqc.Errorf(gyqc.EInvalid, "找不到%s的模板：%v", code, err)
		}
		data, err := samples.Fill(tmpl, ret)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	copts := collectOptions{Workspace: lay.workspace(), Period: p, Paths: []string{dir}, Received: received,
		Feedback: lay.feedback(p), Actor: "办公室收件", Now: func() time.Time { return received.Add(time.Hour) }}
	_, err := collectFiles(ctx, plan, &copts, nil)
	return err
}
