package intake_test

import (
	"strings"

	"github.com/qianjiang/gyqc/intake"
)

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
