package portal

import (
	"net/http"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

// officeUnitPage is everything the office sees of one unit in a period.
type officeUnitPage struct {
	basePage
	Unit       *gyqc.Unit
	Period     string
	PeriodCode string // YYYY-MM, for the forms of the page
	Query      string // ?period=… for the links of the page
	State      stateView
	Link       string
	Versions   []officeVersion
	Others     []attemptView // uploads through the link that could not be attributed
	Current    *gyqc.Submission
	Tasks      []taskView
	Values     []valueView
	Review     *reviewView
}

// officeVersion is one version with its 回执 and downloads.
type officeVersion struct {
	Receipt  receipt
	Original string
	Current  bool
}

// taskView is one task report of the current version.
type taskView struct {
	No       int
	Name     string
	Role     string
	Status   string
	Progress string
	Issues   string
	NextPlan string
}

// valueView is one indicator figure of the current version.
type valueView struct {
	Name  string
	Value string
	Note  string
}

// pathUnit returns the unit the request's path names ({code}) in the plan of period p, or
// answers not found.
func (s *Server) pathUnit(w http.ResponseWriter, r *http.Request, p gyqc.Period) (*gyqc.Unit, bool) {
	unit := s.planOf(p).Registry.Unit(r.PathValue("code"))
	if unit == nil {
		s.notFound(w, r)
		return nil, false
	}
	return unit, true
}

// officeUnitOf returns the session and period of an office page (officePeriod) with the unit
// its path names (pathUnit).
func (s *Server) officeUnitOf(w http.ResponseWriter, r *http.Request) (session, gyqc.Period, *gyqc.Unit, bool) {
	sess, p, ok := s.officePeriod(w, r)
	if !ok {
		return sess, p, nil, false
	}
	unit, ok := s.pathUnit(w, r, p)
	return sess, p, unit, ok
}

func (s *Server) officeUnit(w http.ResponseWriter, r *http.Request) {
	sess, p, unit, ok := s.officeUnitOf(w, r)
	if !ok {
		return
	}
	h := Holder{Unit: unit, Period: p}
	page := &officeUnitPage{basePage: s.officeBase(unit.Name+" "+p.Label(), "board", sess), Unit: unit, Period: p.Label(),
		PeriodCode: p.String(), Query: "?period=" + p.String()}
	if tok := s.links.Token(unit.Code, p); tok != "" {
		page.Link = UnitURL(s.cfg.BaseURL, tok)
	}
	err := s.gate.read(r.Context(), func(st *store.Store) error {
		uv, err := s.unitView(r.Context(), st, h)
		if err != nil {
			return err
		}
		page.State, page.Others = uv.State, nil
		for _, a := range uv.Attempts {
			if a.Version == 0 {
				page.Others = append(page.Others, a)
			}
		}
		subs, err := unitSubmissions(r.Context(), st, h)
		for i := len(subs) - 1; i >= 0; i-- {
			sub := &subs[i]
			base := "v/" + itoa(sub.Version) + "/"
			v := officeVersion{Receipt: s.receiptOfSubmission(unit, sub, base), Original: base + "original" + page.Query}
			v.Receipt.Feedback = withQuery(v.Receipt.Feedback, page.Query)
			v.Receipt.Marked = withQuery(v.Receipt.Marked, page.Query)
			for _, a := range uv.Attempts {
				if a.Version == sub.Version && a.Current {
					v.Current, page.Current = true, sub
				}
			}
			page.Versions = append(page.Versions, v)
		}
		return err
	})
	if err != nil {
		s.busy(w, r, err)
		return
	}
	page.Tasks, page.Values = s.contentOf(page.Current)
	if page.Review, err = s.reviewOf(r.Context(), p, unit.Code); err != nil {
		s.busy(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "officeunit", page)
}

func withQuery(link, q string) string {
	if link == "" {
		return ""
	}
	return link + q
}

// contentOf lists what a version says, task by task and figure by figure.
func (s *Server) contentOf(sub *gyqc.Submission) ([]taskView, []valueView) {
	if sub == nil {
		return nil, nil
	}
	var tasks []taskView
	for _, t := range sub.Tasks {
		tv := taskView{No: t.Task, Role: roleLabel(t.Role), Status: string(t.Status), Progress: t.Progress, Issues: t.Issues, NextPlan: t.NextPlan}
		if task := s.planOf(sub.Period).Task(t.Task); task != nil {
			tv.Name = task.Title
		}
		tasks = append(tasks, tv)
	}
	var values []valueView
	for _, v := range sub.Values {
		vv := valueView{Name: v.Key, Value: v.Raw, Note: v.Note}
		if ind := s.planOf(sub.Period).Indicator(v.Key); ind != nil {
			vv.Name = ind.Name
			if ind.Measure != "" && v.Raw != "" {
				vv.Value += " " + ind.Measure
			}
		}
		values = append(values, vv)
	}
	return tasks, values
}

// roleLabel is a role in Chinese.
func roleLabel(r gyqc.Role) string {
	if r == gyqc.RoleLead {
		return "牵头"
	}
	return "配合"
}

// officeUnitFile sends the original file, the 问题标注 or the 退回意见单 of a version.
func (s *Server) officeUnitFile(w http.ResponseWriter, r *http.Request) {
	_, p, unit, ok := s.officeUnitOf(w, r)
	if !ok {
		return
	}
	var sub *gyqc.Submission
	var data []byte
	err := s.gate.read(r.Context(), func(st *store.Store) error {
		var err error
		if sub, err = s.version(r.Context(), st, Holder{Unit: unit, Period: p}, r.PathValue("version")); sub == nil || err != nil {
			return err
		}
		data, err = st.ReadArchived(sub.Hash)
		return err
	})
	if err != nil {
		s.busy(w, r, err)
		return
	}
	if sub == nil {
		s.notFound(w, r)
		return
	}
	if r.PathValue("kind") == "original" {
		s.audit(r.Context(), store.Event{Actor: officeActor, Action: eventDownload, Unit: unit.Code, Period: p.String(),
			Remote: remote(r), FileName: sub.FileName, Hash: sub.Hash, Version: sub.Version})
		download(w, sub.Period.String()+"_"+unit.Code+"_"+unit.Name+"_第"+itoa(sub.Version)+"版_原件.xlsx", xlsxType, data)
		return
	}
	s.sendVersionFile(w, r, unit, sub, data, r.PathValue("kind"))
}
