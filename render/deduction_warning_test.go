package render

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestDeductionOfUnexplainedWarnings: 表4 counts a unit's unexplained warnings without
// sending it to 情况说明, which only indicators have: a task's warning is explained in
// 存在问题及需协调事项 or corrected (马喇镇's were copied progress, which only a correction clears).
func TestDeductionOfUnexplainedWarnings(t *testing.T) {
	b := &brief{ev: &gyqc.Evaluation{}}
	sc := gyqc.Score{Full: 100, Lost: 1, Value: 99, Deductions: []gyqc.Deduction{
		{Penalty: gyqc.PenaltyUnexplainedWarning, Category: gyqc.CategoryQuality, Points: 0.5, Task: 6, Reason: "任务 6“组建招商队伍”的本月工作进展与上月完全相同"},
		{Penalty: gyqc.PenaltyUnexplainedWarning, Category: gyqc.CategoryQuality, Points: 0.5, Task: 24, Reason: "任务 24“强化要素保障”的本月工作进展与上月完全相同"},
	}}
	var text strings.Builder
	for _, s := range b.deductionSpans(&gyqc.UnitEvaluation{Score: sc}) {
		text.WriteString(s.Text)
	}
	if got := text.String(); !strings.Contains(got, "2处警告未改正或说明") || strings.Contains(got, "情况说明") {
		t.Errorf("表4 says %q", got)
	}
}
