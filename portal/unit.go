package portal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/store"
	"github.com/qianjiang/gyqc/templates"
)

// unitPage is a unit's own page for one period.
type unitPage struct {
	basePage
	Unit         *gyqc.Unit
	Period       string
	Due          string
	Overdue      bool
	TimeLeft     string
	State        stateView
	Attempts     []attemptView
	Locked       string // a note when the period is locked
	TemplateName string
	Prefilled    bool
	Contact      string
	MaxMB        int64
}

// resultPage is the 回执 of an upload or a recorded version.
type resultPage struct {
	basePage
	Receipt receipt
	Fresh   bool   // the upload just happened
	Back    string // the unit's page
}

// resolve finds whose link token is, with the rotations as the workspace holds them now.
func (s *Server) resolve(ctx context.Context, st *store.Store, token string) (Holder, bool, error) {
	if !wellFormed(token) {
		return Holder{}, false, nil
	}
	if err := s.syncVersions(ctx, st); err != nil {
		return Holder{}, false, err
	}
	rot, err := st.Rotations(ctx)
	if err != nil {
		return Holder{}, false, err
	}
	s.links.Update(rot)
	h, ok := s.links.Resolve(token)
	return h, ok, nil
}

// withHolder reads the workspace for the link of the request: fn runs only for a valid
// link. It answers 404 for an unknown or revoked link and 503 when the workspace is busy;
// it returns false when it answered.
func (s *Server) withHolder(w http.ResponseWriter, r *http.Request, fn func(*store.Store, Holder) error) bool {
	found := false
	err := s.gate.read(r.Context(), func(st *store.Store) error {
		h, ok, err := s.resolve(r.Context(), st, r.PathValue("token"))
		if !ok || err != nil {
			return err
		}
		found = true
		return fn(st, h)
	})
	switch {
	case err != nil:
		s.busy(w, r, err)
		return false
	case !found:
		s.notFound(w, r)
		return false
	}
	return true
}

// unitRedirect sends /u/TOKEN to /u/TOKEN/ (the same for any token: it reveals nothing).
func (s *Server) unitRedirect(w http.ResponseWriter, r *http.Request) {
	if !wellFormed(r.PathValue("token")) {
		s.notFound(w, r)
		return
	}
	http.Redirect(w, r, r.PathValue("token")+"/", http.StatusMovedPermanently)
}

// unitHome is the unit's page: state, template, upload form and its uploads of the period.
func (s *Server) unitHome(w http.ResponseWriter, r *http.Request) {
	var page *unitPage
	ok := s.withHolder(w, r, func(st *store.Store, h Holder) error {
		var err error
		page, err = s.unitView(r.Context(), st, h)
		return err
	})
	if ok {
		noStore(w)
		s.render(w, r, http.StatusOK, "unit", page)
	}
}

// unitView reads what the unit's page shows.
func (s *Server) unitView(ctx context.Context, st *store.Store, h Holder) (*unitPage, error) {
	plan := s.planOf(h.Period)
	loc, now := plan.Location(), s.cfg.Now()
	due := plan.Due(h.Period)
	p := &unitPage{basePage: basePage{Title: h.Unit.Name + " " + h.Period.Label() + "报送"}, Unit: h.Unit, Period: h.Period.Label(),
		Due: plan.DueLabel(h.Period), Overdue: !now.Before(due), TemplateName: templates.FileName(h.Period, h.Unit),
		Contact: officeContact(plan), MaxMB: s.cfg.Limits.MaxFileSize >> 20}
	if !p.Overdue {
		p.TimeLeft = "距截止还有 " + gyqc.DurationLabel(due.Sub(now))
	}
	subs, err := unitSubmissions(ctx, st, h)
	if err != nil {
		return nil, err
	}
	pv, err := s.evaluateIn(ctx, st, h.Period)
	if err != nil {
		return nil, err
	}
	ue := pv.ev.Unit(h.Unit.Code)
	if ue == nil {
		return nil, fmt.Errorf("unit %s is not evaluated", h.Unit.Code)
	}
	rs := *ue.Report
	p.State = s.stateOf(rs)
	if pv.lock != nil {
		p.Locked = "本期已签发锁定，现在上传的文件作为补报保存，不改变本期结果。"
	}
	for _, sub := range subs {
		p.Attempts = append(p.Attempts, attemptView{Version: sub.Version, Received: timeText(sub.Received, loc), FileName: sub.FileName,
			Label: sub.Outcome.Label(), Class: outcomeClass(sub.Outcome), Errors: len(sub.Problems.Errors()),
			Warnings: len(sub.Problems.Warnings()), Link: "v/" + itoa(sub.Version) + "/", sortKey: sub.Received,
			Current: rs.Current != nil && rs.Current.Version == sub.Version})
	}
	others, err := st.Events(ctx, store.EventQuery{Period: h.Period.String(), Unit: h.Unit.Code, Action: eventUpload})
	if err != nil {
		return nil, err
	}
	for _, e := range others {
		if e.Version == 0 && e.Actor == h.Unit.Code {
			p.Attempts = append(p.Attempts, attemptView{Received: timeText(e.Time, loc), FileName: e.FileName, Label: e.Outcome.Label(),
				Class: outcomeClass(e.Outcome), Link: "x/" + strconv.FormatInt(e.ID, 10) + "/", sortKey: e.Time})
		}
	}
	sortAttempts(p.Attempts)
	preds, err := audit.Predecessors(ctx, st, plan)
	if err != nil {
		return nil, err
	}
	prev, err := gyqc.WithPredecessors(st, preds).LastAccepted(ctx, h.Unit.Code, h.Period)
	p.Prefilled = prev != nil
	return p, err
}

