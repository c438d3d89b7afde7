package mailbox

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
)

// shanghai is the plan's time zone.
var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// testOptions are the options of the tests: the plan's zone, the plan beginning in 2022,
// the clock on 2 July 2025.
func testOptions() Options {
	return Options{Location: shanghai, NotBefore: time.Date(2022, 1, 1, 0, 0, 0, 0, shanghai),
		Now: func() time.Time { return time.Date(2025, 7, 2, 9, 0, 0, 0, shanghai) }}
}

// readAll reads every message of a file.
func readAll(t *testing.T, path string, opt Options) []*Message {
	t.Helper()
	var out []*Message
	if err := ReadFile(path, opt, func(m *Message) error { out = append(out, m); return nil }); err != nil {
		t.Fatalf("ReadFile %s: %v", path, err)
	}
	return out
}

// want is what a test expects of one message.
type want struct {
	from, fromName, subject string
	received                string // in Shanghai, "2006-01-02 15:04:05"; empty: none
	source                  gyqc.TimeSource
	notes                   []string // substrings of TimeNotes, in order
	body                    string   // substring of the body
	books                   []string // attachment name=data suffix
	skipped                 []string // names
	forwardedFrom           string
}

func checkMessage(t *testing.T, m *Message, w want) {
	t.Helper()
	if m.Refused() {
		t.Fatalf("%s refused: %v", m.Name, m.Problems)
	}
	if m.From != w.from || m.FromName != w.fromName {
		t.Errorf("sender: got %q %q want %q %q", m.From, m.FromName, w.from, w.fromName)
	}
	if m.Subject != w.subject {
		t.Errorf("subject: got %q want %q", m.Subject, w.subject)
	}
	got := ""
	if !m.Received.IsZero() {
		got = m.Received.Format("2006-01-02 15:04:05")
		if m.Received.Location() != shanghai {
			t.Errorf("received in %v, want Asia/Shanghai", m.Received.Location())
		}
	}
	if got != w.received || m.Source != w.source {
		t.Errorf("received: got %q (%q) want %q (%q); notes %q", got, m.Source, w.received, w.source, m.TimeNotes)
	}
	if len(m.TimeNotes) != len(w.notes) {
		t.Errorf("time notes: got %q want %d like %q", m.TimeNotes, len(w.notes), w.notes)
	} else {
		for i, n := range w.notes {
			if !strings.Contains(m.TimeNotes[i], n) {
				t.Errorf("time note %d: got %q want it to contain %q", i, m.TimeNotes[i], n)
			}
		}
	}
	if !strings.Contains(m.Body, w.body) {
		t.Errorf("body: got %q want it to contain %q", m.Body, w.body)
	}
	var books []string
	for _, a := range m.Attachments {
		books = append(books, a.Name+"="+strings.TrimPrefix(string(a.Data), "PK\x03\x04 workbook "))
		if (a.Forwarded != nil) != (w.forwardedFrom != "") {
			t.Errorf("%s: forwarded %v, want from %q", a.Name, a.Forwarded, w.forwardedFrom)
		} else if a.Forwarded != nil && a.Forwarded.From != w.forwardedFrom {
			t.Errorf("%s: forwarded from %q want %q", a.Name, a.Forwarded.From, w.forwardedFrom)
		}
	}
	if strings.Join(books, "|") != strings.Join(w.books, "|") {
		t.Errorf("workbooks: got %q want %q", books, w.books)
	}
	var skipped []string
	for _, s := range m.Skipped {
		skipped = append(skipped, s.Name)
		if s.Reason == "" || s.Part == "" {
			t.Errorf("skipped %q without part or reason: %+v", s.Name, s)
		}
	}
	if strings.Join(skipped, "|") != strings.Join(w.skipped, "|") {
		t.Errorf("skipped: got %q want %q", skipped, w.skipped)
	}
}

// TestPythonMail reads the mail files Python's email package wrote (testdata/make_mail.py).
func TestPythonMail(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []want
	}{
		{"GBK sender, subject, body and RFC 2231 name", "py_gbk_2231.eml", []want{{
			from: "jxw@qj.example.cn", fromName: "区经济信息委", subject: "关于报送2025年6月“工业强城”进展的函",
			received: "2025-06-30 17:42:10", source: gyqc.TimeMailServer, body: "附件为我委6月报表，请查收。",
			books: []string{"区经济信息委_2025年6月.xlsx=gbk"}, skipped: []string{"说明.pdf"}}}},
		{"RFC 2047 GB2312 name in quotes, quoted-printable GB18030 body", "py_foxmail.eml", []want{{
			from: "czj@qj.example.cn", fromName: "区财政局 张三", subject: "财政局6月报表（更正）",
			received: "2025-07-01 08:05:33", source: gyqc.TimeMailServer, body: "更正后的报表见附件。䶮字测试",
			books: []string{"区财政局_2025-06_更正.xlsx=foxmail"}}}},
		{"Big5 name, subject and body", "py_big5.eml", []want{{
			from: "zsj@qj.example.cn", subject: "招商報表", received: "2025-06-29 22:10:00", source: gyqc.TimeMailServer,
			body: "請查收報表。", books: []string{"招商報表.xlsx=big5"}}}},
		{"zip attachment, no Received header", "py_zip.eml", []want{{
			from: "kjj@qj.example.cn", fromName: "区科技局", subject: "科技局报表（压缩包）",
			received: "2025-06-30 16:00:00", source: gyqc.TimeMailDate, notes: []string{"没有 Received 头"}, body: "见附件压缩包。",
			books: []string{"区科技局_2025-06.xlsx=zip-1", "区科技局_重点项目.xlsx=zip-2"}, skipped: []string{"说明.docx"}}}},
		{"forwarded message with a continued RFC 2231 name", "py_forward.eml", []want{{
			from: "lisi@qj.gov.cn", fromName: "李四", subject: "转发：生态环境局6月工业强城报表",
			received: "2025-06-30 11:20:00", source: gyqc.TimeMailServer, body: "转给报送邮箱。",
			books:         []string{"区生态环境局_2025年6月_工业强城建设进展情况报表_最终版_请以此为准.xlsx=forwarded"},
			forwardedFrom: "sthjj@qj.example.cn"}}},
		{"mbox of three", "py_inbox.mbox", []want{
			{from: "gxj@qj.example.cn", subject: "工信报表", received: "2025-06-26 15:00:00", source: gyqc.TimeMailServer,
				body: "办公室：\nFrom the unit, with thanks.", books: []string{"区工信_2025-06.xlsx=mbox-1"}},
			{from: "fgw@qj.example.cn", subject: "发改报表", received: "2025-06-30 20:00:00", source: gyqc.TimeMailDate,
				notes: []string{"早于方案开始（2022-01-01）"}, body: "见附件。", books: []string{"区发改委_2025-06.xlsx=mbox-2"}},
			{from: "swj@qj.example.cn", subject: "商务报表", source: "",
				notes: []string{"晚于当前时间", "Date 头的日期“not a date”无法识别"}, body: "见附件。", books: []string{"区商务委_2025-06.xlsx=mbox-3"}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			msgs := readAll(t, filepath.Join("testdata", tc.file), testOptions())
			if len(msgs) != len(tc.want) {
				t.Fatalf("got %d messages want %d", len(msgs), len(tc.want))
			}
			for i, m := range msgs {
				checkMessage(t, m, tc.want[i])
			}
		})
	}
}
