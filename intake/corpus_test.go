package intake_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/intake"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
)

// The -update flag regenerates testdata. Another test file of the package may define it
// first; then that definition is shared.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "regenerate testdata files")
	}
}

// intakeUpdate reports whether -update was given.
func intakeUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// Directories of the intake corpus.
var (
	intakeBadDir  = filepath.Join("testdata", "bad")
	intakeGoodDir = filepath.Join("testdata", "good")
)

// The parts of the small good workbook the bad cases edit.
const (
	tplTasksPart = "xl/worksheets/sheet2.xml" // 任务进展
	tplGuidePart = "xl/worksheets/sheet1.xml" // 填报说明, with the merged title A1:F1
)

// intakeCase is one file of testdata/bad: how it is made and what the intake must say.
type intakeCase struct {
	file    string                          // name under testdata/bad
	section int                             // of ../shared/notes/bad-inputs.md
	build   func(testing.TB, []byte) []byte // from the good workbook; nil: made by soffice
	soffice string                          // LibreOffice filter making it from the good workbook
	rule    gyqc.Rule                       // a problem with this rule must be reported
	want    string                          // in that problem's message
	sheet   string                          // the sheet the problem names, when it names one
	fix     string                          // in the problem's fix, when set
	warning bool                            // accepted with a warning: OpenWorkbook returns a file
}

// injectRows returns a build adding XML before </sheetData> in the task sheet.
func injectRows(rows string) func(testing.TB, []byte) []byte {
	return func(tb testing.TB, good []byte) []byte {
		return editParts(tb, good, replaceInPart(tplTasksPart, "</sheetData>", rows+"</sheetData>"))
	}
}

// fixedBytes returns a build that ignores the good workbook.
func fixedBytes(b []byte) func(testing.TB, []byte) []byte {
	return func(testing.TB, []byte) []byte { return b }
}

