package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/store"
	"github.com/qianjiang/gyqc/templates"
)

// collector runs the per-file pipeline of `gyqc collect`: archive, intake, identify, check,
// record, feedback.
type collector struct {
	plan  *gyqc.Plan
	st    *store.Store
	opts  collectOptions
	peers []gyqc.Submission           // current submissions of the period, for 自动查重
	prev  map[string]*gyqc.Submission // each unit's last accepted submission before the period
}

func newCollector(ctx context.Context, plan *gyqc.Plan, st *store.Store, opts collectOptions) (*collector, error) {
	c := &collector{plan: plan, st: st, opts: opts, prev: map[string]*gyqc.Submission{}}
	subs, err := st.Submissions(ctx, opts.Period, opts.Period)
	if err != nil {
		return nil, err
	}
	for _, rs := range gyqc.ReportStates(plan, opts.Period, subs, time.Time{}) {
		if rs.Current != nil {
			c.peers = append(c.peers, *rs.Current)
		}
	}
	return c, nil
}

// collect decides about one file. Only faults of the workspace itself (disk, database) are
// returned as errors; everything wrong with the file is in the result.
func (c *collector) collect(ctx context.Context, f inboxFile) (fileResult, error) {
	name := filepath.Base(f.Path)
	r := fileResult{File: f.Path}
	lim := c.opts.Limits
	received := c.opts.Received
	if received.IsZero() {
		received = c.opts.Now()
	}
	refuse := func(p gyqc.Problem) (fileResult, error) {
		p.File = name
		r.Outcome, r.Label, r.Problems, r.Errors = gyqc.OutcomeRefused, gyqc.OutcomeRefused.Label(), gyqc.Problems{p}, 1
		return r, nil
	}
	maxSize := lim.MaxFileSize
	if maxSize == 0 {
		maxSize = consolidate.DefaultLimits().MaxFileSize
	}
	if f.Size > maxSize {
		return refuse(gyqc.Problem{Severity: gyqc.SevError, Rule: consolidate.RuleTooLarge, Value: fmt.Sprintf("%d 字节", f.Size),
			Message: fmt.Sprintf("文件过大（超过 %d MB），不是正常的填报模板", maxSize>>20), Fix: "请使用下发的模板填写后报送，不要在模板中粘贴图片或大量数据"})
	}
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return refuse(gyqc.Problem{Severity: gyqc.SevError, Rule: "file-unreadable", Message: "无法读取文件：" + err.Error(), Fix: "请检查文件权限，或重新保存该文件"})
	}

	// Archive first, before anything looks inside the file.
	hash, err := c.st.Archive(ctx, name, data)
	if err != nil {
		return r, gyqc.Errorf(gyqc.EInternal, "无法归档文件 %s（请检查工作区 %s 所在磁盘的空间和权限）：%v", f.Path, c.opts.Workspace, err)
	}
	r.Hash = hash

	ex := consolidate.Examine(name, data, consolidate.ExamineInput{Plan: c.plan, Period: c.opts.Period, Limits: lim,
		Checks: c.opts.Checks, Previous: func(unit string) *gyqc.Submission { return c.previous(ctx, unit) }, Peers: c.peers})
	if ex.Unit != nil {
		r.Unit, r.UnitName = ex.Unit.Code, ex.Unit.Name
	}
	if !ex.Attributed {
		return c.reject(ctx, r, name, data, received, ex.Problems)
	}
	unit, ret, probs := ex.Unit, ex.Returned, ex.Problems
	tasks, values := ex.Tasks, ex.Values
	sub := &gyqc.Submission{Unit: unit.Code, Period: c.opts.Period, Received: received, Hash: hash, FileName: name,
		Application: ret.Application, Outcome: ex.Outcome, Filler: filler(ret.Filler),
		Tasks: tasks, Values: values, Problems: probs}
	stored, added, err := c.st.Record(ctx, sub)
	if err != nil {
		return r, gyqc.Errorf(gyqc.EInternal, "无法保存 %s 的报送记录（工作区 %s）：%v", name, c.opts.Workspace, err)
	}
	r.Outcome, r.Label, r.Version, r.Duplicate = stored.Outcome, stored.Outcome.Label(), stored.Version, !added
	r.Problems = stored.Problems
	r.Errors, r.Warnings = len(stored.Problems.Errors()), len(stored.Problems.Warnings())
	if added && stored.Outcome.Acceptable() {
		c.setPeer(*stored)
	}
	if stored.Outcome != gyqc.OutcomeAccepted {
		fb, err := c.feedback(unit, name, data, stored, lim)
		if err != nil {
			return r, err
		}
		r.Feedback = fb
	}
	return r, nil
}

