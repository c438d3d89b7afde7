package portal

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

// officeActor is the actor of office actions in the audit trail.
const officeActor = "办公室"

func (s *Server) officeRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /office", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/office/", http.StatusMovedPermanently)
	})
	mux.HandleFunc("GET /office/login", s.loginPage)
	mux.HandleFunc("POST /office/login", s.login)
	mux.HandleFunc("POST /office/logout", s.logout)
	mux.HandleFunc("GET /office/{$}", s.board)
	mux.HandleFunc("GET /office/board", s.boardPart)
	mux.HandleFunc("GET /office/unit/{code}/{$}", s.officeUnit)
	mux.HandleFunc("GET /office/unit/{code}/v/{version}/{kind}", s.officeUnitFile)
	mux.HandleFunc("GET /office/upload", s.officeUploadPage)
	mux.HandleFunc("POST /office/upload", s.officeUpload)
	mux.HandleFunc("GET /office/links", s.linksPage)
	mux.HandleFunc("GET /office/links.csv", s.linksCSV)
	mux.HandleFunc("POST /office/links/rotate", s.rotate)
	mux.HandleFunc("GET /office/log", s.logPage)
	mux.HandleFunc("POST /office/output/consolidate", s.outputConsolidate)
	mux.HandleFunc("POST /office/output/brief", s.outputBrief)
	mux.HandleFunc("GET /office/remind", s.remindPage)
	mux.HandleFunc("GET /office/remind.xlsx", s.remindBook)
	mux.HandleFunc("POST /office/unit/{code}/review", s.review)
	mux.HandleFunc("POST /office/lock", s.lock)
	mux.HandleFunc("POST /office/unlock", s.unlock)
}

// officeBase is what every office page carries.
func (s *Server) officeBase(title, nav string, sess session) basePage {
	return basePage{Title: title, Office: true, Nav: nav, CSRF: s.keys.csrfToken(sess)}
}

// officeSession returns the office session of the request. Without one, a page request is
// sent to the login page and anything else gets 401; it returns false when it answered.
func (s *Server) officeSession(w http.ResponseWriter, r *http.Request) (session, bool) {
	if err := s.refresh(r.Context()); err != nil {
		s.busy(w, r, err)
		return session{}, false
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		if sess, ok := s.keys.verify(c.Value, s.links.OfficeGeneration(), s.cfg.Now()); ok {
			noStore(w)
			return sess, true
		}
	}
	if r.Method == http.MethodGet && !wantsJSON(r) && r.URL.Path != "/office/board" {
		http.Redirect(w, r, "/office/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return session{}, false
	}
	s.fail(w, r, http.StatusUnauthorized, "请先登录", "办公室页面需要登录，请刷新页面后重新登录。")
	return session{}, false
}

// officePeriod starts an office page: the office's session, then the period the query names
// (the default period when it names none). When it returns false the answer is sent.
func (s *Server) officePeriod(w http.ResponseWriter, r *http.Request) (session, gyqc.Period, bool) {
	sess, ok := s.officeSession(w, r)
	if !ok {
		return sess, gyqc.Period{}, false
	}
	p, ok := s.period(w, r, r.URL.Query().Get("period"))
	return sess, p, ok
}

// officeForm returns the session of a request that changes something: a small form with the
// session's form token (CSRF), from a page of this portal.
func (s *Server) officeForm(w http.ResponseWriter, r *http.Request) (session, bool) {
	sess, ok := s.officeSession(w, r)
	if !ok {
		return sess, false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxSmallForm)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "请求格式不正确", "表单内容不正确，请返回后重试。")
		return sess, false
	}
	if !s.sameOrigin(r) || !s.keys.checkCSRF(sess, r.PostForm.Get("csrf")) {
		s.fail(w, r, http.StatusForbidden, "页面已过期", "表单已过期或不是从本平台的页面提交的。请返回、刷新页面后重试。")
		return sess, false
	}
	return sess, true
}

// officeFormPeriod returns the period of an office form (officeForm) from its "period" field.
func (s *Server) officeFormPeriod(w http.ResponseWriter, r *http.Request) (gyqc.Period, bool) {
	if _, ok := s.officeForm(w, r); !ok {
		return gyqc.Period{}, false
	}
	return s.period(w, r, r.PostForm.Get("period"))
}

// sameOrigin reports whether a request that changes something comes from a page of this
// portal, as far as the browser says (Origin, or Sec-Fetch-Site); a client that says
// nothing (a script) depends on the form token alone.
func (s *Server) sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == r.Host
}

// period returns the period asked for (?period=) or the default, and false (having
// answered) when it is not a period of the plan.
func (s *Server) period(w http.ResponseWriter, r *http.Request, v string) (gyqc.Period, bool) {
	if v == "" {
		return s.defaultPeriod(), true
	}
	p, err := gyqc.ParsePeriod(v)
	if err == nil {
		err = s.active().CheckPeriod(p)
	}
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "报送期不正确", gyqc.ErrorMessage(err))
		return p, false
	}
	return p, true
}

