package portal

import (
	"bytes"
	"encoding/csv"
	"net/http"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

// linksPage lists the unit links of a period, to send to the units.
type linksPage struct {
	basePage
	Periods []periodChoice
	Period  string
	Label   string
	Links   []LinkEntry
}

// LinkEntry is one unit's link, as `gyqc links --json` prints it.
type LinkEntry struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	URL     string `json:"url"`
	Rotated int    `json:"rotated,omitempty"` // how often the link was replaced
}

// Entries returns the links of every responsible unit for period under base.
func (l *Links) Entries(base string, period gyqc.Period) []LinkEntry {
	var out []LinkEntry
	l.mu.Lock()
	planOf := l.planOf
	l.mu.Unlock()
	for _, u := range planOf(period).ResponsibleUnits() {
		l.mu.Lock()
		r := store.Rotation{Subject: u.Code, Period: period.String()}
		tok, n := l.tokens[r], l.counters[r]
		l.mu.Unlock()
		if tok != "" {
			out = append(out, LinkEntry{Code: u.Code, Name: u.Name, URL: UnitURL(base, tok), Rotated: n})
		}
	}
	return out
}

func (s *Server) linksPage(w http.ResponseWriter, r *http.Request) {
	sess, p, ok := s.officePeriod(w, r)
	if !ok {
		return
	}
	page := &linksPage{basePage: s.officeBase(p.Label()+"报送链接", "links", sess), Periods: s.periodChoices(p), Period: p.String(),
		Label: p.Label(), Links: s.links.Entries(s.cfg.BaseURL, p)}
	if r.URL.Query().Get("rotated") != "" {
		if u := s.planOf(p).Registry.Unit(r.URL.Query().Get("rotated")); u != nil {
			page.Notice = "已更换" + u.Name + "的链接，原链接已失效。请把新链接发给该单位。"
		}
	}
	s.render(w, r, http.StatusOK, "links", page)
}

// linksCSV sends the links of a period as CSV for Excel (with a byte-order mark).
func (s *Server) linksCSV(w http.ResponseWriter, r *http.Request) {
	_, p, ok := s.officePeriod(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	cw.Write([]string{"单位代码", "单位名称", "报送期", "报送链接"})
	for _, e := range s.links.Entries(s.cfg.BaseURL, p) {
		cw.Write([]string{e.Code, e.Name, p.Label(), e.URL})
	}
	cw.Flush()
	download(w, p.String()+"_报送链接.csv", "text/csv; charset=utf-8", buf.Bytes())
}

// rotate revokes a unit's link for a period and makes a new one.
func (s *Server) rotate(w http.ResponseWriter, r *http.Request) {
	p, ok := s.officeFormPeriod(w, r)
	if !ok {
		return
	}
	u := s.planOf(p).Registry.Unit(r.PostForm.Get("unit"))
	if u == nil || s.links.Token(u.Code, p) == "" {
		s.fail(w, r, http.StatusBadRequest, "没有这个单位", "请从报送链接页面选择单位。")
		return
	}
	err := s.gate.write(r.Context(), func(st *store.Store) error {
		n, err := st.Rotate(r.Context(), store.Rotation{Subject: u.Code, Period: p.String()})
		if err != nil {
			return err
		}
		detail := "第" + itoa(n) + "次更换" + u.Name + "的报送链接，原链接失效"
		if err := st.Audit(r.Context(), &gyqc.AuditEntry{Time: s.cfg.Now(), Actor: trailActor(officeActor, r), Action: gyqc.ActionLink,
			Period: p, Unit: u.Code, Detail: detail}); err != nil {
			return err
		}
		_, err = st.AddEvents(r.Context(), store.Event{Time: s.cfg.Now(), Actor: officeActor, Action: eventRotate, Unit: u.Code,
			Period: p.String(), Remote: remote(r), Detail: detail})
		return err
	})
	if err != nil {
		s.busy(w, r, err)
		return
	}
	if err := s.refresh(r.Context()); err != nil {
		s.busy(w, r, err)
		return
	}
	s.logf("更换链接 %s %s", u.Code, p)
	http.Redirect(w, r, "/office/links?period="+p.String()+"&rotated="+u.Code, http.StatusSeeOther)
}

// logPage shows the audit trail of a period.
type logPage struct {
	basePage
	Periods []periodChoice
	Label   string
	Entries []logEntry
	Audit   []logEntry // the audit trail of the period, as `gyqc log` prints it
}

type logEntry struct {
	Time, Actor, Action, Unit, Remote, File, Detail string
}

func (s *Server) logPage(w http.ResponseWriter, r *http.Request) {
	sess, p, ok := s.officePeriod(w, r)
	if !ok {
		return
	}
	var entries []store.Event
	var trail []gyqc.AuditEntry
	err := s.gate.read(r.Context(), func(st *store.Store) error {
		var err error
		if entries, err = st.Events(r.Context(), store.EventQuery{Period: p.String(), Global: true, Limit: 1000}); err != nil {
			return err
		}
		trail, err = st.AuditLog(r.Context(), p)
		return err
	})
	if err != nil {
		s.busy(w, r, err)
		return
	}
	page := &logPage{basePage: s.officeBase(p.Label()+"操作记录", "log", sess), Periods: s.periodChoices(p), Label: p.Label()}
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		le := logEntry{Time: timeText(e.Time, s.active().Location()), Actor: e.Actor, Action: eventLabel(e.Action), Remote: e.Remote,
			File: e.FileName, Detail: e.Detail}
		if u := s.active().Registry.Unit(e.Unit); u != nil {
			le.Unit = u.Name
		}
		if u := s.active().Registry.Unit(e.Actor); u != nil {
			le.Actor = u.Name
		}
		page.Entries = append(page.Entries, le)
	}
	for i := len(trail) - 1; i >= 0; i-- {
		e := trail[i]
		le := logEntry{Time: timeText(e.Time, s.active().Location()), Actor: e.Actor, Action: e.Action.Label(), Detail: e.Detail}
		if u := s.active().Registry.Unit(e.Unit); u != nil {
			le.Unit = u.Name
		}
		page.Audit = append(page.Audit, le)
	}
	s.render(w, r, http.StatusOK, "log", page)
}
