package store

import (
	"context"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
)

func TestPlanVersionsPerPeriod(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	clock := time.Date(2025, 6, 20, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return clock }
	due := func(p string) time.Time { // due before the 1st of the next month, Beijing time
		per := gyqc.MustPeriod(p).Add(1)
		return time.Date(per.Year, per.Month, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	}

	if v, a, err := s.PeriodPlan(ctx, gyqc.MustPeriod("2025-06"), due("2025-06")); v != nil || a != nil || err != nil {
		t.Fatalf("empty workspace: got %v %v %v, want nothing", v, a, err)
	}
	v1, added, err := s.KeepPlan(ctx, "h1", []byte("plan 1"), []byte("units 1"), "内置方案")
	if err != nil || !added || v1.No != 1 {
		t.Fatalf("keep v1: %+v %v %v", v1, added, err)
	}
	if again, added, _ := s.KeepPlan(ctx, "h1", []byte("plan 1"), []byte("units 1"), "其他"); added || again.No != 1 || again.Source != "内置方案" {
		t.Errorf("keeping the same files again: %+v added %v; want version 1 unchanged", again, added)
	}
	must(t, s.ActivatePlan(ctx, 1))
	must(t, s.AssignPeriod(ctx, gyqc.MustPeriod("2025-06"), 1, AssignIssue))

	// July: a new version is activated on 5 July, after June was issued and before July is.
	clock = time.Date(2025, 7, 5, 9, 0, 0, 0, time.UTC)
	v2, added, err := s.KeepPlan(ctx, "h2", []byte("plan 2"), []byte("units 2"), "方案与名册.xlsx")
	if err != nil || !added || v2.No != 2 {
		t.Fatalf("keep v2: %+v %v %v", v2, added, err)
	}
	must(t, s.ActivatePlan(ctx, 2))
	must(t, s.AssignPeriod(ctx, gyqc.MustPeriod("2025-07"), 2, AssignIssue))

	tests := []struct {
		name   string
		period string
		want   int
		reason string
	}{
		{"issued under version 1", "2025-06", 1, AssignIssue},
		{"issued under version 2", "2025-07", 2, AssignIssue},
		{"never issued, due before version 2 was active", "2025-05", 1, ""},
		{"never issued, due after version 2 was active", "2025-08", 2, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, a, err := s.PeriodPlan(ctx, gyqc.MustPeriod(tc.period), due(tc.period))
			if err != nil || v == nil {
				t.Fatalf("got %v %v", v, err)
			}
			if v.No != tc.want {
				t.Errorf("version %d, want %d", v.No, tc.want)
			}
			reason := ""
			if a != nil {
				reason = a.Reason
			}
			if reason != tc.reason {
				t.Errorf("reason %q, want %q", reason, tc.reason)
			}
		})
	}

	// Re-evaluating June on purpose moves it to version 2 and keeps the first assignment.
	must(t, s.AssignPeriod(ctx, gyqc.MustPeriod("2025-06"), 2, AssignReplan))
	if v, a, _ := s.PeriodPlan(ctx, gyqc.MustPeriod("2025-06"), due("2025-06")); v.No != 2 || a.Reason != AssignReplan {
		t.Errorf("after replan: version %d reason %s", v.No, a.Reason)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM period_plans WHERE period = '2025-06'`).Scan(&n); err != nil || n != 2 {
		t.Errorf("June has %d assignments on record, want 2 (%v)", n, err)
	}
	act, _ := s.ActivePlan(ctx)
	if act == nil || act.No != 2 || act.Edition().Label() != "第2版（h2，2025-07-05启用）" {
		t.Errorf("active version %+v", act)
	}
	all, _ := s.PlanVersions(ctx)
	if len(all) != 2 || string(all[0].Plan) != "plan 1" || string(all[1].Units) != "units 2" {
		t.Errorf("versions %+v", all)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
