package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"net/textproto"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/store"
)

// mailCase is a cycle with clean sample returns of every unit, to wrap in mail.
type mailCase struct {
	*cycle
	returns map[string]*samples.Return // by unit
	books   map[string][]byte          // filled workbooks by unit
	units   []string                   // the responsible units, in registry order
}

func newMailCase(t *testing.T) *mailCase {
	t.Helper()
	c := newCycle(t, "2025-06")
	gen, err := samples.New(c.plan, defaultSampleSeed)
	if err != nil {
		t.Fatal(err)
	}
	batch, err := gen.Batch(c.period, samples.Clean)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "returns")
	if _, err := samples.WriteReturns(context.Background(), c.templates, dir, batch, samples.WriteOptions{NoResave: true}); err != nil {
		t.Fatal(err)
	}
	mc := &mailCase{cycle: c, returns: map[string]*samples.Return{}, books: map[string][]byte{}}
	for _, r := range batch.Returns {
		mc.returns[r.Unit] = r
		if mc.books[r.Unit], err = os.ReadFile(filepath.Join(dir, r.FileName)); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range c.plan.ResponsibleUnits() {
		mc.units = append(mc.units, u.Code)
	}
	return mc
}

// book writes unit's filled workbook into a scratch folder and returns its path.
func (mc *mailCase) book(unit string, data []byte) string {
	p := filepath.Join(mc.t.TempDir(), unit+".xlsx")
	if data == nil {
		data = mc.books[unit]
	}
	os.WriteFile(p, data, 0o644)
	return p
}

// goMail writes an .eml with Go's writers: a GBK encoded-word sender and attachment name.
func (mc *mailCase) goMail(name, unit, received, from string) string {
	gbk := func(s string) string { b, _ := simplifiedchinese.GBK.NewEncoder().String(s); return b }
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=utf-8"}})
	w.Write([]byte("附件为本单位6月报表。"))
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Transfer-Encoding", "base64")
	h.Set("Content-Disposition", `attachment; filename="`+mime.BEncoding.Encode("GBK", gbk(unit+"_2025年6月报表.xlsx"))+`"`)
	w, _ = mw.CreatePart(h)
	w.Write([]byte(base64.StdEncoding.EncodeToString(mc.books[unit])))
	mw.Close()
	head := "Received: from mail.unit.example by mx.qj.gov.cn (Postfix); " + received + "\r\n" +
		"From: " + mime.BEncoding.Encode("GBK", gbk("报送人")) + " <" + from + ">\r\n" +
		"Subject: " + mime.QEncoding.Encode("UTF-8", "6月报表") + "\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=" + mw.Boundary() + "\r\n\r\n"
	p := filepath.Join(mc.inbox, name)
	os.WriteFile(p, append([]byte(head), body.Bytes()...), 0o644)
	return p
}

// pyMail writes mail with testdata/mail.py (Python's email package); spec as mail.py says.
func (mc *mailCase) pyMail(name string, mbox bool, messages ...map[string]any) string {
	mc.t.Helper()
	out := filepath.Join(mc.inbox, name)
	spec, _ := json.Marshal(map[string]any{"out": out, "mbox": mbox, "messages": messages})
	sp := filepath.Join(mc.t.TempDir(), "mail.json")
	os.WriteFile(sp, spec, 0o644)
	if msg, err := exec.Command(clients.Python(mc.t), "testdata/mail.py", sp).CombinedOutput(); err != nil {
		mc.t.Fatalf("mail.py: %v\n%s", err, msg)
	}
	return out
}

// attachment is one attachment of a mail.py message.
func attachment(path, name string, zip string) map[string]any {
	a := map[string]any{"path": path, "name": name}
	if zip != "" {
		a["zip"] = zip
	}
	return a
}

// submissions reads the period's submissions of the workspace.
func (c *cycle) submissions() []gyqc.Submission {
	c.t.Helper()
	s, err := store.Open(context.Background(), c.workspace, store.ReadOnly)
	if err != nil {
		c.t.Fatal(err)
	}
	defer s.Close()
	subs, err := s.Submissions(context.Background(), c.period, c.period)
	if err != nil {
		c.t.Fatal(err)
	}
	return subs
}

// TestCollectMail collects returns straight from mail written by Go and by Python: received
// times from the Received header (converted from UTC), from Date when there is none, the
// workbook inside a zip and inside a forwarded message, two versions in one mbox written in
// the wrong order, and checks times, senders and the collected values; once with the
// workbooks held in memory, once written out to temporary files (collect.Spill).
func TestCollectMail(t *testing.T) {
	for _, budget := range []int64{0, 1} {
		t.Run(fmt.Sprintf("mail memory %d", budget), func(t *testing.T) { testCollectMail(t, budget) })
	}
}

