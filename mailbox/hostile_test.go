package mailbox

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"net/textproto"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

// nested wraps a workbook attachment in depth multipart levels.
func nested(t testing.TB, depth int) []byte {
	p := attachment(xlsxType, rfc2231("a.xlsx"), book("deep"))
	for range depth {
		ct, body := multipartBody(t, "mixed", p)
		p = part{textproto.MIMEHeader{"Content-Type": {ct}}, body}
	}
	return message(t, []string{"From: a@b.cn", "Subject: deep"}, p)
}

// bomb is a zip holding one workbook of n zero bytes.
func bomb(t testing.TB, n int) []byte {
	return zipOf(t, map[string][]byte{"报表.xlsx": make([]byte, n)}, false)
}

// lyingZip is a zip whose one entry says it inflates to 10 bytes but inflates to 1 MiB.
func lyingZip(t testing.TB) []byte {
	// Compress first to get the raw deflate stream.
	var one bytes.Buffer
	zw := zip.NewWriter(&one)
	w, _ := zw.Create("x")
	data := make([]byte, 1<<20)
	w.Write(data)
	zw.Close()
	zr, _ := zip.NewReader(bytes.NewReader(one.Bytes()), int64(one.Len()))
	raw, _ := zr.File[0].OpenRaw()
	var rawBuf bytes.Buffer
	rawBuf.ReadFrom(raw)
	var out bytes.Buffer
	zw = zip.NewWriter(&out)
	rw, err := zw.CreateRaw(&zip.FileHeader{Name: "报表.xlsx", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(data),
		CompressedSize64: uint64(rawBuf.Len()), UncompressedSize64: 10})
	if err != nil {
		t.Fatal(err)
	}
	rw.Write(rawBuf.Bytes())
	zw.Close()
	return out.Bytes()
}

// manyEntries is a zip of n empty entries.
func manyEntries(t testing.TB, n int) []byte {
	m := map[string][]byte{}
	for i := range n {
		m[fmt.Sprintf("%d.txt", i)] = nil
	}
	return zipOf(t, m, false)
}

