package mailbox

import (
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
)

// FutureSkew is how far past the clock a header date may lie before it counts as in the
// future: servers' clocks drift a little.
const FutureSkew = 10 * time.Minute

// receivedTime picks the message's received time from its headers (see the package doc)
// and records in m why any source was passed over.
func receivedTime(h mail.Header, m *Message, opt *Options) {
	now := opt.now()
	try := func(src gyqc.TimeSource, label, value string) bool {
		t, err := parseDate(value)
		note := func(why string) {
			m.TimeNotes = append(m.TimeNotes, fmt.Sprintf("%s“%s”%s，未采用", label, gyqc.Clip(strings.TrimSpace(value), 60), why))
		}
		switch {
		case err != nil:
			note("无法识别")
		case t.After(now.Add(FutureSkew)):
			note("晚于当前时间")
		case !opt.NotBefore.IsZero() && t.Before(opt.NotBefore):
			note(fmt.Sprintf("早于方案开始（%s）", opt.NotBefore.In(opt.location()).Format("2006-01-02")))
		default:
			m.Received, m.Source = t.In(opt.location()), src
			return true
		}
		return false
	}
	if rs := h["Received"]; len(rs) > 0 {
		v := rs[0]
		if i := strings.LastIndexByte(v, ';'); i >= 0 {
			v = v[i+1:]
		} else {
			v = ""
		}
		if try(gyqc.TimeMailServer, "Received 头的日期", v) {
			return
		}
	} else {
		m.TimeNotes = append(m.TimeNotes, "邮件没有 Received 头（可能是发件箱或草稿中的邮件）")
	}
	if d, ok := h["Date"]; ok && len(d) > 0 {
		try(gyqc.TimeMailDate, "Date 头的日期", d[0])
	} else {
		m.TimeNotes = append(m.TimeNotes, "邮件没有 Date 头")
	}
}

// parseDate reads an RFC 5322 date (net/mail's parser, which also takes the obsolete forms
// and a trailing comment such as "(CST)").
func parseDate(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, fmt.Errorf("empty date")
	}
	return mail.ParseDate(v)
}
