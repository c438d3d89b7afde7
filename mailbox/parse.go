package mailbox

import (
	"bytes"
	"fmt"
	"net/mail"
	"net/textproto"
	"path/filepath"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
)

// Options are what reading mail needs to know besides the bytes.
type Options struct {
	// Location is the time zone received times are given in (the plan's); nil: UTC.
	Location *time.Location
	// NotBefore is the earliest believable date (the start of the plan): header dates
	// before it are not used. Zero: no lower bound.
	NotBefore time.Time
	// Now is the clock dates in the future are judged by; nil: time.Now.
	Now    func() time.Time
	Limits Limits
}

func (o *Options) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

func (o *Options) location() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// Parse reads one message held in data; file names it in problems and lines. A hostile or
// broken message comes back with Problems and no attachments, never as a panic.
func Parse(file string, data []byte, opt Options) *Message {
	return parseKeeping(file, 0, data, opt)
}

// parse reads the index-th message of file (0 for a file holding one message).
func parse(file string, index int, data []byte, opt Options) *Message {
	opt.Limits = opt.Limits.withDefaults()
	m := &Message{File: file, Index: index, Name: messageName(file, index)}
	w := &walker{m: m, lim: opt.Limits}
	switch {
	case int64(len(data)) > opt.Limits.MaxMessageSize:
		w.fail("", RuleTooLarge, fmt.Sprintf("邮件有 %s，超过上限 %s", size(int64(len(data))), size(opt.Limits.MaxMessageSize)),
			"请让单位只发送填好的 .xlsx 报表，不要附带大文件")
		return w.done()
	case !headerFits(data, opt.Limits.MaxHeaderSize):
		w.fail("", RuleHeader, fmt.Sprintf("邮件头超过 %s，不是正常的邮件", size(int64(opt.Limits.MaxHeaderSize))), fixResend)
		return w.done()
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		w.fail("", RuleMalformed, "邮件头格式错误，无法读取（"+err.Error()+"）", fixResend)
		return w.done()
	}
	m.Header = readHeader(msg.Header)
	receivedTime(msg.Header, m, &opt)
	w.entity(textproto.MIMEHeader(msg.Header), msg.Body, "", 0, nil)
	return w.done()
}

// parseKeeping is parse, keeping the bytes of a refused message in Message.Raw.
func parseKeeping(file string, index int, data []byte, opt Options) *Message {
	m := parse(file, index, data, opt)
	if m.Refused() && int64(len(data)) <= opt.Limits.withDefaults().MaxMessageSize {
		m.Raw = data
	}
	return m
}

// messageName names a message: the file's base name, and its place in an mbox.
func messageName(file string, index int) string {
	base := filepath.Base(file)
	if index > 0 {
		return fmt.Sprintf("%s 第%d封邮件", base, index)
	}
	return base
}

// headerFits reports whether the header block of data (up to the first empty line) is at
// most limit bytes long.
func headerFits(data []byte, limit int) bool {
	head := data[:min(len(data), limit+4)]
	if bytes.Contains(head, []byte("\n\n")) || bytes.Contains(head, []byte("\n\r\n")) {
		i := bytes.Index(head, []byte("\n\n"))
		if j := bytes.Index(head, []byte("\n\r\n")); i < 0 || (j >= 0 && j < i) {
			i = j
		}
		return i <= limit
	}
	return len(data) <= limit
}

// readHeader decodes the sender, subject, date and message id of a message.
func readHeader(h mail.Header) Header {
	out := Header{Subject: strings.TrimSpace(decodeHeader(h.Get("Subject"))),
		MessageID: strings.Trim(strings.TrimSpace(h.Get("Message-Id")), "<>")}
	if d, err := parseDate(h.Get("Date")); err == nil {
		out.Date = d
	}
	from := rawText([]byte(h.Get("From")))
	parser := mail.AddressParser{WordDecoder: words}
	if a, err := parser.Parse(from); err == nil {
		out.From, out.FromName = strings.ToLower(a.Address), a.Name
	} else if list, err := parser.ParseList(from); err == nil && len(list) > 0 {
		out.From, out.FromName = strings.ToLower(list[0].Address), list[0].Name
	} else {
		out.FromName = strings.TrimSpace(decodeHeader(from))
	}
	return out
}

// fixResend is what to do about a message that cannot be read.
const fixResend = "请联系发件单位重新发送邮件，或让其把填好的 .xlsx 报表直接发给办公室"

// size writes a byte count for people: 12 KB, 3.5 MB.
func size(n int64) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// fail records an error that refuses the message, at part (see partLabel).
func (w *walker) fail(part string, rule gyqc.Rule, msg, fix string) {
	if part != "" {
		msg = part + "：" + msg
	}
	w.m.Problems = append(w.m.Problems, gyqc.Problem{Severity: gyqc.SevError, File: w.m.Name, Rule: rule, Message: msg, Fix: fix})
}

// done returns the message, emptied of attachments when it is refused.
func (w *walker) done() *Message {
	if w.m.Refused() {
		w.m.Attachments = nil
	}
	if w.m.Attachments == nil {
		w.m.Attachments = []Attachment{}
	}
	return w.m
}
