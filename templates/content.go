package templates

import (
	"strconv"

	"github.com/qianjiang/gyqc"
)

// cellText is the locked content of one cell of a data row, as the plan determines it. The
// writer writes it, the reader compares what it finds with it, and Fingerprint hashes it.
type cellText struct {
	Field  Field
	Text   string
	Number bool // written as a number, read back as its decimal text
}

// roleText is what the 本单位职责 cell says: 牵头, 配合, or 配合（各乡镇街道） when the unit is
// named through a group.
func roleText(a gyqc.Assignment) string {
	if a.Via != "" {
		return a.Role.Label() + "（" + a.Via + "）"
	}
	return a.Role.Label()
}

// taskCells returns the locked, plan-derived cells of the 任务进展 row of assignment a.
func taskCells(plan *gyqc.Plan, a gyqc.Assignment) []cellText {
	t := plan.Task(a.Task)
	if t == nil {
		return nil
	}
	project := ""
	if pj := plan.Project(t.Project); pj != nil {
		project = pj.Name
	}
	return []cellText{
		{Field: FieldTaskNo, Text: strconv.Itoa(t.No), Number: true},
		{Field: FieldProject, Text: project},
		{Field: FieldTaskTitle, Text: t.Title},
		{Field: FieldRole, Text: roleText(a)},
		{Field: FieldRequirement, Text: t.Text},
	}
}

// indicatorCells returns the locked, plan-derived cells of the 指标填报 row of ind, the
// seq-th indicator the unit reports.
func indicatorCells(ind *gyqc.Indicator, seq int) []cellText {
	return []cellText{
		{Field: FieldSeq, Text: strconv.Itoa(seq), Number: true},
		{Field: FieldName, Text: ind.Name},
		{Field: FieldMeasure, Text: ind.Measure},
		{Field: FieldTarget, Text: ind.TargetLabel()},
		{Field: FieldKind, Text: ind.Kind.Label()},
		{Field: FieldTask, Text: strconv.Itoa(ind.Task), Number: true},
	}
}
