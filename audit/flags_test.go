package audit_test

import (
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
)

// TestReviewFlags checks the office's finding on a "状态与指标不符，待核实" flag through
// Office.Review, as `gyqc review --confirm/--dismiss` records it: fgw reports task 1 正常推进
// while 新能源产业产值, which it answers for, is far behind; the flag costs nothing until
// confirmed (by task number), then misreport's 5 points; dismissed (by its key) it costs
// nothing again; an unknown flag is refused with the flags there are; each finding is in the
// audit trail.
func TestReviewFlags(t *testing.T) {
	d := newDesk(t)
	july := gyqc.MustPeriod("2025-07")
	due := d.plan.Due(july)
	d.record("fgw", "2025-07", due.Add(-48*time.Hour), "fgw")
	jxw := d.record("jxw", "2025-07", due.Add(-48*time.Hour), "jxw")
	five := 5.0
	jxw.Values = []gyqc.IndicatorValue{{Key: "output-new-energy", Value: &five, Raw: "5"}}
	jxw.Version = 0
	jxw.Hash, _ = d.st.Archive(d.ctx, "jxw2.xlsx", []byte("jxw with the figure"))
	if _, _, err := d.st.Record(d.ctx, jxw); err != nil {
		t.Fatal(err)
	}
	d.now = due.Add(24 * time.Hour)
	misreport := func() (float64, *gyqc.Flag) {
		t.Helper()
		ev, _, err := d.o.Evaluate(d.ctx, july, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		u := ev.Unit("fgw")
		if len(u.Flags) != 1 {
			t.Fatalf("fgw flags %+v, want one", u.Flags)
		}
		var lost float64
		for _, x := range u.Score.Deductions {
			if x.Penalty == gyqc.RuleMisreport {
				lost += x.Points
			}
		}
		return lost, &u.Flags[0]
	}
	lost, flag := misreport()
	if lost != 0 || flag.StateLabel() != "待核实" {
		t.Fatalf("before the finding: lost %v, flag %s", lost, flag.StateLabel())
	}
	if _, err := d.o.Review(d.ctx, audit.Request{Period: july, Unit: "fgw", Reviewer: "王科长", Confirm: []string{"99"}}); err == nil ||
		!strings.Contains(gyqc.ErrorMessage(err), flag.Key) {
		t.Errorf("an unknown flag: %v", err)
	}
	if _, err := d.o.Review(d.ctx, audit.Request{Period: july, Unit: "fgw", Reviewer: "王科长", Confirm: []string{"1"}, Note: "经核实进度确实滞后"}); err != nil {
		t.Fatal(err)
	}
	if lost, flag = misreport(); lost != 5 || !flag.Confirmed {
		t.Errorf("confirmed: lost %v, flag %+v", lost, flag)
	}
	d.now = d.now.Add(time.Hour)
	if _, err := d.o.Review(d.ctx, audit.Request{Period: july, Unit: "fgw", Reviewer: "李科长", Dismiss: []string{flag.Key}}); err != nil {
		t.Fatal(err)
	}
	if lost, flag = misreport(); lost != 0 || !flag.Dismissed {
		t.Errorf("dismissed: lost %v, flag %+v", lost, flag)
	}
	log, err := d.o.Log(d.ctx, july)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || !strings.HasPrefix(log[0].Detail, "核实属实：状态与指标不符") || !strings.Contains(log[0].Detail, "计入考核") ||
		log[1].Actor != "李科长" || !strings.HasPrefix(log[1].Detail, "核实不属实") {
		t.Errorf("log %+v", log)
	}
}
