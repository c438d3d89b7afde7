package intake

import (
	"fmt"

	"github.com/qianjiang/gyqc"
)

// Intake rules: the Rule of every problem the intake reports. A file with any problem of
// error severity is refused; the active-content rules are warnings (see the package doc).
const (
	// Files that are not workbooks.
	RuleEmpty       gyqc.Rule = "file-empty"        // 0 bytes
	RuleTooLarge    gyqc.Rule = "file-too-large"    // over Limits.MaxFileSize
	RuleText        gyqc.Rule = "file-text"         // plain text or CSV
	RuleHTML        gyqc.Rule = "file-html"         // a web page saved as .xls
	RuleXML2003     gyqc.Rule = "file-xml2003"      // XML Spreadsheet 2003
	RulePDF         gyqc.Rule = "file-pdf"          // a PDF
	RuleImage       gyqc.Rule = "file-image"        // a photo or screenshot
	RuleArchive     gyqc.Rule = "file-archive"      // rar, 7z, gzip, or a plain zip of files
	RuleOLE         gyqc.Rule = "file-ole"          // encrypted workbook or legacy .xls/.et
	RuleUnknown     gyqc.Rule = "file-unknown"      // none of the above
	RuleWord        gyqc.Rule = "file-word"         // a Word document (.docx)
	RulePowerPoint  gyqc.Rule = "file-powerpoint"   // a PowerPoint presentation (.pptx)
	RuleOpenDoc     gyqc.Rule = "file-opendocument" // an OpenDocument file (.ods, .odt, ...)
	RuleXLSB        gyqc.Rule = "file-xlsb"         // an Excel binary workbook
	RuleNoWorkbook  gyqc.Rule = "file-no-workbook"  // an Office package without a workbook part
	RuleNoSheets    gyqc.Rule = "file-no-sheets"    // a workbook without worksheets
	RuleMalformed   gyqc.Rule = "file-malformed"    // excelize refused or panicked on the file
	RuleZipCorrupt  gyqc.Rule = "zip-corrupt"       // bad CRC, truncated, lying sizes
	RuleZipEncrypt  gyqc.Rule = "zip-encrypted"     // a zip entry with a zip password
	RuleZipMethod   gyqc.Rule = "zip-method"        // an unsupported compression method
	RuleZipEntries  gyqc.Rule = "zip-entries"       // over Limits.MaxEntries
	RuleZipSize     gyqc.Rule = "zip-entry-size"    // one part over Limits.MaxEntrySize
	RuleZipTotal    gyqc.Rule = "zip-total-size"    // all parts over Limits.MaxTotalSize
	RuleZipRatio    gyqc.Rule = "zip-ratio"         // compression ratio over Limits.MaxRatio
	RuleZipOverlap  gyqc.Rule = "zip-overlap"       // entries sharing their compressed data
	RuleZipDup      gyqc.Rule = "zip-duplicate"     // a part name twice (also differing only in case)
	RuleZipName     gyqc.Rule = "zip-name"          // a part name that is not a local relative path
	RuleXMLDTD      gyqc.Rule = "xml-doctype"       // <!DOCTYPE>, <!ENTITY> or another declaration
	RuleXMLDepth    gyqc.Rule = "xml-depth"         // nesting deeper than Limits.MaxXMLDepth
	RuleXMLSyntax   gyqc.Rule = "xml-syntax"        // NUL bytes, unbalanced or unterminated markup
	RuleSheetRow    gyqc.Rule = "sheet-row"         // a row number out of range or not a number
	RuleSheetCol    gyqc.Rule = "sheet-column"      // a cell reference out of range or not valid
	RuleSheetOrder  gyqc.Rule = "sheet-order"       // rows or cells out of order
	RuleSheetCells  gyqc.Rule = "sheet-cells"       // a sheet spanning more than Limits.MaxCells
	RuleSheetString gyqc.Rule = "sheet-shared-string"
	RuleSheetStyle  gyqc.Rule = "sheet-style"
	RuleSheetMerge  gyqc.Rule = "sheet-merge"    // an empty or invalid merged range
	RuleCellText    gyqc.Rule = "cell-text"      // a cell's text over Limits.MaxCellText
	RuleStrings     gyqc.Rule = "shared-strings" // more shared strings than Limits.MaxSharedStrings, or a part over Limits.MaxSharedStringsSize
	RulePanic       gyqc.Rule = "file-panic"     // the library panicked; see Guard

	// Active content, reported as warnings under the intake policy.
	RuleMacro      gyqc.Rule = "active-macro"
	RuleExternal   gyqc.Rule = "active-external-link"
	RuleEmbedded   gyqc.Rule = "active-embedded-object"
	RuleActiveX    gyqc.Rule = "active-activex"
	RuleConnection gyqc.Rule = "active-data-connection"
)

