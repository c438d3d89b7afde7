package gyqc

import (
	"strings"
	"unicode"
)

// HasPractice reports whether the report carries a 经验做法 worth reading: at least two letters
// (汉字 or others), not a stray mark such as “。” or “/” left in the optional column.
func (t *TaskReport) HasPractice() bool {
	n := 0
	for _, r := range t.Practice {
		if unicode.IsLetter(r) {
			if n++; n == 2 {
				return true
			}
		}
	}
	return false
}

// Adoption returns the office's adoption of the task's 经验做法, nil when none.
func (r *Review) Adoption(task int) *Adoption {
	if r == nil {
		return nil
	}
	return find(r.Adoptions, func(a *Adoption) bool { return a.Task == task })
}

// adoptedPractices returns the tasks whose 经验做法 in the current version stands adopted: the
// office adopted it, and the text is the one it read — that of the version it adopted (an
// adoption recorded without a version holds for whatever the current version says). A unit
// that rewrites its practice in a later version has it read again before it counts.
func adoptedPractices(r *ReportState, rv *Review) []int {
	if r == nil || r.Current == nil || rv == nil {
		return nil
	}
	var out []int
	for i := range r.Current.Tasks {
		tr := &r.Current.Tasks[i]
		a := rv.Adoption(tr.Task)
		if a == nil || !tr.HasPractice() {
			continue
		}
		if a.Version != 0 && a.Version != r.Current.Version && !samePractice(r, a.Version, tr) {
			continue
		}
		out = append(out, tr.Task)
	}
	return out
}

// samePractice reports whether the version v of the unit's return said the same 经验做法 on
// the task as tr.
func samePractice(r *ReportState, v int, tr *TaskReport) bool {
	for _, s := range r.Attempts {
		if s.Version == v {
			old := s.Task(tr.Task)
			return old != nil && strings.TrimSpace(old.Practice) == strings.TrimSpace(tr.Practice)
		}
	}
	return false
}
