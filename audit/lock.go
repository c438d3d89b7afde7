package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/render"
	"github.com/qianjiang/gyqc/store"
)

// LockRequest is a sign-off of a period.
type LockRequest struct {
	Period   gyqc.Period
	SignedBy string
	// Brief are the options of the briefing stored with the lock (fonts, issue number, date);
	// nil fonts: render.FindFonts with the default options.
	Brief render.BriefOptions
}

// Frozen is a locked period: its lock and the files stored with it.
type Frozen struct {
	Lock     gyqc.Lock
	Workbook []byte
	Briefing []byte
	// Outputs are the other files stored with the lock (see Lock.Outputs, JSON and CSV).
	Outputs []consolidate.File
	// Set by Lock only: the audit entry recorded, the units whose current version still
	// awaited review at sign-off, the characters the briefing could not draw, and the copies
	// of the 汇总表 and briefing written into the workspace.
	Entry        gyqc.AuditEntry
	Waiting      []string
	Replacements []render.Replacement
	Copies       []string
}

// WorkbookName and BriefingName are the names the stored files are given out under.
func WorkbookName(p gyqc.Period) string { return p.String() + "_月度汇总.xlsx" }

// BriefingName: see WorkbookName.
func BriefingName(p gyqc.Period) string { return p.String() + "_工作简报.pdf" }

// Lock signs off and freezes a period as of now: it evaluates the period with every attempt
// and review so far, writes the 汇总表 (with its 审核记录, the lock included), the briefing,
// the evaluation as `consolidate --json` prints it and the tables as `--csv` writes them, and
// records in one transaction the lock, the attempts counted, the plan version, the
// evaluation, the files (archived by SHA-256) and the audit entry. Then it writes copies of
// the 汇总表 and briefing into the workspace (WorkbookPath, BriefingPath); when that fails the
// lock stands and the error says so. A period whose deadline has not passed, or that is
// locked already, is refused.
func (o *Office) Lock(ctx context.Context, req LockRequest) (*Frozen, error) {
	req.SignedBy = strings.TrimSpace(req.SignedBy)
	at := o.now()
	p := req.Period
	if err := o.Plan.CheckPeriod(p); err != nil {
		return nil, err
	}
	var probs []string
	if req.SignedBy == "" {
		probs = append(probs, "请写明签发人，例如 --signed-by 张主任")
	}
	if due := o.Plan.Due(p); at.Before(due) {
		probs = append(probs, fmt.Sprintf("%s的报送截止时间（%s）还没有到，各单位仍可报送，不能签发锁定", p.Label(), o.Plan.DueLabel(p)))
	}
	if l, err := o.Store.Lock(ctx, p); err != nil {
		return nil, err
	} else if l != nil {
		probs = append(probs, fmt.Sprintf("%s已于 %s 由 %s 签发锁定，无需再次锁定", p.Label(), o.clock(l.At), l.SignedBy))
	}
	if len(probs) > 0 {
		return nil, gyqc.Errorf(gyqc.EInvalid, "未锁定：\n  %s", strings.Join(probs, "\n  "))
	}
	fz, evJSON, err := o.freeze(ctx, req, at)
	if err != nil {
		return nil, err
	}

	// Keep the files, then record everything at once.
	keep := func(name string, data []byte) (string, error) {
		h, err := o.Store.Keep(name, data)
		if err != nil {
			return "", gyqc.Errorf(gyqc.EInternal, "无法在工作区保存%s：%v", name, err)
		}
		return h, nil
	}
	if fz.Lock.Workbook, err = keep(WorkbookName(p), fz.Workbook); err != nil {
		return nil, err
	}
	if fz.Lock.Briefing, err = keep(BriefingName(p), fz.Briefing); err != nil {
		return nil, err
	}
	for _, f := range fz.Outputs {
		h, err := keep(f.Name, f.Data)
		if err != nil {
			return nil, err
		}
		fz.Lock.Outputs = append(fz.Lock.Outputs, gyqc.LockOutput{Name: f.Name, Hash: h})
	}
	err = o.Store.Update(ctx, func(tx *store.Tx) error {
		files := append([]consolidate.File{{Name: WorkbookName(p), Data: fz.Workbook}, {Name: BriefingName(p), Data: fz.Briefing}}, fz.Outputs...)
		for _, f := range files {
			if err := tx.AddFile(store.Hash(f.Data), f.Name, len(f.Data)); err != nil {
				return err
			}
		}
		if err := tx.AddLock(&fz.Lock, evJSON); err != nil {
			return err
		}
		return tx.Audit(&fz.Entry)
	})
	if err != nil {
		return nil, err
	}
	fz.Copies, err = writeCopies(o.Store.Dir, fz)
	return fz, err
}