// reject records an attempt that cannot be attributed to a unit and period, and writes its
// feedback.
func (c *collector) reject(ctx context.Context, r fileResult, name string, data []byte, received time.Time, probs gyqc.Problems) (fileResult, error) {
	if err := c.st.Reject(ctx, r.Hash, name, c.opts.Period, received, probs); err != nil {
		return r, gyqc.Errorf(gyqc.EInternal, "无法保存 %s 的退回记录：%v", name, err)
	}
	r.Outcome, r.Label, r.Problems = gyqc.OutcomeRefused, gyqc.OutcomeRefused.Label(), probs
	r.Errors, r.Warnings = len(probs.Errors()), len(probs.Warnings())
	info := c.info(nil, name, received, gyqc.OutcomeRefused, r.Hash)
	if r.UnitName != "" {
		info.UnitName = r.UnitName
	}
	base := fmt.Sprintf("%s_未识别_%s", c.opts.Period, strings.TrimSuffix(name, filepath.Ext(name)))
	if r.Unit != "" {
		base = fmt.Sprintf("%s_%s_%s_%s", c.opts.Period, r.Unit, r.UnitName, r.Hash[:8])
	}
	path, err := c.writeFeedback(base+"_退回意见单.xlsx", info, probs)
	if err != nil {
		return r, err
	}
	r.Feedback = []string{path}
	return r, nil
}

// feedback writes the 退回意见单 and the marked copy of the unit's workbook.
func (c *collector) feedback(unit *gyqc.Unit, name string, data []byte, sub *gyqc.Submission, lim consolidate.Limits) ([]string, error) {
	base := fmt.Sprintf("%s_%s_%s_第%d版", c.opts.Period, unit.Code, unit.Name, sub.Version)
	info := c.info(unit, name, sub.Received, sub.Outcome, sub.Hash)
	list, err := c.writeFeedback(base+"_退回意见单.xlsx", info, sub.Problems)
	if err != nil {
		return nil, err
	}
	out := []string{list}
	if hasActiveContent(sub.Problems) {
		return out, nil // never carry macros or links into our outputs
	}
	marked, err := consolidate.MarkWorkbook(name, data, lim, sub.Problems)
	if err != nil {
		return out, nil // the list says everything; the marked copy is a convenience
	}
	path := filepath.Join(c.opts.Feedback, base+"_问题标注.xlsx")
	if err := atomicfile.WriteFile(path, marked, 0o644); err != nil {
		return nil, gyqc.Errorf(gyqc.EInternal, "无法写入 %s：%v", path, err)
	}
	return append(out, path), nil
}

func (c *collector) writeFeedback(file string, info consolidate.FeedbackInfo, probs gyqc.Problems) (string, error) {
	if err := os.MkdirAll(c.opts.Feedback, 0o755); err != nil {
		return "", gyqc.Errorf(gyqc.EInternal, "无法创建意见单文件夹 %s：%v", c.opts.Feedback, err)
	}
	var buf bytes.Buffer
	if err := consolidate.WriteFeedback(&buf, info, probs); err != nil {
		return "", fmt.Errorf("write feedback %s: %w", file, err)
	}
	path := filepath.Join(c.opts.Feedback, file)
	if err := atomicfile.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", gyqc.Errorf(gyqc.EInternal, "无法写入 %s：%v", path, err)
	}
	return path, nil
}

func (c *collector) info(unit *gyqc.Unit, name string, received time.Time, outcome gyqc.Outcome, hash string) consolidate.FeedbackInfo {
	info := consolidate.FeedbackInfo{PlanTitle: c.plan.Title, Period: c.opts.Period, FileName: name, Hash: hash,
		Received: received.In(c.plan.Location()).Format("2006-01-02 15:04"), Outcome: outcome,
		Issued: c.opts.Now().In(c.plan.Location()).Format("2006-01-02 15:04"), Office: c.plan.Reporting.Office}
	if c.plan.Reporting.Contact != "" {
		info.Office += "（" + c.plan.Reporting.Contact + "）"
	}
	if unit != nil {
		info.UnitName = unit.Name
	}
	return info
}

// previous returns the unit's last accepted submission before the period, cached.
func (c *collector) previous(ctx context.Context, unit string) *gyqc.Submission {
	if p, ok := c.prev[unit]; ok {
		return p
	}
	p, err := c.st.LastAccepted(ctx, unit, c.opts.Period)
	if err != nil {
		p = nil
	}
	c.prev[unit] = p
	return p
}

// setPeer makes sub the unit's current submission among the peers.
func (c *collector) setPeer(sub gyqc.Submission) {
	for i := range c.peers {
		if c.peers[i].Unit == sub.Unit {
			c.peers[i] = sub
			return
		}
	}
	c.peers = append(c.peers, sub)
}

// hasActiveContent reports whether the intake found macros, links or embedded objects.
func hasActiveContent(probs gyqc.Problems) bool {
	for _, p := range probs {
		if strings.HasPrefix(p.Rule, "active-") {
			return true
		}
	}
	return false
}

// filler turns the filler inputs into a gyqc.Filler, writing a date serial as a date.
func filler(in templates.FillerInput) gyqc.Filler {
	return gyqc.Filler{Name: strings.TrimSpace(in.Name.Text), Phone: strings.TrimSpace(in.Phone.Text),
		Reviewer: strings.TrimSpace(in.Reviewer.Text), Date: dateText(in.Date.Text)}
}

// dateText writes an Excel date serial (1900 system) as YYYY-MM-DD and keeps any other text.
func dateText(s string) string {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 20000 || v > 80000 {
		return s
	}
	return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(v)).Format("2006-01-02")
}
