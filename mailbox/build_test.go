package mailbox

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The mail of these tests is written with Go's own writers: mime/multipart, mime's
// encoders (RFC 2047 words and RFC 2231 parameters by FormatMediaType), quoted-printable
// and base64.

// part is one entity of a message being built: its header and its encoded body.
type part struct {
	header textproto.MIMEHeader
	body   []byte
}

// mailHeader writes header fields in the given order ("Key: value" pairs).
func mailHeader(fields ...string) string {
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(f + "\r\n")
	}
	return b.String()
}

// multipartBody builds a multipart body of the parts with boundary; it returns the
// Content-Type value and the body.
func multipartBody(t testing.TB, subtype string, parts ...part) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		w, err := mw.CreatePart(p.header)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.body)
	}
	mw.Close()
	return fmt.Sprintf("multipart/%s; boundary=%q", subtype, mw.Boundary()), buf.Bytes()
}

// message joins header fields and a multipart body of parts into a whole message.
func message(t testing.TB, fields []string, parts ...part) []byte {
	t.Helper()
	ct, body := multipartBody(t, "mixed", parts...)
	fields = append(fields, "MIME-Version: 1.0", "Content-Type: "+ct)
	return append([]byte(mailHeader(fields...)+"\r\n"), body...)
}

// asPart turns a whole message into a message/rfc822 part.
func asPart(msg []byte, ctype string) part {
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", ctype)
	return part{h, msg}
}

// textPart is a plain-text body in charset (the text transcoded when gbk) in
// quoted-printable.
func textPart(text, charset string) part {
	data := []byte(text)
	if charset == "gbk" {
		data, _ = simplifiedchinese.GBK.NewEncoder().Bytes(data)
	}
	var buf bytes.Buffer
	qp := quotedprintable.NewWriter(&buf)
	qp.Write(data)
	qp.Close()
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", mime.FormatMediaType("text/plain", map[string]string{"charset": charset}))
	h.Set("Content-Transfer-Encoding", "quoted-printable")
	return part{h, buf.Bytes()}
}

// attachment is a base64 attachment whose Content-Disposition is disp (built by one of the
// name helpers below) and Content-Type ctype.
func attachment(ctype, disp string, data []byte) part {
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", ctype)
	h.Set("Content-Transfer-Encoding", "base64")
	if disp != "" {
		h.Set("Content-Disposition", disp)
	}
	enc := base64.StdEncoding.EncodeToString(data)
	var b strings.Builder
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc)
	return part{h, []byte(b.String())}
}

// rfc2231 writes an attachment disposition with name as FormatMediaType does it (RFC 2231
// UTF-8 for a non-ASCII name).
func rfc2231(name string) string {
	return mime.FormatMediaType("attachment", map[string]string{"filename": name})
}

// gbkWord writes the name as one RFC 2047 encoded word of its GBK bytes inside quotes,
// as Foxmail and Outlook in China do.
func gbkWord(name string) string {
	return `attachment; filename="` + mime.BEncoding.Encode("GBK", gbk(name)) + `"`
}

// rawGBK writes the name's GBK bytes unencoded in the header, as old clients do.
func rawGBK(name string) string { return `attachment; filename="` + gbk(name) + `"` }

func gbk(s string) string {
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

// zipOf builds a zip of the entries (name to data, written in name order); names in gbk
// are written as GBK bytes without the UTF-8 flag, as Windows in China does.
func zipOf(t testing.TB, entries map[string][]byte, gbkNames bool) []byte {
	t.Helper()
	var names []string
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		fh := &zip.FileHeader{Name: n, Method: zip.Deflate}
		if gbkNames {
			fh.Name, fh.NonUTF8 = gbk(n), true
		}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(entries[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// book is the stand-in for a workbook: mailbox does not look inside.
func book(tag string) []byte { return []byte("PK\x03\x04 workbook " + tag) }

// received is a topmost Received header added by the office's server at date.
func received(date string) string {
	return "Received: from mail.unit.example (unknown [10.0.0.1])\r\n\tby mx.qj.gov.cn (Postfix) with ESMTPS id 4bX;\r\n\t" + date
}
