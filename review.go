package gyqc

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ReviewKind is one kind of decision the office records on a unit's return (审核).
type ReviewKind string

// Kinds of review decisions.
const (
	ReviewAccept  ReviewKind = "accept"  // 审核通过 the current version
	ReviewReturn  ReviewKind = "return"  // 退回 the current version, in the office's words
	ReviewConfirm ReviewKind = "confirm" // 核实属实: a flag of the evaluation costs points
	ReviewDismiss ReviewKind = "dismiss" // 核实不属实: a flag is set aside
	ReviewAdopt   ReviewKind = "adopt"   // 采用 a task's 经验做法 into the briefing
	ReviewUnadopt ReviewKind = "unadopt" // 撤销采用
)

// Label returns the kind in Chinese.
func (k ReviewKind) Label() string {
	switch k {
	case ReviewAccept:
		return "审核通过"
	case ReviewReturn:
		return "退回"
	case ReviewConfirm:
		return "核实属实"
	case ReviewDismiss:
		return "核实不属实"
	case ReviewAdopt:
		return "采用经验做法"
	case ReviewUnadopt:
		return "撤销采用经验做法"
	}
	return string(k)
}

// ReviewEvent is one decision of the office on one unit's return for one period, as recorded.
// Which fields matter depends on Kind: Version for accept, return and adopt (the version
// judged, or whose practice was read),
// Text for every kind (the 退回意见 of a return, a note otherwise), Until for a return (the
// corrected return is due by then; zero: no date set), Flag for confirm and dismiss (a
// Flag.Key of the evaluation), Task for adopt and unadopt.
type ReviewEvent struct {
	ID       int64      `json:"id"`
	Period   Period     `json:"period"`
	Unit     string     `json:"unit"`
	Kind     ReviewKind `json:"kind"`
	Version  int        `json:"version,omitempty"`
	Text     string     `json:"text,omitempty"`
	Until    time.Time  `json:"until,omitzero"`
	Flag     string     `json:"flag,omitempty"`
	Task     int        `json:"task,omitempty"`
	Reviewer string     `json:"reviewer"`
	At       time.Time  `json:"at"`
}

// ManualReturn is a return (退回) of an accepted version by the office, in its own words.
type ManualReturn struct {
	Version  int       `json:"version"` // the version returned
	Reason   string    `json:"reason"`  // the office's words (退回意见)
	Until    time.Time `json:"until,omitzero"`
	At       time.Time `json:"at"`
	Reviewer string    `json:"reviewer"`
}

// UntilLabel writes the date the correction is due by, in the plan's time zone, or says that
// none was set.
func (m *ManualReturn) UntilLabel(p *Plan) string {
	if m.Until.IsZero() {
		return "未限定更正时间"
	}
	return m.Until.In(p.Location()).Format("2006-01-02 15:04") + "前"
}

// FlagDecision is the office's finding on one flag of the evaluation: confirmed (属实, it
// costs points) or dismissed (不属实).
type FlagDecision struct {
	Key       string    `json:"key"`
	Confirmed bool      `json:"confirmed"`
	Note      string    `json:"note,omitempty"`
	Reviewer  string    `json:"reviewer"`
	At        time.Time `json:"at"`
}

// Adoption is a task's 经验做法, as the unit reported it for the period, adopted by the office
// into the briefing.
type Adoption struct {
	Task     int       `json:"task"`
	Version  int       `json:"version,omitempty"` // the version whose practice the office read; 0: not recorded
	Note     string    `json:"note,omitempty"`
	Reviewer string    `json:"reviewer"`
	At       time.Time `json:"at"`
}

