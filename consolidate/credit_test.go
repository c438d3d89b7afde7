package consolidate_test

import (
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// TestTablesWithPracticeCredit builds the tables of a month in which the office adopted one
// unit's 经验做法: no row of any table is wider than its header; 单位考核 shows the credit in
// its own 加分 column and as 加1分 in 扣分明细, the score with it; and 总览 does not call the
// credit the main deduction of a unit among the lowest scores.
func TestTablesWithPracticeCredit(t *testing.T) {
	w := fixture.New(t, nil)
	p := per("2025-06")
	w.Fill(p, p)
	// Two units earn a credit; the second (low) also reports three supporting tasks behind
	// (0.5 each), so that its score falls below full marks, among the lowest that 总览
	// explains, with the credit its largest single item.
	low := ""
	var behind []int
	for _, u := range w.Plan.ResponsibleUnits() {
		behind = behind[:0]
		for _, a := range w.Plan.Assignments(u.Code) {
			if a.Role == gyqc.RoleSupport && len(behind) < 3 {
				behind = append(behind, a.Task)
			}
		}
		if len(behind) == 3 && u.Code != "czj" {
			low = u.Code
			break
		}
	}
	if low == "" {
		t.Fatal("no unit supports three tasks")
	}
	var reviews gyqc.Reviews
	for _, code := range []string{"czj", low} {
		task := w.Plan.Assignments(code)[0].Task
		w.Task(code, p, task).Practice = "建立重点企业服务专班，问题清单化、销号式管理"
		reviews = append(reviews, gyqc.ReviewEvent{Period: p, Unit: code, Kind: gyqc.ReviewAdopt, Task: task,
			Version: w.Latest(code, p).Version, Reviewer: "王科长", At: w.Plan.Due(p).Add(time.Hour)})
	}
	for _, task := range behind {
		w.Status(low, p, task, gyqc.StatusBehind)
	}
	in := gyqc.Input{Submissions: w.Subs, Reviews: reviews}
	ev, err := gyqc.EvaluateInput(w.Plan, p, in)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := consolidate.Tables(w.Plan, ev, w.Subs, consolidate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		for i, row := range tb.Rows {
			if len(row) > len(tb.Columns) {
				t.Errorf("%s row %d has %d cells under %d headers", tb.Name, i+1, len(row), len(tb.Columns))
			}
		}
		if tb.Name == consolidate.SheetOverview {
			hinted := false
			for _, row := range tb.Rows {
				for _, c := range row {
					if strings.Contains(c.Text, "主要扣分：") {
						hinted = true
						if !strings.Contains(c.Text, gyqc.RuleSupportBehind.Label()) {
							t.Errorf("总览 names the wrong main deduction: %s", c.Text)
						}
					}
				}
			}
			if !hinted {
				t.Error("总览 explains no low score")
			}
		}
		if tb.Name != consolidate.SheetScores {
			continue
		}
		col := map[string]int{}
		for i, c := range tb.Columns {
			col[c.Header] = i
		}
		found := false
		for _, row := range tb.Rows {
			if row[col["单位代码"]].Text != low {
				continue
			}
			found = true
			if got := row[col["加分"]].String(); got != "1" {
				t.Errorf("加分 of %s: %q", low, got)
			}
			if got := row[col["得分"]].String(); got != "99.5" {
				t.Errorf("得分 of %s: %q", low, got)
			}
			if got := row[col["扣分明细"]].Text; !strings.Contains(got, "经验做法被简报采用，加1分") || strings.Contains(got, "扣1分") {
				t.Errorf("扣分明细 of %s: %q", low, got)
			}
		}
		if !found {
			t.Errorf("%s is not in 单位考核", low)
		}
	}
}
