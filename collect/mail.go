package collect

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/mailbox"
)

// Mail is the e-mail message a collected file was attached to.
type Mail struct {
	Message string `json:"message"` // the message as named to people: 收件箱/导出.mbox 第3封邮件
	File    string `json:"file"`    // the mail file
	Part    string `json:"part,omitempty"`
	mailbox.Header
	// Received is the message's own received time and TimeSource where it comes from (both
	// zero when the message holds no usable date); TimeNotes say why a header was not used.
	Received   time.Time       `json:"received,omitzero"`
	TimeSource gyqc.TimeSource `json:"time_source,omitempty"`
	TimeNotes  []string        `json:"time_notes,omitempty"`
	// Forwarded is the header of the forwarded message the file was attached to.
	Forwarded *mailbox.Header `json:"forwarded,omitempty"`
}

// Sender returns the address, name and subject a return that came with the message is
// recorded with: those of the forwarded message when it was forwarded to the office.
func (m *Mail) Sender() (address, name, subject string) {
	if f := m.Forwarded; f != nil && f.From != "" {
		return f.From, f.FromName, f.Subject
	}
	return m.From, m.FromName, m.Subject
}

// RuleOutlookMsg is the rule of an Outlook .msg file given to collect.
const RuleOutlookMsg = "mail-outlook-msg"

// Expand replaces every mail file among files (.eml and mbox files, see mailbox.IsMail) by
// one File for each workbook attached to its messages, with the message's received time,
// sender and subject, and one refused File for each message refused whole (hostile or
// broken mail), holding the message's bytes to archive. Other files are kept as they are, in
// place. It returns the files and every message read, in order, without the workbooks'
// bytes: what a report lists per message. The bytes taken out of mail are held by spill:
// in memory up to its budget, in temporary files beyond it, so that a full mailbox need not
// fit in memory (nil: all in memory). The error names a mail file that cannot be read
// through; a file that cannot be opened at all is left for the pipeline to refuse.
func Expand(files []File, opt mailbox.Options, spill *Spill) ([]File, []*mailbox.Message, error) {
	var out []File
	var msgs []*mailbox.Message
	for _, f := range files {
		if f.Data == nil && strings.EqualFold(filepath.Ext(f.Path), ".msg") {
			out = append(out, File{Path: f.Path, Size: f.Size, ModTime: f.ModTime, Refused: gyqc.Problems{{Severity: gyqc.SevError,
				File: filepath.Base(f.Path), Rule: RuleOutlookMsg, Message: "这是 Outlook 的 .msg 邮件文件，不能直接收取",
				Fix: "请在 Outlook 中打开该邮件，把其中的 .xlsx 附件另存后收取；或在网页邮箱、Foxmail、Thunderbird 中把邮件下载或另存为 .eml 文件"}}})
			continue
		}
		if f.Data != nil || notMailName(f.Path) {
			out = append(out, f)
			continue
		}
		// Opened once, as the pipeline opens a file (see openRegular): a file that cannot
		// be opened, or was swapped since Gather, goes on to be refused by the pipeline.
		fh, info, err := openRegular(f)
		if err != nil {
			out = append(out, f)
			continue
		}
		if !isMail(f.Path, fh) {
			fh.Close()
			out = append(out, f)
			continue
		}
		out, msgs, err = expandMail(f, fh, info.Size(), opt, spill, out, msgs)
		fh.Close()
		if err != nil {
			return nil, nil, err
		}
	}
	return out, msgs, nil
}

