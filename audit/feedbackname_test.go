package audit_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/collect"
)

// TestManualReturnFoundByCollect: the 审核退回意见单 the office writes is named as collect
// names and looks for 意见单 (review.FeedbackBase), so remind and the portal find it also for
// a unit whose name holds a character a file name cannot (it was written under the raw name:
// "区经济信息委/区能源局" made a folder of its own, and the sheet could not be written).
func TestManualReturnFoundByCollect(t *testing.T) {
	d := newDesk(t)
	unit := d.plan.Registry.Unit("jxw")
	unit.Name = "区经济信息委/区能源局"
	june := gyqc.MustPeriod("2025-06")
	due := d.plan.Due(june)
	d.record("jxw", "2025-06", due.Add(-48*time.Hour), "jxw v1")
	d.now = due.Add(10 * time.Hour)
	res, err := d.o.Review(d.ctx, audit.Request{Period: june, Unit: "jxw", Reviewer: "王科长", Return: "请写明本月新进展", Until: due.Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(res.Feedback)
	if filepath.Base(dir) != "2025-06" {
		t.Errorf("written in %s, not the period's feedback folder", dir)
	}
	if got := collect.FeedbackFile(dir, june, unit, 1, gyqc.OutcomeRefused); got != res.Feedback {
		t.Errorf("collect finds %q; the office wrote %q", got, res.Feedback)
	}
}
