package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
)

// checkDemoRanking holds the demo month's scores to what makes a ranking worth reading: no
// more than a third of the units share the top score, and the units above the others got
// there by 经验做法 the office adopted (the seed's own way to tell tied units apart).
func checkDemoRanking(t *testing.T, plan *gyqc.Plan, lay demoLayout, period gyqc.Period) {
	t.Helper()
	var out strings.Builder
	opts := consolidateOptions{Workspace: lay.workspace(), Period: period, JSON: true, Now: time.Now()}
	if err := runConsolidate(context.Background(), plan, opts, &out); err != nil {
		t.Fatal(err)
	}
	var ev struct {
		Units []struct {
			Code       string  `json:"code"`
			Score      float64 `json:"score"`
			Deductions []struct {
				Rule   string `json:"rule"`
				Credit bool   `json:"credit"`
			} `json:"deductions"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out.String()), &ev); err != nil {
		t.Fatal(err)
	}
	top, shared, credited := 0.0, 0, 0
	for _, u := range ev.Units {
		switch {
		case u.Score > top:
			top, shared = u.Score, 1
		case u.Score == top:
			shared++
		}
		for _, d := range u.Deductions {
			if d.Credit && d.Rule == "practice-adopted" {
				credited++
			}
		}
	}
	if len(ev.Units) == 0 || shared*3 > len(ev.Units) {
		t.Errorf("%s: %d of %d units share the top score %v; the ranking says little", period, shared, len(ev.Units), top)
	}
	if credited == 0 {
		t.Errorf("%s: no unit was credited for an adopted 经验做法", period)
	}
}
