package samples

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/multipart"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/qianjiang/gyqc"
)

// mailShare is one in how many units send their returns by e-mail when WriteOptions.Mail
// is set.
const mailShare = 3

// mailReturns wraps the returns of about a third of the units (chosen by the seed) in
// e-mail, as an office exports it from its mailbox: a unit's only file as one .eml message,
// a unit's two versions together in one mbox file, newest first (as mail programs list
// them), so that collect must order them by received time. Each message carries a Received
// header at the file's arrival, the unit's address, a Chinese subject and body in GB18030,
// and the workbook under its name, encoded as Foxmail and Outlook do in China (a GBK encoded
// word) or as Thunderbird does (RFC 2231 UTF-8). The workbooks are removed; the manifest's
// File.Mail names the mail file each came in. It stops between units once ctx is done.
func mailReturns(ctx context.Context, out string, b *Batch) error {
	m := b.Manifest
	seed := uint64(m.Seed)
	names := map[string]string{}
	for _, u := range m.Units {
		names[u.Code] = u.Name
	}
	byUnit := map[string][]*Return{}
	var order []string
	for _, r := range b.Returns {
		if pick(key(seed, "mail", r.Unit), mailShare) != 0 {
			continue
		}
		if byUnit[r.Unit] == nil {
			order = append(order, r.Unit)
		}
		byUnit[r.Unit] = append(byUnit[r.Unit], r)
	}
	for _, code := range order {
		if err := ctx.Err(); err != nil {
			return err
		}
		rets := byUnit[code]
		var file string
		var box bytes.Buffer
		if len(rets) == 1 {
			file = fmt.Sprintf("%s_%s报表.eml", names[code], b.Period)
		} else {
			file = fmt.Sprintf("邮箱导出_%s.mbox", names[code])
		}
		for i := len(rets) - 1; i >= 0; i-- {
			r := rets[i]
			data, err := os.ReadFile(filepath.Join(out, r.FileName))
			if err != nil {
				return fmt.Errorf("read %s: %w", r.FileName, err)
			}
			msg := mailMessage(r, names[code], b.Period, data, seed)
			if len(rets) > 1 {
				fmt.Fprintf(&box, "From %s@qj.example.cn %s\n", code, r.Received.UTC().Format(time.ANSIC))
				box.Write(msg)
				box.WriteString("\n")
			} else {
				box.Write(msg)
			}
		}
		last := rets[len(rets)-1].Received
		if err := writeReturn(filepath.Join(out, file), box.Bytes(), last); err != nil {
			return err
		}
		for _, r := range rets {
			if err := os.Remove(filepath.Join(out, r.FileName)); err != nil {
				return fmt.Errorf("remove %s: %w", r.FileName, err)
			}
			if f := m.File(r.FileName); f != nil {
				f.Mail = file
			}
		}
	}
	return nil
}

// mailMessage is one return as an e-mail message to the office.
func mailMessage(r *Return, unit string, p gyqc.Period, data []byte, seed uint64) []byte {
	gbk := func(s string) string { // every unit and person name of the plan is in GBK
		if b, err := simplifiedchinese.GBK.NewEncoder().String(s); err == nil {
			return b
		}
		return s
	}
	h := key(seed, "message", r.Unit, r.Version)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.SetBoundary(fmt.Sprintf("----=_Part_%016x", h))
	text, _ := simplifiedchinese.GB18030.NewEncoder().String(fmt.Sprintf(
		"领导小组办公室：\r\n　　附件为我单位%s“工业强城”建设进展情况报表，请审阅。\r\n\r\n联系人：%s，电话：%s\r\n", p.Label(), r.Filler.Name, r.Filler.Phone))
	part, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=GB18030"}, "Content-Transfer-Encoding": {"base64"}})
	part.Write([]byte(wrap76(base64.StdEncoding.EncodeToString([]byte(text)))))
	disp := mime.FormatMediaType("attachment", map[string]string{"filename": r.FileName})
	if name, err := simplifiedchinese.GBK.NewEncoder().String(r.FileName); err == nil && pick(h, 2) == 0 {
		disp = `attachment; filename="` + mime.BEncoding.Encode("GBK", name) + `"`
	}
	part, _ = mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		"Content-Transfer-Encoding": {"base64"},
		"Content-Disposition":       {disp},
	})
	part.Write([]byte(wrap76(base64.StdEncoding.EncodeToString(data))))
	mw.Close()

	at := r.Received
	sent := at.Add(-time.Duration(20+pick(splitmix(h), 200)) * time.Second)
	var msg bytes.Buffer
	fmt.Fprintf(&msg, "Received: from mail.%s.example (unknown [10.%d.%d.%d])\r\n\tby mx.qj.gov.cn (Coremail) with SMTP id %08X;\r\n\t%s (CST)\r\n",
		r.Unit, pick(h, 250)+1, pick(h>>8, 250)+1, pick(h>>16, 250)+1, uint32(h), at.Format(time.RFC1123Z))
	fmt.Fprintf(&msg, "From: %s <%s@qj.example.cn>\r\n", mime.BEncoding.Encode("GBK", gbk(r.Filler.Name+"（"+unit+"）")), r.Unit)
	fmt.Fprintf(&msg, "To: gyqc@qj.gov.cn\r\nSubject: %s\r\n", mime.BEncoding.Encode("UTF-8", fmt.Sprintf("关于报送%s“工业强城”建设进展情况的报告", p.Label())))
	fmt.Fprintf(&msg, "Date: %s\r\nMessage-ID: <%016x.%d@%s.qj.example.cn>\r\nMIME-Version: 1.0\r\n", sent.Format(time.RFC1123Z), h, r.Version, r.Unit)
	fmt.Fprintf(&msg, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n", mw.Boundary())
	msg.Write(body.Bytes())
	return msg.Bytes()
}

// wrap76 breaks base64 text into lines of 76 characters, as mail requires.
func wrap76(s string) string {
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76] + "\r\n")
		s = s[76:]
	}
	b.WriteString(s)
	return b.String()
}