// testCollectMail is TestCollectMail with a budget for the bytes taken out of mail: 1 writes
// every workbook to a temporary file and reads it back when it is collected.
func testCollectMail(t *testing.T, budget int64) {
	mc := newMailCase(t)
	mc.mailMemory = budget
	a, b, cz, d, e := mc.units[0], mc.units[1], mc.units[2], mc.units[3], mc.units[4]
	mc.goMail("a.eml", a, "Mon, 30 Jun 2025 09:42:10 +0000", "A@qj.example.cn")
	mc.pyMail("b.eml", false, map[string]any{"received": "Sat, 28 Jun 2025 10:00:00 +0800", "date": "Sat, 28 Jun 2025 09:59:00 +0800",
		"from": []string{"区某单位 王五", "b@qj.example.cn"}, "subject": "关于报送6月报表的函", "charset": "gbk",
		"attachments": []any{attachment(mc.book(b, nil), b+"_6月报表.xlsx", "")}})
	mc.pyMail("c.eml", false, map[string]any{"date": "Tue, 01 Jul 2025 10:30:00 +0800",
		"from": []string{"C", "c@qj.example.cn"}, "subject": "压缩包", "charset": "utf-8",
		"attachments": []any{attachment(mc.book(cz, nil), "报表/"+cz+".xlsx", "6月报表.zip")}})
	mc.pyMail("d.eml", false, map[string]any{"received": "Mon, 30 Jun 2025 11:20:00 +0800", "date": "Mon, 30 Jun 2025 11:19:00 +0800",
		"from": []string{"办公室 李四", "lisi@qj.gov.cn"}, "subject": "转发：6月报表", "charset": "utf-8",
		"forward": map[string]any{"received": "Fri, 27 Jun 2025 10:00:00 +0800", "date": "Fri, 27 Jun 2025 09:59:00 +0800",
			"from": []string{"报送员", "d@qj.example.cn"}, "subject": "D单位6月报表", "charset": "gbk",
			"attachments": []any{attachment(mc.book(d, nil), d+".xlsx", "")}}})
	// e sends a corrected version: the mbox holds it before the first.
	fixed := mc.returns[e].Submission
	fixed.Filler.Phone = "023-79000002"
	data, err := samples.Fill(mustRead(t, mc.template("2025-06", e)), &samples.Return{Submission: fixed})
	if err != nil {
		t.Fatal(err)
	}
	mc.pyMail("e.mbox", true,
		map[string]any{"received": "Sun, 29 Jun 2025 15:00:00 +0800", "date": "Sun, 29 Jun 2025 14:59:00 +0800",
			"from": []string{"E", "e@qj.example.cn"}, "subject": "更正", "charset": "utf-8", "attachments": []any{attachment(mc.book(e+"-2", data), "更正.xlsx", "")}},
		map[string]any{"received": "Fri, 27 Jun 2025 15:00:00 +0800", "date": "Fri, 27 Jun 2025 14:59:00 +0800",
			"from": []string{"E", "e@qj.example.cn"}, "subject": "报表", "charset": "utf-8", "attachments": []any{attachment(mc.book(e, nil), "报表.xlsx", "")}})

	res, err := mc.collect("", mc.inbox)
	if err != nil {
		t.Fatalf("collect: %v\n%+v", err, res.Files)
	}
	type want struct {
		unit, received string
		source         gyqc.TimeSource
		version        int
	}
	wants := []want{ // in order of arrival
		{e, "2025-06-27 15:00", gyqc.TimeMailServer, 1},
		{b, "2025-06-28 10:00", gyqc.TimeMailServer, 1},
		{e, "2025-06-29 15:00", gyqc.TimeMailServer, 2},
		{d, "2025-06-30 11:20", gyqc.TimeMailServer, 1},
		{a, "2025-06-30 17:42", gyqc.TimeMailServer, 1},
		{cz, "2025-07-01 10:30", gyqc.TimeMailDate, 1},
	}
	if len(res.Files) != len(wants) {
		t.Fatalf("got %d files, want %d: %+v", len(res.Files), len(wants), res.Files)
	}
	for i, w := range wants {
		r := res.Files[i]
		got := r.Received.In(mc.plan.Location()).Format("2006-01-02 15:04")
		if r.Unit != w.unit || got != w.received || r.TimeSource != w.source || r.Version != w.version || !r.Outcome.Acceptable() || r.Mail == nil {
			t.Errorf("file %d: got %s %s %s v%d %s, want %+v (%s)", i, r.Unit, got, r.TimeSource, r.Version, r.Outcome, w, r.Problems)
		}
	}
	if n := res.Files[5].TimeNote; !strings.Contains(n, "没有 Received 头") {
		t.Errorf("c's time note %q", n)
	}
	subs := mc.submissions()
	byUnit := map[string][]gyqc.Submission{}
	for _, s := range subs {
		byUnit[s.Unit] = append(byUnit[s.Unit], s)
	}
	check := func(unit, sender, name, subject string) {
		t.Helper()
		s := byUnit[unit][len(byUnit[unit])-1]
		if s.Sender != sender || s.SenderName != name || s.Subject != subject {
			t.Errorf("%s: sender %q %q subject %q, want %q %q %q", unit, s.Sender, s.SenderName, s.Subject, sender, name, subject)
		}
		// The figures are those the unit wrote.
		r := mc.returns[unit]
		for _, v := range r.Values {
			got := s.Value(v.Key)
			if got == nil || (v.Value == nil) != (got.Value == nil) || v.Value != nil && *v.Value != *got.Value {
				t.Errorf("%s %s: got %+v want %+v", unit, v.Key, got, v)
			}
		}
	}
	check(a, "a@qj.example.cn", "报送人", "6月报表")
	check(b, "b@qj.example.cn", "区某单位 王五", "关于报送6月报表的函")
	check(cz, "c@qj.example.cn", "C", "压缩包")
	check(d, "d@qj.example.cn", "报送员", "D单位6月报表")
	check(e, "e@qj.example.cn", "E", "更正")
	if s := byUnit[e]; len(s) != 2 || s[1].Filler.Phone != "023-79000002" {
		t.Errorf("%s: the corrected version must be version 2: %+v", e, s)
	}
}

