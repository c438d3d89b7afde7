package review

import (
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/templates"
)

// withSupport is dsjjReturn with the row of task 15, which dsjj supports, and the filler.
func withSupport() CheckInput {
	in := dsjjReturn()
	in.Tasks = append(in.Tasks, templates.TaskInput{Task: 15, Status: cell("G9", "正常推进"),
		Progress: cell("H9", "配合区经济信息委梳理数字化转型需求企业名单，报送企业信息12条")})
	in.Filler = &templates.FillerInput{Name: gcell("B24", "王小红"), Phone: gcell("B25", "023-79223456")}
	return in
}

func gcell(ref, text string) templates.Input {
	return templates.Input{Sheet: "填报说明", Cell: ref, Text: text, Kind: templates.KindText}
}

// TestCheckNothingCountsUnlessFilled: every row needs a status and (but for 本月无相关工作 on
// a supporting row) a progress text; 填报人 and 联系电话 are required; a return with nothing
// filled is refused once, as 未填写.
func TestCheckNothingCountsUnlessFilled(t *testing.T) {
	plan := planfile.Default()
	prev := &gyqc.Submission{Unit: "dsjj", Period: gyqc.MustPeriod("2025-05"),
		Tasks: []gyqc.TaskReport{{Task: 3, Status: gyqc.StatusOnTrack}, {Task: 15, Status: gyqc.StatusBehind},
			{Task: 16, Status: gyqc.StatusOnTrack}, {Task: 17, Status: gyqc.StatusOnTrack}, {Task: 18, Status: gyqc.StatusOnTrack}}}
	empty := func(in *CheckInput) {
		for i := range in.Tasks {
			in.Tasks[i] = templates.TaskInput{Task: in.Tasks[i].Task, Status: cell("G5", ""), Progress: cell("H5", "")}
		}
		for i := range in.Values {
			in.Values[i].Value.Text, in.Values[i].Note.Text = "", ""
		}
		in.Filler = &templates.FillerInput{}
	}
	tests := []struct {
		name  string
		edit  func(*CheckInput)
		rules []string // the errors, in order; nil: accepted
	}{
		{name: "complete", edit: func(*CheckInput) {}},
		{name: "support row without status", edit: func(in *CheckInput) { in.Tasks[4].Status.Text = "" }, rules: []string{"status-required"}},
		{name: "support row empty", edit: func(in *CheckInput) { in.Tasks[4].Status.Text, in.Tasks[4].Progress.Text = "", "" },
			rules: []string{"status-required", "progress-required"}},
		{name: "no work this month, no progress", edit: func(in *CheckInput) {
			in.Tasks[4].Status.Text, in.Tasks[4].Progress.Text = string(gyqc.StatusNoWork), ""
		}},
		{name: "support row without progress", edit: func(in *CheckInput) { in.Tasks[4].Progress.Text = "" }, rules: []string{"progress-required"}},
		{name: "no work on a led task", edit: func(in *CheckInput) { in.Tasks[0].Status.Text = string(gyqc.StatusNoWork) },
			rules: []string{"no-work-lead"}},
		{name: "no 填报人", edit: func(in *CheckInput) { in.Filler.Name.Text = " " }, rules: []string{"filler-required"}},
		{name: "no 联系电话", edit: func(in *CheckInput) { in.Filler.Phone.Text = "" }, rules: []string{"filler-required"}},
		{name: "联系电话 not a number", edit: func(in *CheckInput) { in.Filler.Phone.Text = "找办公室" }, rules: []string{"phone-invalid"}},
		{name: "联系电话 typed as a number", edit: func(in *CheckInput) {
			in.Filler.Phone = templates.Input{Sheet: "填报说明", Cell: "B25", Text: "13800000000", Kind: templates.KindNumber}
		}},
		{name: "untouched", edit: empty, rules: []string{"untouched"}},
		{name: "untouched but the name", edit: func(in *CheckInput) { empty(in); in.Filler.Name.Text = "王小红" },
			rules: []string{"status-required", "progress-required", "status-required", "progress-required", "status-required", "progress-required",
				"status-required", "progress-required", "status-required", "progress-required", "filler-required",
				"value-required", "value-required"}},
		{name: "layout 1 with last month's statuses preselected", edit: func(in *CheckInput) {
			empty(in)
			in.PrefilledStatus, in.Previous = true, prev
			for i := range in.Tasks {
				in.Tasks[i].Status.Text = string(prev.Task(in.Tasks[i].Task).Status)
			}
		}, rules: []string{"untouched"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := withSupport()
			tc.edit(&in)
			_, _, probs := Check(plan, in, Options{})
			var got []string
			for _, p := range probs.Errors() {
				got = append(got, string(p.Rule))
				if p.Message == "" || p.Fix == "" || p.File != "dsjj.xlsx" {
					t.Errorf("incomplete problem %+v", p)
				}
			}
			if !sameRules(got, tc.rules) {
				t.Errorf("errors %v, want %v\n%v", got, tc.rules, probs)
			}
		})
	}
}

// sameRules compares two lists of rules as multisets.
func sameRules(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	n := map[string]int{}
	for _, r := range a {
		n[r]++
	}
	for _, r := range b {
		n[r]--
	}
	for _, c := range n {
		if c != 0 {
			return false
		}
	}
	return true
}

func TestPlausiblePhone(t *testing.T) {
	for _, s := range []string{"13800000000", "138 0000 0000", "023-79223456", "02379223456", "(023)79223456", "（023）79223456",
		"79223456", "023-79223456转8001", "+86 13800000000", "023-79223456、13800000000", "１３８００００００００"} {
		if !PlausiblePhone(s) {
			t.Errorf("%q refused", s)
		}
	}
	for _, s := range []string{"", "无", "找办公室", "123", "13800000000000000", "5555555555", "023-7922345a", "138-0000-000O", "023-79223456转分机"} {
		if PlausiblePhone(s) {
			t.Errorf("%q accepted", s)
		}
	}
}
