package intake_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/intake"
)

// Builders of the text cases of the corpus (bad-inputs.md section 15 and the hardening issue).

// sharedStringsPart is where the good workbook keeps its shared strings.
const sharedStringsPart = "xl/sharedStrings.xml"

// badLongShared adds a shared string of n characters and a cell H50 of the task sheet
// that shows it.
func badLongShared(n int) func(testing.TB, []byte) []byte {
	return func(tb testing.TB, good []byte) []byte {
		idx := 0
		out := editParts(tb, good, func(name string, data []byte) []byte {
			if name != sharedStringsPart {
				return data
			}
			idx = bytes.Count(data, []byte("<si>"))
			return bytes.Replace(data, []byte("</sst>"), []byte("<si><t>"+strings.Repeat("进", n)+"</t></si></sst>"), 1)
		})
		return injectRows(fmt.Sprintf(`<row r="50"><c r="H50" t="s"><v>%d</v></c></row>`, idx))(tb, out)
	}
}

// badLongRich adds a rich-text shared string of two runs of 20,000 characters (the second
// bold, split by entity references and a character beyond U+FFFF that counts twice) and a
// cell that shows it.
func badLongRich(tb testing.TB, good []byte) []byte {
	idx := 0
	run2 := strings.Repeat("&lt;", 9000) + strings.Repeat("𠮷", 500) + strings.Repeat("b", 10000)
	out := editParts(tb, good, func(name string, data []byte) []byte {
		if name != sharedStringsPart {
			return data
		}
		idx = bytes.Count(data, []byte("<si>"))
		si := "<si><r><t>" + strings.Repeat("进", 20000) + "</t></r><r><rPr><b/></rPr><t>" + run2 + "</t></r></si>"
		return bytes.Replace(data, []byte("</sst>"), []byte(si+"</sst>"), 1)
	})
	return injectRows(fmt.Sprintf(`<row r="50"><c r="H50" t="s"><v>%d</v></c></row>`, idx))(tb, out)
}

// badSharedStrings adds n short distinct shared strings.
func badSharedStrings(n int) func(testing.TB, []byte) []byte {
	return func(tb testing.TB, good []byte) []byte {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "<si><t>%d</t></si>", i)
		}
		return editParts(tb, good, replaceInPart(sharedStringsPart, "</sst>", b.String()+"</sst>"))
	}
}

// textCases are the corpus cases of cell texts and shared strings.
var textCases = []intakeCase{
	{file: "cell-text-shared-40000.xlsx", section: 15, build: badLongShared(40000), rule: intake.RuleCellText,
		want: "单元格H50的文字有40000个字符，超过 Excel 单元格的上限32767个字符", sheet: tplTasks, fix: "精简"},
	{file: "cell-text-inline-40000.xlsx", section: 15,
		build: injectRows(`<row r="50"><c r="H50" t="inlineStr"><is><t>` + strings.Repeat("进", 40000) + `</t></is></c></row>`),
		rule:  intake.RuleCellText, want: "单元格H50的文字有40000个字符", sheet: tplTasks},
	{file: "cell-text-formula-40000.xlsx", section: 15,
		build: injectRows(`<row r="50"><c r="H50" t="str"><f>REPT("进",40000)</f><v>` + strings.Repeat("进", 40000) + `</v></c></row>`),
		rule:  intake.RuleCellText, want: "单元格H50的文字有40000个字符", sheet: tplTasks},
	{file: "cell-text-rich-40000.xlsx", section: 15, build: badLongRich, rule: intake.RuleCellText,
		want: "单元格H50的文字有40000个字符", sheet: tplTasks},
	{file: "shared-strings-25000.xlsx", section: 15, build: badSharedStrings(25000), rule: intake.RuleStrings, want: "超过20000个"},
}

