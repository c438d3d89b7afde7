package collect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/review"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/store"
	"github.com/qianjiang/gyqc/templates"
)

// Options are what a collection run needs besides the files.
type Options struct {
	Workspace string // for messages about the workspace
	Period    gyqc.Period
	Received  time.Time // when the files arrived; zero: each file's own time, else the clock
	// ByFileTime takes each file's modification time as the time it arrived.
	ByFileTime bool
	Feedback   string // folder for 退回意见单 and marked copies
	Now        func() time.Time
	Limits     intake.Limits
	Checks     review.Options
	// Actor and Action are what the audit trail records for each file: who collected it (the
	// operating-system user, the portal login) and how (gyqc.ActionCollect by the office,
	// gyqc.ActionUpload by a unit on the portal). Empty: "gyqc" and ActionCollect.
	Actor  string
	Action gyqc.Action
}

// collector runs the per-file pipeline of a collection: archive, intake, identify, check,
// record, feedback.
type collector struct {
	plan  *gyqc.Plan
	st    *store.Store
	opts  Options
	peers *review.Peers               // current submissions of the period, for 自动查重
	prev  map[string]*gyqc.Submission // each unit's last accepted submission before the period
	key   []byte                      // the workspace key, which verifies each template's seal
}

// Run collects files for opts.Period into the workspace st, in order, and returns what
// became of each. Files are taken in chunks: each file is read and archived durably before
// anything looks inside it, a chunk is examined in parallel and recorded in one transaction.
// Only faults of the workspace itself (disk, database) or a cancelled ctx are returned as
// errors; everything wrong with a file is in its Result. step, if not nil, is called once per
// file.
func Run(ctx context.Context, plan *gyqc.Plan, st *store.Store, files []File, opts Options, step func()) ([]Result, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if step == nil {
		step = func() {}
	}
	c, err := newCollector(ctx, plan, st, opts)
	if err != nil {
		return nil, err
	}
	return c.collectAll(ctx, files, step)
}

func newCollector(ctx context.Context, plan *gyqc.Plan, st *store.Store, opts Options) (*collector, error) {
	c := &collector{plan: plan, st: st, opts: opts}
	var err error
	if c.key, err = st.VerifyKey(ctx); err != nil {
		return nil, err
	}
	subs, err := st.Submissions(ctx, opts.Period, opts.Period)
	if err != nil {
		return nil, err
	}
	var current []gyqc.Submission
	for _, rs := range gyqc.ReportStates(plan, opts.Period, subs, time.Time{}) {
		if rs.Current != nil {
			current = append(current, *rs.Current)
		}
	}
	c.peers = review.NewPeers(current, opts.Checks)
	if c.prev, err = st.LatestAccepted(ctx, opts.Period); err != nil {
		return nil, err
	}
	return c, nil
}

// item is one file on its way through the pipeline.
type item struct {
	path     string // as shown to people: File.Name, else File.Path
	name     string
	unit     string // the unit the file must belong to (File.Unit)
	actor    string // who handed it in (File.Actor)
	size     int64
	data     []byte
	hash     string
	received time.Time
	early    *Result // refused before anything could be read or archived
	ex       *review.Examined
	stored   *gyqc.Submission
	added    bool
}

// chunk is how many files are examined at once; memory stays bounded by it however many files
// a run collects.
const chunk = 64

// collectAll runs the pipeline over files chunk by chunk: read and archive each file (durably,
// before anything looks inside it), examine the chunk in parallel, then record the chunk in one
// transaction in input order and write the feedback. Only faults of the workspace itself (disk,
// database) are returned as errors; everything wrong with a file is in its result.
func (c *collector) collectAll(ctx context.Context, files []File, step func()) ([]Result, error) {
	var results []Result
	for start := 0; start < len(files); start += chunk {
		end := min(start+chunk, len(files))
		items := make([]*item, end-start)
		if err := c.examine(ctx, files[start:end], items); err != nil {
			return results, err
		}
		if err := c.record(ctx, items); err != nil {
			return results, err
		}
		for _, it := range items {
			r, err := c.result(it)
			if err != nil {
				return results, err
			}
			results = append(results, r)
			step()
		}
	}
	return results, nil
}

