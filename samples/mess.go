package samples

import "github.com/qianjiang/gyqc"

// Mess is one kind of real-world trouble with a month's returns.
type Mess string

// The mess a Scenario can ask for.
const (
	MessLate     Mess = "late"     // 迟报: the file arrives after the deadline
	MessMissing  Mess = "missing"  // 未报送: no file arrives
	MessErrors   Mess = "errors"   // 填报有误: text in a number cell, a lead unit's progress empty; refused
	MessResubmit Mess = "resubmit" // 退回后重报: a file with errors, then a corrected one before the deadline
	MessCopied   Mess = "copied"   // 照抄上月: this month's texts are last month's, unchanged
	MessMisnamed Mess = "misnamed" // 文件名有误: the file name names another unit
	MessResaved  Mess = "resaved"  // 另存: the workbook was re-saved by LibreOffice
	// MessPercent: a percentage typed the Excel way (18.5% into the cell: stored 0.185 in a
	// percent format); read as the unit meant it, accepted.
	MessPercent Mess = "percent"
	// MessUntouched: the issued template sent back as it was; refused as 未填写.
	MessUntouched Mess = "untouched"
	// MessLegacy: the return saved as an old .xls (Excel 97-2003, as WPS may save it) under its
	// template's name; recorded against the unit as an unreadable file and refused.
	MessLegacy Mess = "legacy"
)

// Messes lists every kind of mess in the order a Scenario assigns them.
var Messes = []Mess{MessLate, MessMissing, MessErrors, MessResubmit, MessMisnamed, MessResaved, MessCopied,
	MessPercent, MessUntouched, MessLegacy}

// Label returns the mess in Chinese.
func (m Mess) Label() string {
	switch m {
	case MessLate:
		return "迟报"
	case MessMissing:
		return "未报送"
	case MessErrors:
		return "填报有误被退回"
	case MessResubmit:
		return "退回后重新报送"
	case MessCopied:
		return "照抄上月内容"
	case MessMisnamed:
		return "文件名为其他单位名称"
	case MessResaved:
		return "经LibreOffice另存"
	case MessPercent:
		return "百分比按Excel方式输入"
	case MessUntouched:
		return "报回未填写的模板"
	case MessLegacy:
		return "另存为旧版.xls"
	}
	return string(m)
}

// Scenario says how many units get each kind of mess in a month. Each unit gets at most one
// kind; the units are chosen by the seed and the period. The office's own unit (the plan's
// reporting office unit) is never late, missing, wrong or copying. Use the same scenario for
// every period of a run: whether a unit may copy last month's text depends on what it did last
// month.
type Scenario struct {
	Late      int `json:"late"`
	Missing   int `json:"missing"`
	Errors    int `json:"errors"`
	Resubmit  int `json:"resubmit"`
	Copied    int `json:"copied"`
	Misnamed  int `json:"misnamed"`
	Resaved   int `json:"resaved"`
	Percent   int `json:"percent"`
	Untouched int `json:"untouched"`
	Legacy    int `json:"legacy"`
}

// Clean is the scenario without mess: every unit reports on time, correctly.
var Clean = Scenario{}

// Messy is one unit of each kind of mess, as the demo shows.
var Messy = Scenario{Late: 1, Missing: 1, Errors: 1, Resubmit: 1, Copied: 1, Misnamed: 1, Resaved: 1,
	Percent: 1, Untouched: 1, Legacy: 1}

// count returns how many units the scenario asks for mess m.
func (s Scenario) count(m Mess) int {
	switch m {
	case MessLate:
		return s.Late
	case MessMissing:
		return s.Missing
	case MessErrors:
		return s.Errors
	case MessResubmit:
		return s.Resubmit
	case MessCopied:
		return s.Copied
	case MessMisnamed:
		return s.Misnamed
	case MessResaved:
		return s.Resaved
	case MessPercent:
		return s.Percent
	case MessUntouched:
		return s.Untouched
	case MessLegacy:
		return s.Legacy
	}
	return 0
}

// State is where a unit stands for a period once its files are collected: the states of
// `gyqc status`, which the domain defines.
type State = gyqc.State

// States of a unit for a period.
const (
	StateOnTime  = gyqc.StateOnTime  // 按时报送
	StateLate    = gyqc.StateLate    // 迟报
	StateMissing = gyqc.StateMissing // 未报送
	StateRefused = gyqc.StateRefused // 被退回: the latest file was refused
)
