package consolidate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestProblemSummary: 报送情况's 问题 cell lists five problems and sends the reader for the
// rest to the 意见单 the unit got: a 审核意见单 for an accepted file, never a 退回意见单.
func TestProblemSummary(t *testing.T) {
	var warns gyqc.Problems
	for i := range 7 {
		warns = append(warns, gyqc.Problem{Severity: gyqc.SevWarning, Sheet: "指标填报", Cell: fmt.Sprintf("F%d", 4+i), Message: "请核实"})
	}
	tests := []struct {
		name    string
		probs   gyqc.Problems
		outcome gyqc.Outcome
		want    string
		not     string
	}{
		{name: "accepted with warnings", probs: warns, outcome: gyqc.OutcomeWarned, want: "……共7个问题，详见审核意见单", not: "退回"},
		{name: "refused", probs: append(gyqc.Problems{{Severity: gyqc.SevError, Message: "未填写"}}, warns...), outcome: gyqc.OutcomeRefused,
			want: "……共8个问题，详见退回意见单"},
		{name: "few", probs: warns[:2], outcome: gyqc.OutcomeWarned, want: "警告2个", not: "详见"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := problemSummary(tc.probs, tc.outcome)
			if !strings.Contains(got, tc.want) || tc.not != "" && strings.Contains(got, tc.not) {
				t.Errorf("got %q, want %q without %q", got, tc.want, tc.not)
			}
		})
	}
}
