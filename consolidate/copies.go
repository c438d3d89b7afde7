package consolidate

import (
	"fmt"
	"unicode/utf8"

	"github.com/qianjiang/gyqc"
)

// Copies finds progress texts of an examined return that are identical to another unit's text
// in the same period (自动查重), among peers: the other units' current submissions, those
// collected before and those accepted earlier in the same batch. It returns the warnings,
// each naming the cell; AddProblems puts them on the return.
func Copies(plan *gyqc.Plan, ex *Examined, peers []gyqc.Submission, opts CheckOptions) gyqc.Problems {
	if !ex.Attributed || ex.Returned == nil {
		return nil
	}
	opts = opts.withDefaults()
	seen := map[string]peerText{}
	for _, peer := range peers {
		if peer.Unit == ex.Unit.Code {
			continue
		}
		for _, pt := range peer.Tasks {
			if k := normText(pt.Progress); utf8.RuneCountInString(k) >= opts.MinDuplicate {
				if _, dup := seen[k]; !dup {
					seen[k] = peerText{unit: peer.Unit, task: pt.Task}
				}
			}
		}
	}
	var probs gyqc.Problems
	for _, t := range ex.Tasks {
		p, ok := seen[normText(t.Progress)]
		if !ok {
			continue
		}
		other := p.unit
		if u := plan.Registry.Unit(p.unit); u != nil {
			other = u.Name
		}
		in := ex.Returned.Task(t.Task)
		if in == nil {
			continue
		}
		task := plan.Task(t.Task)
		probs = append(probs, gyqc.Problem{Severity: gyqc.SevWarning, Sheet: in.Progress.Sheet, Cell: in.Progress.Cell,
			Rule: "copied-other-unit", Value: clip(in.Progress.Text), Task: t.Task,
			Message: fmt.Sprintf("任务 %d“%s”的本月工作进展与%s所报（任务 %d）完全相同", t.Task, task.Title, other, p.task),
			Fix:     "请填写本单位自己的工作进展"})
	}
	return probs
}

type peerText struct {
	unit string
	task int
}

// AddProblems adds problems found after Examine (such as Copies) and decides the outcome
// again.
func (ex *Examined) AddProblems(name string, probs gyqc.Problems) {
	if len(probs) == 0 {
		return
	}
	ex.Problems = append(ex.Problems, probs...)
	ex.named(name)
	if ex.Attributed {
		ex.Outcome = Outcome(ex.Problems)
	}
}
