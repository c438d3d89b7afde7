package portal

import (
	"context"
	"net/http"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/store"
)

// boardPage is the live 报送情况 board of a period.
type boardPage struct {
	basePage
	Board   *boardView
	Periods []periodChoice
}

// boardView is the board itself: refreshed in place by the page's script.
type boardView struct {
	Period      string
	PeriodLabel string
	Due         string
	AsOf        string
	Provisional bool
	Total       int
	OnTime      int
	Late        int
	Missing     int
	NotYet      int
	Refused     int
	Rows        []boardRow
	Locked      string // who locked the period and when, or ""
}

// boardRow is one unit on the board.
type boardRow struct {
	Code     string
	Name     string
	State    stateView
	Received string
	Versions int
	Latest   string // the outcome of the latest attempt
	Class    string
	Errors   int
	Warnings int
	Contact  string
	Review   string // 待审核, 已审核, 退回, or ""
	// Supplements counts the returns received after the period was locked (补报).
	Supplements int
}

// lockText says who locked a period and when, or "" when it is open.
func lockText(l *gyqc.Lock, loc *time.Location) string {
	if l == nil {
		return ""
	}
	return l.Period.Label() + "已于 " + l.At.In(loc).Format("2006-01-02 15:04") + " 由 " + l.SignedBy + " 签发锁定"
}

// periodView is what the portal shows of a period: the evaluation as of the server's clock
// with the office's reviews, locks and 补报 taken into account (audit.Office.Evaluate, the one
// `gyqc status` shows), the attempts it counted, the lock holding on the period and its audit
// trail.
type periodView struct {
	plan *gyqc.Plan // the version the period is judged under
	ev   *gyqc.Evaluation
	subs []gyqc.Submission
	lock *gyqc.Lock
	log  []gyqc.AuditEntry
}

// evaluate reads the workspace for period and evaluates it (see evaluateIn).
func (s *Server) evaluate(ctx context.Context, period gyqc.Period) (*periodView, error) {
	var v *periodView
	err := s.gate.read(ctx, func(st *store.Store) error {
		var err error
		v, err = s.evaluateIn(ctx, st, period)
		return err
	})
	return v, err
}

// evaluateIn evaluates period on the open workspace as of the server's clock, as `gyqc status`
// does (of a locked period, the attempts its lock counted).
func (s *Server) evaluateIn(ctx context.Context, st *store.Store, period gyqc.Period) (*periodView, error) {
	if err := s.syncVersions(ctx, st); err != nil {
		return nil, err
	}
	v := &periodView{plan: s.planOf(period)}
	in, err := (&audit.Office{Plan: v.plan, Store: st}).Input(ctx, period)
	if err != nil {
		return nil, err
	}
	if v.lock, err = st.Lock(ctx, period); err != nil {
		return nil, err
	}
	if v.log, err = st.AuditLog(ctx, period); err != nil {
		return nil, err
	}
	in.Now = s.cfg.Now()
	v.subs = in.Submissions
	v.ev, err = gyqc.EvaluateInput(v.plan, period, in)
	return v, err
}

// boardOf makes the board of an evaluation.
func (s *Server) boardOf(pv *periodView) *boardView {
	loc, ev := pv.plan.Location(), pv.ev
	contacts := gyqc.Contacts(pv.plan, pv.subs, ev.Now)
	b := &boardView{Period: ev.Period.String(), PeriodLabel: ev.Period.Label(), Due: pv.plan.DueLabel(ev.Period),
		AsOf: timeText(ev.Now, loc), Provisional: ev.Provisional, Total: len(ev.Units), Locked: lockText(pv.lock, loc)}
	for _, ue := range ev.Units {
		rs := ue.Report
		row := boardRow{Code: ue.Code, Name: ue.Name, State: s.stateOf(*rs), Versions: rs.Versions, Contact: contacts[ue.Code].Line(),
			Review: rs.ReviewStatus.Label(), Supplements: len(rs.Supplements)}
		if t := rs.Received(); !t.IsZero() {
			row.Received = timeText(t, loc)
		}
		if rs.Latest != nil {
			row.Latest, row.Class = rs.Latest.Outcome.Label(), outcomeClass(rs.Latest.Outcome)
			row.Errors, row.Warnings = len(rs.Latest.Problems.Errors()), len(rs.Latest.Problems.Warnings())
		}
		switch rs.Shown() {
		case gyqc.StateOnTime:
			b.OnTime++
		case gyqc.StateLate:
			b.Late++
		case gyqc.StateRefused:
			b.Refused++
		case gyqc.StateMissing:
			b.Missing++
		default:
			b.NotYet++
		}
		b.Rows = append(b.Rows, row)
	}
	return b
}

// officeEvaluated returns the session and period of an office page (officePeriod) with the
// period evaluated, or answers that the workspace is busy.
func (s *Server) officeEvaluated(w http.ResponseWriter, r *http.Request) (session, gyqc.Period, *periodView, bool) {
	sess, p, ok := s.officePeriod(w, r)
	if !ok {
		return sess, p, nil, false
	}
	pv, err := s.evaluate(r.Context(), p)
	if err != nil {
		s.busy(w, r, err)
		return sess, p, nil, false
	}
	return sess, p, pv, true
}

// board is the office's home: the live board of a period.
func (s *Server) board(w http.ResponseWriter, r *http.Request) {
	sess, p, pv, ok := s.officeEvaluated(w, r)
	if !ok {
		return
	}
	page := &boardPage{basePage: s.officeBase(p.Label()+"报送情况", "board", sess), Board: s.boardOf(pv), Periods: s.periodChoices(p)}
	s.render(w, r, http.StatusOK, "board", page)
}

// boardPart is the board alone, which the page's script fetches to refresh it in place.
func (s *Server) boardPart(w http.ResponseWriter, r *http.Request) {
	_, _, pv, ok := s.officeEvaluated(w, r)
	if !ok {
		return
	}
	s.renderPart(w, r, "board", "boardview", s.boardOf(pv))
}
