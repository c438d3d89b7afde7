package portal

import (
	"context"
	"net/http"

	"github.com/qianjiang/gyqc"
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
}

// evaluate reads the history up to period and evaluates it as of the server's clock, as
// `gyqc status` does.
func (s *Server) evaluate(ctx context.Context, period gyqc.Period) (*gyqc.Evaluation, []gyqc.Submission, error) {
	var subs []gyqc.Submission
	err := s.gate.read(ctx, func(st *store.Store) error {
		var err error
		subs, err = st.Submissions(ctx, s.plan.Horizon.First, period)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	ev, err := gyqc.Evaluate(s.plan, period, subs, s.cfg.Now())
	return ev, subs, err
}

// boardOf makes the board of an evaluation.
func (s *Server) boardOf(ev *gyqc.Evaluation) *boardView {
	loc := s.plan.Location()
	b := &boardView{Period: ev.Period.String(), PeriodLabel: ev.Period.Label(), Due: s.plan.DueLabel(ev.Period),
		AsOf: timeText(ev.Now, loc), Provisional: ev.Provisional, Total: len(ev.Units)}
	for _, ue := range ev.Units {
		rs := ue.Report
		row := boardRow{Code: ue.Code, Name: ue.Name, State: stateOf(*rs, loc), Versions: rs.Versions, Contact: contactOf(ue.Unit, rs)}
		if t := rs.Received(); !t.IsZero() {
			row.Received = timeText(t, loc)
		}
		if rs.Latest != nil {
			row.Latest, row.Class = rs.Latest.Outcome.Label(), outcomeClass(rs.Latest.Outcome)
			row.Errors, row.Warnings = len(rs.Latest.Problems.Errors()), len(rs.Latest.Problems.Warnings())
		}
		switch {
		case rs.State == gyqc.StateOnTime:
			b.OnTime++
		case rs.State == gyqc.StateLate:
			b.Late++
		case rs.State == gyqc.StateRefused:
			b.Refused++
		case rs.Overdue:
			b.Missing++
		default:
			b.NotYet++
		}
		b.Rows = append(b.Rows, row)
	}
	return b
}

// contactOf is who to call at a unit: the filler named in its latest return that names one,
// else the units file.
func contactOf(u *gyqc.Unit, rs *gyqc.ReportState) string {
	name, phone := u.Contact, u.Phone
	for i := len(rs.Attempts) - 1; i >= 0; i-- {
		if f := rs.Attempts[i].Filler; f.Name != "" {
			name, phone = f.Name, f.Phone
			break
		}
	}
	if phone != "" {
		return name + " " + phone
	}
	return name
}

// board is the office's home: the live board of a period.
func (s *Server) board(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.officeSession(w, r)
	if !ok {
		return
	}
	p, ok := s.period(w, r, r.URL.Query().Get("period"))
	if !ok {
		return
	}
	ev, _, err := s.evaluate(r.Context(), p)
	if err != nil {
		s.busy(w, r, err)
		return
	}
	page := &boardPage{basePage: s.officeBase(p.Label()+"报送情况", "board", sess), Board: s.boardOf(ev), Periods: s.periodChoices(p)}
	s.render(w, r, http.StatusOK, "board", page)
}

// boardPart is the board alone, which the page's script fetches to refresh it in place.
func (s *Server) boardPart(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.officeSession(w, r); !ok {
		return
	}
	p, ok := s.period(w, r, r.URL.Query().Get("period"))
	if !ok {
		return
	}
	ev, _, err := s.evaluate(r.Context(), p)
	if err != nil {
		s.busy(w, r, err)
		return
	}
	s.renderPart(w, r, "board", "boardview", s.boardOf(ev))
}
