package collect

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/review"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/internal/parallel"
	"github.com/qianjiang/gyqc/store"
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
	// Convert, when set, turns old-format workbooks (.xls, .et) into .xlsx before they are
	// examined (LibreOffice); the original is what is archived and recorded.
	Convert Converter
	// Predecessors are the codes units had in earlier plan versions (audit.Predecessors):
	// a renamed or merged unit's previous return, which the checks compare against, may be
	// under one of them.
	Predecessors map[string][]string
	// BeforeCommit, when set, is called in each chunk's write transaction just before it
	// commits (tests kill the process at that moment).
	BeforeCommit func()
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
	names map[string]bool             // feedback file names given in this run
	// elsewhere are the files accepted for other periods, by hash: a mail that brings one
	// again (a mailbox exported whole every month) is not collected a second time.
	elsewhere map[string]store.Collected
}

// Run collects files for opts.Period into the workspace st, in order, and returns what
// became of each (Stream, keeping the results). Only faults of the workspace itself (disk,
// database) or a cancelled ctx are returned as errors, with the results so far; everything
// wrong with a file is in its Result. step, if not nil, is called with each file's result as
// soon as it is recorded, so that a caller can show it at once.
func Run(ctx context.Context, plan *gyqc.Plan, st *store.Store, files []File, opts Options, step func(Result)) ([]Result, error) {
	var results []Result
	err := Stream(ctx, plan, st, files, opts, func(r Result) {
		results = append(results, r)
		if step != nil {
			step(r)
		}
	})
	return results, err
}

// Stream collects files for opts.Period into the workspace st, in order, and passes what
// became of each to step as soon as it is recorded; it keeps nothing of a file once step has
// it, so that its memory is bounded by the chunk, not by the number of files. Files are taken
// in chunks: each file is read and archived durably before anything looks inside it, a chunk
// is examined in parallel and recorded in one transaction. Only faults of the workspace
// itself (disk, database) or a cancelled ctx are returned as errors; everything wrong with a
// file is in its Result.
//
// A cancelled ctx stops the run within moments: the chunk being examined is abandoned
// (nothing of it was recorded; its files may stay in the archive, unrecorded), a chunk
// being recorded is rolled back, and Stream returns ctx's error after the results so far.
func Stream(ctx context.Context, plan *gyqc.Plan, st *store.Store, files []File, opts Options, step func(Result)) error {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if step == nil {
		step = func(Result) {}
	}
	c, err := newCollector(ctx, plan, st, opts)
	if err != nil {
		return err
	}
	if opts.Feedback != "" {
		atomicfile.CleanDir(opts.Feedback) // what a killed run left
	}
	return c.collectAll(ctx, files, step)
}

func newCollector(ctx context.Context, plan *gyqc.Plan, st *store.Store, opts Options) (*collector, error) {
	c := &collector{plan: plan, st: st, opts: opts, names: map[string]bool{}}
	var err error
	if c.key, err = st.VerifyKey(ctx); err != nil {
		return nil, err
	}
	if c.peers, err = currentPeers(ctx, plan, st, opts); err != nil {
		return nil, err
	}
	if c.prev, err = st.LatestAccepted(ctx, opts.Period); err != nil {
		return nil, err
	}
	for unit, codes := range opts.Predecessors {
		for _, code := range codes {
			if p := c.prev[code]; p != nil && (c.prev[unit] == nil || p.Period.After(c.prev[unit].Period)) {
				c.prev[unit] = p
			}
		}
	}
	if c.elsewhere, err = st.AcceptedElsewhere(ctx, opts.Period); err != nil {
		return nil, err
	}
	return c, nil
}

