package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

// fullSpec is a complete, clean return of unit for fill.py: every task with a status and
// texts, every indicator with a plausible value, the filler's details.
func fullSpec(plan *gyqc.Plan, unit string) map[string]any {
	tasks := map[string]any{}
	for _, a := range plan.Assignments(unit) {
		tasks[fmt.Sprint(a.Task)] = map[string]any{"status": "正常推进",
			"progress": fmt.Sprintf("本月围绕任务%d召开专题调度会1次，走访企业%d家，协调解决问题%d个", a.Task, a.Task+2, a.Task%3+1),
			"next":     fmt.Sprintf("继续推进任务%d，月底前完成阶段目标", a.Task)}
	}
	values := map[string]any{}
	for _, ind := range plan.ReportedIndicators(unit) {
		v := 10.0
		if ind.Target != nil && *ind.Target > 0 {
			v = *ind.Target / 2
		}
		if ind.Kind == gyqc.KindRank {
			v = 3
		}
		if ind.Measure == "家" || ind.Measure == "个" {
			v = float64(int(v) + 1)
		}
		values[ind.Key] = v
	}
	return map[string]any{"tasks": tasks, "values": values,
		"filler": map[string]any{"name": "李明", "phone": "13800000000", "reviewer": "张主任", "date": "2025-06-28"}}
}

// TestCollectPercentFormat: a percentage typed the Excel way — openpyxl writes 0.112 in a cell
// formatted 0.0%, as Excel stores "11.2%" typed into a cell — is collected as 11.2 with a
// note, not as 0.112.
func TestCollectPercentFormat(t *testing.T) {
	c := newCycle(t, "2025-06")
	spec := fullSpec(c.plan, "jxw")
	spec["values"].(map[string]any)["emerging-share"] = 0.112
	spec["formats"] = map[string]any{"emerging-share": "0.0%"}
	c.fill("2025-06", "jxw", "经信委.xlsx", spec)
	res, err := c.collect("2025-06-28 10:00", c.inbox)
	if err != nil || len(res.Files) != 1 || res.Files[0].Outcome == gyqc.OutcomeRefused {
		t.Fatalf("collect: %v %+v", err, res.Files)
	}
	s, err := store.Open(context.Background(), c.workspace, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	subs, _ := s.Submissions(context.Background(), c.period, c.period)
	if len(subs) != 1 {
		t.Fatalf("%d submissions", len(subs))
	}
	v := subs[0].Value("emerging-share")
	if v == nil || v.Value == nil || *v.Value != 11.2 {
		t.Fatalf("emerging-share stored as %+v, want 11.2", v)
	}
	found := false
	for _, p := range subs[0].Problems {
		if p.Rule == "percent-format" && p.Indicator == "emerging-share" {
			found = true
		}
	}
	if !found {
		t.Errorf("no note says the value was read by its percent format: %v", subs[0].Problems)
	}
}