// defaultPeriod is the period the office pages open on: the configured one, else
// CurrentPeriod.
func (s *Server) defaultPeriod() gyqc.Period {
	if !s.cfg.Period.IsZero() {
		return s.cfg.Period
	}
	return CurrentPeriod(s.active(), s.cfg.Now())
}

// CurrentPeriod is the period being reported at now: the month before the current one,
// within the plan's horizon.
func CurrentPeriod(plan *gyqc.Plan, now time.Time) gyqc.Period {
	t := now.In(plan.Location())
	p := gyqc.Period{Year: t.Year(), Month: t.Month()}.Add(-1)
	h := plan.Horizon
	switch {
	case p.Before(h.First):
		return h.First
	case p.After(h.Last):
		return h.Last
	}
	return p
}

// periodChoice is one entry of the period selector.
type periodChoice struct {
	Value, Label string
	Selected     bool
}

func (s *Server) periodChoices(cur gyqc.Period) []periodChoice {
	ps := s.active().Horizon.Periods()
	out := make([]periodChoice, 0, len(ps))
	for i := len(ps) - 1; i >= 0; i-- {
		out = append(out, periodChoice{Value: ps[i].String(), Label: ps[i].Label(), Selected: ps[i] == cur})
	}
	return out
}

// loginPage is the office login form.
type loginPage struct {
	basePage
	Next    string
	Message string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	s.render(w, r, http.StatusOK, "login", &loginPage{basePage: basePage{Title: "办公室登录"}, Next: safeNext(r.URL.Query().Get("next"))})
}

// safeNext keeps a return address only when it is an office page of this portal.
func safeNext(v string) string {
	if strings.HasPrefix(v, "/office/") && !strings.HasPrefix(v, "//") && !strings.ContainsAny(v, "\\\r\n") {
		return v
	}
	return "/office/"
}

// login checks the office password (or token), opens a session and records the attempt.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	addr := clientHost(r)
	now := s.cfg.Now()
	r.Body = http.MaxBytesReader(w, r.Body, maxSmallForm)
	if err := r.ParseForm(); err != nil || !s.sameOrigin(r) {
		s.fail(w, r, http.StatusBadRequest, "请求格式不正确", "请从登录页面登录。")
		return
	}
	next := safeNext(r.PostForm.Get("next"))
	if s.logins.blocked(addr, now) {
		s.fail(w, r, http.StatusTooManyRequests, "登录失败次数过多", "请 15 分钟后再试，或联系管理员。")
		return
	}
	if err := s.refresh(r.Context()); err != nil {
		s.busy(w, r, err)
		return
	}
	ok := s.checkPassword(r.PostForm.Get("password"))
	detail := "登录成功"
	if !ok {
		detail = "口令错误"
		s.logins.fail(addr, now)
	}
	s.audit(r.Context(), store.Event{Actor: officeActor, Action: eventLogin, Remote: remote(r), Detail: detail})
	if !ok {
		noStore(w)
		s.render(w, r, http.StatusUnauthorized, "login", &loginPage{basePage: basePage{Title: "办公室登录"}, Next: next,
			Message: "口令不正确。口令可用 gyqc links --office 查看。"})
		return
	}
	sess := newSession(now)
	http.SetCookie(w, s.sessionCookieOf(s.keys.sign(sess, s.links.OfficeGeneration()), int(sessionLength/time.Second)))
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout ends the office session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.officeForm(w, r); !ok {
		return
	}
	http.SetCookie(w, s.sessionCookieOf("", -1))
	http.Redirect(w, r, "/office/login", http.StatusSeeOther)
}

// audit records office actions; a failure to record is logged, the action stands.
func (s *Server) audit(ctx context.Context, entries ...store.Event) {
	now := s.cfg.Now()
	for i := range entries {
		if entries[i].Time.IsZero() {
			entries[i].Time = now
		}
	}
	ctx = context.WithoutCancel(ctx)
	err := s.gate.write(ctx, func(st *store.Store) error {
		_, err := st.AddEvents(ctx, entries...)
		return err
	})
	if err != nil {
		s.logf("无法记录操作：%v", err)
	}
}

// clientHost is the client's address without its port.
func clientHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// refresh takes the link rotations and the plan versions as the workspace holds them now:
// another process may have replaced a link or the office token, or activated a version.
func (s *Server) refresh(ctx context.Context) error {
	return s.gate.read(ctx, func(st *store.Store) error {
		if err := s.syncVersions(ctx, st); err != nil {
			return err
		}
		rot, err := st.Rotations(ctx)
		if err == nil {
			s.links.Update(rot)
		}
		return err
	})
}
