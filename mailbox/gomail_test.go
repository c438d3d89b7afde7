package mailbox

import (
	"bytes"
	"mime"
	"testing"

	"github.com/qianjiang/gyqc"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// TestGoMail reads messages written with Go's writers.
func TestGoMail(t *testing.T) {
	subjectGBK := "Subject: " + mime.BEncoding.Encode("GB2312", gbk("区住房城乡建委6月报表"))
	inner := message(t, []string{received("Wed, 25 Jun 2025 08:00:00 +0800"), "From: =?UTF-8?B?5Yy65biC5Zy655uR566h5bGA?= <scjgj@qj.example.cn>",
		"Subject: =?UTF-8?Q?=E5=B8=82=E5=9C=BA=E7=9B=91=E7=AE=A1=E5=B1=80?=", "Date: Wed, 25 Jun 2025 07:59:00 +0800"},
		textPart("报表见附件", "utf-8"), attachment(xlsxType, rfc2231("区市场监管局_2025-06.xlsx"), book("inner")))
	tests := []struct {
		name string
		mail []byte
		want want
	}{
		{"RFC 2231 UTF-8 name, quoted-printable body, Received folded and in UTC", message(t,
			[]string{received("Mon, 30 Jun 2025 09:41:58 +0000 (UTC)"), "From: \"Unit\" <Unit@Example.cn>", "Subject: June",
				"Date: Mon, 30 Jun 2025 17:00:00 +0800"},
			textPart("附件为6月报表。", "utf-8"), attachment(xlsxType, rfc2231("区经济信息委_2025-06.xlsx"), book("a"))),
			want{from: "unit@example.cn", fromName: "Unit", subject: "June", received: "2025-06-30 17:41:58", source: gyqc.TimeMailServer,
				body: "附件为6月报表。", books: []string{"区经济信息委_2025-06.xlsx=a"}}},
		{"GBK encoded word name, GB2312 subject, GBK body", message(t,
			[]string{received("Tue, 1 Jul 2025 08:59:59 +0800"), "From: zjw@qj.example.cn", subjectGBK},
			textPart("请查收", "gbk"), attachment("application/octet-stream", gbkWord("区住房城乡建委_2025-06.xlsx"), book("b"))),
			want{from: "zjw@qj.example.cn", subject: "区住房城乡建委6月报表", received: "2025-07-01 08:59:59", source: gyqc.TimeMailServer,
				body: "请查收", books: []string{"区住房城乡建委_2025-06.xlsx=b"}, notes: nil}},
		{"raw GBK bytes in the name and subject", message(t,
			[]string{"From: " + gbk("区交通局") + " <jtj@qj.example.cn>", "Subject: " + gbk("交通局报表"), "Date: Sat, 28 Jun 2025 10:00:00 +0800"},
			attachment(xlsxType, rawGBK("区交通局_2025-06.xlsx"), book("c"))),
			want{from: "jtj@qj.example.cn", fromName: "区交通局", subject: "交通局报表", received: "2025-06-28 10:00:00", source: gyqc.TimeMailDate,
				notes: []string{"没有 Received 头"}, books: []string{"区交通局_2025-06.xlsx=c"}}},
		{"zip with GBK entry names, a nested zip and a document", message(t,
			[]string{received("Mon, 30 Jun 2025 12:00:00 +0800"), "From: a@b.cn", "Subject: zip"},
			attachment("application/x-zip-compressed", gbkWord("报表.zip"), zipOf(t, map[string][]byte{
				"报表/区教委_2025-06.xlsx": book("d"), "报表/旧.zip": []byte("PK"), "报表/说明.doc": []byte("x"), "报表/": nil}, true))),
			want{from: "a@b.cn", subject: "zip", received: "2025-06-30 12:00:00", source: gyqc.TimeMailServer,
				books: []string{"区教委_2025-06.xlsx=d"}, skipped: []string{"旧.zip", "说明.doc"}}},
		{"forwarded .eml attached as octet-stream", message(t,
			[]string{received("Tue, 1 Jul 2025 10:30:00 +0800"), "From: clerk@qj.gov.cn", "Subject: Fwd"},
			textPart("转发", "utf-8"), attachment("application/octet-stream", rfc2231("市场监管局.eml"), inner)),
			want{from: "clerk@qj.gov.cn", subject: "Fwd", received: "2025-07-01 10:30:00", source: gyqc.TimeMailServer, body: "转发",
				books: []string{"区市场监管局_2025-06.xlsx=inner"}, forwardedFrom: "scjgj@qj.example.cn"}},
		{"forwarded message/rfc822 inline", message(t,
			[]string{received("Tue, 1 Jul 2025 10:30:00 +0800"), "From: clerk@qj.gov.cn", "Subject: Fwd"},
			textPart("转发", "utf-8"), asPart(inner, "message/rfc822")),
			want{from: "clerk@qj.gov.cn", subject: "Fwd", received: "2025-07-01 10:30:00", source: gyqc.TimeMailServer, body: "转发",
				books: []string{"区市场监管局_2025-06.xlsx=inner"}, forwardedFrom: "scjgj@qj.example.cn"}},
		{"unnamed workbook, inline image, legacy .xls, bounce", message(t,
			[]string{received("Mon, 30 Jun 2025 12:00:00 +0800"), "From: a@b.cn", "Subject: mixed"},
			attachment(xlsxType, "", book("e")),
			func() part {
				p := attachment("image/png", "inline", []byte("png"))
				p.header.Set("Content-Id", "<logo>")
				return p
			}(),
			attachment("application/vnd.ms-excel", rfc2231("旧模板.xls"), []byte("\xd0\xcf\x11\xe0")),
			func() part {
				ct, body := multipartBody(t, "report", textPart("undeliverable", "utf-8"))
				return asPart(body, ct+"; report-type=delivery-status")
			}()),
			want{from: "a@b.cn", subject: "mixed", received: "2025-06-30 12:00:00", source: gyqc.TimeMailServer,
				books: []string{"附件1.xlsx=e", "旧模板.xls=\xd0\xcf\x11\xe0"}, skipped: []string{""}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := Parse("go.eml", tc.mail, testOptions())
			checkMessage(t, m, tc.want)
			if m.Raw != nil {
				t.Error("a message taken in keeps its raw bytes")
			}
		})
	}
}

// TestGoMbox reads an mbox written here: CRLF line ends, ">From " quoting, a message
// starting "From " inside a body that is not a separator.
func TestGoMbox(t *testing.T) {
	a := message(t, []string{received("Mon, 30 Jun 2025 12:00:00 +0800"), "From: a@b.cn", "Subject: one"},
		textPart("x", "utf-8"), attachment(xlsxType, rfc2231("a.xlsx"), book("1")))
	b := []byte(mailHeader("From: c@d.cn", "Subject: two", "Date: Mon, 30 Jun 2025 13:00:00 +0800", "Content-Type: text/plain") +
		"\r\nline\r\n>From here\r\n>>From there\r\nFrom inside, not after an empty line\r\n")
	var box bytes.Buffer
	for _, m := range [][]byte{a, b} {
		box.WriteString("From MAILER-DAEMON Mon Jun 30 12:00:00 2025\r\n")
		box.Write(m)
		box.WriteString("\r\n")
	}
	var msgs []*Message
	if err := Read("box.mbox", &box, testOptions(), func(m *Message) error { msgs = append(msgs, m); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 {
		t.Fatalf("got %d messages want 2", len(msgs))
	}
	checkMessage(t, msgs[0], want{from: "a@b.cn", subject: "one", received: "2025-06-30 12:00:00", source: gyqc.TimeMailServer,
		body: "x", books: []string{"a.xlsx=1"}})
	checkMessage(t, msgs[1], want{from: "c@d.cn", subject: "two", received: "2025-06-30 13:00:00", source: gyqc.TimeMailDate,
		notes: []string{"没有 Received 头"}, body: "line\r\nFrom here\r\n>From there\r\nFrom inside, not after an empty line"})
	if msgs[1].Name != "box.mbox 第2封邮件" || msgs[1].Index != 2 {
		t.Errorf("name %q index %d", msgs[1].Name, msgs[1].Index)
	}
}
