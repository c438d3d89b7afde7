package mailbox

import (
	"time"

	"github.com/qianjiang/gyqc"
)

// Header is what identifies a message to the office: who sent it, about what, and when
// its sender's program says it was written.
type Header struct {
	From      string    `json:"from"`                 // the sender's address, such as jxj@qj.gov.cn
	FromName  string    `json:"from_name,omitempty"`  // the sender's display name, decoded
	Subject   string    `json:"subject"`              // decoded
	Date      time.Time `json:"date,omitzero"`        // the Date: header, when readable
	MessageID string    `json:"message_id,omitempty"` // without angle brackets
}

// Sender returns the sender as "name <address>", or the address alone.
func (h Header) Sender() string {
	if h.FromName != "" && h.From != "" {
		return h.FromName + " <" + h.From + ">"
	}
	if h.From != "" {
		return h.From
	}
	return h.FromName
}

// Message is one e-mail message with what gyqc takes from it.
type Message struct {
	Header
	// File is the path of the mail file; Index the message's place in an mbox (from 1),
	// 0 for a single message; Name how the message is named in problems and lines, such
	// as "收件箱.mbox 第3封邮件".
	File  string `json:"file"`
	Index int    `json:"index,omitempty"`
	Name  string `json:"name"`
	// Received is when the office's server received the message, in Options.Location,
	// and Source where that came from (gyqc.TimeMailServer or gyqc.TimeMailDate); both
	// are zero when the message holds no usable date. TimeNotes says why a source was not used.
	Received  time.Time       `json:"received,omitzero"`
	Source    gyqc.TimeSource `json:"time_source,omitempty"`
	TimeNotes []string        `json:"time_notes,omitempty"`
	// Body is the start of the first plain-text body, decoded (at most 2,000 characters).
	Body        string       `json:"body,omitempty"`
	Attachments []Attachment `json:"attachments"`
	Skipped     []Skipped    `json:"skipped,omitempty"`
	// Problems are the reasons the message is refused (errors); when there are any,
	// Attachments is empty.
	Problems gyqc.Problems `json:"problems,omitempty"`
	// Raw is the message as stored, kept only when it is refused (so that it can be
	// archived with the refusal); nil otherwise, and for a message over the size limit.
	Raw []byte `json:"-"`
}

// Refused reports whether the message was refused as a whole.
func (m *Message) Refused() bool { return len(m.Problems.Errors()) > 0 }

// Attachment is one workbook taken from a message.
type Attachment struct {
	// Name is the workbook's file name, decoded, without any folder.
	Name string `json:"name"`
	// Part says where it was found, in Chinese: "第2部分", or "第3部分“报表.zip”中的
	// “a/b.xlsx”" for an entry of an attached zip.
	Part string `json:"part"`
	Data []byte `json:"-"`
	// Forwarded is the header of the forwarded message (message/rfc822 part) the workbook
	// was attached to, nil when it was attached to the message itself.
	Forwarded *Header `json:"forwarded,omitempty"`
}

// Skipped is an attachment that was not taken in, and why.
type Skipped struct {
	Name   string `json:"name"`
	Part   string `json:"part"`
	Reason string `json:"reason"`
}

// Rules of the problems that refuse a message.
const (
	RuleTooLarge     gyqc.Rule = "mail-too-large"
	RuleHeader       gyqc.Rule = "mail-header-too-large"
	RuleMalformed    gyqc.Rule = "mail-malformed"
	RuleTooDeep      gyqc.Rule = "mail-too-deep"
	RuleTooManyParts gyqc.Rule = "mail-too-many-parts"
	RuleNoBoundary   gyqc.Rule = "mail-no-boundary"
	RuleTruncated    gyqc.Rule = "mail-truncated"
	RuleEncoding     gyqc.Rule = "mail-bad-encoding"
	RuleZipBomb      gyqc.Rule = "mail-zip-bomb"
	RuleZipBroken    gyqc.Rule = "mail-zip-broken"
	RuleTooMany      gyqc.Rule = "mail-too-many-messages"
)
