package templates

import "github.com/qianjiang/gyqc"

// Rules of the problems found while reading a returned workbook through the layout.
const (
	RuleBadPeriod       gyqc.Rule = "bad-period"
	RuleDuplicateRow    gyqc.Rule = "duplicate-row"
	RuleEditedLabel     gyqc.Rule = "edited-label"
	RuleIncompleteMeta  gyqc.Rule = "incomplete-meta"
	RuleLayoutVersion   gyqc.Rule = "layout-version"
	RuleMetaConflict    gyqc.Rule = "meta-conflict"
	RuleMissingColumn   gyqc.Rule = "missing-column"
	RuleMissingHeader   gyqc.Rule = "missing-header"
	RuleMissingRow      gyqc.Rule = "missing-row"
	RuleMissingSheet    gyqc.Rule = "missing-sheet"
	RuleMovedColumn     gyqc.Rule = "moved-column"
	RuleNotTemplate     gyqc.Rule = "not-template"
	RuleOtherPlan       gyqc.Rule = "other-plan"
	RulePlanChanged     gyqc.Rule = "plan-changed"
	RuleRenamedSheet    gyqc.Rule = "renamed-sheet"
	RuleRowWithoutKey   gyqc.Rule = "row-without-key"
	RuleTooManyRows     gyqc.Rule = "too-many-rows"
	RuleUnknownRow      gyqc.Rule = "unknown-row"
	RuleUnknownUnit     gyqc.Rule = "unknown-unit"
	RuleUnreadableRow   gyqc.Rule = "unreadable-row"
	RuleUnreadableSheet gyqc.Rule = "unreadable-sheet"
)