// unitSubmissions returns the unit's recorded versions of the link's period.
func unitSubmissions(ctx context.Context, st *store.Store, h Holder) ([]gyqc.Submission, error) {
	all, err := st.Submissions(ctx, h.Period, h.Period)
	if err != nil {
		return nil, err
	}
	var out []gyqc.Submission
	for _, s := range all {
		if s.Unit == h.Unit.Code {
			out = append(out, s)
		}
	}
	return out, nil
}

// officeContact is who units contact: the office and its contact line.
func officeContact(plan *gyqc.Plan) string {
	s := plan.Reporting.Office
	if plan.Reporting.Contact != "" {
		s += "（" + plan.Reporting.Contact + "）"
	}
	return s
}

// unitTemplate sends the unit's template for the period, prefilled from its last accepted
// report as `gyqc issue` makes it.
func (s *Server) unitTemplate(w http.ResponseWriter, r *http.Request) {
	var h Holder
	var prev *gyqc.Submission
	ok := s.withHolder(w, r, func(st *store.Store, hh Holder) error {
		h = hh
		var err error
		preds, err := audit.Predecessors(r.Context(), st, s.planOf(h.Period))
		if err != nil {
			return err
		}
		prev, err = gyqc.WithPredecessors(st, preds).LastAccepted(r.Context(), h.Unit.Code, h.Period)
		return err
	})
	if !ok {
		return
	}
	var buf bytes.Buffer
	info, err := templates.Write(&buf, s.planOf(h.Period), h.Unit, h.Period, prev, templates.Options{Issued: s.cfg.Now(), Key: s.seal})
	if err != nil {
		s.busy(w, r, err)
		return
	}
	download(w, info.FileName, xlsxType, buf.Bytes())
}

// unitUpload takes one return through the unit's link: streamed into the archive, collected
// as `gyqc collect` collects it, answered at once with the 回执 (a page, or the JSON object
// `collect --json` prints for one file when the client asks for JSON).
func (s *Server) unitUpload(w http.ResponseWriter, r *http.Request) {
	var h Holder
	if !s.withHolder(w, r, func(_ *store.Store, hh Holder) error { h = hh; return nil }) {
		return
	}
	if !acquire(r.Context(), s.bodies) {
		return
	}
	defer release(s.bodies)
	files, _, err := s.receive(w, r, 1, s.cfg.Limits.MaxFileSize+formOverhead, nil)
	if err == nil && len(files) == 0 {
		err = &requestError{http.StatusBadRequest, "没有收到文件：请先选择填好的模板（.xlsx），再点“上传并检查”"}
	}
	if err != nil {
		s.requestFailed(w, r, err)
		return
	}
	f := files[0]
	up := &upload{file: collect.File{Path: f.rec.Path, Name: f.name, Size: f.rec.Size, Received: s.cfg.Now(), Unit: h.Unit.Code,
		Actor: trailActor(h.Unit.Code, r)}, period: h.Period, action: gyqc.ActionUpload,
		audit: store.Event{Actor: h.Unit.Code, Action: eventUpload, Unit: h.Unit.Code, Remote: remote(r)}}
	out, err := s.recv.submit(up)
	if err != nil {
		s.uploadFailed(w, r, err)
		return
	}
	res := out[0]
	s.logf("上传 %s %s %s：%s", h.Unit.Code, h.Period, f.name, resultDetail(res.res))
	link := attemptLink(res)
	if wantsJSON(r) {
		writeJSON(w, http.StatusOK, s.apiResult(h, res.res, link))
		return
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "result", &resultPage{basePage: basePage{Title: res.res.Label}, Receipt: s.receiptOfResult(h, res.res, link),
		Fresh: true, Back: "./"})
}

