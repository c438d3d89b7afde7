package portal

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/render"
	"github.com/qianjiang/gyqc/store"
)

// output runs one heavy output at a time (they take the processor for a few seconds) for the
// period of the form, and records it in the audit trail.
func (s *Server) output(w http.ResponseWriter, r *http.Request, action string, make func(context.Context, gyqc.Period) (string, string, []byte, error)) {
	p, ok := s.officeFormPeriod(w, r)
	if !ok {
		return
	}
	if !acquire(r.Context(), s.outputs) {
		return
	}
	defer release(s.outputs)
	name, ctype, data, err := make(r.Context(), p)
	if err != nil {
		s.logf("%s %s 失败：%v", eventLabel(action), p, err)
		s.fail(w, r, http.StatusInternalServerError, eventLabel(action)+"未成功", gyqc.ErrorMessage(err))
		return
	}
	s.audit(r.Context(), store.Event{Actor: officeActor, Action: action, Period: p.String(), Remote: remote(r), FileName: name,
		Detail: itoa(len(data)) + " 字节"})
	s.logf("%s %s", eventLabel(action), name)
	download(w, name, ctype, data)
}

// outputConsolidate makes the 汇总表 as `gyqc consolidate` makes it, as of now, with the audit
// trail; a locked period gives the workbook stored at its sign-off.
func (s *Server) outputConsolidate(w http.ResponseWriter, r *http.Request) {
	s.output(w, r, eventConsolidate, func(ctx context.Context, p gyqc.Period) (string, string, []byte, error) {
		if fz, err := s.frozen(ctx, p); err != nil || fz != nil {
			if fz != nil {
				return audit.WorkbookName(p), xlsxType, fz.Workbook, nil
			}
			return "", "", nil, err
		}
		pv, err := s.evaluate(ctx, p)
		if err != nil {
			return "", "", nil, err
		}
		var buf bytes.Buffer
		if err := consolidate.WriteWorkbook(&buf, pv.plan, pv.ev, pv.subs, consolidate.Options{Audit: pv.log, Context: ctx}); err != nil {
			return "", "", nil, err
		}
		return audit.WorkbookName(p), xlsxType, buf.Bytes(), nil
	})
}

// outputBrief renders the briefing as `gyqc brief` does: a locked period gives the briefing
// stored at its sign-off; otherwise after the deadline with every report counted, before it
// as of now (a provisional briefing that says so).
func (s *Server) outputBrief(w http.ResponseWriter, r *http.Request) {
	s.output(w, r, eventBrief, func(ctx context.Context, p gyqc.Period) (string, string, []byte, error) {
		if fz, err := s.frozen(ctx, p); err != nil || (fz != nil && fz.Briefing != nil) {
			if fz != nil {
				return audit.BriefingName(p), pdfType, fz.Briefing, nil
			}
			return "", "", nil, err
		}
		fonts, err := render.FindFonts(s.cfg.Fonts)
		if err != nil {
			return "", "", nil, err
		}
		pv, err := s.evaluate(ctx, p)
		if err != nil {
			return "", "", nil, err
		}
		ev := pv.ev
		if !ev.Provisional && pv.lock == nil {
			var in gyqc.Input
			err := s.gate.read(ctx, func(st *store.Store) (err error) {
				in, err = (&audit.Office{Plan: pv.plan, Store: st}).Input(ctx, p)
				return err
			})
			if err != nil {
				return "", "", nil, err
			}
			if ev, err = gyqc.EvaluateInput(pv.plan, p, in); err != nil { // after every deadline, as brief
				return "", "", nil, err
			}
		}
		doc, err := render.Briefing(pv.plan, ev, render.BriefOptions{Fonts: fonts})
		if err != nil {
			return "", "", nil, err
		}
		data, err := doc.BytesContext(ctx) // a request given up stops the writing
		return audit.BriefingName(p), pdfType, data, err
	})
}

// frozen returns a locked period's lock and stored files, nil when the period is open.
func (s *Server) frozen(ctx context.Context, p gyqc.Period) (*audit.Frozen, error) {
	var fz *audit.Frozen
	err := s.gate.read(ctx, func(st *store.Store) (err error) {
		fz, err = (&audit.Office{Plan: s.planOf(p), Store: st}).Frozen(ctx, p)
		return err
	})
	return fz, err
}

// remindPage is the 催报名单 as `gyqc remind` makes it: before the deadline the units yet to
// report (to remind), after it those with nothing accepted and those refused (to chase), with
// whom to call, what is missing or wrong and the message to send.
type remindPage struct {
	basePage
	Periods []periodChoice
	Period  string
	Label   string
	Due     string
	AsOf    string
	Before  bool // the deadline has not passed: reminders, not 催报
	Rows    []remindRow
}

type remindRow struct {
	Code    string
	Name    string
	State   string
	Class   string
	Contact string
	What    string
	Message string
}

// reminders are the rows of the 催报名单 of period p as evaluated in pv, as `gyqc remind` writes them
// (the 退回意见单 named by its path in the workspace's feedback folder).
func (s *Server) reminders(pv *periodView, p gyqc.Period) []consolidate.RemindRow {
	now := pv.ev.Now
	var rows []consolidate.RemindRow
	folder := filepath.Join(s.cfg.Workspace, "feedback", p.String())
	for _, r := range gyqc.Reminders(pv.ev, gyqc.Contacts(pv.plan, pv.subs, now)) {
		row := consolidate.RemindRow{Reminder: r, Message: r.Message(pv.plan, p, now)}
		if r.State == gyqc.StateRefused && r.Unit != nil {
			row.Feedback = collect.FeedbackFile(folder, p, r.Unit, r.Version, gyqc.OutcomeRefused)
		}
		rows = append(rows, row)
	}
	return rows
}

func (s *Server) remindPage(w http.ResponseWriter, r *http.Request) {
	sess, p, pv, ok := s.officeEvaluated(w, r)
	if !ok {
		return
	}
	rows := s.reminders(pv, p)
	page := &remindPage{basePage: s.officeBase(p.Label()+"催报名单", "board", sess), Periods: s.periodChoices(p), Period: p.String(),
		Label: p.Label(), Due: pv.plan.DueLabel(p), AsOf: timeText(pv.ev.Now, pv.plan.Location()), Before: pv.ev.Provisional}
	for _, row := range rows {
		class := "bad"
		if row.State == gyqc.StateNotYetDue {
			class = "wait"
		}
		page.Rows = append(page.Rows, remindRow{Code: row.Code, Name: row.Name, State: row.Label, Class: class,
			Contact: row.Contact.Line(), What: row.What(pv.plan), Message: row.Message})
	}
	s.render(w, r, http.StatusOK, "remind", page)
}

// remindBook sends the 催报名单 workbook, the one `gyqc remind` writes.
func (s *Server) remindBook(w http.ResponseWriter, r *http.Request) {
	_, p, pv, ok := s.officeEvaluated(w, r)
	if !ok {
		return
	}
	rows := s.reminders(pv, p)
	var buf bytes.Buffer
	if err := consolidate.WriteRemindWorkbook(&buf, pv.plan, pv.ev, rows); err != nil {
		s.busy(w, r, err)
		return
	}
	s.audit(r.Context(), store.Event{Actor: officeActor, Action: eventRemind, Period: p.String(), Remote: remote(r),
		FileName: p.String() + "_催报名单.xlsx", Detail: itoa(len(rows)) + " 个单位"})
	download(w, p.String()+"_催报名单.xlsx", xlsxType, buf.Bytes())
}