// Review is the office's standing judgement of one unit's return for one period, folded from
// its ReviewEvents: the latest accept or return (Decision, Version), the latest manual return
// (kept after it was corrected, so that the correction can be judged), the flags confirmed or
// dismissed, and the tasks whose 经验做法 were adopted. Accepting the very version that was
// returned withdraws the return; returning it again rewords the same return.
//
// The evaluation reads it through Input.Reviews: a manual return makes the unit's state 被退回
// until a later version arrives (ReportState.Returned, Corrected); only a confirmed flag may
// cost points (Confirmed); an adopted practice may earn the bonus the assessment sets
// (Adopted).
type Review struct {
	Period    Period         `json:"period"`
	Unit      string         `json:"unit"`
	Decision  ReviewKind     `json:"decision,omitempty"` // ReviewAccept, ReviewReturn or empty
	Version   int            `json:"version,omitempty"`  // the version Decision is about
	Reviewer  string         `json:"reviewer,omitempty"`
	At        time.Time      `json:"at,omitzero"`
	Note      string         `json:"note,omitempty"`
	Return    *ManualReturn  `json:"return,omitempty"`
	Returns   int            `json:"returns,omitempty"` // manual returns made in all
	Flags     []FlagDecision `json:"flags,omitempty"`   // the latest finding per flag, in key order
	Adoptions []Adoption     `json:"adoptions,omitempty"`
}

// Confirmed reports whether the office confirmed the flag with the key (属实): only then does
// it cost points. A nil Review confirms nothing.
func (r *Review) Confirmed(key string) bool {
	if d := r.flag(key); d != nil {
		return d.Confirmed
	}
	return false
}

// Dismissed reports whether the office dismissed the flag with the key (不属实).
func (r *Review) Dismissed(key string) bool {
	if d := r.flag(key); d != nil {
		return !d.Confirmed
	}
	return false
}

func (r *Review) flag(key string) *FlagDecision {
	if r == nil {
		return nil
	}
	return find(r.Flags, func(d *FlagDecision) bool { return d.Key == key })
}

// Adopted reports whether the office adopted the unit's 经验做法 on task no into the briefing.
func (r *Review) Adopted(task int) bool { return r.Adoption(task) != nil }

// apply folds one event into the review.
func (r *Review) apply(e ReviewEvent) {
	switch e.Kind {
	case ReviewAccept:
		r.Decision, r.Version, r.Reviewer, r.At, r.Note = e.Kind, e.Version, e.Reviewer, e.At, e.Text
		if r.Return != nil && r.Return.Version == e.Version { // the return is withdrawn
			r.Return = nil
			r.Returns--
		}
	case ReviewReturn:
		if r.Return == nil || r.Return.Version != e.Version { // else the same return, reworded
			r.Returns++
		}
		r.Decision, r.Version, r.Reviewer, r.At, r.Note = e.Kind, e.Version, e.Reviewer, e.At, ""
		r.Return = &ManualReturn{Version: e.Version, Reason: e.Text, Until: e.Until, At: e.At, Reviewer: e.Reviewer}
	case ReviewConfirm, ReviewDismiss:
		d := FlagDecision{Key: e.Flag, Confirmed: e.Kind == ReviewConfirm, Note: e.Text, Reviewer: e.Reviewer, At: e.At}
		i, found := slices.BinarySearchFunc(r.Flags, e.Flag, func(x FlagDecision, k string) int { return strings.Compare(x.Key, k) })
		if found {
			r.Flags[i] = d
		} else {
			r.Flags = slices.Insert(r.Flags, i, d)
		}
	case ReviewAdopt, ReviewUnadopt:
		r.Adoptions = slices.DeleteFunc(r.Adoptions, func(a Adoption) bool { return a.Task == e.Task })
		if e.Kind == ReviewAdopt {
			a := Adoption{Task: e.Task, Version: e.Version, Note: e.Text, Reviewer: e.Reviewer, At: e.At}
			i, _ := slices.BinarySearchFunc(r.Adoptions, e.Task, func(x Adoption, t int) int { return x.Task - t })
			r.Adoptions = slices.Insert(r.Adoptions, i, a)
		}
	}
}

// Reviews are the office's decisions as recorded, in the order they were made.
type Reviews []ReviewEvent

