package consolidate_test

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
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
	file    string                           // name under testdata/bad
	section int                              // of ../shared/notes/bad-inputs.md
	build   func(testing.TB, []byte) []byte  // from the good workbook; nil: made by soffice
	soffice string                           // LibreOffice filter making it from the good workbook
	rule    string                           // a problem with this rule must be reported
	want    string                           // in that problem's message
	sheet   string                           // the sheet the problem names, when it names one
	warning bool                             // accepted with a warning: OpenWorkbook returns a file
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
	{file: "empty.xlsx", section: 1, build: fixedBytes(nil), rule: consolidate.RuleEmpty, want: "文件是空的"},
	{file: "text-renamed.xlsx", section: 1, build: fixedBytes([]byte("本月工作进展：已完成项目签约3个。\r\n下月计划：继续推进。\r\n")),
		rule: consolidate.RuleText, want: "文本或 CSV"},
	{file: "csv-gbk-renamed.xlsx", section: 1, build: badGbkCSV, rule: consolidate.RuleText, want: "文本或 CSV"},
	{file: "csv-libreoffice.xlsx", section: 1, soffice: "csv:Text - txt - csv (StarCalc):44,34,76", rule: consolidate.RuleText, want: "文本或 CSV"},
	{file: "html-libreoffice.xls", section: 1, soffice: "html", rule: consolidate.RuleHTML, want: "网页（HTML）"},
	{file: "html-excel-web-page.xls", section: 1, build: fixedBytes([]byte(badExcelHTML)), rule: consolidate.RuleHTML, want: "网页（HTML）"},
	{file: "xml-spreadsheet-2003.xls", section: 1, build: fixedBytes([]byte(badXml2003)), rule: consolidate.RuleXML2003, want: "XML 电子表格 2003"},
	{file: "pdf-libreoffice.xlsx", section: 1, soffice: "pdf", rule: consolidate.RulePDF, want: "PDF"},
	{file: "photo.xlsx", section: 1, build: badPhoto, rule: consolidate.RuleImage, want: "图片"},
	{file: "unknown-binary.xlsx", section: 1, build: fixedBytes([]byte{0, 1, 2, 3, 0xFF, 0xFE, 0, 0, 9, 8, 7}), rule: consolidate.RuleUnknown, want: "无法识别"},
	{file: "docx-renamed.xlsx", section: 1, build: badDocx, rule: consolidate.RuleWord, want: "Word 文档"},
	{file: "pptx-renamed.xlsx", section: 1, build: badPptx, rule: consolidate.RulePowerPoint, want: "PowerPoint"},
	{file: "ods-libreoffice.xlsx", section: 1, soffice: "ods", rule: consolidate.RuleOpenDoc, want: "OpenDocument 表格（.ods）"},
	{file: "xlsb-renamed.xlsx", section: 1, build: badXlsb, rule: consolidate.RuleXLSB, want: ".xlsb"},
	{file: "zip-of-workbook.xlsx", section: 1, build: badZipOfWorkbook, rule: consolidate.RuleArchive, want: "zip 压缩包"},
	{file: "no-content-types.xlsx", section: 1, build: badDropContentTypes, rule: consolidate.RuleZipCorrupt, want: "[Content_Types].xml"},

	// 2. Encrypted or legacy workbooks.
	{file: "encrypted-excelize.xlsx", section: 2, build: badEncrypted, rule: consolidate.RuleOLE, want: "文件已加密或是旧版 .xls/.et 格式（检测到打开密码），请另存为不带密码的 .xlsx"},
	{file: "legacy-libreoffice.xls", section: 2, soffice: "xls", rule: consolidate.RuleOLE, want: "旧版"},

	// 3. Active content: accepted with a warning.
	{file: "macro-vba.xlsm", section: 3, build: badMacro, rule: consolidate.RuleMacro, want: "宏已忽略", warning: true},
	{file: "external-link.xlsx", section: 3, build: badExternalLink, rule: consolidate.RuleExternal, want: "外部链接已忽略", warning: true},
	{file: "embedded-object.xlsx", section: 3, build: badEmbedded, rule: consolidate.RuleEmbedded, want: "嵌入对象", warning: true},
	{file: "activex.xlsx", section: 3, build: badActiveX, rule: consolidate.RuleActiveX, want: "ActiveX", warning: true},
	{file: "data-connection.xlsx", section: 3, build: badConnection, rule: consolidate.RuleConnection, want: "数据连接", warning: true},

	// 4. Archives that attack.
	{file: "bomb-ratio.xlsx", section: 4, build: badBomb, rule: consolidate.RuleZipRatio, want: "压缩炸弹"},
	{file: "bomb-understated.xlsx", section: 4, build: badBombUnderstated, rule: consolidate.RuleZipCorrupt, want: "实际长度与声明的不符"},
	{file: "many-entries.xlsx", section: 4, build: badManyEntries, rule: consolidate.RuleZipEntries, want: "超过上限2000个"},
	{file: "huge-declared-total.xlsx", section: 4, build: badHugeTotal, rule: consolidate.RuleZipTotal, want: "总大小"},
	{file: "entry-too-large.xlsx", section: 4, build: badEntryTooLarge, rule: consolidate.RuleZipSize, want: "超过单个部件的上限"},

	// 5. Corrupted and truncated files.
	{file: "bad-crc.xlsx", section: 5, build: badCRCSum, rule: consolidate.RuleZipCorrupt, want: "校验码不符"},
	{file: "truncated-half.xlsx", section: 5, build: badTruncated, rule: consolidate.RuleZipCorrupt, want: "文件已损坏或不完整"},
	{file: "size-understated.xlsx", section: 5, build: badSizeBy(-100), rule: consolidate.RuleZipCorrupt, want: "实际长度与声明的不符"},
	{file: "size-overstated.xlsx", section: 5, build: badSizeBy(100), rule: consolidate.RuleZipCorrupt, want: "实际长度与声明的不符"},
	{file: "corrupt-deflate.xlsx", section: 5, build: badCorruptDeflate, rule: consolidate.RuleZipCorrupt, want: "文件已损坏或不完整：部件“xl/worksheets/sheet2.xml”"},
	{file: "zip-password.xlsx", section: 5, build: badZipPassword, rule: consolidate.RuleZipEncrypt, want: "压缩包密码"},

	// 6. Entry names.
	{file: "duplicate-name.xlsx", section: 6, build: extraEntry(tplTasksPart), rule: consolidate.RuleZipDup, want: "重复的部件"},
	{file: "duplicate-case.xlsx", section: 6, build: extraEntry("xl/worksheets/Sheet2.xml"), rule: consolidate.RuleZipDup, want: "仅大小写不同"},
	{file: "name-parent.xlsx", section: 6, build: extraEntry("../../evil.txt"), rule: consolidate.RuleZipName, want: "部件名“../../evil.txt”不合法"},
	{file: "name-absolute.xlsx", section: 6, build: extraEntry("/tmp/evil.txt"), rule: consolidate.RuleZipName, want: "不合法"},
	{file: "name-backslash.xlsx", section: 6, build: extraEntry(`xl\worksheets\sheet9.xml`), rule: consolidate.RuleZipName, want: "不合法"},
	{file: "name-drive.xlsx", section: 6, build: extraEntry("C:/Windows/evil.txt"), rule: consolidate.RuleZipName, want: "不合法"},

	// 7. DTDs and nesting.
	{file: "doctype-sheet.xlsx", section: 7, build: badDoctype, rule: consolidate.RuleXMLDTD, want: "<!DOCTYPE>"},
	{file: "entity-expansion.xlsx", section: 7, build: badLaughs, rule: consolidate.RuleXMLDTD, want: "xl/sharedStrings.xml"},
	{file: "doctype-content-types.xlsx", section: 7, build: badDoctypeTypes, rule: consolidate.RuleXMLDTD, want: "[Content_Types].xml"},
	{file: "deep-nesting.xlsx", section: 7, build: badDeep, rule: consolidate.RuleXMLDepth, want: "嵌套超过100层"},
	{file: "xml-utf16.xlsx", section: 7, build: badUtf16Sheet, rule: consolidate.RuleXMLSyntax, want: "空字符"},

	// 8. Crafted sheet XML.
	{file: "row-2147483647.xlsx", section: 8, build: injectRows(`<row r="2147483647"><c r="A2147483647"><v>1</v></c></row>`),
		rule: consolidate.RuleSheetRow, want: "第2147483647行超出允许的范围", sheet: tplTasks},
	{file: "row-negative.xlsx", section: 8, build: injectRows(`<row r="-1"><c><v>1</v></c></row>`),
		rule: consolidate.RuleSheetRow, want: "行号“-1”无效", sheet: tplTasks},
	{file: "row-1048577.xlsx", section: 8, build: injectRows(`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`),
		rule: consolidate.RuleSheetRow, want: "第1048577行", sheet: tplTasks},
	{file: "row-zero.xlsx", section: 8, build: injectRows(`<row r="0"><c><v>1</v></c></row>`),
		rule: consolidate.RuleSheetRow, want: "第0行", sheet: tplTasks},
	{file: "column-huge.xlsx", section: 8, build: injectRows(`<row r="50"><c r="` + strings.Repeat("Z", 60) + `50"><v>1</v></c></row>`),
		rule: consolidate.RuleSheetCol, want: "超出允许的列范围", sheet: tplTasks},
	{file: "column-not-a-reference.xlsx", section: 8, build: injectRows(`<row r="50"><c r="50A"><v>1</v></c></row>`),
		rule: consolidate.RuleSheetCol, want: "单元格引用“50A”无效", sheet: tplTasks},
	{file: "shared-string-negative.xlsx", section: 8, build: injectRows(`<row r="50"><c r="A50" t="s"><v>-1</v></c></row>`),
		rule: consolidate.RuleSheetString, want: "共享字符串序号“-1”无效", sheet: tplTasks},
	{file: "shared-string-out-of-range.xlsx", section: 8, build: injectRows(`<row r="50"><c r="B50" t="s"><v>99999</v></c></row>`),
		rule: consolidate.RuleSheetString, want: "单元格B50引用了第100000个共享字符串", sheet: tplTasks},
	{file: "style-negative.xlsx", section: 8, build: injectRows(`<row r="50"><c r="A50" s="-1"><v>1</v></c></row>`),
		rule: consolidate.RuleSheetStyle, want: "单元格格式序号“-1”无效", sheet: tplTasks},
	{file: "style-out-of-range.xlsx", section: 8, build: injectRows(`<row r="50"><c r="C50" s="4096"><v>1</v></c></row>`),
		rule: consolidate.RuleSheetStyle, want: "单元格C50引用了第4097种单元格格式", sheet: tplTasks},
	{file: "merge-empty.xlsx", section: 8, build: badMergeRef(""), rule: consolidate.RuleSheetMerge, want: "合并单元格区域“”无效", sheet: tplGuide},
	{file: "merge-out-of-range.xlsx", section: 8, build: badMergeRef("A1:XFD1048576"), rule: consolidate.RuleSheetMerge, want: "A1:XFD1048576", sheet: tplGuide},
	{file: "cells-out-of-order.xlsx", section: 8, build: injectRows(`<row r="50"><c r="C50"><v>1</v></c><c r="A50"><v>2</v></c></row>`),
		rule: consolidate.RuleSheetOrder, want: "单元格A50出现在C50之后", sheet: tplTasks},
	{file: "rows-out-of-order.xlsx", section: 8, build: injectRows(`<row r="60"><c r="A60"><v>1</v></c></row><row r="55"><c r="A55"><v>2</v></c></row>`),
		rule: consolidate.RuleSheetOrder, want: "第55行出现在第60行之后", sheet: tplTasks},
	{file: "cell-in-wrong-row.xlsx", section: 8, build: injectRows(`<row r="50"><c r="A7"><v>1</v></c></row>`),
		rule: consolidate.RuleSheetOrder, want: "单元格A7不在它所在的第50行", sheet: tplTasks},
	{file: "sheet-span.xlsx", section: 8, build: badSpan, rule: consolidate.RuleSheetCells, want: "单元格区域过大", sheet: tplTasks},
}

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
	for _, tc := range intakeCases {
		sections[tc.section]++
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(intakeBadDir, tc.file))
			if err != nil {
				t.Fatalf("%v (run go test -run TestBadCorpus -update)", err)
			}
			f, probs := consolidate.OpenWorkbook(tc.file, data, consolidate.Limits{})
			if f != nil {
				defer f.Close()
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
func findRule(probs gyqc.Problems, rule string) (gyqc.Problem, bool) {
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
	for _, tc := range intakeCases {
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

// Builders of the corpus.

func badGbkCSV(tb testing.TB, _ []byte) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("序号,任务编号,进展状态,本月工作进展\r\n1,1,正常推进,\"召开推进会2次，完成年度目标的40%\"\r\n"))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// badExcelHTML is the start of what Excel writes for "Save as Web Page" with a .xls name.
const badExcelHTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Excel.Sheet>
</head>
<body>
<table border=0 cellpadding=0 cellspacing=0>
 <tr><td>序号</td><td>任务内容</td><td>进展状态</td></tr>
 <tr><td>1</td><td>实施工业强城</td><td>正常推进</td></tr>
</table>
</body>
</html>
`

// badXml2003 is an XML Spreadsheet 2003 file.
const badXml2003 = `<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="任务进展">
  <Table>
   <Row><Cell><Data ss:Type="String">序号</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>
`

func badPhoto(tb testing.TB, _ []byte) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for i := range 16 {
		img.Set(i, i, color.RGBA{R: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// badOfficePackage builds a minimal Office package whose main part has the content type.
func badOfficePackage(tb testing.TB, main, contentType, body string) []byte {
	return packParts(tb, []zipEntry{
		{name: "[Content_Types].xml", data: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/` + main + `" ContentType="` + contentType + `"/></Types>`)},
		{name: "_rels/.rels", data: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="` + main + `"/></Relationships>`)},
		{name: main, data: []byte(body)},
	})
}

func badDocx(tb testing.TB, _ []byte) []byte {
	return badOfficePackage(tb, "word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`+
			`<w:body><w:p><w:r><w:t>关于2025年6月工业强城工作进展情况的报告</w:t></w:r></w:p></w:body></w:document>`)
}

