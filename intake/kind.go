package intake

import (
	"archive/zip"
	"errors"
	"io"
	"strings"

	"github.com/qianjiang/gyqc"
)

// Content types of the main parts of Office packages (lower case), which tell a workbook
// from a Word document or a binary workbook whatever the file is called.
const (
	ctWorkbook      = "spreadsheetml.sheet.main+xml"
	ctTemplate      = "spreadsheetml.template.main+xml"
	ctMacroBook     = "ms-excel.sheet.macroenabled.main+xml"
	ctMacroTemplate = "ms-excel.template.macroenabled.main+xml"
	ctBinaryBook    = "ms-excel.sheet.binary.macroenabled.main"
	ctWord          = "wordprocessingml."
	ctPowerPoint    = "presentationml."
	odfPrefix       = "application/vnd.oasis.opendocument."
)

// maxTypesSize caps [Content_Types].xml and mimetype, which are read before anything else.
const maxTypesSize = 1 << 20

// classify reads the package's mimetype and [Content_Types].xml and returns the problem
// that says what the file is when it is not an Excel workbook, or nil.
func (sc *pkgScan) classify() *gyqc.Problem {
	p := &gyqc.Problem{Fix: fixTemplate}
	if f := sc.byName["mimetype"]; f != nil {
		mt := string(sc.readSmall(f.Name, 256))
		if strings.HasPrefix(mt, odfPrefix) {
			p.Rule, p.Message = RuleOpenDoc, "这是 OpenDocument 格式的文件（如 WPS 或 LibreOffice 保存的 .ods、.odt），不是 Excel 工作簿（.xlsx）"
			if strings.HasPrefix(mt, odfPrefix+"spreadsheet") {
				p.Message = "这是 OpenDocument 表格（.ods），不是 Excel 工作簿（.xlsx）"
				p.Fix = "请在 WPS 或 LibreOffice 中打开，“另存为”Excel 2007-365 工作簿（*.xlsx）后重新报送"
			}
			return p
		}
	}
	ct := sc.byName["[content_types].xml"]
	if ct == nil {
		if sc.has("xl/workbook.xml") {
			p.Rule, p.Message, p.Fix = RuleZipCorrupt, "文件不完整：缺少内容类型部件[Content_Types].xml", fixResave
		} else if q := sc.byParts(); q != nil {
			return q
		} else {
			p.Rule, p.Message = RuleArchive, "这是普通的 zip 压缩包，不是 Excel 工作簿"
			p.Fix = "请解压后直接报送其中填好的 .xlsx 文件"
		}
		return p
	}
	if !sc.readTypes(ct) {
		return nil // the fault is reported; the remaining checks still run
	}
	t := &sc.types
	switch {
	case t.any(ctWorkbook, ctTemplate):
		return nil
	case t.any(ctMacroBook, ctMacroTemplate):
		sc.macroApp = true
		return nil
	case t.any(ctBinaryBook):
		return sc.kindProblem(RuleXLSB)
	case t.any(ctWord+"document.main", ctWord+"template.main"):
		return sc.kindProblem(RuleWord)
	case t.any(ctPowerPoint):
		return sc.kindProblem(RulePowerPoint)
	case sc.has("xl/workbook.xml"):
		return nil // no override for the workbook; excelize finds it by its relationship
	}
	if q := sc.byParts(); q != nil {
		return q
	}
	p.Rule, p.Message = RuleNoWorkbook, "这是 Office 格式的文件，但其中没有 Excel 工作簿"
	return p
}

// byParts recognises a package by the names of its main parts, for files without usable
// content types.
func (sc *pkgScan) byParts() *gyqc.Problem {
	switch {
	case sc.has("xl/workbook.bin"):
		return sc.kindProblem(RuleXLSB)
	case sc.has("word/document.xml"):
		return sc.kindProblem(RuleWord)
	case sc.has("ppt/presentation.xml"):
		return sc.kindProblem(RulePowerPoint)
	}
	return nil
}

// kindProblem is the problem for an Office file of another kind.
func (sc *pkgScan) kindProblem(rule gyqc.Rule) *gyqc.Problem {
	p := &gyqc.Problem{Rule: rule, Fix: fixTemplate}
	switch rule {
	case RuleXLSB:
		p.Message = "这是 Excel 二进制工作簿（.xlsb），本系统只接收 Excel 工作簿（.xlsx）"
		p.Fix = "请在 Excel 中打开，“另存为”Excel 工作簿（*.xlsx）后重新报送"
	case RuleWord:
		p.Message = "这是 Word 文档（.docx），只是扩展名被改成了表格的扩展名，不是 Excel 工作簿"
	case RulePowerPoint:
		p.Message = "这是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿"
	}
	return p
}

// has reports whether the package holds a part, compared without case.
func (sc *pkgScan) has(name string) bool {
	return sc.byName[name] != nil
}

// readSmall returns at most max bytes of a small part, or nil when it cannot be read.
func (sc *pkgScan) readSmall(name string, max int64) []byte {
	f := sc.byName[strings.ToLower(name)]
	if f == nil || f.UncompressedSize64 > uint64(max) {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, max))
	if err != nil {
		return nil
	}
	return b
}

// readTypes scans [Content_Types].xml into sc.types. It returns false (and reports the
// problem) when the part is too large, corrupt or not acceptable XML.
func (sc *pkgScan) readTypes(zf *zip.File) bool {
	sc.typesPart = zf
	sc.partsBad = true // until the part has been read whole
	if zf.UncompressedSize64 > maxTypesSize {
		sc.col.errorf("", RuleZipSize, "", fixCrafted, "内容类型部件[Content_Types].xml 大小异常（%s）", size64(zf.UncompressedSize64))
		return false
	}
	sc.xml.reset(zf.Name, sc.lim.MaxXMLDepth, true, func([]byte) xmlHook { return &sc.types })
	rc, err := zf.Open()
	var part []byte
	if err == nil {
		m := meter{max: maxTypesSize, ratio: sc.lim.MaxRatio, floor: sc.lim.RatioFloor, compressed: int64(zf.CompressedSize64),
			mode: modeXML, xml: sc.xml}
		if sc.keeps(zf) {
			part = make([]byte, 0, zf.UncompressedSize64)
			m.keep = &part
		}
		_, err = io.CopyBuffer(&m, rc, sc.buf)
		rc.Close()
		sc.total += m.n
		if errors.Is(err, errXMLFault) {
			err = nil // reported below
		}
		if m.keep != nil && err == nil && sc.xml.fault == "" {
			sc.kept[zf.Name], sc.keptSize = part, sc.keptSize+int64(len(part))
		}
	}
	if err != nil {
		sc.col.errorf(zf.Name, RuleZipCorrupt, "", fixResend, "文件已损坏或不完整：部件“%s”%s", zf.Name, corruption(err))
		return false
	}
	if sc.xml.finish() != "" {
		sc.col.errorf(zf.Name, sc.xml.fault, "", fixCrafted, "%s", sc.xml.faultMsg)
		return false
	}
	sc.partsBad = false
	return true
}
