package main

import (
	"encoding/base64"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCollectMailHeadersOnOneLine: a sender, a subject and an attachment name are the
// sender's to write, and encoded words can carry a newline or a terminal escape: printed,
// each stays on its line (sender and subject escaped, the mail reader drops control
// characters from attachment names), so that a mail cannot add a line such as "已接收
// 城东街道" to the clerk's output. (Sender and subject used to be printed as decoded.)
func TestCollectMailHeadersOnOneLine(t *testing.T) {
	c := newCycle(t, "2025-06")
	forged := "\n已接收  城东街道  伪造.xlsx  第1版\n\x1b[2J"
	mail := func(name, attachment, filename string) {
		head := "From: " + mime.BEncoding.Encode("UTF-8", "报送人"+forged) + " <a@qj.example.cn>\r\n" +
			"Subject: " + mime.BEncoding.Encode("UTF-8", "6月报表"+forged) + "\r\n" +
			"Date: Sat, 28 Jun 2025 09:59:00 +0800\r\nMIME-Version: 1.0\r\n" +
			"Content-Type: multipart/mixed; boundary=b\r\n\r\n" +
			"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n附件为报表。\r\n" +
			"--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n" +
			"Content-Disposition: attachment; filename=\"" + mime.BEncoding.Encode("UTF-8", filename) + "\"\r\n\r\n" +
			base64.StdEncoding.EncodeToString([]byte(attachment)) + "\r\n--b--\r\n"
		if err := os.WriteFile(filepath.Join(c.inbox, name), []byte(head), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mail("a.eml", "PK not a workbook", "报表"+forged+".xlsx")
	mail("b.eml", "%PDF-1.4", "说明"+forged+".pdf")
	code, out, errOut := runCLI(t, "--workspace", c.workspace, "collect", "--period", "2025-06", c.inbox)
	if code != exitRefused {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "已接收") || strings.Contains(line, "\x1b") {
			t.Errorf("a mail header made a line of its own: %q\n%s", line, out)
		}
	}
	for _, want := range []string{`主题：6月报表\n已接收  城东街道  伪造.xlsx  第1版\n\x1b[2J`, `报送人\n已接收`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}

// TestCollectProblemsOnOneLine: a problem quoting what a unit typed prints on one line even
// when the cell holds a line break, so that a workbook cannot add a line such as "已接收
// 城东街道" to collect's output either; the 退回意见单 keeps the text as typed.
func TestCollectProblemsOnOneLine(t *testing.T) {
	c := newCycle(t, "2025-06")
	spec := dsjjSpec()
	spec["values"] = map[string]any{"cloud-enterprises": "56\n已接收  城东街道  伪造.xlsx  第1版"}
	path := c.fill("2025-06", "dsjj", "dsjj.xlsx", spec)
	code, out, errOut := runCLI(t, "--workspace", c.workspace, "collect", "--period", "2025-06", "--received", "2025-06-28 10:00", path)
	if code != exitRefused {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "已接收") {
			t.Errorf("a cell's text made a line of its own: %q\n%s", line, out)
		}
	}
	if !strings.Contains(out, `56\n已接收`) {
		t.Errorf("the value is not shown escaped:\n%s", out)
	}
}