// intakeCases lists the corpus: one file per case of bad-inputs.md sections 1 to 8.
var intakeCases = []intakeCase{
	// 1. Files that are not what they claim.
	{file: "empty.xlsx", section: 1, build: fixedBytes(nil), rule: intake.RuleEmpty, want: "文件是空的"},
	{file: "text-renamed.xlsx", section: 1, build: fixedBytes([]byte("本月工作进展：已完成项目签约3个。\r\n下月计划：继续推进。\r\n")),
		rule: intake.RuleText, want: "文本或 CSV"},
	{file: "csv-gbk-renamed.xlsx", section: 1, build: badGbkCSV, rule: intake.RuleText, want: "文本或 CSV"},
	{file: "csv-libreoffice.xlsx", section: 1, soffice: "csv:Text - txt - csv (StarCalc):44,34,76", rule: intake.RuleText, want: "文本或 CSV"},
	{file: "html-libreoffice.xls", section: 1, soffice: "html", rule: intake.RuleHTML, want: "网页（HTML）"},
	{file: "html-excel-web-page.xls", section: 1, build: fixedBytes([]byte(badExcelHTML)), rule: intake.RuleHTML, want: "网页（HTML）"},
	{file: "xml-spreadsheet-2003.xls", section: 1, build: fixedBytes([]byte(badXml2003)), rule: intake.RuleXML2003, want: "XML 电子表格 2003"},
	{file: "pdf-libreoffice.xlsx", section: 1, soffice: "pdf", rule: intake.RulePDF, want: "PDF"},
	{file: "photo.xlsx", section: 1, build: badPhoto, rule: intake.RuleImage, want: "图片"},
	{file: "unknown-binary.xlsx", section: 1, build: fixedBytes([]byte{0, 1, 2, 3, 0xFF, 0xFE, 0, 0, 9, 8, 7}), rule: intake.RuleUnknown, want: "无法识别"},
	{file: "docx-renamed.xlsx", section: 1, build: badDocx, rule: intake.RuleWord, want: "Word 文档"},
	{file: "pptx-renamed.xlsx", section: 1, build: badPptx, rule: intake.RulePowerPoint, want: "PowerPoint"},
	{file: "ods-libreoffice.xlsx", section: 1, soffice: "ods", rule: intake.RuleOpenDoc, want: "OpenDocument 表格（.ods）"},
	{file: "xlsb-renamed.xlsx", section: 1, build: badXlsb, rule: intake.RuleXLSB, want: ".xlsb"},
	{file: "zip-of-workbook.xlsx", section: 1, build: badZipOfWorkbook, rule: intake.RuleArchive, want: "zip 压缩包"},
	{file: "no-content-types.xlsx", section: 1, build: badDropContentTypes, rule: intake.RuleZipCorrupt, want: "[Content_Types].xml"},

	// 2. Encrypted or legacy workbooks.
	{file: "encrypted-excelize.xlsx", section: 2, build: badEncrypted, rule: intake.RuleOLE, want: "文件已加密或是旧版 .xls/.et 格式（检测到打开密码），请另存为不带密码的 .xlsx"},
	{file: "legacy-libreoffice.xls", section: 2, soffice: "xls", rule: intake.RuleOLE, want: "旧版"},

	// 3. Active content: accepted with a warning.
	{file: "macro-vba.xlsm", section: 3, build: badMacro, rule: intake.RuleMacro, want: "宏已忽略", warning: true},
	{file: "external-link.xlsx", section: 3, build: badExternalLink, rule: intake.RuleExternal, want: "外部链接已忽略", warning: true},
	{file: "embedded-object.xlsx", section: 3, build: badEmbedded, rule: intake.RuleEmbedded, want: "嵌入对象", warning: true},
	{file: "activex.xlsx", section: 3, build: badActiveX, rule: intake.RuleActiveX, want: "ActiveX", warning: true},
	{file: "data-connection.xlsx", section: 3, build: badConnection, rule: intake.RuleConnection, want: "数据连接", warning: true},

	// 4. Archives that attack.
	{file: "bomb-ratio.xlsx", section: 4, build: badBomb, rule: intake.RuleZipRatio, want: "压缩炸弹"},
	{file: "bomb-understated.xlsx", section: 4, build: badBombUnderstated, rule: intake.RuleZipCorrupt, want: "实际长度与声明的不符"},
	{file: "bomb-overlapping.xlsx", section: 4, build: badOverlap, rule: intake.RuleZipOverlap, want: "数据相互重叠"},
	{file: "many-entries.xlsx", section: 4, build: badManyEntries, rule: intake.RuleZipEntries, want: "超过上限2000个"},
	{file: "huge-declared-total.xlsx", section: 4, build: badHugeTotal, rule: intake.RuleZipTotal, want: "总大小"},
	{file: "entry-too-large.xlsx", section: 4, build: badEntryTooLarge, rule: intake.RuleZipSize, want: "超过单个部件的上限"},

	// 5. Corrupted and truncated files.
	{file: "bad-crc.xlsx", section: 5, build: badCRCSum, rule: intake.RuleZipCorrupt, want: "校验码不符"},
	{file: "truncated-half.xlsx", section: 5, build: badTruncated, rule: intake.RuleZipCorrupt, want: "文件已损坏或不完整"},
	{file: "size-understated.xlsx", section: 5, build: badSizeBy(-100), rule: intake.RuleZipCorrupt, want: "实际长度与声明的不符"},
	{file: "size-overstated.xlsx", section: 5, build: badSizeBy(100), rule: intake.RuleZipCorrupt, want: "实际长度与声明的不符"},
	{file: "corrupt-deflate.xlsx", section: 5, build: badCorruptDeflate, rule: intake.RuleZipCorrupt, want: "文件已损坏或不完整：部件“xl/worksheets/sheet2.xml”"},
	{file: "zip-password.xlsx", section: 5, build: badZipPassword, rule: intake.RuleZipEncrypt, want: "压缩包密码"},

	// 6. Entry names.
	{file: "duplicate-name.xlsx", section: 6, build: extraEntry(tplTasksPart), rule: intake.RuleZipDup, want: "重复的部件"},
	{file: "duplicate-case.xlsx", section: 6, build: extraEntry("xl/worksheets/Sheet2.xml"), rule: intake.RuleZipDup, want: "仅大小写不同"},
	{file: "name-parent.xlsx", section: 6, build: extraEntry("../../evil.txt"), rule: intake.RuleZipName, want: "部件名“../../evil.txt”不合法"},
	{file: "name-absolute.xlsx", section: 6, build: extraEntry("/tmp/evil.txt"), rule: intake.RuleZipName, want: "不合法"},
	{file: "name-backslash.xlsx", section: 6, build: extraEntry(`xl\worksheets\sheet9.xml`), rule: intake.RuleZipName, want: "不合法"},
	{file: "name-drive.xlsx", section: 6, build: extraEntry("C:/Windows/evil.txt"), rule: intake.RuleZipName, want: "不合法"},

	// 7. DTDs and nesting.
	{file: "doctype-sheet.xlsx", section: 7, build: badDoctype, rule: intake.RuleXMLDTD, want: "<!DOCTYPE>"},
	{file: "entity-expansion.xlsx", section: 7, build: badLaughs, rule: intake.RuleXMLDTD, want: "xl/sharedStrings.xml"},
	{file: "doctype-content-types.xlsx", section: 7, build: badDoctypeTypes, rule: intake.RuleXMLDTD, want: "[Content_Types].xml"},
	{file: "deep-nesting.xlsx", section: 7, build: badDeep, rule: intake.RuleXMLDepth, want: "嵌套超过100层"},
	{file: "xml-utf16.xlsx", section: 7, build: badUtf16Sheet, rule: intake.RuleXMLSyntax, want: "空字符"},

	// 8. Crafted sheet XML.
	{file: "row-2147483647.xlsx", section: 8, build: injectRows(`<row r="2147483647"><c r="A2147483647"><v>1</v></c></row>`),
		rule: intake.RuleSheetRow, want: "第2147483647行超出允许的范围", sheet: tplTasks, fix: "恶意"},
	{file: "row-negative.xlsx", section: 8, build: injectRows(`<row r="-1"><c><v>1</v></c></row>`),
		rule: intake.RuleSheetRow, want: "行号“-1”无效", sheet: tplTasks},
	{file: "row-1048576-stray.xlsx", section: 8, build: injectRows(`<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>`),
		rule: intake.RuleSheetRow, want: "第1048576行超出允许的范围（最多10000行）", sheet: tplTasks, fix: "Ctrl+End"},
	{file: "row-1048577.xlsx", section: 8, build: injectRows(`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`),
		rule: intake.RuleSheetRow, want: "第1048577行", sheet: tplTasks},
	{file: "row-zero.xlsx", section: 8, build: injectRows(`<row r="0"><c><v>1</v></c></row>`),
		rule: intake.RuleSheetRow, want: "第0行", sheet: tplTasks},
	{file: "column-huge.xlsx", section: 8, build: injectRows(`<row r="50"><c r="` + strings.Repeat("Z", 60) + `50"><v>1</v></c></row>`),
		rule: intake.RuleSheetCol, want: "超出允许的列范围", sheet: tplTasks},
	{file: "column-not-a-reference.xlsx", section: 8, build: injectRows(`<row r="50"><c r="50A"><v>1</v></c></row>`),
		rule: intake.RuleSheetCol, want: "单元格引用“50A”无效", sheet: tplTasks},
	{file: "shared-string-negative.xlsx", section: 8, build: injectRows(`<row r="50"><c r="A50" t="s"><v>-1</v></c></row>`),
		rule: intake.RuleSheetString, want: "共享字符串序号“-1”无效", sheet: tplTasks},
	{file: "shared-string-out-of-range.xlsx", section: 8, build: injectRows(`<row r="50"><c r="B50" t="s"><v>99999</v></c></row>`),
		rule: intake.RuleSheetString, want: "单元格B50引用了第100000个共享字符串", sheet: tplTasks},
	{file: "style-negative.xlsx", section: 8, build: injectRows(`<row r="50"><c r="A50" s="-1"><v>1</v></c></row>`),
		rule: intake.RuleSheetStyle, want: "单元格格式序号“-1”无效", sheet: tplTasks},
	{file: "style-out-of-range.xlsx", section: 8, build: injectRows(`<row r="50"><c r="C50" s="4096"><v>1</v></c></row>`),
		rule: intake.RuleSheetStyle, want: "单元格C50引用了第4097种单元格格式", sheet: tplTasks},
	{file: "merge-empty.xlsx", section: 8, build: badMergeRef(""), rule: intake.RuleSheetMerge, want: "合并单元格区域“”无效", sheet: tplGuide},
	{file: "merge-out-of-range.xlsx", section: 8, build: badMergeRef("A1:XFD1048576"), rule: intake.RuleSheetMerge, want: "A1:XFD1048576", sheet: tplGuide},
	{file: "row-outside-sheetdata.xlsx", section: 8, build: badRowOutside,
		rule: intake.RuleSheetRow, want: "第900000行超出允许的范围", sheet: tplTasks},
	{file: "cells-out-of-order.xlsx", section: 8, build: injectRows(`<row r="50"><c r="C50"><v>1</v></c><c r="A50"><v>2</v></c></row>`),
		rule: intake.RuleSheetOrder, want: "单元格A50出现在C50之后", sheet: tplTasks},
	{file: "rows-out-of-order.xlsx", section: 8, build: injectRows(`<row r="60"><c r="A60"><v>1</v></c></row><row r="55"><c r="A55"><v>2</v></c></row>`),
		rule: intake.RuleSheetOrder, want: "第55行出现在第60行之后", sheet: tplTasks},
	{file: "cell-in-wrong-row.xlsx", section: 8, build: injectRows(`<row r="50"><c r="A7"><v>1</v></c></row>`),
		rule: intake.RuleSheetOrder, want: "单元格A7不在它所在的第50行", sheet: tplTasks},
	{file: "sheet-span.xlsx", section: 8, build: badSpan, rule: intake.RuleSheetCells, want: "单元格区域过大", sheet: tplTasks},
}

