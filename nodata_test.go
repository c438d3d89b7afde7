package gyqc_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// TestNothingToAssessIsNoData: a unit that sent nothing acceptable has its 任务推进 shown as
// 无数据, never as 0 — whether it leads tasks (区委组织部) or only supports them (区农业农村委,
// whose 配合任务滞后 could not be judged either); a unit that reported has it assessed.
func TestNothingToAssessIsNoData(t *testing.T) {
	p := per("2025-06")
	tests := []struct {
		name, unit string
		drop       bool
		want       []gyqc.Category
	}{
		{name: "leads tasks, sent nothing", unit: "zzb", drop: true, want: []gyqc.Category{gyqc.CategoryProgress}},
		{name: "only supports tasks, sent nothing", unit: "nyncw", drop: true, want: []gyqc.Category{gyqc.CategoryProgress}},
		{name: "only supports tasks, reported", unit: "nyncw"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := fixture.New(t, shortPlan(t)).Fill(per("2025-05"), p)
			if tc.drop {
				w.Drop(tc.unit, p)
			}
			s := w.EvaluateAt(p, w.Plan.Due(p).Add(24*time.Hour)).Unit(tc.unit).Score
			if fmt.Sprint(s.NoData) != fmt.Sprint(tc.want) {
				t.Errorf("no data %v, want %v", s.NoData, tc.want)
			}
		})
	}
}
