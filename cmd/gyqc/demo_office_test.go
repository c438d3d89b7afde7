package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/store"
)

// checkDemoOffice checks what the demo's office leaves behind: every month but the last
// signed off with its 汇总表, briefing, evaluation and tables stored, and copies of the 汇总表
// and briefing in the workspace as `gyqc lock` writes them; the last month open; and, when
// the month's clean returns carry a 经验做法 worth adopting, practices adopted, shown in the
// briefing (briefing: its text without white space) and credited in the scores.
func checkDemoOffice(t *testing.T, plan *gyqc.Plan, lay demoLayout, periods []gyqc.Period, briefing string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, lay.workspace(), store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	o := &audit.Office{Plan: plan, Store: st}
	last := periods[len(periods)-1]
	for _, p := range periods {
		fz, err := o.Frozen(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if p == last {
			if fz != nil {
				t.Errorf("the demo locked its last month %s", p)
			}
			continue
		}
		if fz == nil {
			t.Errorf("the demo did not lock %s", p)
			continue
		}
		book, _ := os.ReadFile(audit.WorkbookPath(lay.workspace(), p))
		pdf, _ := os.ReadFile(audit.BriefingPath(lay.workspace(), p))
		if len(fz.Workbook) == 0 || !bytes.Equal(book, fz.Workbook) || len(fz.Briefing) == 0 || !bytes.Equal(pdf, fz.Briefing) {
			t.Errorf("%s: the demo's lock left no copies of its stored 汇总表 and briefing in the workspace", p)
		}
		if fz.JSON() == nil || len(fz.CSV()) == 0 {
			t.Errorf("%s: the demo's lock stored no evaluation or tables", p)
		}
	}

	// Practices adopted in the open month: in the briefing and in the scores.
	ev, _, err := o.Evaluate(ctx, last, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	adoptable, adopted := 0, 0
	for _, u := range ev.Units {
		if c := u.Report.Current; c != nil && u.Report.State == gyqc.StateOnTime {
			for _, tr := range c.Tasks {
				if tr.Role == gyqc.RoleLead && len([]rune(strings.TrimSpace(tr.Practice))) >= 20 {
					adoptable++
				}
			}
		}
		for _, no := range u.Adopted {
			adopted++
			text := strings.Join(strings.Fields(u.Report.Current.Task(no).Practice), "")
			if !strings.Contains(briefing, text) {
				t.Errorf("the practice of %s on task %d is not in the briefing: %q", u.Name, no, text)
			}
			credited := false
			for _, d := range u.Score.Deductions {
				credited = credited || d.Penalty == gyqc.RulePractice && d.Task == no && d.Points > 0
			}
			if !credited {
				t.Errorf("%s: the adopted practice on task %d earned no credit: %+v", u.Name, no, u.Score)
			}
		}
	}
	if adoptable > 0 && adopted == 0 {
		t.Errorf("%d practices could be adopted in %s, the demo adopted none", adoptable, last)
	}
	if adopted > 0 && !strings.Contains(briefing, "经验做法") {
		t.Error("the briefing has no 经验做法 section")
	}
	t.Logf("%s: %d practices adoptable, %d adopted", last, adoptable, adopted)
}