// Fold returns the standing review of every unit and period, counting only the decisions made
// at or before now (all of them when now is zero), so that an evaluation can be repeated as of
// any moment. The key is ReviewKey(period, unit).
func (rs Reviews) Fold(now time.Time) map[string]*Review {
	out := map[string]*Review{}
	for _, e := range rs {
		if !now.IsZero() && e.At.After(now) {
			continue
		}
		k := ReviewKey(e.Period, e.Unit)
		r := out[k]
		if r == nil {
			r = &Review{Period: e.Period, Unit: e.Unit}
			out[k] = r
		}
		r.apply(e)
	}
	return out
}

// Of returns the standing review of one unit's return for one period as of now, nil when the
// office decided nothing on it.
func (rs Reviews) Of(period Period, unit string, now time.Time) *Review {
	var r *Review
	for _, e := range rs {
		if e.Period != period || e.Unit != unit || !now.IsZero() && e.At.After(now) {
			continue
		}
		if r == nil {
			r = &Review{Period: period, Unit: unit}
		}
		r.apply(e)
	}
	return r
}

// ReviewKey is the key of Reviews.Fold.
func ReviewKey(period Period, unit string) string { return period.String() + "/" + unit }

// ReviewStatus is where a unit's return of a period stands in the office's review.
type ReviewStatus string

// Review statuses.
const (
	ReviewNone     ReviewStatus = ""         // nothing to review: no version accepted
	ReviewPending  ReviewStatus = "pending"  // 待审核: the current version awaits review
	ReviewAccepted ReviewStatus = "accepted" // 已审核: the office accepted the current version
	ReviewReturned ReviewStatus = "returned" // 退回: the office returned the current version
)

// Label returns the status in Chinese: 待审核, 已审核, 退回, or empty.
func (s ReviewStatus) Label() string {
	switch s {
	case ReviewPending:
		return "待审核"
	case ReviewAccepted:
		return "已审核"
	case ReviewReturned:
		return "退回"
	}
	return ""
}

// applyReview applies the office's review to a reporting state judged at now (see
// ReportState): a manual return of the current version makes the state 被退回 until a later
// version arrives; a later acceptable version received after the return's Until (and after
// the deadline) is late by that much; one received in time is 按期更正 and keeps the state the
// first version earned.
func (r *ReportState) applyReview(rv *Review, due time.Time) {
	r.Review = rv
	defer func() { r.ReviewStatus = r.reviewStatus() }()
	if rv == nil || rv.Return == nil {
		return
	}
	ret := rv.Return
	r.ManualReturns = rv.Returns
	var fix *Submission
	for _, s := range r.Attempts {
		if s.Version > ret.Version && s.Outcome.Acceptable() {
			fix = s
			break
		}
	}
	switch {
	case fix == nil && r.Latest != nil && r.Latest.Version > ret.Version:
		// Corrected, but the correction was refused: the automatic refusal stands.
	case fix == nil:
		r.Returned = ret
		r.State = StateRefused
	default:
		limit := due
		if ret.Until.After(limit) {
			limit = ret.Until
		}
		if fix.Received.After(limit) {
			if late := fix.Received.Sub(limit); late > r.Late {
				r.Late = late
			}
		} else {
			r.Corrected = true
		}
		if r.State != StateRefused {
			r.State = StateOnTime
			if r.Late > 0 {
				r.State = StateLate
			}
		}
	}
}

// reviewStatus says where the state stands in the office's review.
func (r *ReportState) reviewStatus() ReviewStatus {
	switch {
	case r.Returned != nil:
		return ReviewReturned
	case r.Current == nil:
		return ReviewNone
	case r.Review != nil && r.Review.Decision == ReviewAccept && r.Review.Version == r.Current.Version:
		return ReviewAccepted
	}
	return ReviewPending
}

// ReturnLabel describes the manual return in force in one sentence, empty when there is none:
// 第2版经审核退回（意见：…；请于2025-07-05 17:00前更正）.
func (r ReportState) ReturnLabel(p *Plan) string {
	if r.Returned == nil {
		return ""
	}
	ret := r.Returned
	s := fmt.Sprintf("第%d版经审核退回（意见：%s", ret.Version, ret.Reason)
	if !ret.Until.IsZero() {
		s += "；请于" + ret.UntilLabel(p) + "更正"
	}
	return s + "）"
}