func badPptx(tb testing.TB, _ []byte) []byte {
	return badOfficePackage(tb, "ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>`)
}

func badXlsb(tb testing.TB, _ []byte) []byte {
	return badOfficePackage(tb, "xl/workbook.bin", "application/vnd.ms-excel.sheet.binary.macroEnabled.main", "\x83\x01\x00\x00")
}

func badZipOfWorkbook(tb testing.TB, good []byte) []byte {
	return packParts(tb, []zipEntry{{name: "黔江区经信委2025年6月报表.xlsx", data: good}})
}

func badDropContentTypes(tb testing.TB, good []byte) []byte {
	var out []zipEntry
	for _, e := range zipEntries(tb, good) {
		if e.name != "[Content_Types].xml" {
			out = append(out, e)
		}
	}
	return packParts(tb, out)
}

func badEncrypted(tb testing.TB, good []byte) []byte {
	f, err := excelize.OpenReader(bytes.NewReader(good))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, excelize.Options{Password: "123456"}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// badOleBytes stands in for a binary OLE part such as vbaProject.bin: the compound-file header
// and padding. The intake never opens such parts, only reports them.
func badOleBytes() []byte {
	return append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
}

func badMacro(tb testing.TB, good []byte) []byte {
	f, err := excelize.OpenReader(bytes.NewReader(good))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if err := f.AddVBAProject(badOleBytes()); err != nil {
		tb.Fatal(err)
	}
	f.Path = "macro.xlsm" // WriteTo takes the macro-enabled content type from the extension
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func badExternalLink(tb testing.TB, good []byte) []byte {
	return withParts(tb, good, map[string]string{
		"xl/externalLinks/externalLink1.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"},
		zipEntry{name: "xl/externalLinks/externalLink1.xml", data: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<externalBook r:id="rId1"><sheetNames><sheetName val="汇总"/></sheetNames><sheetDataSet><sheetData sheetId="0">` +
			`<row r="3"><cell r="F3"><v>12.5</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`)},
		zipEntry{name: "xl/externalLinks/_rels/externalLink1.xml.rels", data: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" ` +
			`Target="file:///D:/报表/经信委汇总.xlsx" TargetMode="External"/></Relationships>`)})
}

func badEmbedded(tb testing.TB, good []byte) []byte {
	return withParts(tb, good, map[string]string{
		"xl/embeddings/oleObject1.bin": "application/vnd.openxmlformats-officedocument.oleObject"},
		zipEntry{name: "xl/embeddings/oleObject1.bin", data: badOleBytes()})
}

func badActiveX(tb testing.TB, good []byte) []byte {
	return withParts(tb, good, map[string]string{
		"xl/activeX/activeX1.xml": "application/vnd.ms-office.activeX+xml"},
		zipEntry{name: "xl/activeX/activeX1.xml", data: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>` +
			`<ax:ocx ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}" ax:persistence="persistStorage" r:id="rId1" ` +
			`xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>`)},
		zipEntry{name: "xl/activeX/activeX1.bin", data: badOleBytes()})
}

