package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

// TestCollectFullMailbox collects a mailbox as it looks on the last day: a return, a message
// with only a scanned PDF, and eight replies and notices without attachments. The return is
// collected, the PDF-only message is named with what was skipped, and the eight are summed
// up in one line instead of eight.
func TestCollectFullMailbox(t *testing.T) {
	mc := newMailCase(t)
	mc.goMail("a.eml", mc.units[0], "Mon, 30 Jun 2025 09:42:10 +0000", "a@qj.example.cn")
	var box strings.Builder
	for i := range 8 {
		fmt.Fprintf(&box, "From x Mon Jun 30 10:00:00 2025\nReceived: from x by mx.qj.gov.cn; Mon, 30 Jun 2025 1%d:00:00 +0800\n"+
			"From: n%d@qj.example.cn\nSubject: 回复：会议通知%d\n\n收到。\n\n", i, i, i)
	}
	box.WriteString("From x Mon Jun 30 10:00:00 2025\nReceived: from x by mx.qj.gov.cn; Mon, 30 Jun 2025 18:00:00 +0800\n" +
		"From: sww@qj.example.cn\nSubject: 扫描件\nContent-Type: multipart/mixed; boundary=b\n\n--b\n" +
		"Content-Type: application/pdf\nContent-Disposition: attachment; filename=scan.pdf\n\n%PDF-1.4\n--b--\n")
	os.WriteFile(filepath.Join(mc.inbox, "收件箱.mbox"), []byte(box.String()), 0o644)
	var out strings.Builder
	err := runCollect(context.Background(), mc.plan, collectOptions{Workspace: mc.workspace, Period: mc.period, Paths: []string{mc.inbox},
		Now: func() time.Time { return time.Date(2025, 7, 2, 9, 0, 0, 0, mc.plan.Location()) }}, &out)
	if err != nil {
		t.Fatalf("collect: %v\n%s", err, out.String())
	}
	text := out.String()
	for _, want := range []string{
		"收件箱.mbox 第9封邮件（发件人：sww@qj.example.cn；主题：扫描件）中没有 .xlsx 报表",
		"跳过  " + filepath.Join(mc.inbox, "收件箱.mbox") + " 第9封邮件：scan.pdf",
		"邮件  另有 8 封邮件没有附件，不是报送邮件，未收取，例如：n0@qj.example.cn《回复：会议通知0》、",
		"共 1 个文件，接收 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "会议通知"); n != plainShown {
		t.Errorf("%d replies named, want the first %d:\n%s", n, plainShown, text)
	}
}

// TestCollectMailboxAgain collects a mailbox for June, then the same mailbox, exported again
// a month later, for July: the June return it still holds is skipped as collected for June
// (not refused as a June template in July, with a 退回意见单 the clerk might send), and
// nothing is recorded for July. The same workbook saved to disk is examined as before.
func TestCollectMailboxAgain(t *testing.T) {
	mc := newMailCase(t)
	unit := mc.units[0]
	mc.goMail("a.eml", unit, "Mon, 30 Jun 2025 09:42:10 +0000", "a@qj.example.cn")
	if res, err := mc.collect("", mc.inbox); err != nil || len(res.Files) != 1 || !res.Files[0].Outcome.Acceptable() {
		t.Fatalf("June: %v %+v", err, res.Files)
	}
	saved := filepath.Join(t.TempDir(), unit+".xlsx")
	os.WriteFile(saved, mc.books[unit], 0o644)
	var out strings.Builder
	july := gyqc.MustPeriod("2025-07")
	err := runCollect(context.Background(), mc.plan, collectOptions{Workspace: mc.workspace, Period: july, Paths: []string{mc.inbox, saved}, JSON: true,
		Now: func() time.Time { return time.Date(2025, 7, 30, 9, 0, 0, 0, mc.plan.Location()) }}, &out)
	var res collectJSON
	if jerr := json.Unmarshal([]byte(out.String()), &res); jerr != nil || len(res.Files) != 2 {
		t.Fatalf("July: %v %v\n%s", err, jerr, out.String())
	}
	byMail, bySave := res.Files[0], res.Files[1]
	if byMail.Mail == nil {
		byMail, bySave = bySave, byMail
	}
	if byMail.Elsewhere == nil || *byMail.Elsewhere != mc.period || byMail.Outcome != "" || !byMail.Duplicate || byMail.Unit != unit ||
		!strings.Contains(byMail.Label, "已作为2025年6月的报送收取") || len(byMail.Feedback) > 0 {
		t.Errorf("the mail's June return in July: %+v", byMail)
	}
	if bySave.Outcome != gyqc.OutcomeRefused || bySave.Elsewhere != nil {
		t.Errorf("the saved workbook in July: %+v", bySave)
	}
	st, err := store.Open(context.Background(), mc.workspace, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	subs, err := st.Submissions(context.Background(), july, july)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range subs {
		if s.Hash == byMail.Hash {
			t.Errorf("the June return was recorded for July: %+v", s)
		}
	}
}
