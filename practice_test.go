package gyqc_test

import (
	"slices"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
)

func TestHasPractice(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"empty", "", false},
		{"a full stop", "。", false},
		{"marks and spaces", " ／、— 。", false},
		{"one character", "无", false},
		{"two characters", "暂无", true},
		{"a practice", "建立周调度、月通报机制，问题清单化、销号式管理。", true},
		{"latin letters", "OK", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := gyqc.TaskReport{Practice: tc.text}
			if got := tr.HasPractice(); got != tc.want {
				t.Errorf("HasPractice(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// TestAdoptedPractice checks which adoptions count in the evaluation (UnitEvaluation.Adopted
// and the practice-adopted credit): the version the office read, a later version that says
// the same, but not a rewritten practice, a stray mark or a withdrawn adoption.
func TestAdoptedPractice(t *testing.T) {
	plan := planfile.Default()
	p := per("2025-06")
	due := plan.Due(p)
	task := plan.Assignments("jxw")[0].Task
	const said, rewritten = "推行“一企一策”上门服务，本月解决企业困难12个", "实行领导包联重点项目制度，推动关键环节提速"
	version := func(v int, practice string) gyqc.Submission {
		s := gyqc.Submission{ID: int64(v), Unit: "jxw", Period: p, Version: v, Outcome: gyqc.OutcomeAccepted, Received: due.Add(-time.Duration(10-v) * time.Hour)}
		for _, a := range plan.Assignments("jxw") {
			tr := gyqc.TaskReport{Task: a.Task, Role: a.Role, Status: gyqc.StatusOnTrack, Progress: "按计划推进"}
			if a.Task == task {
				tr.Practice = practice
			}
			s.Tasks = append(s.Tasks, tr)
		}
		return s
	}
	adopt := func(kind gyqc.ReviewKind, v int) gyqc.ReviewEvent {
		return gyqc.ReviewEvent{Period: p, Unit: "jxw", Kind: kind, Version: v, Task: task, Reviewer: "王科长", At: due.Add(time.Duration(v) * time.Hour)}
	}
	tests := []struct {
		name     string
		versions []gyqc.Submission
		reviews  gyqc.Reviews
		adopted  bool
	}{
		{"not adopted", []gyqc.Submission{version(1, said)}, nil, false},
		{"adopted", []gyqc.Submission{version(1, said)}, gyqc.Reviews{adopt(gyqc.ReviewAdopt, 1)}, true},
		{"adopted without a version recorded", []gyqc.Submission{version(1, said)}, gyqc.Reviews{adopt(gyqc.ReviewAdopt, 0)}, true},
		{"a later version says the same", []gyqc.Submission{version(1, said), version(2, said)}, gyqc.Reviews{adopt(gyqc.ReviewAdopt, 1)}, true},
		{"a later version rewrites it", []gyqc.Submission{version(1, said), version(2, rewritten)}, gyqc.Reviews{adopt(gyqc.ReviewAdopt, 1)}, false},
		{"the rewritten practice adopted again", []gyqc.Submission{version(1, said), version(2, rewritten)},
			gyqc.Reviews{adopt(gyqc.ReviewAdopt, 1), adopt(gyqc.ReviewAdopt, 2)}, true},
		{"a stray mark", []gyqc.Submission{version(1, "。")}, gyqc.Reviews{adopt(gyqc.ReviewAdopt, 0)}, false},
		{"withdrawn", []gyqc.Submission{version(1, said)}, gyqc.Reviews{adopt(gyqc.ReviewAdopt, 1), adopt(gyqc.ReviewUnadopt, 1)}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := gyqc.EvaluateInput(plan, p, gyqc.Input{Submissions: tc.versions, Reviews: tc.reviews})
			if err != nil {
				t.Fatal(err)
			}
			u := e.Unit("jxw")
			if got := slices.Contains(u.Adopted, task); got != tc.adopted {
				t.Errorf("adopted %v (%v), want %v", got, u.Adopted, tc.adopted)
			}
			want := 0.0
			if tc.adopted {
				want = 1
			}
			if got := lostTo(u.Score, gyqc.RulePractice); got != want || u.Score.Gained != want {
				t.Errorf("practice credit %v, gained %v; want %v", got, u.Score.Gained, want)
			}
		})
	}
}
