package portal

import (
	"net/http"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/store"
)

// officeUploadPage takes returns that reached the office by other ways (mail, chat, a USB
// stick), many at once, with the time they were received.
type officeUploadPage struct {
	basePage
	Periods  []periodChoice
	Received string // the value of the received-time field
	Max      int
	MaxMB    int64
	Results  []officeResult
	Summary  string
}

// officeResult is what became of one file of an office upload.
type officeResult struct {
	Receipt  receipt
	UnitName string
	Link     string // the unit's page on the office side
}

// receivedLayout is the form of the received-time field (an HTML datetime-local input).
const receivedLayout = "2006-01-02T15:04"

func (s *Server) officeUploadPage(w http.ResponseWriter, r *http.Request) {
	sess, p, ok := s.officePeriod(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "officeupload", &officeUploadPage{basePage: s.officeBase("代收文件", "upload", sess),
		Periods: s.periodChoices(p), Max: s.cfg.MaxOfficeFiles, MaxMB: s.cfg.Limits.MaxFileSize >> 20})
}

// officeUpload collects the files of the form as `gyqc collect --received` would.
func (s *Server) officeUpload(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.officeSession(w, r)
	if !ok {
		return
	}
	if !acquire(r.Context(), s.bodies) {
		return
	}
	defer release(s.bodies)
	var period gyqc.Period
	var received time.Time
	now := s.cfg.Now()
	check := func(fields map[string]string) error {
		if !s.sameOrigin(r) || !s.keys.checkCSRF(sess, fields["csrf"]) {
			return &requestError{http.StatusForbidden, "表单已过期或不是从本平台的页面提交的。请返回、刷新页面后重试。"}
		}
		var err error
		if period, err = gyqc.ParsePeriod(fields["period"]); err == nil {
			err = s.active().CheckPeriod(period)
		}
		if err != nil {
			return &requestError{http.StatusBadRequest, gyqc.ErrorMessage(err)}
		}
		received, err = s.receivedTime(fields["received"], now)
		return err
	}
	files, fields, err := s.receive(w, r, s.cfg.MaxOfficeFiles, maxOfficeBody, check)
	if err == nil && len(files) == 0 {
		err = &requestError{http.StatusBadRequest, "没有收到文件：请选择要收取的文件（可一次选择多个）"}
	}
	if err != nil {
		s.requestFailed(w, r, err)
		return
	}
	ups := make([]*upload, len(files))
	for i, f := range files {
		ups[i] = &upload{file: collect.File{Path: f.rec.Path, Name: f.name, Size: f.rec.Size, Received: received,
			Actor: trailActor(officeActor, r)}, period: period, action: gyqc.ActionCollect,
			audit: store.Event{Actor: officeActor, Action: eventOfficeUp, Remote: remote(r)}}
	}
	out, err := s.recv.submit(ups...)
	if err != nil {
		s.uploadFailed(w, r, err)
		return
	}
	page := &officeUploadPage{basePage: s.officeBase("代收文件", "upload", sess), Periods: s.periodChoices(period),
		Received: fields["received"], Max: s.cfg.MaxOfficeFiles, MaxMB: s.cfg.Limits.MaxFileSize >> 20}
	counts := map[gyqc.Outcome]int{}
	for _, res := range out {
		counts[res.res.Outcome]++
		or := officeResult{Receipt: s.receiptOfResult(Holder{Period: period, Unit: &gyqc.Unit{}}, res.res, ""), UnitName: res.res.UnitName}
		if res.res.Unit != "" && res.res.Version > 0 {
			or.Link = "/office/unit/" + res.res.Unit + "/?period=" + period.String()
		}
		page.Results = append(page.Results, or)
	}
	page.Summary = period.Label() + "：收取 " + itoa(len(out)) + " 个文件，接收 " + itoa(counts[gyqc.OutcomeAccepted]+counts[gyqc.OutcomeWarned]) +
		"（其中有警告 " + itoa(counts[gyqc.OutcomeWarned]) + "），退回 " + itoa(counts[gyqc.OutcomeRefused]) + "。"
	s.logf("办公室代收 %s：%s", period, page.Summary)
	s.render(w, r, http.StatusOK, "officeupload", page)
}

// receivedTime reads the received-time field: empty means now; a time more than a minute
// ahead of the server's clock, or before the plan began, is refused.
func (s *Server) receivedTime(v string, now time.Time) (time.Time, error) {
	if v == "" {
		return now, nil
	}
	t, err := time.ParseInLocation(receivedLayout, v, s.active().Location())
	if err != nil {
		if t, err = time.ParseInLocation("2006-01-02 15:04", v, s.active().Location()); err != nil {
			return t, &requestError{http.StatusBadRequest, "收到时间“" + v + "”格式不正确，应写作 2025-07-03 10:00"}
		}
	}
	if t.After(now.Add(time.Minute)) {
		return t, &requestError{http.StatusBadRequest, "收到时间“" + v + "”晚于现在，请检查日期"}
	}
	if t.Before(s.active().Horizon.First.Start(s.active().Location())) {
		return t, &requestError{http.StatusBadRequest, "收到时间“" + v + "”早于方案的第一个报送期，请检查日期"}
	}
	return t, nil
}
