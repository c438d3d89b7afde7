package gyqc

import "slices"

// Penalty is one declarative scoring rule (扣分规则): the condition it counts (Key), the points lost per
// occurrence (per started day for a late report when PerDay), and a cap per unit and period
// (Max, 0 for none).
type Penalty struct {
	Key    PenaltyKey `json:"rule"`
	Points float64    `json:"points"`
	PerDay bool       `json:"per_day,omitempty"`
	Max    float64    `json:"max,omitempty"`
}

// PenaltyKey names a condition the assessment can count.
type PenaltyKey string

// The conditions of the assessment, by category.
const (
	// Timeliness (及时性), judged on the first accepted version.
	PenaltyLate    PenaltyKey = "late"    // reported after the deadline; per started day when per: day
	PenaltyMissing PenaltyKey = "missing" // nothing accepted although the deadline has passed

	// Quality (报送质量).
	PenaltyRefused            PenaltyKey = "refused"             // each refused file of the period
	PenaltyUnexplainedWarning PenaltyKey = "unexplained-warning" // each warning of the current version without 情况说明

	// Progress of the tasks the unit leads (任务推进).
	PenaltyTaskBehind         PenaltyKey = "task-behind"             // each led task reported 滞后 with its reason (存在问题)
	RuleTaskBehindUnexplained PenaltyKey = "task-behind-unexplained" // each led task reported 滞后 without a reason
	RuleSupportBehind         PenaltyKey = "support-behind"          // each supported task whose own part it reported 滞后
	RuleMisreport             PenaltyKey = "misreport"               // 失实: a flagged contradiction the office confirmed
	RulePractice              PenaltyKey = "practice-adopted"        // credit: a 经验做法 the office adopted into the briefing
	PenaltyTaskNotBegun       PenaltyKey = "task-not-begun"          // each led task reported 未启动
	PenaltyTaskRed            PenaltyKey = "task-red"                // each led task whose light is red

	// Indicators the unit reports (指标完成).
	PenaltyIndicatorBehind    PenaltyKey = "indicator-behind"     // each indicator behind its expectation within the margin
	PenaltyIndicatorFarBehind PenaltyKey = "indicator-far-behind" // each indicator behind by more than the margin
	PenaltyIndicatorEmpty     PenaltyKey = "indicator-empty"      // each indicator left empty in the current version
)

// PenaltyKeys lists every condition in the order breakdowns show them.
var PenaltyKeys = []PenaltyKey{PenaltyLate, PenaltyMissing, PenaltyRefused, PenaltyUnexplainedWarning,
	PenaltyTaskBehind, RuleTaskBehindUnexplained, PenaltyTaskNotBegun, PenaltyTaskRed, RuleSupportBehind, RuleMisreport, RulePractice,
	PenaltyIndicatorBehind, PenaltyIndicatorFarBehind, PenaltyIndicatorEmpty}

// Valid reports whether k is a known condition.
func (k PenaltyKey) Valid() bool { return slices.Contains(PenaltyKeys, k) }

// Label returns the condition in Chinese.
func (k PenaltyKey) Label() string {
	switch k {
	case PenaltyLate:
		return "迟报"
	case PenaltyMissing:
		return "未报送"
	case PenaltyRefused:
		return "文件被退回"
	case PenaltyUnexplainedWarning:
		return "警告未说明"
	case PenaltyTaskBehind:
		return "牵头任务滞后（已说明原因）"
	case RuleTaskBehindUnexplained:
		return "牵头任务滞后（未说明原因）"
	case RuleSupportBehind:
		return "配合任务滞后"
	case RuleMisreport:
		return "报送失实"
	case RulePractice:
		return "经验做法被采用（加分）"
	case PenaltyTaskNotBegun:
		return "牵头任务未启动"
	case PenaltyTaskRed:
		return "牵头任务红灯"
	case PenaltyIndicatorBehind:
		return "指标低于进度"
	case PenaltyIndicatorFarBehind:
		return "指标严重滞后"
	case PenaltyIndicatorEmpty:
		return "指标未填报"
	}
	return string(k)
}

// Category returns the part of the score the condition belongs to.
func (k PenaltyKey) Category() Category {
	switch k {
	case PenaltyLate, PenaltyMissing:
		return CategoryTimeliness
	case PenaltyRefused, PenaltyUnexplainedWarning:
		return CategoryQuality
	case PenaltyTaskBehind, RuleTaskBehindUnexplained, PenaltyTaskNotBegun, PenaltyTaskRed, RuleSupportBehind:
		return CategoryProgress
	case RuleMisreport:
		return CategoryQuality
	case RulePractice:
		return CategoryCredit
	}
	return CategoryIndicators
}

// Category is a part of a unit's score.
type Category string

// Parts of the score.
const (
	CategoryTimeliness Category = "timeliness" // 报送及时性
	CategoryQuality    Category = "quality"    // 报送质量
	CategoryProgress   Category = "progress"   // 任务推进
	CategoryIndicators Category = "indicators" // 指标完成
	CategoryCredit     Category = "credit"     // 加分
)

// Categories lists the parts of the score in order.
var Categories = []Category{CategoryTimeliness, CategoryQuality, CategoryProgress, CategoryIndicators, CategoryCredit}

// Label returns the part in Chinese.
func (c Category) Label() string {
	switch c {
	case CategoryTimeliness:
		return "报送及时性"
	case CategoryQuality:
		return "报送质量"
	case CategoryProgress:
		return "任务推进"
	case CategoryIndicators:
		return "指标完成"
	case CategoryCredit:
		return "加分"
	}
	return string(c)
}
