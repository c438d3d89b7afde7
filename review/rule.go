package review

import "github.com/qianjiang/gyqc"

// Rules of the content checks of a returned workbook.
const (
	RuleApproximate         gyqc.Rule = "approximate"
	RuleBehindWithoutReason gyqc.Rule = "behind-without-reason"
	RuleCopiedLastMonth     gyqc.Rule = "copied-last-month"
	RuleCopiedOtherUnit     gyqc.Rule = "copied-other-unit"
	RuleCountInteger        gyqc.Rule = "count-integer"
	RuleDateInNumber        gyqc.Rule = "date-in-number"
	RuleDoneBelowTarget     gyqc.Rule = "done-below-target"
	RuleErrorValue          gyqc.Rule = "error-value"
	RuleJump                gyqc.Rule = "jump"
	RuleLevelFell           gyqc.Rule = "level-fell"
	RuleNegative            gyqc.Rule = "negative"
	RuleNoWorkLead          gyqc.Rule = "no-work-lead"
	RuleNormalised          gyqc.Rule = "normalised"
	RuleNotANumber          gyqc.Rule = "not-a-number"
	RuleNotBegunLate        gyqc.Rule = "not-begun-late"
	RulePercentBelowOne     gyqc.Rule = "percent-below-one"
	RulePercentFormat       gyqc.Rule = "percent-format"
	RuleProgressRequired    gyqc.Rule = "progress-required"
	RuleRankInteger         gyqc.Rule = "rank-integer"
	RuleShareOver100        gyqc.Rule = "share-over-100"
	RuleStatusInvalid       gyqc.Rule = "status-invalid"
	RuleStatusRequired      gyqc.Rule = "status-required"
	RuleValueEmpty          gyqc.Rule = "value-empty"
	RuleValueRequired       gyqc.Rule = "value-required"
	RuleWrongPeriod         gyqc.Rule = "wrong-period"
	RuleWrongType           gyqc.Rule = "wrong-type"
)