func badConnection(tb testing.TB, good []byte) []byte {
	return withParts(tb, good, map[string]string{
		"xl/connections.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml"},
		zipEntry{name: "xl/connections.xml", data: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><connection id="1" name="汇总库" type="1" refreshedVersion="6">` +
			`<dbPr connection="DSN=gyqc;" command="SELECT 1"/></connection></connections>`)})
}

// badBomb replaces the task sheet by one that inflates to 40 MiB, mostly blanks.
func badBomb(tb testing.TB, good []byte) []byte {
	return editParts(tb, good, replaceInPart(tplTasksPart, "</sheetData>", "</sheetData>"+strings.Repeat(" ", 40<<20)))
}

// badBombUnderstated is the bomb with its declared size cut below the ratio floor: it must
// be stopped by the size check while it inflates.
func badBombUnderstated(tb testing.TB, good []byte) []byte {
	return patchCentral(tb, badBomb(tb, good), tplTasksPart, func(h []byte) { binary.LittleEndian.PutUint32(h[24:], 900<<10) })
}

func badManyEntries(tb testing.TB, good []byte) []byte {
	es := zipEntries(tb, good)
	for i := range 2100 {
		es = append(es, zipEntry{name: fmt.Sprintf("p/%d", i), stored: true})
	}
	return packParts(tb, es)
}

// badHugeTotal declares 40 MiB for three parts: each under the part limit, together over the
// total.
func badHugeTotal(tb testing.TB, good []byte) []byte {
	b := good
	for _, part := range []string{tplGuidePart, tplTasksPart, "xl/worksheets/sheet3.xml"} {
		b = patchCentral(tb, b, part, func(h []byte) { binary.LittleEndian.PutUint32(h[24:], 40<<20) })
	}
	return b
}

func badEntryTooLarge(tb testing.TB, good []byte) []byte {
	return patchCentral(tb, good, tplTasksPart, func(h []byte) { binary.LittleEndian.PutUint32(h[24:], 60<<20) })
}

func badCRCSum(tb testing.TB, good []byte) []byte {
	return patchCentral(tb, good, tplTasksPart, func(h []byte) {
		binary.LittleEndian.PutUint32(h[16:], ^binary.LittleEndian.Uint32(h[16:]))
	})
}

func badTruncated(tb testing.TB, good []byte) []byte { return good[:len(good)/2] }

// badSizeBy returns a build that changes the declared inflated size of the task sheet.
func badSizeBy(delta int) func(testing.TB, []byte) []byte {
	return func(tb testing.TB, good []byte) []byte {
		return patchCentral(tb, good, tplTasksPart, func(h []byte) {
			binary.LittleEndian.PutUint32(h[24:], uint32(int(binary.LittleEndian.Uint32(h[24:]))+delta))
		})
	}
}

// badCorruptDeflate flips bytes in the middle of the task sheet's compressed data.
func badCorruptDeflate(tb testing.TB, good []byte) []byte {
	out := bytes.Clone(good)
	off := localOffset(tb, out, tplTasksPart)
	data := off + 30 + int(binary.LittleEndian.Uint16(out[off+26:])) + int(binary.LittleEndian.Uint16(out[off+28:]))
	for i := range 8 {
		out[data+40+i] ^= 0x5A
	}
	return out
}

// badZipPassword sets the encryption flag of the task sheet, as zip tools do for a zip
// password.
func badZipPassword(tb testing.TB, good []byte) []byte {
	b := patchCentral(tb, good, tplTasksPart, func(h []byte) { h[8] |= 1 })
	return patchLocal(tb, b, tplTasksPart, func(h []byte) { h[6] |= 1 })
}

// extraEntry returns a build adding an entry under the name.
func extraEntry(name string) func(testing.TB, []byte) []byte {
	return func(tb testing.TB, good []byte) []byte {
		return packParts(tb, append(zipEntries(tb, good), zipEntry{name: name, data: []byte("<x/>")}))
	}
}

func badDoctype(tb testing.TB, good []byte) []byte {
	return editParts(tb, good, replaceInPart(tplTasksPart, "<worksheet", `<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet`))
}

func badLaughs(tb testing.TB, good []byte) []byte {
	dtd := `<!DOCTYPE sst [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">` +
		`<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>`
	return editParts(tb, good, func(name string, data []byte) []byte {
		if name != "xl/sharedStrings.xml" {
			return data
		}
		s := strings.Replace(string(data), "<sst", dtd+"<sst", 1)
		return []byte(strings.Replace(s, "<t>", "<t>&d;", 1))
	})
}

func badDoctypeTypes(tb testing.TB, good []byte) []byte {
	return editParts(tb, good, replaceInPart("[Content_Types].xml", "<Types", `<!DOCTYPE Types [<!ENTITY e "x">]><Types`))
}

func badDeep(tb testing.TB, good []byte) []byte {
	nest := strings.Repeat("<x>", 100000) + strings.Repeat("</x>", 100000)
	return editParts(tb, good, replaceInPart(tplTasksPart, "</worksheet>", "<extLst><ext uri=\"{gyqc}\">"+nest+"</ext></extLst></worksheet>"))
}

func badUtf16Sheet(tb testing.TB, good []byte) []byte {
	return editParts(tb, good, func(name string, data []byte) []byte {
		if name != tplTasksPart {
			return data
		}
		out := []byte{0xFF, 0xFE}
		for _, c := range strings.Replace(string(data), `encoding="UTF-8"`, `encoding="UTF-16"`, 1) {
			out = binary.LittleEndian.AppendUint16(out, uint16(c))
		}
		return out
	})
}

// badMergeRef returns a build that replaces the merged title range of the guide sheet.
func badMergeRef(ref string) func(testing.TB, []byte) []byte {
	return func(tb testing.TB, good []byte) []byte {
		return editParts(tb, good, replaceInPart(tplGuidePart, `<mergeCell ref="A1:F1"`, `<mergeCell ref="`+ref+`"`))
	}
}

// badSpan adds 300 rows with a cell in column 1000 each: 300,000 cells for excelize to
// allocate when it loads the sheet, over the 200,000 cap.
func badSpan(tb testing.TB, good []byte) []byte {
	var b strings.Builder
	for r := 100; r < 400; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="ALL%d"><v>1</v></c></row>`, r, r)
	}
	return injectRows(b.String())(tb, good)
}