// item is one file on its way through the pipeline.
type item struct {
	path     string // as shown to people: File.Name, else File.Path
	name     string // base name, as the file arrived; recorded
	shown    string // name as printed and put in problems (DisplayName)
	fsPath   string // where it is read from (File.Path)
	unit     string // the unit the file must belong to (File.Unit)
	actor    string // who handed it in (File.Actor)
	late     bool   // recorded for a locked period: a supplement (补报)
	shownIn  gyqc.Period
	mail     *Mail           // the message the file was attached to, nil when none
	source   gyqc.TimeSource // where received comes from
	timeNote string          // why, when the source is not the file's own
	size     int64
	data     []byte // what is examined: the file, or its conversion to .xlsx
	hash     string // of the file as received, which is archived
	archived int    // its size
	received time.Time
	early    gyqc.Problems // why it was refused before it could be examined (too large, unreadable)
	// elsewhere is set for a mail attachment already accepted for another period: it is
	// neither examined nor recorded again.
	elsewhere *store.Collected
	ex        *review.Examined
	stored    *gyqc.Submission
	added     bool
}

// chunk is how many files are examined at once; memory stays bounded by it however many files
// a run collects.
const chunk = 64

// collectAll runs the pipeline over files chunk by chunk: read and archive each file (durably,
// before anything looks inside it), examine the chunk in parallel, then record the chunk in one
// transaction in input order and write the feedback. Only faults of the workspace itself (disk,
// database) are returned as errors; everything wrong with a file is in its result.
func (c *collector) collectAll(ctx context.Context, files []File, step func(Result)) error {
	for start := 0; start < len(files); start += chunk {
		end := min(start+chunk, len(files))
		items := make([]*item, end-start)
		if err := c.examine(ctx, files[start:end], items); err != nil {
			return err
		}
		if err := c.record(ctx, items); err != nil {
			return err
		}
		for i, it := range items {
			if err := ctx.Err(); err != nil {
				return err
			}
			r, err := c.result(it)
			if err != nil {
				return err
			}
			items[i] = nil // its data and examination are not needed any more
			step(r)
		}
	}
	return nil
}

// examine archives and examines the files of a chunk in parallel, one goroutine per
// processor: each file is archived (durably) before anything looks inside it.
func (c *collector) examine(ctx context.Context, files []File, items []*item) error {
	in := review.Input{Plan: c.plan, Period: c.opts.Period, Limits: c.opts.Limits, Checks: c.opts.Checks,
		Key: c.key, Previous: c.previous}
	errs := make([]error, len(files))
	done := parallel.Start(ctx, len(files), runtime.GOMAXPROCS(0), func(i int) {
		it, err := c.keep(files[i])
		if err != nil {
			errs[i] = err
			return
		}
		if c.collectedElsewhere(it) {
			items[i] = it
			return
		}
		if it.early == nil {
			note := c.converted(ctx, it)
			it.ex = review.Examine(it.shown, it.data, in)
			if note != nil {
				it.ex.AddProblems(it.shown, gyqc.Problems{*note})
			}
			c.checkUnit(it)
		}
		items[i] = it
	})
	// Wait for the workers, but not past a cancellation: what they are doing is abandoned,
	// and nothing of it is recorded.
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	return errors.Join(errs...)
}