// keep reads a file and stages its bytes in the archive (record flushes them to disk before
// anything about the file is recorded).
func (c *collector) keep(f File) (*item, error) {
	it := &item{path: f.Path, name: filepath.Base(f.Path), unit: f.Unit, actor: f.Actor, size: f.Size, received: c.opts.Received}
	if f.Name != "" {
		it.path, it.name = f.Name, filepath.Base(f.Name)
	}
	switch {
	case !it.received.IsZero():
	case !f.Received.IsZero():
		it.received = f.Received
	case c.opts.ByFileTime:
		it.received = f.ModTime
	}
	if it.received.IsZero() {
		it.received = c.opts.Now()
	}
	refuse := func(p gyqc.Problem) (*item, error) {
		p.File = it.name
		it.early = &Result{File: it.path, Outcome: gyqc.OutcomeRefused, Label: gyqc.OutcomeRefused.Label(), Problems: gyqc.Problems{p}, Errors: 1,
			Received: it.received}
		return it, nil
	}
	maxSize := c.opts.Limits.MaxFileSize
	if maxSize == 0 {
		maxSize = intake.DefaultLimits().MaxFileSize
	}
	if f.Size > maxSize {
		return refuse(gyqc.Problem{Severity: gyqc.SevError, Rule: intake.RuleTooLarge, Value: fmt.Sprintf("%d 字节", f.Size),
			Message: fmt.Sprintf("文件过大（超过 %d MB），不是正常的填报模板", maxSize>>20), Fix: "请使用下发的模板填写后报送，不要在模板中粘贴图片或大量数据"})
	}
	data, err := f.Data, error(nil)
	if data == nil {
		data, err = os.ReadFile(f.Path)
	}
	if err != nil {
		return refuse(gyqc.Problem{Severity: gyqc.SevError, Rule: "file-unreadable", Message: "无法读取文件：" + err.Error(), Fix: "请检查文件权限，或重新保存该文件"})
	}
	it.data = data
	if it.hash, err = c.st.Stage(it.name, data); err != nil {
		return nil, gyqc.Errorf(gyqc.EInternal, "无法归档文件 %s（请检查工作区 %s 所在磁盘的空间和权限）：%v", f.Path, c.opts.Workspace, err)
	}
	return it, nil
}

// examine archives and examines the files of a chunk in parallel, one goroutine per
// processor: each file is archived (durably) before anything looks inside it.
func (c *collector) examine(ctx context.Context, files []File, items []*item) error {
	in := review.Input{Plan: c.plan, Period: c.opts.Period, Limits: c.opts.Limits, Checks: c.opts.Checks,
		Key: c.key, Previous: c.previous}
	next := make(chan int)
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				it, err := c.keep(files[i])
				if err != nil {
					errs[i] = err
					continue
				}
				if it.early == nil {
					it.ex = review.Examine(it.name, it.data, in)
					c.checkUnit(it)
				}
				items[i] = it
			}
		}()
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// record stores a chunk in one transaction, in input order: each file, then each attributed
// return with the copy check against the returns accepted before it, or each refusal that
// cannot be attributed. The chunk's archived files are made durable first.
func (c *collector) record(ctx context.Context, items []*item) error {
	if err := c.st.Flush(); err != nil {
		return gyqc.Errorf(gyqc.EInternal, "无法归档文件（请检查工作区 %s 所在磁盘的空间和权限）：%v", c.opts.Workspace, err)
	}
	err := c.st.Update(ctx, func(tx *store.Tx) error {
		for _, it := range items {
			if it.early != nil {
				continue
			}
			if err := tx.AddFile(it.hash, it.name, len(it.data)); err != nil {
				return err
			}
			ex := it.ex
			if !ex.Attributed {
				if err := tx.Reject(it.hash, it.name, c.opts.Period, it.received, ex.Problems); err != nil {
					return err
				}
				continue
			}
			ex.AddProblems(it.name, review.Copies(c.plan, ex, c.peers))
			sub := &gyqc.Submission{Unit: ex.Unit.Code, Period: c.opts.Period, Received: it.received, Hash: it.hash, FileName: it.name,
				Application: ex.Returned.Application, Outcome: ex.Outcome, Filler: filler(ex.Returned.Filler),
				Tasks: ex.Tasks, Values: ex.Values, Problems: ex.Problems}
			stored, added, err := tx.Record(sub)
			if err != nil {
				return err
			}
			it.stored, it.added = stored, added
			if added && stored.Outcome.Acceptable() {
				c.peers.Set(stored)
			}
		}
		return c.audit(tx, items)
	})
	if err != nil {
		return gyqc.Errorf(gyqc.EInternal, "无法保存报送记录（工作区 %s）：%v", c.opts.Workspace, err)
	}
	return nil
}

// result describes what became of an item, writing its feedback where needed.
func (c *collector) result(it *item) (Result, error) {
	if it.early != nil {
		return *it.early, nil
	}
	r := Result{File: it.path, Hash: it.hash, Received: it.received}
	ex := it.ex
	if ex.Unit != nil {
		r.Unit, r.UnitName = ex.Unit.Code, ex.Unit.Name
	}
	if !ex.Attributed {
		return c.reject(r, it.name, it.received, ex.Problems)
	}
	stored := it.stored
	r.Outcome, r.Label, r.Version, r.Duplicate = stored.Outcome, stored.Outcome.Label(), stored.Version, !it.added
	r.Problems = stored.Problems
	r.Errors, r.Warnings = len(stored.Problems.Errors()), len(stored.Problems.Warnings())
	if stored.Outcome != gyqc.OutcomeAccepted {
		fb, err := c.feedback(ex.Unit, it.name, it.data, stored, c.opts.Limits)
		if err != nil {
			return r, err
		}
		r.Feedback = fb
	}
	return r, nil
}

