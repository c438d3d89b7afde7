package intake

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLegacyMessageSaysWhatToDo: the message on an old .xls/.et workbook says what to do in
// few enough words that a 催报通知, which quotes a refusal's first 40 characters, keeps it.
func TestLegacyMessageSaysWhatToDo(t *testing.T) {
	data := append(append([]byte{}, magicOLE...), utf16le("Workbook")...)
	p := sniff(data)
	if p.Rule != RuleOLE || !strings.Contains(p.Message, "旧版") || !strings.Contains(p.Message, "另存为") {
		t.Fatalf("got %+v, want a legacy-format message telling to save as .xlsx", p)
	}
	if n := utf8.RuneCountInString(p.Message); n > 40 {
		t.Errorf("message %q has %d characters; a reminder quotes 40", p.Message, n)
	}
}
