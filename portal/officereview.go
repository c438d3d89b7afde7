package portal

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/render"
	"github.com/qianjiang/gyqc/store"
)

// Office actions of the portal's log for the office's own judgement (the decisions themselves
// go to the audit trail through audit.Office, as `gyqc review`, `lock` and `unlock` record
// them).
const (
	eventReview = "review"
	eventLock   = "lock"
	eventUnlock = "unlock"
)

// reviewView is the review card of a unit's page.
type reviewView struct {
	Status  string // 待审核, 已审核, 退回, or empty when there is nothing to review
	Return  string // the manual return in force, in words
	Version int    // the current version, 0 when none
	Locked  string // who locked the period and when; empty while open
	Flags   []gyqc.Flag
	Tasks   []practiceView
	Texts   []string // texts the checks found copied (from last month, from another unit)
}

// practiceView is a task's 经验做法 in the current version, and whether it is adopted.
type practiceView struct {
	Task     int
	Name     string
	Practice string
	Adopted  bool
}

// reviewOf builds the review card of a unit from the evaluation the board shows.
func (s *Server) reviewOf(ctx context.Context, p gyqc.Period, code string) (*reviewView, error) {
	pv, err := s.evaluate(ctx, p)
	if err != nil {
		return nil, err
	}
	ue := pv.ev.Unit(code)
	if ue == nil {
		return nil, nil
	}
	rv := &reviewView{Status: ue.Report.ReviewStatus.Label(), Return: ue.Report.ReturnLabel(pv.plan), Flags: ue.Flags,
		Locked: lockText(pv.lock, pv.plan.Location())}
	if c := ue.Report.Current; c != nil {
		rv.Version = c.Version
		for _, pr := range c.Problems {
			if audit.TextProblem(pr) {
				rv.Texts = append(rv.Texts, pr.Position()+"："+pr.Message)
			}
		}
		for _, t := range c.Tasks {
			if !t.HasPractice() {
				continue
			}
			pv := practiceView{Task: t.Task, Practice: t.Practice, Adopted: slices.Contains(ue.Adopted, t.Task)}
			if task := s.planOf(p).Task(t.Task); task != nil {
				pv.Name = task.Title
			}
			rv.Tasks = append(rv.Tasks, pv)
		}
	}
	return rv, nil
}

// actorOf is who the office pages record for a decision: the name typed in the form, else
// the office itself, marked as coming from the portal.
func actorOf(name string) string {
	if name = strings.TrimSpace(name); name != "" {
		return name
	}
	return officeActor + "（网页）"
}