// reject describes an attempt that cannot be attributed to a unit and period (recorded by
// record) and writes its feedback.
func (c *collector) reject(r Result, name string, received time.Time, probs gyqc.Problems) (Result, error) {
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
func (c *collector) feedback(unit *gyqc.Unit, name string, data []byte, sub *gyqc.Submission, lim intake.Limits) ([]string, error) {
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
	marked, err := review.MarkWorkbook(name, data, lim, sub.Problems)
	if err != nil {
		return out, nil // the list says everything; the marked copy is a convenience
	}
	path := filepath.Join(c.opts.Feedback, base+"_问题标注.xlsx")
	if err := atomicfile.WriteFile(path, marked, 0o644); err != nil {
		return nil, gyqc.Errorf(gyqc.EInternal, "无法写入 %s：%v", path, err)
	}
	return append(out, path), nil
}

func (c *collector) writeFeedback(file string, info review.FeedbackInfo, probs gyqc.Problems) (string, error) {
	if err := os.MkdirAll(c.opts.Feedback, 0o755); err != nil {
		return "", gyqc.Errorf(gyqc.EInternal, "无法创建意见单文件夹 %s：%v", c.opts.Feedback, err)
	}
	var buf bytes.Buffer
	if err := review.WriteFeedback(&buf, info, probs); err != nil {
		return "", fmt.Errorf("write feedback %s: %w", file, err)
	}
	path := filepath.Join(c.opts.Feedback, file)
	if err := atomicfile.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", gyqc.Errorf(gyqc.EInternal, "无法写入 %s：%v", path, err)
	}
	return path, nil
}

func (c *collector) info(unit *gyqc.Unit, name string, received time.Time, outcome gyqc.Outcome, hash string) review.FeedbackInfo {
	return FeedbackInfo(c.plan, c.opts.Period, unit, name, received, outcome, hash, c.opts.Now())
}

// FeedbackInfo returns what the 退回意见单 of a file says about it: the plan, the unit (nil
// when the file could not be attributed), the file, when it arrived and what became of it,
// and the office to contact; issued is when the list is made.
func FeedbackInfo(plan *gyqc.Plan, period gyqc.Period, unit *gyqc.Unit, name string, received time.Time, outcome gyqc.Outcome,
	hash string, issued time.Time) review.FeedbackInfo {
	info := review.FeedbackInfo{PlanTitle: plan.Title, Period: period, FileName: name, Hash: hash,
		Received: received.In(plan.Location()).Format("2006-01-02 15:04"), Outcome: outcome,
		Issued: issued.In(plan.Location()).Format("2006-01-02 15:04"), Office: plan.Reporting.Office}
	if plan.Reporting.Contact != "" {
		info.Office += "（" + plan.Reporting.Contact + "）"
	}
	if unit != nil {
		info.UnitName = unit.Name
	}
	return info
}

// Markable reports whether a marked copy (问题标注) of a file with these problems can be
// made: some problem names a cell, and the file carries no active content, which is never
// carried into our outputs.
func Markable(probs gyqc.Problems) bool {
	if hasActiveContent(probs) {
		return false
	}
	for _, p := range probs {
		if p.Sheet != "" && p.Cell != "" && p.Severity != gyqc.SevNote {
			return true
		}
	}
	return false
}

// checkUnit refuses a return of another unit than the one the file had to belong to (an
// upload through a unit's own link): it is recorded as an attempt that cannot be attributed,
// never as the other unit's return.
func (c *collector) checkUnit(it *item) {
	ex := it.ex
	if it.unit == "" || !ex.Attributed || ex.Unit.Code == it.unit {
		return
	}
	owner := it.unit
	if u := c.plan.Registry.Unit(it.unit); u != nil {
		owner = u.Name
	}
	ex.Attributed, ex.Outcome = false, gyqc.OutcomeRefused
	ex.Problems = append(ex.Problems, gyqc.Problem{Severity: gyqc.SevError, File: it.name, Rule: RuleOtherUnit, Value: ex.Unit.Name,
		Message: fmt.Sprintf("这是%s的模板，不能作为%s的报送", ex.Unit.Name, owner),
		Fix:     fmt.Sprintf("请下载%s自己的模板，填写后重新报送", owner)})
}

// RuleOtherUnit is the rule of a return sent through another unit's link.
const RuleOtherUnit = "other-unit"

// previous returns the unit's last accepted submission before the period.
func (c *collector) previous(unit string) *gyqc.Submission { return c.prev[unit] }

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
		Reviewer: strings.TrimSpace(in.Reviewer.Text), Date: fillerDate(in.Date)}
}

// fillerDate writes the 填报日期 cell: a date cell as its date (in the workbook's date
// system), any other cell as written; a bare serial only when the cell's type is unknown.
func fillerDate(in templates.Input) string {
	switch in.Kind {
	case templates.KindDate:
		return in.Date
	case templates.KindUnknown:
		return dateText(in.Text)
	}
	return strings.TrimSpace(in.Text)
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
