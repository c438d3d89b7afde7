package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/mailbox"
)

// plainShown is how many messages without any attachment collect lists one by one; more are
// summed up in one line, so that the messages that matter are not lost among a full
// mailbox's replies and notices.
const plainShown = 5

// splitPlain separates the messages read that carry no attachment at all (replies, notices:
// not returns) from the others, keeping the order of each.
func splitPlain(msgs []*mailbox.Message) (plain, rest []*mailbox.Message) {
	for _, m := range msgs {
		if len(m.Attachments) == 0 && len(m.Skipped) == 0 && !m.Refused() {
			plain = append(plain, m)
		} else {
			rest = append(rest, m)
		}
	}
	return plain, rest
}

// reportPlain lists the messages without any attachment: each on a line of its own when
// there are few, else one line with their number and the first few subjects.
func reportPlain(w io.Writer, plain []*mailbox.Message) {
	if len(plain) <= plainShown {
		reportMail(w, plain)
		return
	}
	var some []string
	for _, m := range plain[:plainShown] {
		some = append(some, fmt.Sprintf("%s《%s》", collect.DisplayName(m.Sender()), collect.DisplayName(m.Subject)))
	}
	fmt.Fprintf(w, "邮件  另有 %d 封邮件没有附件，不是报送邮件，未收取，例如：%s等（逐封列表见 collect --json 的 mail）\n",
		len(plain), strings.Join(some, "、"))
}
