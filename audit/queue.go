package audit

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
)

// Item is one unit's return as the review list shows it.
type Item struct {
	Unit     string            `json:"unit"`
	Name     string            `json:"name"`
	Status   gyqc.ReviewStatus `json:"status"` // pending, accepted, returned
	Label    string            `json:"label"`  // 待审核, 已审核, 退回
	State    string            `json:"state"`  // the reporting state: 按时报送, 迟报…, 被退回
	Version  int               `json:"version,omitempty"`
	Received time.Time         `json:"received,omitzero"`
	// Texts are the problems the automatic checks found in texts (a progress copied from last
	// month or from another unit): what the office reads first.
	Texts gyqc.Problems `json:"texts"`
	// Flags are the evaluation's findings awaiting the office's check (待核实).
	Flags   []gyqc.Flag `json:"flags"`
	Adopted []int       `json:"adopted"` // tasks whose 经验做法 in the current version stands adopted
	// Practices are the 经验做法 the current version carries, adopted or not, in task order;
	// Rewritten the tasks whose adopted practice a later version rewrote, so that the
	// adoption no longer counts until the office adopts the new text.
	Practices []Practice        `json:"practices"`
	Rewritten []int             `json:"rewritten"`
	Return    string            `json:"return,omitempty"`
	Review    *gyqc.Review      `json:"-"`
	Report    *gyqc.ReportState `json:"-"`
}

// Waiting reports whether the item needs the office: a version not yet reviewed or a flag
// not yet checked.
func (it Item) Waiting() bool { return it.Status == gyqc.ReviewPending || len(it.Flags) > 0 }

// Queue lists the units' returns of a period for review as of now: those waiting first — the
// ones whose texts the automatic checks flagged as unchanged or copied before the others —
// then those reviewed or returned, each group in registry order. Units with nothing accepted
// and nothing returned are left out.
func (o *Office) Queue(ctx context.Context, period gyqc.Period, now time.Time) ([]Item, error) {
	ev, _, err := o.Evaluate(ctx, period, now)
	if err != nil {
		return nil, err
	}
	var out []Item
	for _, ue := range ev.Units {
		r := ue.Report
		if r.ReviewStatus == gyqc.ReviewNone {
			continue
		}
		it := Item{Unit: ue.Code, Name: ue.Name, Status: r.ReviewStatus, Label: r.ReviewStatus.Label(), State: r.Label(),
			Texts: gyqc.Problems{}, Flags: []gyqc.Flag{}, Adopted: []int{}, Review: ue.Review, Report: r, Return: r.ReturnLabel(o.Plan)}
		if c := r.Current; c != nil {
			it.Version, it.Received = c.Version, c.Received
			for _, p := range c.Problems {
				if TextProblem(p) {
					it.Texts = append(it.Texts, p)
				}
			}
		}
		for _, f := range ue.Flags {
			if !f.Confirmed && !f.Dismissed {
				it.Flags = append(it.Flags, f)
			}
		}
		it.Adopted = append(it.Adopted, ue.Adopted...)
		it.Practices, it.Rewritten = practices(ue)
		out = append(out, it)
	}
	rank := func(it Item) int {
		switch {
		case it.Waiting() && len(it.Texts) > 0:
			return 0
		case it.Waiting():
			return 1
		case it.Status == gyqc.ReviewReturned:
			return 2
		}
		return 3
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out, nil
}

// Practice is a 经验做法 of the current version, as the review list shows it.
type Practice struct {
	Task    int    `json:"task"`
	Text    string `json:"text"`
	Adopted bool   `json:"adopted"`
}

// practices returns the 经验做法 of the unit's current version and the tasks whose adoption
// a later version's rewriting set aside.
func practices(ue *gyqc.UnitEvaluation) (list []Practice, rewritten []int) {
	list, rewritten = []Practice{}, []int{}
	c := ue.Report.Current
	if c == nil {
		return list, rewritten
	}
	for i := range c.Tasks {
		tr := &c.Tasks[i]
		if !tr.HasPractice() {
			continue
		}
		adopted := slices.Contains(ue.Adopted, tr.Task)
		list = append(list, Practice{Task: tr.Task, Text: strings.TrimSpace(tr.Practice), Adopted: adopted})
		if !adopted && ue.Review.Adopted(tr.Task) {
			rewritten = append(rewritten, tr.Task)
		}
	}
	return list, rewritten
}

// TextProblem reports whether a problem is about a text the unit copied: its progress the
// same as last month or as another unit's (rules copied-last-month, copied-other-unit).
func TextProblem(p gyqc.Problem) bool { return strings.HasPrefix(string(p.Rule), "copied-") }
