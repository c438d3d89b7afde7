package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestCollectShowsEstimates: 约30家, 400左右 and ≥30, typed by a unit (filled with openpyxl),
// are kept as 30, 400 and 30, each a warning that names the text read and the figure
// recorded and asks for confirmation in 情况说明, in collect's output and in the unit's
// 意见单 alike. The file is accepted, so its 意见单 is a 审核意见单 — named, titled and footed
// so, never 退回 (a clerk reading 退回意见单 thinks the file refused).
func TestCollectShowsEstimates(t *testing.T) {
	c := newCycle(t, "2025-06")
	spec := fullSpec(c.plan, "jxw")
	estimates := map[string]string{"scale-enterprises": "约30家", "output-value": "400左右", "digital-workshops": "≥30"}
	recorded := map[string]string{"scale-enterprises": "按 30家 记录", "output-value": "按 400亿元 记录", "digital-workshops": "按 30个 记录"}
	for k, v := range estimates {
		if c.plan.Indicator(k) == nil {
			t.Fatalf("no indicator %s in the plan", k)
		}
		spec["values"].(map[string]any)[k] = v
	}
	c.fill("2025-06", "jxw", "经信委.xlsx", spec)
	var out strings.Builder
	opts := collectOptions{Workspace: c.workspace, Period: c.period, Paths: []string{c.inbox},
		Now: func() time.Time { return time.Date(2025, 6, 30, 9, 0, 0, 0, c.plan.Location()) }}
	if err := runCollect(context.Background(), c.plan, opts, &out); err != nil {
		t.Fatalf("collect: %v\n%s", err, out.String())
	}
	var feedback string
	for _, line := range strings.Split(out.String(), "\n") {
		if f, ok := strings.CutPrefix(strings.TrimSpace(line), "意见单："); ok && strings.HasSuffix(f, "_审核意见单.xlsx") {
			feedback = f
		}
	}
	if !strings.Contains(out.String(), "已接收（有警告）") || feedback == "" {
		t.Fatalf("want the return accepted with warnings and a 审核意见单:\n%s", out.String())
	}
	if strings.Contains(out.String(), "退回意见单") {
		t.Errorf("collect's output names a 退回意见单 though nothing was refused:\n%s", out.String())
	}
	f, err := excelize.OpenFile(feedback)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if name := f.GetSheetName(0); name != "审核意见单" {
		t.Errorf("the sheet is named %q, want 审核意见单", name)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil || len(rows) == 0 || len(rows[0]) == 0 {
		t.Fatal(rows, err)
	}
	if !strings.HasSuffix(rows[0][0], "审核意见单") || strings.Contains(strings.Join(rows[0], ""), "退回") {
		t.Errorf("the title is %q, want a 审核意见单", rows[0])
	}
	for k, text := range estimates {
		found := false
		for _, line := range strings.Split(out.String(), "\n") {
			found = found || strings.Contains(line, "警告") && strings.Contains(line, "“"+text+"”") &&
				strings.Contains(line, recorded[k]) && strings.Contains(line, "情况说明")
		}
		if !found {
			t.Errorf("collect's output has no warning naming %q and %s:\n%s", text, recorded[k], out.String())
		}
		found = false
		for _, r := range rows {
			row := strings.Join(r, "|")
			found = found || strings.Contains(row, "警告") && strings.Contains(row, "“"+text+"”") &&
				strings.Contains(row, recorded[k]) && strings.Contains(row, "情况说明")
		}
		if !found {
			t.Errorf("the 审核意见单 has no warning naming %q and %s: %v", text, recorded[k], rows)
		}
	}
}
