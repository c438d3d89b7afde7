package portal

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/review"
	"github.com/qianjiang/gyqc/store"
)

// unitVersionFile sends the 问题标注 workbook or the 意见单 of a version, made from the
// archived file and the recorded problems.
func (s *Server) unitVersionFile(w http.ResponseWriter, r *http.Request) {
	var sub *gyqc.Submission
	var data []byte
	var h Holder
	ok := s.withHolder(w, r, func(st *store.Store, hh Holder) error {
		h = hh
		var err error
		if sub, err = s.version(r.Context(), st, h, r.PathValue("version")); sub == nil || err != nil {
			return err
		}
		data, err = st.ReadArchived(sub.Hash)
		return err
	})
	if !ok {
		return
	}
	if sub == nil {
		s.notFound(w, r)
		return
	}
	s.sendVersionFile(w, r, h.Unit, sub, data, r.PathValue("kind"))
}

// sendVersionFile sends a file made for a version: "marked" (问题标注), "feedback" (意见单)
// or, for the office only, "original".
func (s *Server) sendVersionFile(w http.ResponseWriter, r *http.Request, unit *gyqc.Unit, sub *gyqc.Submission, data []byte, kind string) {
	base := sub.Period.String() + "_" + unit.Code + "_" + unit.Name + "_第" + itoa(sub.Version) + "版"
	switch kind {
	case "marked":
		if !collect.Markable(sub.Problems) {
			s.notFound(w, r)
			return
		}
		out, err := review.MarkWorkbook(sub.FileName, data, s.cfg.Limits, sub.Problems)
		if err != nil {
			s.fail(w, r, http.StatusNotFound, "无法生成问题标注", "这个文件无法标注问题，请按回执或意见单中列出的问题修改。")
			return
		}
		download(w, base+"_问题标注.xlsx", xlsxType, out)
	case "feedback":
		s.sendFeedback(w, r, unit, sub.Period, sub.FileName, sub.Received, sub.Outcome, sub.Hash, sub.Problems, base)
	default:
		s.notFound(w, r)
	}
}

// sendFeedback sends the 意见单 of a file of outcome o: a 退回意见单 or a 审核意见单.
func (s *Server) sendFeedback(w http.ResponseWriter, r *http.Request, unit *gyqc.Unit, p gyqc.Period, name string, received time.Time,
	o gyqc.Outcome, hash string, probs gyqc.Problems, base string) {
	info := collect.FeedbackInfo(s.planOf(p), p, unit, name, received, o, hash, s.cfg.Now())
	var buf bytes.Buffer
	if err := review.WriteFeedback(&buf, info, probs); err != nil {
		s.busy(w, r, err)
		return
	}
	download(w, base+review.FeedbackSuffix(o), xlsxType, buf.Bytes())
}

// unitAttempt shows the 回执 of an upload through the link that could not be attributed (not
// a template, another unit's or another period's).
func (s *Server) unitAttempt(w http.ResponseWriter, r *http.Request) {
	s.holderResult(w, r, func(st *store.Store, h Holder) (*resultPage, error) {
		e, probs, err := s.attempt(r.Context(), st, h, r.PathValue("id"))
		if e == nil {
			return nil, err
		}
		rc := receipt{Unit: h.Unit.Name, Period: h.Period.Label(), FileName: e.FileName, Received: timeText(e.Time, s.active().Location()),
			Hash: e.Hash, Label: e.Outcome.Label(), Class: outcomeClass(e.Outcome), Errors: len(probs.Errors()),
			Warnings: len(probs.Warnings()), Problems: problemViews(probs), Feedback: "feedback",
			FeedbackTitle: gyqc.OutcomeRefused.FeedbackTitle()}
		return &resultPage{basePage: basePage{Title: "上传回执"}, Receipt: rc, Back: "../../"}, err
	})
}

// attempt returns the unattributed upload of the link's unit named by a path value, with its
// problems, or nil.
func (s *Server) attempt(ctx context.Context, st *store.Store, h Holder, v string) (*store.Event, gyqc.Problems, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return nil, nil, nil
	}
	e, err := st.Event(ctx, id)
	if err != nil || e == nil || e.Action != eventUpload || e.Actor != h.Unit.Code || e.Period != h.Period.String() || e.Version != 0 {
		return nil, nil, err
	}
	probs, found, err := st.Rejected(ctx, e.Hash, h.Period)
	if !found || err != nil {
		return nil, nil, err
	}
	return e, probs, nil
}

// unitAttemptFile sends the 退回意见单 of an unattributed upload.
func (s *Server) unitAttemptFile(w http.ResponseWriter, r *http.Request) {
	var e *store.Event
	var probs gyqc.Problems
	var h Holder
	ok := s.withHolder(w, r, func(st *store.Store, hh Holder) error {
		h = hh
		var err error
		e, probs, err = s.attempt(r.Context(), st, h, r.PathValue("id"))
		return err
	})
	if !ok {
		return
	}
	if e == nil || r.PathValue("kind") != "feedback" {
		s.notFound(w, r)
		return
	}
	base := h.Period.String() + "_" + h.Unit.Code + "_" + h.Unit.Name + "_" + e.Hash[:8]
	s.sendFeedback(w, r, h.Unit, h.Period, e.FileName, e.Time, gyqc.OutcomeRefused, e.Hash, probs, base)
}
