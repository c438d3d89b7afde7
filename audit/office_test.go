package audit_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/store"
)

// desk is an office on a fresh workspace with a clock the test moves.
type desk struct {
	t    *testing.T
	ctx  context.Context
	plan *gyqc.Plan
	st   *store.Store
	o    *audit.Office
	now  time.Time
}

func newDesk(t *testing.T) *desk {
	t.Helper()
	d := &desk{t: t, ctx: context.Background(), plan: planfile.Default()}
	var err error
	if d.st, err = store.Open(d.ctx, t.TempDir(), store.ReadWrite); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.st.Close() })
	d.st.Now = func() time.Time { return d.now }
	d.o = &audit.Office{Plan: d.plan, Store: d.st, Now: func() time.Time { return d.now }}
	return d
}

// record stores an accepted return of unit for period received at the time, as collect would.
func (d *desk) record(unit, period string, received time.Time, body string) *gyqc.Submission {
	d.t.Helper()
	hash, err := d.st.Archive(d.ctx, unit+".xlsx", []byte(body))
	if err != nil {
		d.t.Fatal(err)
	}
	var tasks []gyqc.TaskReport
	for _, a := range d.plan.Assignments(unit) {
		tasks = append(tasks, gyqc.TaskReport{Task: a.Task, Role: a.Role, Status: gyqc.StatusOnTrack, Progress: "按计划推进"})
	}
	sub, _, err := d.st.Record(d.ctx, &gyqc.Submission{Unit: unit, Period: gyqc.MustPeriod(period), Received: received, Hash: hash,
		FileName: unit + "_" + period + ".xlsx", Outcome: gyqc.OutcomeWarned, Tasks: tasks,
		Problems: gyqc.Problems{{Severity: gyqc.SevWarning, Sheet: "任务进展", Cell: "E5", Rule: "copied-last-month", Message: "本月工作进展与上月完全相同", Task: tasks[0].Task}}})
	if err != nil {
		d.t.Fatal(err)
	}
	return sub
}