// decided answers a recorded decision: back to the page it came from.
func (s *Server) decided(w http.ResponseWriter, r *http.Request, e store.Event, back string) {
	e.Actor, e.Remote = officeActor, remote(r)
	s.audit(r.Context(), e)
	s.logf("%s %s %s", e.Action, e.Period, e.Unit)
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// refused answers a decision the office's rules refused, with every problem in words.
func (s *Server) refused(w http.ResponseWriter, r *http.Request, title string, err error) {
	if gyqc.ErrorCode(err) == gyqc.EInvalid {
		s.fail(w, r, http.StatusBadRequest, title, gyqc.ErrorMessage(err))
		return
	}
	s.busy(w, r, err)
}

// review records a review of one unit's return (POST /office/unit/{code}/review): accept or
// return the current version, confirm or dismiss flags, adopt practices — through
// audit.Office.Review, as `gyqc review` does.
func (s *Server) review(w http.ResponseWriter, r *http.Request) {
	p, ok := s.officeFormPeriod(w, r)
	if !ok {
		return
	}
	unit, ok := s.pathUnit(w, r, p)
	if !ok {
		return
	}
	f := r.PostForm
	req := audit.Request{Period: p, Unit: unit.Code, Reviewer: actorOf(f.Get("reviewer")), Note: f.Get("note"),
		Confirm: f["confirm"], Dismiss: f["dismiss"]}
	switch f.Get("decision") {
	case "accept":
		req.Accept = true
	case "return":
		if req.Return = strings.TrimSpace(f.Get("reason")); req.Return == "" {
			s.fail(w, r, http.StatusBadRequest, "审核未记录", "退回须写明退回意见。")
			return
		}
		if u := strings.TrimSpace(f.Get("until")); u != "" {
			t, err := time.ParseInLocation("2006-01-02T15:04", u, s.active().Location())
			if err != nil {
				s.fail(w, r, http.StatusBadRequest, "审核未记录", "更正期限的格式不正确，例如 2025-07-04T17:00。")
				return
			}
			req.Until = t
		}
	}
	for _, list := range []struct {
		field string
		to    *[]int
	}{{"adopt", &req.Adopt}, {"unadopt", &req.Unadopt}} {
		for _, v := range f[list.field] {
			n, err := strconv.Atoi(v)
			if err != nil {
				s.fail(w, r, http.StatusBadRequest, "审核未记录", "任务序号不正确。")
				return
			}
			*list.to = append(*list.to, n)
		}
	}
	var res *audit.Result
	err := s.gate.write(r.Context(), func(st *store.Store) (err error) {
		o := &audit.Office{Plan: s.planOf(p), Store: st, Now: s.cfg.Now, Feedback: filepath.Join(s.gate.dir, "feedback", p.String())}
		res, err = o.Review(r.Context(), req)
		return err
	})
	if err != nil && res == nil {
		s.refused(w, r, "审核未记录", err)
		return
	}
	var details []string
	for _, e := range res.Entries {
		details = append(details, e.Detail)
	}
	s.decided(w, r, store.Event{Action: eventReview, Unit: unit.Code, Period: p.String(), Detail: strings.Join(details, "；")},
		"/office/unit/"+unit.Code+"/?period="+p.String())
}

// lock signs a period off (POST /office/lock) through audit.Office.Lock, as `gyqc lock` does.
func (s *Server) lock(w http.ResponseWriter, r *http.Request) {
	p, ok := s.officeFormPeriod(w, r)
	if !ok {
		return
	}
	signer := strings.TrimSpace(r.PostForm.Get("signed_by"))
	if signer == "" {
		s.fail(w, r, http.StatusBadRequest, "未锁定", "请写明签发人。")
		return
	}
	if !acquire(r.Context(), s.outputs) { // rendering the briefing takes the processor for a few seconds
		return
	}
	defer release(s.outputs)
	fonts, err := render.FindFonts(s.cfg.Fonts)
	if err != nil {
		s.refused(w, r, "未锁定", err)
		return
	}
	var fz *audit.Frozen
	err = s.gate.write(r.Context(), func(st *store.Store) (err error) {
		fz, err = (&audit.Office{Plan: s.planOf(p), Store: st, Now: s.cfg.Now}).Lock(r.Context(),
			audit.LockRequest{Period: p, SignedBy: signer, Brief: render.BriefOptions{Fonts: fonts}})
		return err
	})
	if err != nil {
		s.refused(w, r, "未锁定", err)
		return
	}
	s.decided(w, r, store.Event{Action: eventLock, Period: p.String(), Detail: signer + "：" + fz.Entry.Detail}, "/office/?period="+url.QueryEscape(p.String()))
}

// unlock lifts a period's lock (POST /office/unlock) through audit.Office.Unlock, as
// `gyqc unlock` does; the reason is required.
func (s *Server) unlock(w http.ResponseWriter, r *http.Request) {
	p, ok := s.officeFormPeriod(w, r)
	if !ok {
		return
	}
	by, reason := actorOf(r.PostForm.Get("by")), r.PostForm.Get("reason")
	err := s.gate.write(r.Context(), func(st *store.Store) error {
		_, err := (&audit.Office{Plan: s.planOf(p), Store: st, Now: s.cfg.Now}).Unlock(r.Context(), p, by, reason)
		return err
	})
	if err != nil {
		s.refused(w, r, "未解除锁定", err)
		return
	}
	s.decided(w, r, store.Event{Action: eventUnlock, Period: p.String(), Detail: by + "：" + reason}, "/office/?period="+url.QueryEscape(p.String()))
}
