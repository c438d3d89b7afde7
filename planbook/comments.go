package planbook

import "github.com/qianjiang/gyqc/planfile"

// The comments of the canonical files. They are fixed texts: the files' bytes depend only on
// the workbook's content.
const (
	planHeader = `# gyqc plan file, written by ` + "`gyqc plan import`" + ` from the workbook 方案与名册.xlsx.
#
# Edit the workbook (gyqc plan export) rather than this file: importing the workbook again
# rewrites this file in the same canonical form. Texts, targets and units of the tasks and
# indicators are the plan document's own (locked in the workbook); baselines, yearly targets,
# reporting units, the assessment rules and the briefing's details are the office's to set.`

	unitsHeader = `# gyqc units file, written by ` + "`gyqc plan import`" + ` from the workbook 方案与名册.xlsx.
#
# code is short, stable and ASCII (it appears in file names); name is the canonical name;
# aliases are other spellings. Group members are unit codes or the names of other groups.
# Units and groups marked example: true are examples the office has not yet confirmed.`
)

// sectionComments are written above the keys at these paths.
var sectionComments = map[planfile.Which]map[string]string{
	planfile.PlanYAML: {
		"horizon":      "# The reporting periods, and the start of the time-elapsed expectation (时序进度).",
		"reporting":    "# Reports are due before due_day of the following month at due_time.",
		"projects":     "# The eight projects and their tasks, as the plan document writes them.",
		"requirements": "# The work requirements (工作要求).",
		"indicators":   "# The quantitative targets. kind and comparator say how each is judged; baseline is the office's.",
		"lights":       "# Task lights: margins behind the expectation for yellow and red.",
		"assessment":   "# The assessment of units: defaults for the office to confirm. Each unit starts from full_score\n# and loses points per occurrence of a rule, at most max a month.",
	},
	planfile.UnitsYAML: {
		"groups": "# Names in the plan that stand for several units.",
	},
}

// flowLists are lists of records written one record a line.
var flowLists = map[planfile.Which]map[string]bool{
	planfile.PlanYAML:  {"assessment.rules": true},
	planfile.UnitsYAML: {"units": true},
}