// Fixes a clerk can follow, shared by several rules.
const (
	fixResave   = "请用 Excel 或 WPS 打开本单位填好的模板，“另存为”Excel 工作簿（*.xlsx）后重新报送；如果打不开，请在下发的模板中重新填写"
	fixTemplate = "请在下发的 Excel 模板中填写，用 Excel 或 WPS 直接保存为 .xlsx 后报送，不要转换格式或只改扩展名"
	fixResend   = "文件可能在下载、复制或发送途中损坏：请重新发送原文件；如仍不行，请用 Excel 或 WPS 打开后另存为 .xlsx 再报送"
	fixCrafted  = "Excel、WPS 正常保存的文件不会这样，文件可能被其他软件改动过或带有恶意内容。请在下发的模板中重新填写后报送"
)

// maxProblems caps the problems reported for one file; perPartRule caps those of one rule
// in one part (a crafted sheet may break a rule in every row).
const (
	maxProblems = 100
	perPartRule = 3
)

// collector gathers the problems of one file, capped so that a hostile file cannot make
// the list itself huge.
type collector struct {
	file     string
	probs    gyqc.Problems
	perPart  map[[2]string]int
	dropped  int       // problems left out because of a cap
	dropRule gyqc.Rule // the rule of the first of them
}

// add records a problem, naming the file, unless a cap is reached. part is the zip part the
// problem is about ("" for the file as a whole); it only serves the per-part cap.
func (c *collector) add(part string, p gyqc.Problem) {
	if part != "" {
		if c.perPart == nil {
			c.perPart = map[[2]string]int{}
		}
		k := [2]string{part, string(p.Rule)}
		c.perPart[k]++
		if c.perPart[k] > perPartRule {
			c.drop(p.Rule)
			return
		}
	}
	if len(c.probs) >= maxProblems {
		c.drop(p.Rule)
		return
	}
	p.File = c.file
	if p.Severity == "" {
		p.Severity = gyqc.SevError
	}
	c.probs = append(c.probs, p)
}

// drop counts a problem left out.
func (c *collector) drop(rule gyqc.Rule) {
	if c.dropped == 0 {
		c.dropRule = rule
	}
	c.dropped++
}

// errorf records an error about a part.
func (c *collector) errorf(part string, rule gyqc.Rule, value, fix, format string, args ...any) {
	c.add(part, gyqc.Problem{Rule: rule, Value: value, Fix: fix, Message: fmt.Sprintf(format, args...)})
}

// result returns the problems, with a last line counting those left out.
func (c *collector) result() gyqc.Problems {
	if c.dropped > 0 {
		c.probs = append(c.probs, gyqc.Problem{Severity: gyqc.SevError, File: c.file, Rule: c.dropRule,
			Message: fmt.Sprintf("同类问题另有%d处，未逐一列出", c.dropped), Fix: fixCrafted})
	}
	return c.probs
}

// size writes a byte count for people: 512字节, 30.5KB, 20MB.
func size(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d字节", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1fKB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1fMB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1fGB", float64(n)/(1<<30))
}