// TestCollectMailReceivedOverride checks that --received overrides a mail's own time and
// says which time it set aside.
func TestCollectMailReceivedOverride(t *testing.T) {
	mc := newMailCase(t)
	mc.goMail("a.eml", mc.units[0], "Mon, 30 Jun 2025 09:42:10 +0000", "a@qj.example.cn")
	res, err := mc.collect("2025-06-29 08:00", mc.inbox)
	if err != nil || len(res.Files) != 1 {
		t.Fatalf("collect: %v %+v", err, res.Files)
	}
	r := res.Files[0]
	if r.TimeSource != gyqc.TimeGiven || r.Received.In(mc.plan.Location()).Format("2006-01-02 15:04") != "2025-06-29 08:00" ||
		!strings.Contains(r.TimeNote, "未采用邮件服务器收到时间 2025-06-30 17:42") {
		t.Errorf("got %s %v %q", r.TimeSource, r.Received, r.TimeNote)
	}
}

// TestCollectHostileMail checks that a broken message is refused with a message naming the
// mail file and the part (and archived, with a 退回意见单), next to a good one that is
// collected; that the text report lists the skipped attachments; and that an Outlook .msg
// file is refused with what to do instead.
func TestCollectHostileMail(t *testing.T) {
	mc := newMailCase(t)
	mc.goMail("good.eml", mc.units[0], "Mon, 30 Jun 2025 09:42:10 +0000", "a@qj.example.cn")
	os.WriteFile(filepath.Join(mc.inbox, "bad.eml"), []byte("From: x@y.cn\r\nSubject: hi\r\nContent-Type: multipart/mixed\r\n\r\n--a\r\n\r\nx\r\n--a--\r\n"), 0o644)
	mc.pyMail("pdf.eml", false, map[string]any{"received": "Sat, 28 Jun 2025 10:00:00 +0800", "date": "Sat, 28 Jun 2025 09:59:00 +0800",
		"from": []string{"P", "p@qj.example.cn"}, "subject": "说明", "charset": "utf-8",
		"attachments": []any{attachment(mc.book(mc.units[1], []byte("%PDF-1.4")), "说明.pdf", "")}})
	os.WriteFile(filepath.Join(mc.inbox, "Outlook.msg"), []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), 0o644)
	var out strings.Builder
	err := runCollect(context.Background(), mc.plan, collectOptions{Workspace: mc.workspace, Period: mc.period, Paths: []string{mc.inbox},
		Now: func() time.Time { return time.Date(2025, 7, 2, 9, 0, 0, 0, mc.plan.Location()) }}, &out)
	var refused *refusedError
	if !errors.As(err, &refused) || refused.n != 2 {
		t.Fatalf("want two refusals, got %v\n%s", err, out.String())
	}
	text := out.String()
	for _, want := range []string{
		"退回  （未识别单位）  " + filepath.Join(mc.inbox, "bad.eml"),
		"bad.eml：邮件主体：声明为多部分内容，但没有给出分隔符",
		"已接收  " + mc.plan.Registry.Unit(mc.units[0]).Name + "  " + filepath.Join(mc.inbox, "good.eml") + "：" + mc.units[0] + "_2025年6月报表.xlsx  第1版",
		"收到 2025-06-30 17:42（邮件服务器收到时间）",
		"发件人：报送人 <a@qj.example.cn>；主题：6月报表",
		"跳过  " + filepath.Join(mc.inbox, "pdf.eml") + "：说明.pdf（不是报表文件（.xlsx），未收取）",
		"意见单：" + filepath.Join(mc.workspace, "feedback", "2025-06", "2025-06_未识别_bad_"), // and the archived file's hash
		"读取邮件 3 封",
		"Outlook.msg：这是 Outlook 的 .msg 邮件文件，不能直接收取",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var _ = fmt.Sprint
var _ = collect.Result{}
