package mailbox

import (
	"bytes"
	"testing"
)

// BenchmarkParse reads a typical return: a GBK-named 60 KB workbook and a text body.
func BenchmarkParse(b *testing.B) {
	data := message(b, []string{received("Mon, 30 Jun 2025 17:42:10 +0800"), "From: a@b.cn", "Subject: x"},
		textPart("附件为6月报表", "gbk"), attachment(xlsxType, gbkWord("区经济信息委_2025-06.xlsx"), bytes.Repeat([]byte("w"), 60<<10)))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if m := Parse("b.eml", data, testOptions()); len(m.Attachments) != 1 {
			b.Fatal(m.Problems)
		}
	}
}