// TestCellTextLimit: a cell of exactly 32,767 characters, counted as Excel counts them
// (an entity reference is one character, one beyond U+FFFF two), is accepted; one more is
// refused, in a shared string, an inline string and a cached formula result alike.
func TestCellTextLimit(t *testing.T) {
	good := smallTemplate(t)
	text := func(n int) string { // n characters: entities, astral characters and letters
		return strings.Repeat("&amp;", 1000) + strings.Repeat("😀", 1000) + strings.Repeat("x", n-3000)
	}
	for _, tc := range []struct {
		Name  string
		Build func(string) func(testing.TB, []byte) []byte
	}{
		{Name: "shared", Build: func(s string) func(testing.TB, []byte) []byte {
			return func(tb testing.TB, good []byte) []byte {
				out := editParts(tb, good, replaceInPart(sharedStringsPart, "</sst>", "<si><t>"+s+"</t></si></sst>"))
				n := 0
				for _, e := range zipEntries(tb, good) {
					if e.name == sharedStringsPart {
						n = bytes.Count(e.data, []byte("<si>"))
					}
				}
				return injectRows(fmt.Sprintf(`<row r="50"><c r="H50" t="s"><v>%d</v></c></row>`, n))(tb, out)
			}
		}},
		{Name: "inline", Build: func(s string) func(testing.TB, []byte) []byte {
			return injectRows(`<row r="50"><c r="H50" t="inlineStr"><is><t>` + s + `</t></is></c></row>`)
		}},
		{Name: "formula", Build: func(s string) func(testing.TB, []byte) []byte {
			return injectRows(`<row r="50"><c r="H50" t="str"><f>A1</f><v>` + s + `</v></c></row>`)
		}},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			if probs := intake.Inspect("ok.xlsx", tc.Build(text(32767))(t, good), intake.Limits{}); len(probs.Errors()) > 0 {
				t.Errorf("32,767 characters refused: %v", probs)
			}
			probs := intake.Inspect("long.xlsx", tc.Build(text(32768))(t, good), intake.Limits{})
			if p, ok := findRule(probs, intake.RuleCellText); !ok || !strings.Contains(p.Message, "有32768个字符") {
				t.Errorf("32,768 characters: %v", probs)
			}
		})
	}
}

// TestTextBombs: the two hostile files of the hardening issue, made at test time (they are
// megabytes): a cell of 3.4 million characters, and 2 million distinct shared strings (a
// 5 MB file that used to be accepted after 11 s and 387 MB). Both are refused by the
// streaming pre-scan, with little memory.
func TestTextBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds files of megabytes")
	}
	good := smallTemplate(t)
	var digits strings.Builder
	for i := range 3_400_000 / 7 {
		fmt.Fprintf(&digits, "%07d", i) // hardly compressible by a ratio that trips the bomb check
	}
	var strs strings.Builder
	for i := range 2_000_000 {
		fmt.Fprintf(&strs, "<si><t>%d</t></si>", i*7919%10_000_019)
	}
	for _, tc := range []struct {
		Name string
		Rule gyqc.Rule
		Want string
		Data []byte
	}{
		{Name: "3.4 million characters", Rule: intake.RuleCellText, Want: "有3399998个字符",
			Data: injectRows(`<row r="50"><c r="H50" t="inlineStr"><is><t>`+digits.String()+`</t></is></c></row>`)(t, good)},
		{Name: "2 million shared strings", Rule: intake.RuleStrings, Want: "超过20000个",
			Data: editParts(t, good, replaceInPart(sharedStringsPart, "</sst>", strs.String()+"</sst>"))},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			probs := intake.Inspect("bomb.xlsx", tc.Data, intake.Limits{})
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			found := false
			for _, p := range probs {
				found = found || p.Rule == tc.Rule && strings.Contains(p.Message, tc.Want)
			}
			if !found {
				t.Fatalf("%d bytes: got %v, want %s", len(tc.Data), probs, tc.Rule)
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 8<<20 {
				t.Errorf("allocated %d MiB", n>>20)
			}
			t.Logf("%d KB refused in %v", len(tc.Data)>>10, took)
		})
	}
}