// expandMail reads the mail file f (open as fh, of size bytes) and appends a File for
// each of its workbooks and refused messages to out, each message to msgs.
func expandMail(f File, fh *os.File, size int64, opt mailbox.Options, spill *Spill, out []File, msgs []*mailbox.Message) ([]File, []*mailbox.Message, error) {
	err := mailbox.ReadOpen(f.Path, fh, size, opt, func(m *mailbox.Message) error {
		name := f.Path
		if m.Index > 0 {
			name = fmt.Sprintf("%s 第%d封邮件", f.Path, m.Index)
		}
		info := &Mail{Message: name, File: f.Path, Header: m.Header, Received: m.Received, TimeSource: m.Source, TimeNotes: m.TimeNotes}
		if m.Refused() {
			// The message itself is archived and recorded as a refused attempt.
			rf := File{Path: f.Path, Name: refusedName(f.Path, m.Index), Size: int64(len(m.Raw)), ModTime: f.ModTime,
				Received: m.Received, TimeSource: m.Source, Mail: info, Refused: m.Problems}
			if err := spill.hold(&rf, m.Raw); err != nil {
				return err
			}
			out = append(out, rf)
			m.Raw = nil
		}
		for i, a := range m.Attachments {
			att := *info
			att.Part, att.Forwarded = a.Part, a.Forwarded
			af := File{Path: f.Path, Name: a.Name, Size: int64(len(a.Data)), ModTime: f.ModTime,
				Received: m.Received, TimeSource: m.Source, Mail: &att}
			if err := spill.hold(&af, a.Data); err != nil {
				return err
			}
			out = append(out, af)
			m.Attachments[i].Data = nil
		}
		msgs = append(msgs, m)
		return nil
	})
	if code := gyqc.ErrorCode(err); code == gyqc.EInvalid || code == gyqc.EEnv {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, gyqc.Errorf(gyqc.EInvalid, "无法读取邮件文件“%s”：%v", f.Path, err)
	}
	return out, msgs, nil
}

// refusedName is the name a refused message is archived under: the mail file's, or for a
// message of an mbox, the file's with the message's place in it.
func refusedName(path string, index int) string {
	base := filepath.Base(path)
	if index == 0 {
		return base
	}
	return fmt.Sprintf("%s_第%d封邮件.eml", strings.TrimSuffix(base, filepath.Ext(base)), index)
}

// notMailName reports whether path's name is that of a workbook or another office file,
// never mail.
func notMailName(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm", ".xls", ".et", ".xlsb", ".ods", ".csv", ".zip", ".pdf", ".doc", ".docx":
		return true
	}
	return false
}

// isMail reports whether the file at path, open as f, is mail: by its name, or by its
// first bytes. f is left at its start.
func isMail(path string, f *os.File) bool {
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return false
	}
	return mailbox.IsMail(path, head[:n])
}

// SortByArrival orders files by the time each reached the office, so that an earlier file
// becomes an earlier version: a file's own Received time, else (byFileTime) its
// modification time. Files without either keep their order, after the others: they are
// taken as arriving now.
func SortByArrival(files []File, byFileTime bool) {
	key := func(f File) (time.Time, bool) {
		switch {
		case !f.Received.IsZero():
			return f.Received, true
		case byFileTime && f.Mail == nil:
			return f.ModTime, true
		}
		return time.Time{}, false
	}
	sort.SliceStable(files, func(i, j int) bool {
		a, okA := key(files[i])
		b, okB := key(files[j])
		return okA && (!okB || a.Before(b))
	})
}

// arrival decides when a file reached the office and says on what that rests: a time
// given for the whole collection overrides the file's own (and says so), then the file's
// own (a mail's Received or Date header, an upload), then (Options.ByFileTime) its
// modification time, then the clock.
func (c *collector) arrival(f File) (time.Time, gyqc.TimeSource, string) {
	loc := c.plan.Location()
	var notes []string
	if f.Mail != nil {
		notes = append(notes, f.Mail.TimeNotes...)
	}
	switch {
	case !c.opts.Received.IsZero():
		note := "按指定的收到时间计"
		if !f.Received.IsZero() {
			note = fmt.Sprintf("按指定的收到时间计，未采用%s %s", f.TimeSource.Label(), f.Received.In(loc).Format("2006-01-02 15:04"))
		}
		return c.opts.Received, gyqc.TimeGiven, note
	case !f.Received.IsZero():
		return f.Received, f.TimeSource, strings.Join(notes, "；")
	case c.opts.ByFileTime:
		if f.Mail != nil {
			notes = append(notes, "按邮件文件的修改时间计")
		}
		return f.ModTime, gyqc.TimeFile, strings.Join(notes, "；")
	}
	if f.Mail != nil {
		notes = append(notes, "按收取时的时间计，如与实际收到时间不符，请用 --received 指定")
	}
	return c.opts.Now(), gyqc.TimeClock, strings.Join(notes, "；")
}

// collectedElsewhere marks an attachment of a mail that was already accepted for another
// period: the same bytes, so the same return, which a mailbox exported whole brings again
// every month. Files handed in otherwise are examined as they are.
func (c *collector) collectedElsewhere(it *item) bool {
	if it.mail == nil || it.early != nil || it.hash == "" {
		return false
	}
	e, ok := c.elsewhere[it.hash]
	if !ok {
		return false
	}
	it.elsewhere, it.data = &e, nil
	return true
}