// freeze evaluates the period as signed off at and makes the files the lock stores, with the
// lock (not yet recorded), its audit entry and the evaluation as JSON.
func (o *Office) freeze(ctx context.Context, req LockRequest, at time.Time) (*Frozen, []byte, error) {
	p := req.Period
	ev, in, err := o.Evaluate(ctx, p, at)
	if err != nil {
		return nil, nil, err
	}
	version, err := PlanVersion(o.Plan)
	if err != nil {
		return nil, nil, err
	}
	fz := &Frozen{Lock: gyqc.Lock{Period: p, SignedBy: req.SignedBy, At: at, PlanVersion: version}}
	for _, s := range in.Submissions {
		if s.Period == p && !s.Received.After(at) {
			fz.Lock.Versions = append(fz.Lock.Versions, s.ID)
		}
	}
	for _, u := range ev.Units {
		if u.Report.ReviewStatus == gyqc.ReviewPending {
			fz.Waiting = append(fz.Waiting, u.Name)
		}
	}
	s := ev.Summary
	fz.Entry = gyqc.AuditEntry{Time: at, Actor: req.SignedBy, Action: gyqc.ActionLock, Period: p,
		Detail: fmt.Sprintf("签发锁定：应报%d个单位，按时报送%d、迟报%d、未报送%d、被退回%d；计入文件%d个；方案版本 %s",
			s.Units, s.OnTime, s.Late, s.Missing, s.Refused, len(fz.Lock.Versions), fz.Lock.PlanVersion)}
	if len(fz.Waiting) > 0 {
		fz.Entry.Detail += fmt.Sprintf("；签发时仍有%d个单位待审核", len(fz.Waiting))
	}
	log, err := o.Store.AuditLog(ctx, p)
	if err != nil {
		return nil, nil, err
	}
	copts := consolidate.Options{Audit: append(log, fz.Entry)}
	var book bytes.Buffer
	if err := consolidate.WriteWorkbook(&book, o.Plan, ev, in.Submissions, copts); err != nil {
		return nil, nil, err
	}
	if fz.Outputs, err = lockOutputs(o.Plan, ev, in.Submissions, copts); err != nil {
		return nil, nil, err
	}
	doc, err := render.Briefing(o.Plan, ev, req.Brief)
	if err != nil {
		return nil, nil, err
	}
	if fz.Briefing, err = doc.Bytes(); err != nil {
		return nil, nil, err
	}
	fz.Workbook, fz.Replacements = book.Bytes(), doc.Replacements()
	evJSON, err := json.Marshal(ev)
	if err != nil {
		return nil, nil, fmt.Errorf("record the evaluation of %s: %w", p, err)
	}
	return fz, evJSON, nil
}

// Unlock lifts the lock of a period, recording who and why; the reason is required. The
// files stored with the lock stay in the workspace, and the lock in its history.
func (o *Office) Unlock(ctx context.Context, p gyqc.Period, by, reason string) (*gyqc.Lock, error) {
	by, reason = strings.TrimSpace(by), strings.TrimSpace(reason)
	if reason == "" {
		return nil, gyqc.Errorf(gyqc.EInvalid, "请写明解除锁定的原因，例如 --reason \"发改委补报数据须重新汇总\"")
	}
	if by == "" {
		return nil, gyqc.Errorf(gyqc.EInvalid, "请写明解除锁定的人")
	}
	at := o.now()
	var l *gyqc.Lock
	err := o.Store.Update(ctx, func(tx *store.Tx) (err error) {
		if l, err = tx.Unlock(p, at, by, reason); err != nil {
			return err
		}
		return tx.Audit(&gyqc.AuditEntry{Time: at, Actor: by, Action: gyqc.ActionUnlock, Period: p,
			Detail: fmt.Sprintf("解除锁定（%s由%s签发），原因：%s", o.clock(l.At), l.SignedBy, reason)})
	})
	return l, err
}

// Frozen returns the lock holding on a period with its stored files, each checked against
// its SHA-256; nil when the period is open.
func (o *Office) Frozen(ctx context.Context, p gyqc.Period) (*Frozen, error) {
	l, err := o.Store.Lock(ctx, p)
	if err != nil || l == nil {
		return nil, err
	}
	fz := &Frozen{Lock: *l}
	read := func(hash, what string) ([]byte, error) {
		b, err := o.Store.ReadArchived(hash)
		if err == nil && store.Hash(b) != hash {
			err = fmt.Errorf("SHA-256 mismatch")
		}
		if err != nil {
			return nil, gyqc.Errorf(gyqc.EInternal, "%s锁定时保存的%s无法读取或已被改动（%v）；请从备份恢复工作区的 archive 目录", p.Label(), what, err)
		}
		return b, nil
	}
	if fz.Workbook, err = read(l.Workbook, "汇总表"); err != nil {
		return nil, err
	}
	if l.Briefing != "" {
		if fz.Briefing, err = read(l.Briefing, "工作简报"); err != nil {
			return nil, err
		}
	}
	for _, out := range l.Outputs {
		data, err := read(out.Hash, "“"+out.Name+"”")
		if err != nil {
			return nil, err
		}
		fz.Outputs = append(fz.Outputs, consolidate.File{Name: out.Name, Data: data})
	}
	return fz, nil
}

// PlanVersion names the plan a period was judged by: the version the plan file states, and
// the workspace's plan version (gyqc.Edition) with the SHA-256 of the plan and units files, or
// for a plan the workspace does not keep the SHA-256 of its whole content (tasks, indicators,
// rules and units), so that a plan changed without a new version number still shows.
func PlanVersion(p *gyqc.Plan) (string, error) {
	v := strings.TrimSpace(p.Version)
	if v == "" {
		v = "未标版本"
	}
	if p.Edition.Hash != "" {
		return v + "（" + p.Edition.Label() + "，SHA-256 " + p.Edition.Short() + "）", nil
	}
	body, err := json.Marshal(struct {
		Plan   *gyqc.Plan
		Units  []gyqc.Unit
		Groups []gyqc.Group
	}{p, p.Registry.Units, p.Registry.Groups})
	if err != nil {
		return "", fmt.Errorf("方案内容无法计算校验值：%w", err)
	}
	return v + "（" + store.Hash(body)[:12] + "）", nil
}
