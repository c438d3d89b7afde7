package mailbox

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"path"
	"strconv"
	"strings"

	"github.com/qianjiang/gyqc"
)

// walker walks the parts of one message, filling m.
type walker struct {
	m     *Message
	lim   Limits
	parts int
}

// maxBody is how much of a plain-text body is decoded, and bodyChars how much is kept.
const (
	maxBody   = 64 << 10
	bodyChars = 2000
)

// partLabel names a part in Chinese: IMAP-style numbers (第2.1部分), the body for "".
func partLabel(num string) string {
	if num == "" {
		return "邮件主体"
	}
	return "第" + num + "部分"
}

// child numbers the i-th part (from 1) under num.
func child(num string, i int) string {
	if num == "" {
		return strconv.Itoa(i)
	}
	return num + "." + strconv.Itoa(i)
}

// entity walks one entity (the message itself, a part, or a forwarded message): its header
// h and its still-encoded body. fwd is the header of the forwarded message it belongs to.
// It stops at the first problem.
func (w *walker) entity(h textproto.MIMEHeader, body io.Reader, num string, depth int, fwd *Header) {
	if depth > w.lim.MaxDepth {
		w.fail(partLabel(num), RuleTooDeep, fmt.Sprintf("邮件的嵌套超过 %d 层，不是正常的邮件", w.lim.MaxDepth), fixResend)
		return
	}
	raw := h.Get("Content-Type")
	mt, cparams, err := mediaType(raw)
	if raw == "" || err != nil {
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(raw)), "multipart/") {
			w.fail(partLabel(num), RuleMalformed, "Content-Type 头无法识别（"+gyqc.Clip(raw, 80)+"）", fixResend)
			return
		}
		mt, cparams = "text/plain", map[string]string{}
	}
	_, dparams, _ := mediaType(h.Get("Content-Disposition"))
	if dparams == nil {
		dparams = map[string]string{}
	}
	name := fileName(dparams, cparams)
	switch {
	case mt == "multipart/report":
		w.skip("", partLabel(num), "退信或回执（投递状态通知），其中退回的原邮件不是单位的报送，未收取")
	case strings.HasPrefix(mt, "multipart/"):
		w.multipart(body, cparams["boundary"], num, depth, fwd)
	case mt == "message/rfc822" || mt == "message/global" || strings.EqualFold(path.Ext(name), ".eml"):
		w.forwarded(h, body, name, num, depth)
	default:
		w.leaf(h, body, mt, cparams, name, num, fwd)
	}
}

// multipart walks the parts of a multipart entity.
func (w *walker) multipart(body io.Reader, boundary, num string, depth int, fwd *Header) {
	label := partLabel(num)
	if boundary == "" {
		w.fail(label, RuleNoBoundary, "声明为多部分内容，但没有给出分隔符（boundary），邮件已损坏或被篡改", fixResend)
		return
	}
	mr := multipart.NewReader(body, boundary)
	for i := 1; ; i++ {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return
		}
		if err != nil {
			if i == 1 {
				w.fail(label, RuleNoBoundary, "找不到声明的分隔符（boundary），邮件已损坏或被篡改", fixResend)
			} else {
				w.fail(label, RuleTruncated, "邮件不完整（缺少结束分隔符），可能保存时被截断", fixResend)
			}
			return
		}
		if w.parts++; w.parts > w.lim.MaxParts {
			w.fail(label, RuleTooManyParts, fmt.Sprintf("邮件的部分超过 %d 个，不是正常的邮件", w.lim.MaxParts), fixResend)
			return
		}
		if n := headerBytes(p.Header); n > w.lim.MaxHeaderSize {
			w.fail(partLabel(child(num, i)), RuleHeader, fmt.Sprintf("部分头超过 %s，不是正常的邮件", size(int64(w.lim.MaxHeaderSize))), fixResend)
			return
		}
		w.entity(p.Header, p, child(num, i), depth+1, fwd)
		if w.m.Refused() {
			return
		}
	}
}

// forwarded walks a forwarded message (message/rfc822, or an attached .eml file): its
// workbooks keep its sender, subject and date.
func (w *walker) forwarded(h textproto.MIMEHeader, body io.Reader, name, num string, depth int) {
	label := partLabel(num)
	if name != "" {
		label += "“" + name + "”"
	}
	data, ok := w.decoded(h, body, w.lim.MaxMessageSize, label)
	if !ok {
		return
	}
	if data == nil {
		w.skip(name, label, "转发邮件过大，未展开")
		return
	}
	if !headerFits(data, w.lim.MaxHeaderSize) {
		w.fail(label, RuleHeader, fmt.Sprintf("转发邮件的邮件头超过 %s，不是正常的邮件", size(int64(w.lim.MaxHeaderSize))), fixResend)
		return
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		w.fail(label, RuleMalformed, "转发的邮件格式错误，无法读取（"+err.Error()+"）", fixResend)
		return
	}
	hdr := readHeader(msg.Header)
	w.entity(textproto.MIMEHeader(msg.Header), msg.Body, num, depth+1, &hdr)
}