// TestHostileMail checks that each hostile message is refused as a whole, with an error
// naming the mail file and the part, and nothing taken in.
func TestHostileMail(t *testing.T) {
	ok := attachment(xlsxType, rfc2231("好的.xlsx"), book("ok"))
	hdr := []string{"From: a@b.cn", "Subject: x"}
	zipped := func(z []byte) []byte {
		return message(t, hdr, ok, attachment("application/zip", rfc2231("报表.zip"), z))
	}
	tests := []struct {
		name string
		mail []byte
		lim  Limits
		rule gyqc.Rule
		part string // substring of the message naming the part
	}{
		{"deep nesting", nested(t, 30), Limits{}, RuleTooDeep, "第1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1部分"},
		{"too many parts", message(t, hdr, func() []part {
			ps := make([]part, 600)
			for i := range ps {
				ps[i] = textPart("x", "utf-8")
			}
			return ps
		}()...), Limits{}, RuleTooManyParts, "邮件主体"},
		{"huge header", message(t, append(hdr, "X-Junk: "+strings.Repeat("a", 300<<10)), ok), Limits{}, RuleHeader, "邮件头超过"},
		{"huge part header", message(t, hdr, ok, func() part {
			p := attachment(xlsxType, rfc2231("b.xlsx"), book("b"))
			p.header.Set("X-Junk", strings.Repeat("a", 300<<10))
			return p
		}()), Limits{}, RuleHeader, "第2部分"},
		{"no boundary", []byte("From: a@b.cn\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\n\r\nhi\r\n--x--\r\n"), Limits{}, RuleNoBoundary, "邮件主体"},
		{"boundary never appears", []byte("From: a@b.cn\r\nContent-Type: multipart/mixed; boundary=zzz\r\n\r\n--x\r\n\r\nhi\r\n--x--\r\n"), Limits{}, RuleNoBoundary, "邮件主体"},
		{"truncated inside a workbook", func() []byte {
			m := message(t, hdr, ok, attachment(xlsxType, rfc2231("b.xlsx"), bytes.Repeat([]byte("x"), 3000)))
			return m[:len(m)-500]
		}(), Limits{}, RuleTruncated, "第2部分“b.xlsx”"},
		{"corrupt base64", message(t, hdr, ok, part{textproto.MIMEHeader{"Content-Type": {xlsxType},
			"Content-Disposition": {rfc2231("c.xlsx")}, "Content-Transfer-Encoding": {"base64"}}, []byte("UEsD!!!!")}),
			Limits{}, RuleEncoding, "第2部分“c.xlsx”"},
		{"unknown transfer encoding on a workbook", message(t, hdr, ok, part{textproto.MIMEHeader{"Content-Type": {xlsxType},
			"Content-Disposition": {rfc2231("c.xlsx")}, "Content-Transfer-Encoding": {"x-uuencode"}}, []byte("begin 644")}),
			Limits{}, RuleEncoding, "第2部分“c.xlsx”"},
		{"zip bomb by declared size", zipped(bomb(t, 30<<20)), Limits{}, RuleZipBomb, "第2部分“报表.zip”中的“报表.xlsx”"},
		{"zip bomb by ratio", zipped(bomb(t, 5<<20)), Limits{}, RuleZipBomb, "压缩比超过 200 倍"},
		{"zip bomb by total", zipped(zipOf(t, map[string][]byte{"a.xlsx": bytes.Repeat([]byte("ab"), 300<<10), "b.xlsx": bytes.Repeat([]byte("cd"), 300<<10)}, false)),
			Limits{MaxZipTotal: 1 << 20}, RuleZipBomb, "第2部分“报表.zip”：压缩包解压后超过"},
		{"zip entry lying about its size", zipped(lyingZip(t)), Limits{}, RuleZipBroken, "第2部分“报表.zip”中的“报表.xlsx”"},
		{"zip with too many entries", zipped(manyEntries(t, 1200)), Limits{}, RuleZipBomb, "声明了 1200 个文件"},
		{"zip that is no zip", zipped([]byte("PK not really")), Limits{}, RuleZipBroken, "第2部分“报表.zip”"},
		{"message too large", message(t, hdr, ok), Limits{MaxMessageSize: 100}, RuleTooLarge, "超过上限 100 字节"},
		{"header without end", []byte("From: a@b.cn\r\nX: " + strings.Repeat("y", 300<<10)), Limits{}, RuleHeader, "邮件头超过"},
		{"forwarded message with a huge header", message(t, hdr, ok, asPart([]byte("From: x@y.cn\r\nX: "+strings.Repeat("y", 300<<10)+"\r\n\r\nhi"), "message/rfc822")),
			Limits{}, RuleHeader, "第2部分"},
		{"garbage header", []byte("\x00\x01\x02 not a mail"), Limits{}, RuleMalformed, "邮件头格式错误"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := testOptions()
			opt.Limits = tc.lim
			m := Parse("hostile.eml", tc.mail, opt)
			if !m.Refused() {
				t.Fatalf("not refused; attachments %d, skipped %v", len(m.Attachments), m.Skipped)
			}
			if len(m.Attachments) != 0 {
				t.Errorf("refused message kept %d attachments", len(m.Attachments))
			}
			if (tc.rule == RuleTooLarge) != (m.Raw == nil) {
				t.Errorf("raw bytes kept: %v; a refused message within the size limit keeps them to be archived", m.Raw != nil)
			}
			p := m.Problems[0]
			if p.Rule != tc.rule || p.File != "hostile.eml" || !strings.Contains(p.Message, tc.part) || p.Fix == "" {
				t.Errorf("got %s: %s (rule %s), want rule %s naming %q", p.File, p.Message, p.Rule, tc.rule, tc.part)
			}
		})
	}
}

// TestLimitsSkipOversizeWorkbook checks that a workbook over the attachment limit is
// listed as skipped, with the rest of the message taken in.
func TestLimitsSkipOversizeWorkbook(t *testing.T) {
	m := Parse("big.eml", message(t, []string{"From: a@b.cn"}, attachment(xlsxType, rfc2231("大.xlsx"), make([]byte, 2000)),
		attachment(xlsxType, rfc2231("小.xlsx"), book("s"))), Options{Limits: Limits{MaxAttachmentSize: 1000}})
	if m.Refused() || len(m.Attachments) != 1 || m.Attachments[0].Name != "小.xlsx" || len(m.Skipped) != 1 ||
		!strings.Contains(m.Skipped[0].Reason, "超过 1000 字节") {
		t.Fatalf("got attachments %v skipped %+v problems %v", m.Attachments, m.Skipped, m.Problems)
	}
}
