package review

import (
	"crypto/sha256"
	"fmt"
	"unicode/utf8"

	"github.com/qianjiang/gyqc"
)

// Peers indexes the progress texts of the units' current submissions of a period, for
// Copies: those collected before and those accepted earlier in the same batch. Texts shorter
// than Options.MinDuplicate are not indexed. A text is indexed by a digest of its normalised
// form, not kept: the index of a batch of 10,000 returns holds 10,000 returns' worth of
// digests, not of progress texts.
type Peers struct {
	min   int
	texts map[textKey]peerText // normalised text's digest → the first unit and task that wrote it
	units map[string][]textKey // unit → its indexed texts, so that a newer version replaces them
}

// textKey is the digest of a normalised progress text: 128 bits of SHA-256, so that two
// different texts share one only by a collision nobody can produce by chance.
type textKey [16]byte

// keyOf is the digest of a text's normalised form, and its length in characters.
func keyOf(s string) (textKey, int) {
	n := normText(s)
	sum := sha256.Sum256([]byte(n))
	return textKey(sum[:16]), utf8.RuneCountInString(n)
}

// NewPeers indexes subs (current submissions, one per unit).
func NewPeers(subs []gyqc.Submission, opts Options) *Peers {
	p := &Peers{min: opts.withDefaults().MinDuplicate, texts: map[textKey]peerText{}, units: map[string][]textKey{}}
	for i := range subs {
		p.Set(&subs[i])
	}
	return p
}

// Set makes sub its unit's current submission in the index.
func (p *Peers) Set(sub *gyqc.Submission) {
	for _, k := range p.units[sub.Unit] {
		if p.texts[k].unit == sub.Unit {
			delete(p.texts, k)
		}
	}
	p.units[sub.Unit] = p.units[sub.Unit][:0]
	for _, t := range sub.Tasks {
		k, n := keyOf(t.Progress)
		if n < p.min {
			continue
		}
		if _, dup := p.texts[k]; !dup {
			p.texts[k] = peerText{unit: sub.Unit, task: t.Task}
			p.units[sub.Unit] = append(p.units[sub.Unit], k)
		}
	}
}

// Copies finds progress texts of an examined return that are identical to another unit's text
// in the same period (自动查重), among peers. It returns the warnings, each naming the cell;
// AddProblems puts them on the return.
func Copies(plan *gyqc.Plan, ex *Examined, peers *Peers) gyqc.Problems {
	if !ex.Attributed || ex.Returned == nil || peers == nil {
		return nil
	}
	var probs gyqc.Problems
	for _, t := range ex.Tasks {
		k, _ := keyOf(t.Progress)
		p, ok := peers.texts[k]
		if !ok || p.unit == ex.Unit.Code {
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
			Rule: RuleCopiedOtherUnit, Value: clip(in.Progress.Text), Task: t.Task,
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
