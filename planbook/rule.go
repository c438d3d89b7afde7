package planbook

import "github.com/qianjiang/gyqc"

// Rules of the problems found in the plan workbook (方案与名册.xlsx) beyond those it shares
// with the plan file (planfile.Rule*).
const (
	RuleBadChoice       gyqc.Rule = "bad-choice"
	RuleBadKindLabel    gyqc.Rule = "bad-kind-label"
	RuleBadLine         gyqc.Rule = "bad-line"
	RuleBadNumber       gyqc.Rule = "bad-number"
	RuleCodeAssigned    gyqc.Rule = "code-assigned"
	RuleDuplicateColumn gyqc.Rule = "duplicate-column"
	RuleGroupNotUnit    gyqc.Rule = "group-not-unit"
	RuleInternal        gyqc.Rule = "internal"
	RuleMissingBlock    gyqc.Rule = "missing-block"
	RuleMissingColumn   gyqc.Rule = "missing-column"
	RuleMissingHeader   gyqc.Rule = "missing-header"
	RuleMissingRow      gyqc.Rule = "missing-row"
	RuleMissingSheet    gyqc.Rule = "missing-sheet"
	RuleMissingValue    gyqc.Rule = "missing-value"
	RuleNewerFormat     gyqc.Rule = "newer-format"
	RuleNotANumber      gyqc.Rule = "not-a-number"
	RuleNotAPlanbook    gyqc.Rule = "not-a-planbook"
	RuleNotAnInteger    gyqc.Rule = "not-an-integer"
	RuleOrphanRow       gyqc.Rule = "orphan-row"
	RuleUnknownColumn   gyqc.Rule = "unknown-column"
	RuleUnreadable      gyqc.Rule = "unreadable"
	RuleUnreadableSheet gyqc.Rule = "unreadable-sheet"
)