// allIntakeCases returns every case of the corpus.
func allIntakeCases() []intakeCase { return append(slices.Clone(intakeCases), textCases...) }

// corpusMaxAlloc bounds what the intake may allocate on any file of the corpus: the bombs
// and crafted sheets must cost no more than a normal file.
const corpusMaxAlloc = 4 << 20

// smallTemplate is the good workbook the bad cases are made from: a template with a few rows.
func smallTemplate(tb testing.TB) []byte { return buildTemplateLike(tb, 3, 3) }

// TestBadCorpus checks that every file of testdata/bad is refused (or, for active content,
// accepted with a warning) with its rule and message, and that nothing panics. With
// -update it first regenerates the files; LibreOffice makes the ones it can, from the
// same good workbook.
func TestBadCorpus(t *testing.T) {
	if intakeUpdate() {
		writeIntakeBad(t)
	}
	sections := map[int]int{}
	for _, tc := range allIntakeCases() {
		sections[tc.section]++
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(intakeBadDir, tc.file))
			if err != nil {
				t.Fatalf("%v (run go test -run TestBadCorpus -update)", err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			f, probs := intake.OpenWorkbook(tc.file, data, intake.Limits{})
			runtime.ReadMemStats(&after)
			if f != nil {
				defer f.Close()
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > corpusMaxAlloc {
				t.Errorf("allocated %d KiB, want at most %d KiB", n>>10, corpusMaxAlloc>>10)
			}
			switch {
			case tc.warning && (f == nil || len(probs.Errors()) > 0):
				t.Fatalf("got refused, want accepted with a warning:\n%s", probs)
			case !tc.warning && f != nil:
				t.Fatalf("got a file, want refused; problems:\n%s", probs)
			}
			p, ok := findRule(probs, tc.rule)
			if !ok {
				t.Fatalf("got problems\n%s\nwant rule %s", probs, tc.rule)
			}
			if !strings.Contains(p.Message, tc.want) {
				t.Errorf("got message %q, want it to contain %q", p.Message, tc.want)
			}
			if tc.sheet != "" && p.Sheet != tc.sheet {
				t.Errorf("got sheet %q, want %q", p.Sheet, tc.sheet)
			}
			if !strings.Contains(p.Fix, tc.fix) {
				t.Errorf("got fix %q, want it to contain %q", p.Fix, tc.fix)
			}
			checkIntakeProblems(t, tc.file, probs)
		})
	}
	for s := 1; s <= 8; s++ {
		if sections[s] == 0 {
			t.Errorf("no case for section %d of bad-inputs.md", s)
		}
	}
}

