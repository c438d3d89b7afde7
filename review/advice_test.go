package review

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestOutcomeAdvice: the line under a 意见单's count tells the unit what to do. An accepted
// file with warnings still costs points for each warning left unexplained, so the advice must
// not send the unit away until next month: it says where to explain (a task has no 情况说明)
// and that a corrected version may be sent again, the latest one counting. Not every warning
// can be explained: a copied progress only corrected (马喇镇, told “数据无误的请写明原因”,
// would have written a reason and still lost the points), so the advice defers to each
// warning's 修改意见.
func TestOutcomeAdvice(t *testing.T) {
	tests := []struct {
		name    string
		outcome gyqc.Outcome
		want    []string
		not     []string
	}{
		{name: "refused", outcome: gyqc.OutcomeRefused, want: []string{"改正后重新报送"}},
		{name: "accepted with warnings", outcome: gyqc.OutcomeWarned,
			want: []string{"文件已接收", "按“修改意见”处理", "情况说明", "存在问题及需协调事项", "写明原因不能代替", "重新报送", "以最新一版为准", "扣分"},
			not:  []string{"下次报送时", "数据无误的请写明原因"}},
		{name: "accepted", outcome: gyqc.OutcomeAccepted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := outcomeAdvice(tc.outcome)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("advice %q lacks %q", got, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("advice %q says %q", got, n)
				}
			}
			if len(tc.want) == 0 && got != "" {
				t.Errorf("advice %q for an accepted file", got)
			}
		})
	}
}
