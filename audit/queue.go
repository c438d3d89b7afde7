package audit

import (
	"context"
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
	Flags   []gyqc.Flag       `json:"flags"`
	Adopted []int             `json:"adopted"` // tasks whose 经验做法 the office adopted
	Return  string            `json:"return,omitempty"`
	Review  *gyqc.Review      `json:"-"`
	Report  *gyqc.ReportState `json:"-"`
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
		if ue.Review != nil {
			for _, a := range ue.Review.Adoptions {
				it.Adopted = append(it.Adopted, a.Task)
			}
		}
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

// TextProblem reports whether a problem is about a text the unit copied: its progress the
// same as last month or as another unit's (rules copied-last-month, copied-other-unit).
func TextProblem(p gyqc.Problem) bool { return strings.HasPrefix(string(p.Rule), "copied-") }