func TestReviewReturnLockUnlock(t *testing.T) {
	d := newDesk(t)
	june := gyqc.MustPeriod("2025-06")
	due := d.plan.Due(june)
	d.record("jxw", "2025-06", due.Add(-48*time.Hour), "jxw v1")
	d.record("fgw", "2025-06", due.Add(-24*time.Hour), "fgw v1")
	d.now = due.Add(10 * time.Hour)

	checkWrongReviews(t, d, june)

	// The review list puts the copied text first.
	q, err := d.o.Queue(d.ctx, june, d.now)
	if err != nil || len(q) != 2 || q[0].Label != "待审核" || len(q[0].Texts) != 1 {
		t.Fatalf("queue %+v %v", q, err)
	}

	// A manual return: the unit's 退回意见单 carries the office's words, its state is 被退回.
	until := due.Add(72 * time.Hour)
	res, err := d.o.Review(d.ctx, audit.Request{Period: june, Unit: "jxw", Reviewer: "王科长", Return: "进展与上月相同，请写明本月新进展", Until: until})
	if err != nil {
		t.Fatal(err)
	}
	if res.State.State != gyqc.StateRefused || res.State.ReviewStatus != gyqc.ReviewReturned || res.State.Returned == nil {
		t.Errorf("after the return: %s %s", res.State.State, res.State.ReviewStatus)
	}
	assertSheetHas(t, res.Feedback, "进展与上月相同，请写明本月新进展", "2025-07-04 00:00前", "本月工作进展与上月完全相同")
	if _, err := d.o.Review(d.ctx, audit.Request{Period: june, Unit: "fgw", Reviewer: "王科长", Accept: true, Note: "数据已核"}); err != nil {
		t.Fatal(err)
	}

	// The correction arrives before the date set: 按期更正, not 迟报.
	d.now = due.Add(48 * time.Hour)
	d.record("jxw", "2025-06", d.now, "jxw v2")
	ev, _, err := d.o.Evaluate(d.ctx, june, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if r := ev.Unit("jxw").Report; r.State != gyqc.StateOnTime || !r.Corrected || r.ReviewStatus != gyqc.ReviewPending {
		t.Errorf("corrected in time: %s corrected %v review %s", r.Label(), r.Corrected, r.ReviewStatus)
	}
	if r := ev.Unit("fgw").Report; r.ReviewStatus != gyqc.ReviewAccepted {
		t.Errorf("fgw: %s", r.ReviewStatus)
	}

	// Sign-off: refused before the deadline, then done; the stored files come back the same.
	d.now = due.Add(-time.Hour)
	if _, err := d.o.Lock(d.ctx, audit.LockRequest{Period: june, SignedBy: "赵主任"}); !strings.Contains(gyqc.ErrorMessage(err), "还没有到") {
		t.Errorf("lock before the deadline: %v", err)
	}
	d.now = due.Add(72 * time.Hour)
	fz, err := d.o.Lock(d.ctx, audit.LockRequest{Period: june, SignedBy: "赵主任"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fz.Lock.Versions) != 3 || len(fz.Waiting) != 1 || !bytes.HasPrefix(fz.Briefing, []byte("%PDF")) {
		t.Errorf("lock: versions %v, waiting %v", fz.Lock.Versions, fz.Waiting)
	}
	if _, err := d.o.Review(d.ctx, audit.Request{Period: june, Unit: "jxw", Reviewer: "王科长", Accept: true}); !strings.Contains(gyqc.ErrorMessage(err), "签发锁定") {
		t.Errorf("review of a locked period: %v", err)
	}

	// A late return after the lock is 补报: kept, shown in July, nothing of June changes.
	d.now = due.Add(96 * time.Hour)
	late := d.record("fgw", "2025-06", d.now, "fgw v2 after the lock")
	again, err := d.o.Frozen(d.ctx, june)
	if err != nil || !bytes.Equal(again.Workbook, fz.Workbook) || !bytes.Equal(again.Briefing, fz.Briefing) {
		t.Fatalf("stored files changed after a late return: %v", err)
	}
	ev, _, _ = d.o.Evaluate(d.ctx, june, time.Time{})
	if r := ev.Unit("fgw").Report; r.Current.ID == late.ID || len(r.Supplements) != 1 {
		t.Errorf("June after the 补报: current %d, supplements %d", r.Current.ID, len(r.Supplements))
	}
	july, _, _ := d.o.Evaluate(d.ctx, june.Add(1), time.Time{})
	if len(july.Supplements) != 1 || july.Supplements[0].Submission.ID != late.ID {
		t.Errorf("July shows supplements %+v", july.Supplements)
	}

	checkUnlock(t, d, june, late)
}

// checkWrongReviews: wrong requests are refused with every problem, and record nothing.
func checkWrongReviews(t *testing.T, d *desk, june gyqc.Period) {
	t.Helper()
	_, err := d.o.Review(d.ctx, audit.Request{Period: june, Unit: "jxw", Accept: true, Return: "x", Adopt: []int{999}})
	msg := gyqc.ErrorMessage(err)
	for _, want := range []string{"请写明审核人", "只能选一个", "不承担任务999"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if _, err := d.o.Review(d.ctx, audit.Request{Period: june, Unit: "nobody", Reviewer: "王科长", Accept: true}); !strings.Contains(gyqc.ErrorMessage(err), "不在单位名册") {
		t.Errorf("unknown unit: %v", err)
	}
	if log, _ := d.o.Log(d.ctx, june); len(log) != 0 {
		t.Fatalf("refused requests were logged: %+v", log)
	}

}

// checkUnlock: unlock needs a reason and is recorded with it; the late return counts again,
// and the log holds the reviews, the lock and the unlock in order.
func checkUnlock(t *testing.T, d *desk, june gyqc.Period, late *gyqc.Submission) {
	t.Helper()
	if _, err := d.o.Unlock(d.ctx, june, "赵主任", " "); err == nil {
		t.Error("unlock without a reason")
	}
	if _, err := d.o.Unlock(d.ctx, june, "赵主任", "发改委数据更正，重新汇总"); err != nil {
		t.Fatal(err)
	}
	ev, _, _ := d.o.Evaluate(d.ctx, june, time.Time{})
	if r := ev.Unit("fgw").Report; r.Current.ID != late.ID {
		t.Errorf("after unlock the late return should be current")
	}
	log, err := d.o.Log(d.ctx, june)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log {
		actions = append(actions, string(e.Action)+":"+e.Actor)
	}
	want := "review:王科长 review:王科长 lock:赵主任 unlock:赵主任"
	if got := strings.Join(actions, " "); got != want {
		t.Errorf("log %s, want %s", got, want)
	}
	if !strings.Contains(log[3].Detail, "发改委数据更正，重新汇总") {
		t.Errorf("unlock entry %q lacks the reason", log[3].Detail)
	}
}

// assertSheetHas checks that the workbook's first sheet holds every text.
func assertSheetHas(t *testing.T, path string, texts ...string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetName(0))
	var all strings.Builder
	for _, r := range rows {
		all.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, s := range texts {
		if !strings.Contains(all.String(), s) {
			t.Errorf("%s lacks %q:\n%s", path, s, all.String())
		}
	}
}
