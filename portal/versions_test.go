package portal

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/store"
)

// keepVersion keeps plan and units files in the workspace as another gyqc process would
// (plan import --activate, issue), activates them and assigns the periods to them.
func (f *fixture) keepVersion(planYAML, unitsYAML []byte, periods ...gyqc.Period) {
	f.t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, f.dir, store.ReadWrite)
	if err != nil {
		f.t.Fatal(err)
	}
	defer st.Close()
	files := planfile.Files{PlanName: "plan.yaml", Plan: planYAML, UnitsName: "units.yaml", Units: unitsYAML, Source: "测试"}
	plan, probs := files.Load()
	if plan == nil {
		f.t.Fatalf("version does not load: %s", probs.Error())
	}
	v, _, err := st.KeepPlan(ctx, plan.Edition.Hash, planYAML, unitsYAML, "测试")
	if err != nil {
		f.t.Fatal(err)
	}
	if err := st.ActivatePlan(ctx, v.No); err != nil {
		f.t.Fatal(err)
	}
	for _, p := range periods {
		if err := st.AssignPeriod(ctx, p, v.No, store.AssignIssue); err != nil {
			f.t.Fatal(err)
		}
	}
}

// TestPortalFollowsPlanVersions: a portal started before the office activates a new version
// takes it up without a restart, like the command line: the period issued under the new
// version shows its units (a town added) and its deadline, and gets links for them; the
// period issued under the old version keeps the old units and deadline.
func TestPortalFollowsPlanVersions(t *testing.T) {
	f := newFixture(t)
	may := gyqc.MustPeriod("2025-05")
	f.keepVersion(planfile.DefaultPlanFile, planfile.DefaultUnitsFile, may)
	units := strings.Replace(string(planfile.DefaultUnitsFile), "  - {code: xnhz,", "  - {code: xqz, name: 新桥镇, example: true}\n  - {code: xnhz,", 1)
	units = strings.Replace(units, "mlz, xnhz]", "mlz, xnhz, xqz]", 1)
	plan := strings.Replace(string(planfile.DefaultPlanFile), "due_day: 1", "due_day: 5", 1)
	f.keepVersion([]byte(plan), []byte(units), f.period)

	c, _ := f.office()
	for _, tc := range []struct {
		period      string
		due         string
		hasNewTown  bool
		linkNewTown bool
	}{
		{"2025-06", "2025年7月5日前", true, true},
		{"2025-05", "2025年6月1日前", false, false},
	} {
		t.Run(tc.period, func(t *testing.T) {
			resp, body := f.do(c, mustRequest(http.MethodGet, f.ts.URL+"/office/?period="+tc.period, nil))
			if resp.StatusCode != 200 {
				t.Fatalf("board: %s", resp.Status)
			}
			if !strings.Contains(body, tc.due) {
				t.Errorf("board of %s does not show the deadline %s of its version", tc.period, tc.due)
			}
			if strings.Contains(body, "新桥镇") != tc.hasNewTown {
				t.Errorf("board of %s: 新桥镇 shown %v, want %v", tc.period, !tc.hasNewTown, tc.hasNewTown)
			}
			if got := f.srv.links.Token("xqz", gyqc.MustPeriod(tc.period)) != ""; got != tc.linkNewTown {
				t.Errorf("link of 新桥镇 for %s: %v, want %v", tc.period, got, tc.linkNewTown)
			}
		})
	}
	// The new town's own page and template, under version 2.
	resp, body := f.get(f.link("xqz"))
	if resp.StatusCode != 200 || !strings.Contains(body, "新桥镇") || !strings.Contains(body, "2025年7月5日前") {
		t.Errorf("新桥镇's page: %s\n%s", resp.Status, body)
	}
	if len(f.template("xqz")) == 0 {
		t.Error("no template for 新桥镇")
	}
}
