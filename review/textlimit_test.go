package review

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/templates"
)

// withProgress returns the return with every task's progress text set to text.
func withProgress(tb testing.TB, data []byte, tasks int, text string) []byte {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	lay := templates.Current()
	row := lay.Tasks.FirstDataRow()
	for range tasks {
		f.SetCellStr(lay.Tasks.Sheet, lay.Tasks.Cell(templates.FieldProgress, row), text)
		row++
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// TestReturnTextLimit: a return whose texts together pass gyqc.MaxReturnText is refused,
// naming the total, the limit and the longest cell; below the limit it is accepted.
func TestReturnTextLimit(t *testing.T) {
	plan := planfile.Default()
	n := len(plan.Assignments("jxw"))
	base := filledReturn(t, plan, "jxw", "2025-06")
	in := Input{Plan: plan, Period: gyqc.MustPeriod("2025-06"), Key: testKey}
	per := gyqc.MaxReturnText/n + 100 // each cell far below a cell's limit, all together over
	ex := Examine("jxw.xlsx", withProgress(t, base, n, strings.Repeat("推进", per/2)), in)
	var found *gyqc.Problem
	for i, p := range ex.Problems {
		if p.Rule == RuleReturnText {
			found = &ex.Problems[i]
		}
	}
	if found == nil || ex.Outcome != gyqc.OutcomeRefused || found.Sheet != templates.SheetTasks || found.Cell == "" ||
		!strings.Contains(found.Message, "超过每份报表的上限60000个字符") {
		t.Fatalf("got outcome %s, problem %+v", ex.Outcome, found)
	}
	ex = Examine("jxw.xlsx", withProgress(t, base, n, strings.Repeat("推进", 1000)), in)
	for _, p := range ex.Problems {
		if p.Rule == RuleReturnText {
			t.Errorf("%d characters in all refused: %v", n*2000, p)
		}
	}
}