// findRule returns the first problem with the rule.
func findRule(probs gyqc.Problems, rule gyqc.Rule) (gyqc.Problem, bool) {
	for _, p := range probs {
		if p.Rule == rule {
			return p, true
		}
	}
	return gyqc.Problem{}, false
}

// checkIntakeProblems checks what every problem must carry: the file, a rule, a message and a
// fix, and Chinese words for the clerk.
func checkIntakeProblems(tb testing.TB, file string, probs gyqc.Problems) {
	tb.Helper()
	for _, p := range probs {
		if p.File != file || p.Rule == "" || p.Message == "" || p.Fix == "" || p.Severity == "" {
			tb.Errorf("incomplete problem: %+v", p)
		}
		if !strings.ContainsFunc(p.Message, func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }) {
			tb.Errorf("message not in Chinese: %q", p.Message)
		}
	}
}

// writeIntakeBad regenerates testdata/bad.
func writeIntakeBad(t *testing.T) {
	good := smallTemplate(t)
	if err := os.MkdirAll(intakeBadDir, 0o755); err != nil {
		t.Fatal(err)
	}
	bySoffice := map[string][]string{} // filter to files
	for _, tc := range allIntakeCases() {
		if tc.build == nil {
			bySoffice[tc.soffice] = append(bySoffice[tc.soffice], tc.file)
			continue
		}
		if err := os.WriteFile(filepath.Join(intakeBadDir, tc.file), tc.build(t, good), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "template.xlsx")
	if err := os.WriteFile(src, good, 0o644); err != nil {
		t.Fatal(err)
	}
	for filter, files := range bySoffice {
		out := filepath.Join(dir, fmt.Sprint(len(filter), filter[:2]))
		if b, err := clients.SofficeRun(t, dir, "--convert-to", filter, "--outdir", out, src); err != nil {
			t.Fatalf("soffice --convert-to %s: %v\n%s", filter, err, b)
		}
		made, err := filepath.Glob(filepath.Join(out, "template.*"))
		if err != nil || len(made) != 1 {
			t.Fatalf("soffice --convert-to %s made %v", filter, made)
		}
		data, err := os.ReadFile(made[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if err := os.WriteFile(filepath.Join(intakeBadDir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
