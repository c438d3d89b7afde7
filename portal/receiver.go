package portal

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/store"
)

// upload is one received file waiting to be collected.
type upload struct {
	file   collect.File // File.Actor: who handed it in, and from which address, for the audit trail
	period gyqc.Period
	action gyqc.Action // of the audit trail: ActionUpload by a unit, ActionCollect by the office
	audit  store.Event // the portal's log entry: who sent it and from where; the result is filled in
	done   chan uploadResult
}

// batchKey groups the uploads of a batch that one collect.Run takes.
type batchKey struct {
	period gyqc.Period
	action gyqc.Action
}

type uploadResult struct {
	res collect.Result
	id  int64 // of its audit entry
	err error
}

// Batching: how many files, and how many bytes, one collection takes at most, and a short
// pause after each batch (other processes waiting for the workspace are let in first by the
// gate in any case).
const (
	batchFiles = 64
	batchBytes = 64 << 20
	batchGap   = 20 * time.Millisecond
)

// errClosed is returned for uploads submitted after the receiver was closed.
var errClosed = errors.New("portal is shutting down")

// receiver collects uploaded files through collect.Run, in batches: the uploads that arrive
// while a batch is examined form the next one, so many units uploading at once cost one
// workspace lock and one transaction per batch, and every upload is recorded exactly once,
// with its audit entry, in the order it arrived.
type receiver struct {
	vers *versions
	gate *gate
	opts collect.Options // Period, Received and Feedback are set per batch
	now  func() time.Time

	mu     sync.Mutex
	closed bool
	queue  chan *upload
	wg     sync.WaitGroup
}

func newReceiver(vers *versions, g *gate, opts collect.Options, now func() time.Time) *receiver {
	r := &receiver{vers: vers, gate: g, opts: opts, now: now, queue: make(chan *upload, 4*batchFiles)}
	r.wg.Add(1)
	go r.loop()
	return r
}

// submit queues uploads and waits until each is collected. The work is done even when the
// client goes away: the file is already in the archive.
func (r *receiver) submit(ups ...*upload) ([]uploadResult, error) {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil, errClosed
	}
	for _, u := range ups {
		u.done = make(chan uploadResult, 1)
		r.queue <- u
	}
	r.mu.Unlock()
	out := make([]uploadResult, len(ups))
	var errs []error
	for i, u := range ups {
		out[i] = <-u.done
		errs = append(errs, out[i].err)
	}
	return out, errors.Join(errs...)
}

// close stops taking uploads and returns once every queued one is collected.
func (r *receiver) close() {
	r.mu.Lock()
	if !r.closed {
		r.closed = true
		close(r.queue)
	}
	r.mu.Unlock()
	r.wg.Wait()
}

func (r *receiver) loop() {
	defer r.wg.Done()
	for first := range r.queue {
		batch, size := []*upload{first}, first.file.Size
	fill:
		for len(batch) < batchFiles && size < batchBytes {
			select {
			case u, ok := <-r.queue:
				if !ok {
					break fill
				}
				batch, size = append(batch, u), size+u.file.Size
			default:
				break fill
			}
		}
		r.collect(batch)
		time.Sleep(batchGap)
	}
}

// collect runs one batch: the uploads of each period (and kind) in one collect.Run, which
// records them in the audit trail, and their entries of the portal's log, under one write
// lock of the workspace. It is never cancelled: an upload that
// reached the archive is always judged and recorded.
func (r *receiver) collect(batch []*upload) {
	ctx := context.Background()
	var order []batchKey
	groups := map[batchKey][]*upload{}
	for _, u := range batch {
		k := batchKey{u.period, u.action}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], u)
	}
	results := map[*upload]uploadResult{}
	err := r.gate.write(ctx, func(st *store.Store) error {
		for _, k := range order {
			ups := groups[k]
			files := make([]collect.File, len(ups))
			for i, u := range ups {
				files[i] = u.file
			}
			opts := r.opts
			opts.Period, opts.Action = k.period, k.action
			opts.Now = r.now
			opts.Feedback = filepath.Join(r.gate.dir, "feedback", k.period.String())
			if _, err := r.vers.refresh(ctx, st); err != nil {
				return err
			}
			plan := r.vers.of(k.period)
			preds, err := audit.Predecessors(ctx, st, plan)
			if err != nil {
				return err
			}
			opts.Predecessors = preds
			res, err := collect.Run(ctx, plan, st, files, opts, nil)
			if err != nil {
				return err
			}
			entries := make([]store.Event, len(ups))
			for i, u := range ups {
				entries[i] = auditOf(u, res[i])
			}
			ids, err := st.AddEvents(ctx, entries...)
			if err != nil {
				return err
			}
			for i, u := range ups {
				results[u] = uploadResult{res: res[i], id: ids[i]}
			}
		}
		return nil
	})
	for _, u := range batch {
		if err != nil {
			u.done <- uploadResult{err: err}
			continue
		}
		u.done <- results[u]
	}
}

// auditOf completes an upload's audit entry with what became of it.
func auditOf(u *upload, res collect.Result) store.Event {
	e := u.audit
	e.Time, e.Period = res.Received, u.period.String()
	e.FileName, e.Hash, e.Outcome, e.Version = res.File, res.Hash, res.Outcome, res.Version
	if e.Unit == "" {
		e.Unit = res.Unit
	}
	e.Detail = resultDetail(res)
	return e
}

// resultDetail sums a result up in a few Chinese words for the audit trail.
func resultDetail(res collect.Result) string {
	s := res.Label
	if res.Version > 0 {
		s += "，第" + itoa(res.Version) + "版"
	}
	if res.Duplicate {
		s += "（与已收文件相同）"
	}
	if res.Errors+res.Warnings > 0 {
		s += "，错误 " + itoa(res.Errors) + "、警告 " + itoa(res.Warnings)
	}
	return s
}