// leaf takes in a single part: a workbook, a zip of workbooks, the plain-text body, or an
// attachment to list as skipped.
func (w *walker) leaf(h textproto.MIMEHeader, body io.Reader, mt string, cparams map[string]string, name, num string, fwd *Header) {
	disp, _, _ := mediaType(h.Get("Content-Disposition"))
	attached := disp == "attachment" || name != ""
	ext := strings.ToLower(path.Ext(name))
	label := partLabel(num)
	if name != "" {
		label += "“" + name + "”"
	}
	switch {
	// Old .xls/.et workbooks are taken in too: collect records them against their unit by
	// their file name as unreadable files and tells the unit to save them as .xlsx (or, with
	// --convert, converts them), rather than letting the unit look as if it sent nothing.
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".et" || (name == "" && mt == mimeXLSX):
		if name == "" {
			name = fmt.Sprintf("附件%s.xlsx", num)
		}
		if data := w.attachment(h, body, name, label, "附件超过 %s，未收取：正常的报表只有几十 KB，请让单位删除粘贴的图片后重新发送"); data != nil {
			w.m.Attachments = append(w.m.Attachments, Attachment{Name: name, Part: label, Data: data, Forwarded: fwd})
		}
	case ext == ".zip" || (name == "" && (mt == "application/zip" || mt == "application/x-zip-compressed")):
		if data := w.attachment(h, body, name, label, "压缩包超过 %s，未展开"); data != nil {
			w.unzip(data, label, fwd)
		}
	case !attached && mt == "text/plain" && w.m.Body == "" && fwd == nil && knownEncoding(h):
		data, ok := w.decoded(h, body, maxBody, label)
		if ok && data != nil {
			w.m.Body = gyqc.Clip(strings.TrimSpace(decodeText(data, cparams["charset"])), bodyChars)
		}
	case attached && !(disp != "attachment" && h.Get("Content-Id") != "" && strings.HasPrefix(mt, "image/")):
		if name == "" {
			name = "（无名称，" + mt + "）"
		}
		w.skip(name, label, skipReason(ext))
	}
}

// The content type of .xlsx files.
const mimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// skip lists an attachment that is not taken in.
func (w *walker) skip(name, part, reason string) {
	w.m.Skipped = append(w.m.Skipped, Skipped{Name: name, Part: part, Reason: reason})
}

// skipReason says why an attachment with the extension is not taken in.
func skipReason(ext string) string {
	switch ext {
	case ".xls", ".et":
		return "旧版 Excel/WPS 格式，未收取：请让单位用下发的模板另存为 .xlsx 后重新发送"
	case ".xlsb", ".ods", ".csv", ".numbers", ".ett", ".xltx":
		return "不是 .xlsx 工作簿，未收取：请让单位用下发的模板填写，保存为 .xlsx 后重新发送"
	case ".rar", ".7z", ".gz", ".tar", ".tgz", ".bz2", ".xz":
		return "只展开 .zip 压缩包，未收取：请让单位直接发送 .xlsx 附件"
	case ".msg":
		return "Outlook .msg 格式的邮件附件，未展开：请在 Outlook 中打开后把其中的 .xlsx 附件另存"
	}
	return "不是报表文件（.xlsx），未收取"
}

// attachment reads an attachment's body through its transfer encoding, up to the
// attachment size limit. It returns nil after recording a problem, or after skipping the
// attachment as too large with the reason tooLarge gives the limit (a format with one %s).
func (w *walker) attachment(h textproto.MIMEHeader, body io.Reader, name, label, tooLarge string) []byte {
	data, ok := w.decoded(h, body, w.lim.MaxAttachmentSize, label)
	if ok && data == nil {
		w.skip(name, label, fmt.Sprintf(tooLarge, size(w.lim.MaxAttachmentSize)))
	}
	return data
}

// decoded reads a part's body through its transfer encoding, at most limit bytes. It
// returns nil data (and true) when the body is larger, and false after recording a problem.
func (w *walker) decoded(h textproto.MIMEHeader, body io.Reader, limit int64, label string) ([]byte, bool) {
	cte := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding")))
	var r io.Reader
	switch cte {
	case "", "7bit", "8bit", "binary":
		r = body
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, body)
	case "quoted-printable":
		r = quotedprintable.NewReader(body)
	default:
		w.fail(label, RuleEncoding, "传输编码“"+gyqc.Clip(cte, 40)+"”不受支持", fixResend)
		return nil, false
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	var corrupt base64.CorruptInputError
	switch {
	case errors.As(err, &corrupt):
		w.fail(label, RuleEncoding, fmt.Sprintf("附件的 base64 编码已损坏（第 %d 字节处）", int64(corrupt)), fixResend)
		return nil, false
	case err != nil && strings.Contains(err.Error(), "quotedprintable"):
		w.fail(label, RuleEncoding, "quoted-printable 编码已损坏（"+err.Error()+"）", fixResend)
		return nil, false
	case err != nil:
		w.fail(label, RuleTruncated, "邮件不完整，无法读出这一部分（"+err.Error()+"）", fixResend)
		return nil, false
	case int64(len(data)) > limit:
		return nil, true
	}
	if data == nil {
		data = []byte{}
	}
	return data, true
}

// knownEncoding reports whether the part's transfer encoding is one decoded can read.
func knownEncoding(h textproto.MIMEHeader) bool {
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))) {
	case "", "7bit", "8bit", "binary", "base64", "quoted-printable":
		return true
	}
	return false
}

// headerBytes returns the size of a header as it was written (about).
func headerBytes(h textproto.MIMEHeader) int {
	n := 0
	for k, vs := range h {
		for _, v := range vs {
			n += len(k) + len(v) + 4
		}
	}
	return n
}
