package portal

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/store"
)

// TestOfficeReviewAndLock runs the office's judgement through the office pages: a return with
// the office's words writes the unit's 退回意见单 and makes it 被退回, a forged form is refused,
// the sign-off waits for the deadline, the locked period gives its stored 汇总表, an unlock
// needs a reason; every decision is in the one audit trail that `gyqc log` prints.
func TestOfficeReviewAndLock(t *testing.T) {
	f := newFixture(t)
	f.uploadJSON(f.link("jxw"), "a.xlsx", f.filled("jxw"))
	f.uploadJSON(f.link("fgw"), "b.xlsx", f.filled("fgw"))
	c, csrf := f.office()
	post := func(path string, form url.Values) (*http.Response, string) {
		t.Helper()
		if form.Get("csrf") == "" {
			form.Set("csrf", csrf)
		}
		form.Set("period", "2025-06")
		return f.do(c, mustRequest(http.MethodPost, f.ts.URL+path, form))
	}
	const words = "本月工作进展过于笼统，请写明签约项目名称和金额"

	// A forged form changes nothing.
	if resp, _ := post("/office/unit/jxw/review", url.Values{"csrf": {"forged"}, "decision": {"accept"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("forged form: %s", resp.Status)
	}
	// Return jxw, accept fgw.
	resp, page := post("/office/unit/jxw/review", url.Values{"decision": {"return"}, "reason": {words}, "until": {"2025-07-04T17:00"}, "reviewer": {"王科长"}})
	if resp.StatusCode != 200 || !strings.Contains(page, "审核：退回") || !strings.Contains(page, words) {
		t.Fatalf("after the return: %s\n%.400s", resp.Status, page)
	}
	sheets, _ := filepath.Glob(filepath.Join(f.dir, "feedback", "2025-06", "*_审核退回意见单.xlsx"))
	if len(sheets) != 1 || !strings.Contains(sheets[0], "jxw") {
		t.Errorf("退回意见单: %v", sheets)
	}
	if resp, _ := post("/office/unit/fgw/review", url.Values{"decision": {"accept"}}); resp.StatusCode != 200 {
		t.Errorf("accept: %s", resp.Status)
	}
	if resp, page := post("/office/unit/fgw/review", url.Values{"decision": {"return"}}); resp.StatusCode != 400 || !strings.Contains(page, "退回意见") {
		t.Errorf("a return without words: %s", resp.Status)
	}
	resp, page = f.do(c, mustRequest(http.MethodGet, f.ts.URL+"/office/board?period=2025-06", nil))
	if !strings.Contains(page, "被退回") || !strings.Contains(page, "已审核") {
		t.Errorf("the board does not show the review:\n%.600s", page)
	}

	// Sign-off waits for the deadline; then the stored 汇总表 is what the office downloads.
	if resp, page := post("/office/lock", url.Values{"signed_by": {"李主任"}}); resp.StatusCode != 400 || !strings.Contains(page, "还没有到") {
		t.Errorf("lock before the deadline: %s", resp.Status)
	}
	f.setClock(time.Date(2025, 7, 5, 9, 0, 0, 0, f.plan.Location()))
	c, csrf = f.office() // a new day, a new session
	if resp, page := post("/office/lock", url.Values{"signed_by": {"李主任"}}); resp.StatusCode != 200 || !strings.Contains(page, "由 李主任 签发锁定") {
		t.Fatalf("lock: %s\n%.400s", resp.Status, page)
	}
	stored := storedLock(t, f)
	f.setClock(time.Date(2025, 7, 9, 9, 0, 0, 0, f.plan.Location()))
	f.uploadJSON(f.link("czj"), "c.xlsx", f.filled("czj")) // a late return: 补报
	c, csrf = f.office()
	resp, book := post("/office/output/consolidate", url.Values{})
	if resp.StatusCode != 200 || len(stored) == 0 || !bytes.Equal([]byte(book), stored) {
		t.Errorf("the locked period's 汇总表 is not the stored one (%s, %d bytes)", resp.Status, len(book))
	}
	if resp, page := post("/office/unit/fgw/review", url.Values{"decision": {"accept"}}); resp.StatusCode != 400 || !strings.Contains(page, "签发锁定") {
		t.Errorf("review of a locked period: %s", resp.Status)
	}

	// Unlock needs a reason.
	if resp, _ := post("/office/unlock", url.Values{"reason": {" "}}); resp.StatusCode != 400 {
		t.Errorf("unlock without a reason: %s", resp.Status)
	}
	if resp, _ := post("/office/unlock", url.Values{"reason": {"财政局补报须计入"}, "by": {"李主任"}}); resp.StatusCode != 200 {
		t.Errorf("unlock: %s", resp.Status)
	}

	checkOfficeTrail(t, f, words)
	// The office's log page shows the same trail.
	resp, page = f.do(c, mustRequest(http.MethodGet, f.ts.URL+"/office/log?period=2025-06", nil))
	if resp.StatusCode != 200 || !strings.Contains(page, "审核记录") || !strings.Contains(page, "财政局补报须计入") || !strings.Contains(page, "王科长") {
		t.Errorf("log page: %s", resp.Status)
	}
}

// storedLock returns the 汇总表 the lock stored, having checked that the portal's lock
// wrote the same files as `gyqc lock` keeps: copies in the workspace, the evaluation and the
// tables.
func storedLock(t *testing.T, f *fixture) []byte {
	t.Helper()
	var stored []byte
	f.srv.gate.read(context.Background(), func(st *store.Store) error {
		fz, err := (&audit.Office{Plan: f.plan, Store: st}).Frozen(context.Background(), f.period)
		if fz != nil {
			stored = fz.Workbook
			copyBook, _ := os.ReadFile(audit.WorkbookPath(f.dir, f.period))
			copyPDF, _ := os.ReadFile(audit.BriefingPath(f.dir, f.period))
			if len(stored) == 0 || !bytes.Equal(copyBook, stored) || len(fz.Briefing) == 0 || !bytes.Equal(copyPDF, fz.Briefing) {
				t.Errorf("the portal's lock did not write the stored 汇总表 and briefing into the workspace")
			}
			if fz.JSON() == nil || len(fz.CSV()) == 0 {
				t.Errorf("the portal's lock stored no evaluation or tables: %d outputs", len(fz.Outputs))
			}
		}
		return err
	})
	return stored
}

// checkOfficeTrail holds the one audit trail: uploads, reviews, lock, the late upload,
// unlock, with the reviewer's words and the office's actor.
func checkOfficeTrail(t *testing.T, f *fixture, words string) {
	t.Helper()
	var log []gyqc.AuditEntry
	f.srv.gate.read(context.Background(), func(st *store.Store) (err error) {
		log, err = st.AuditLog(context.Background(), f.period)
		return err
	})
	var steps []string
	for _, e := range log {
		steps = append(steps, string(e.Action)+":"+e.Unit)
	}
	want := "upload:jxw upload:fgw review:jxw review:fgw lock: upload:czj unlock:"
	if got := strings.Join(steps, " "); got != want {
		t.Errorf("audit trail\n got %s\nwant %s", got, want)
	}
	if e := log[2]; e.Actor != "王科长" || !strings.Contains(e.Detail, words) {
		t.Errorf("return entry %+v", e)
	}
	if e := log[3]; e.Actor != "办公室（网页）" {
		t.Errorf("accept entry actor %q", e.Actor)
	}
	if e := log[5]; !strings.Contains(e.Detail, "补报") {
		t.Errorf("late upload entry %q", e.Detail)
	}
}