// record stores a chunk in one transaction, in input order: each file, then each attributed
// return with the copy check against the returns accepted before it, or each refusal that
// cannot be attributed. The chunk's archived files are made durable first.
func (c *collector) record(ctx context.Context, items []*item) error {
	if err := c.st.Flush(); err != nil {
		return storeError(fmt.Sprintf("无法归档文件（工作区 %s）", c.opts.Workspace), err)
	}
	err := c.st.Update(ctx, func(tx *store.Tx) error {
		for _, it := range items {
			if it.elsewhere != nil {
				continue
			}
			if it.early != nil {
				if err := c.recordEarly(tx, it); err != nil {
					return err
				}
				continue
			}
			if err := tx.AddFile(it.hash, it.name, it.archived); err != nil {
				return err
			}
			ex := it.ex
			if !ex.Attributed {
				if err := tx.Reject(it.hash, it.name, c.opts.Period, it.received, ex.Problems); err != nil {
					return err
				}
				continue
			}
			ex.AddProblems(it.shown, review.Copies(c.plan, ex, c.peers))
			app := ""
			if ex.Returned != nil {
				app = ex.Returned.Application
			}
			sub := &gyqc.Submission{Unit: ex.Unit.Code, Period: c.opts.Period, Received: it.received, Hash: it.hash, FileName: it.name,
				Application: app, Outcome: ex.Outcome, Filler: ex.Filler,
				Tasks: ex.Tasks, Values: ex.Values, Problems: ex.Problems, TimeSource: it.source,
				ByFileName: ex.ByFileName}
			if m := it.mail; m != nil {
				sub.Sender, sub.SenderName, sub.Subject = m.Sender()
			}
			stored, added, err := tx.Record(sub)
			if err != nil {
				return err
			}
			it.stored, it.added = stored, added
			if added && stored.Outcome.Acceptable() {
				c.peers.Set(stored)
			}
		}
		if err := c.audit(tx, items); err != nil {
			return err
		}
		if c.opts.BeforeCommit != nil {
			c.opts.BeforeCommit()
		}
		return nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return storeError(fmt.Sprintf("无法保存报送记录（工作区 %s）", c.opts.Workspace), err)
	}
	return nil
}

// recordEarly records a file refused before it could be examined: an archived one (too
// large to examine) as a refusal of its hash, one that could not be read by where it was.
func (c *collector) recordEarly(tx *store.Tx, it *item) error {
	if it.hash == "" {
		return tx.RejectUnread(it.fsPath, it.name, it.size, c.opts.Period, it.received, it.early)
	}
	if err := tx.AddFile(it.hash, it.name, int(it.size)); err != nil {
		return err
	}
	return tx.Reject(it.hash, it.name, c.opts.Period, it.received, it.early)
}

// result describes what became of an item, writing its feedback where needed.
func (c *collector) result(it *item) (Result, error) {
	r := Result{File: it.path, Hash: it.hash, Received: it.received, TimeSource: it.source, TimeNote: it.timeNote, Mail: it.mail}
	if e := it.elsewhere; e != nil {
		r.Unit, r.Elsewhere, r.Duplicate = e.Unit, &e.Period, true
		if u := c.plan.Registry.Unit(e.Unit); u != nil {
			r.UnitName = u.Name
		}
		r.Label = "跳过（已作为" + e.Period.Label() + "的报送收取）"
		return r, nil
	}
	if it.early != nil {
		return c.reject(r, it, it.early)
	}
	ex := it.ex
	if ex.Unit != nil {
		r.Unit, r.UnitName = ex.Unit.Code, ex.Unit.Name
	}
	if !ex.Attributed {
		return c.reject(r, it, ex.Problems)
	}
	stored := it.stored
	r.Outcome, r.Label, r.Version, r.Duplicate = stored.Outcome, stored.Outcome.Label(), stored.Version, !it.added
	if it.late {
		r.Supplement = &it.shownIn
	}
	r.Problems = stored.Problems
	r.Errors, r.Warnings = len(stored.Problems.Errors()), len(stored.Problems.Warnings())
	if stored.Outcome != gyqc.OutcomeAccepted {
		fb, err := c.feedback(ex.Unit, it.shown, it.data, stored, c.opts.Limits)
		if err != nil {
			return r, err
		}
		r.Feedback = fb
	}
	return r, nil
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
	ex.Problems = append(ex.Problems, gyqc.Problem{Severity: gyqc.SevError, File: it.shown, Rule: RuleOtherUnit, Value: ex.Unit.Name,
		Message: fmt.Sprintf("这是%s的模板，不能作为%s的报送", ex.Unit.Name, owner),
		Fix:     fmt.Sprintf("请下载%s自己的模板，填写后重新报送", owner)})
}

// previous returns the unit's last accepted submission before the period.
func (c *collector) previous(unit string) *gyqc.Submission { return c.prev[unit] }

// hasActiveContent reports whether the intake found macros, links or embedded objects.
func hasActiveContent(probs gyqc.Problems) bool {
	for _, p := range probs {
		if strings.HasPrefix(string(p.Rule), "active-") {
			return true
		}
	}
	return false
}