// trailActor is who the audit trail names for a request: the unit's code or 办公室, with the
// address the request came from.
func trailActor(who string, r *http.Request) string {
	return who + "（" + clientHost(r) + "）"
}

// attemptLink is the page of an upload's 回执 relative to the unit's page: its version, or
// the attempt when it could not be attributed.
func attemptLink(res uploadResult) string {
	if res.res.Version > 0 {
		return "v/" + itoa(res.res.Version) + "/"
	}
	return "x/" + strconv.FormatInt(res.id, 10) + "/"
}

// apiResult is the answer of the upload API: the object `collect --json` prints for one
// file, with the feedback as addresses of the unit's downloads instead of server paths.
func (s *Server) apiResult(h Holder, res collect.Result, link string) collect.Result {
	rc := s.receiptOfResult(h, res, link)
	base := UnitURL(s.cfg.BaseURL, s.links.Token(h.Unit.Code, h.Period))
	res.Feedback = nil
	for _, l := range []string{rc.Feedback, rc.Marked} {
		if l != "" {
			res.Feedback = append(res.Feedback, base+l)
		}
	}
	if res.Problems == nil {
		res.Problems = gyqc.Problems{}
	}
	return res
}

// requestFailed answers a request that could not be taken.
func (s *Server) requestFailed(w http.ResponseWriter, r *http.Request, err error) {
	var re *requestError
	if errors.As(err, &re) {
		if re.code == http.StatusRequestEntityTooLarge || re.code == http.StatusRequestTimeout {
			w.Header().Set("Connection", "close")
		}
		s.fail(w, r, re.code, "上传未成功", re.msg)
		return
	}
	s.busy(w, r, err)
}

// uploadFailed answers an upload the workspace could not take (a disk or database fault, or
// a shutdown); nothing was recorded.
func (s *Server) uploadFailed(w http.ResponseWriter, r *http.Request, err error) {
	s.logf("上传失败 %s：%v", r.URL.Path, err)
	w.Header().Set("Retry-After", "30")
	s.fail(w, r, http.StatusServiceUnavailable, "上传未成功", "服务器暂时无法保存文件（"+gyqc.ErrorMessage(err)+"），请稍后重新上传。")
}

// unitVersion shows the 回执 of one recorded version of the unit.
func (s *Server) unitVersion(w http.ResponseWriter, r *http.Request) {
	s.holderResult(w, r, func(st *store.Store, h Holder) (*resultPage, error) {
		sub, err := s.version(r.Context(), st, h, r.PathValue("version"))
		if sub == nil {
			return nil, err
		}
		return &resultPage{basePage: basePage{Title: "第" + itoa(sub.Version) + "版回执"},
			Receipt: s.receiptOfSubmission(h.Unit, sub, "./"), Back: "../../"}, err
	})
}

// holderResult answers with the 回执 page fn makes for the link's holder, or not found when
// fn makes none.
func (s *Server) holderResult(w http.ResponseWriter, r *http.Request, fn func(*store.Store, Holder) (*resultPage, error)) {
	var page *resultPage
	if !s.withHolder(w, r, func(st *store.Store, h Holder) (err error) { page, err = fn(st, h); return err }) {
		return
	}
	if page == nil {
		s.notFound(w, r)
		return
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "result", page)
}

// version returns the unit's recorded version named by a path value, or nil.
func (s *Server) version(ctx context.Context, st *store.Store, h Holder, v string) (*gyqc.Submission, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || n > 1e6 {
		return nil, nil
	}
	subs, err := unitSubmissions(ctx, st, h)
	for i := range subs {
		if subs[i].Version == n {
			return &subs[i], err
		}
	}
	return nil, err
}
