package intake

import (
	"bytes"

	"github.com/qianjiang/gyqc"
)

// Magic numbers of the formats a returned file may turn out to be.
var (
	magicZip      = []byte("PK\x03\x04")
	magicZipEmpty = []byte("PK\x05\x06")
	magicOLE      = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicPDF      = []byte("%PDF-")
	magicPNG      = []byte("\x89PNG\r\n\x1a\n")
	magicJPEG     = []byte{0xFF, 0xD8, 0xFF}
	magicGIF      = []byte("GIF8")
	magicBMP      = []byte("BM")
	magicRAR      = []byte("Rar!\x1a\x07")
	magic7z       = []byte("7z\xBC\xAF\x27\x1C")
	magicGzip     = []byte{0x1F, 0x8B}
	bomUTF8       = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE    = []byte{0xFF, 0xFE}
	bomUTF16BE    = []byte{0xFE, 0xFF}
)

// sniff looks at the first bytes of a file that is not a zip and returns the problem that
// says what it is instead. It never returns nil.
func sniff(data []byte) gyqc.Problem {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	p := gyqc.Problem{Fix: fixTemplate}
	switch {
	case bytes.HasPrefix(head, magicOLE) && LegacyWorkbook(data):
		p.Rule, p.Message = RuleOLE, "文件是旧版 .xls/.et 格式，请另存为 .xlsx 后重新报送"
		p.Fix = LegacyFix
	case bytes.HasPrefix(head, magicOLE):
		p.Rule, p.Message = RuleOLE, "文件已加密或是旧版 .xls/.et 格式"+oleDetail(data)+"，请另存为不带密码的 .xlsx"
		p.Fix = "在 Excel 或 WPS 中打开文件，如设有打开密码请先取消（文件→信息→保护工作簿→用密码进行加密，清空密码），再“另存为”Excel 工作簿（*.xlsx）后重新报送"
	case bytes.HasPrefix(head, magicPDF):
		p.Rule, p.Message = RulePDF, "这是 PDF 文件，不是 Excel 工作簿"
		p.Fix = "请报送填好的 Excel 模板本身（.xlsx），不要转换或打印成 PDF"
	case bytes.HasPrefix(head, magicPNG), bytes.HasPrefix(head, magicJPEG), bytes.HasPrefix(head, magicGIF),
		bytes.HasPrefix(head, magicBMP) && len(head) > 14 && head[6] == 0 && head[7] == 0:
		p.Rule, p.Message = RuleImage, "这是图片文件，不是 Excel 工作簿"
		p.Fix = "请报送填好的 Excel 模板本身（.xlsx），不要截图或拍照"
	case bytes.HasPrefix(head, magicRAR), bytes.HasPrefix(head, magic7z), bytes.HasPrefix(head, magicGzip):
		p.Rule, p.Message = RuleArchive, "这是压缩包（rar、7z 或 gz），不是 Excel 工作簿"
		p.Fix = "请解压后直接报送其中填好的 .xlsx 文件"
	default:
		return sniffText(head)
	}
	return p
}

// LegacyFix is what a unit that sent an old .xls or .et workbook is told to do.
const LegacyFix = "请在 Excel 或 WPS 中另存为 .xlsx（Excel 工作簿）后重新报送"

// LegacyWorkbook reports whether data is an old binary workbook (Excel 97–2003 .xls, WPS .et):
// a compound file with a workbook stream and no encryption, which LibreOffice can convert.
func LegacyWorkbook(data []byte) bool {
	return bytes.HasPrefix(data, magicOLE) && !bytes.Contains(data, utf16le("EncryptionInfo")) &&
		(bytes.Contains(data, utf16le("Workbook")) || bytes.Contains(data, utf16le("Book")))
}

// oleDetail tells an encrypted Office file from a legacy binary workbook by the stream
// names in its compound-file directory, which are stored in UTF-16LE.
func oleDetail(data []byte) string {
	switch {
	case bytes.Contains(data, utf16le("EncryptionInfo")):
		return "（检测到打开密码）"
	case bytes.Contains(data, utf16le("Workbook")), bytes.Contains(data, utf16le("Book")):
		return "（检测到旧版 Excel/WPS 表格格式）"
	}
	return ""
}

// utf16le encodes an ASCII string in UTF-16LE.
func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// sniffText classifies the first bytes of a file that has no binary signature: a web page,
// an XML Spreadsheet 2003, plain text or CSV (UTF-8, UTF-16, GBK or any other encoding), or
// something unknown.
func sniffText(head []byte) gyqc.Problem {
	p := gyqc.Problem{Fix: fixTemplate}
	utf16 := bytes.HasPrefix(head, bomUTF16LE) || bytes.HasPrefix(head, bomUTF16BE)
	if utf16 {
		// Excel's "Unicode 文本" export: drop the zero bytes to look at the ASCII markup.
		head = bytes.ReplaceAll(head[2:], []byte{0}, nil)
	}
	head = bytes.TrimPrefix(head, bomUTF8)
	lower := bytes.ToLower(bytes.TrimLeft(head, " \t\r\n"))
	switch {
	case bytes.HasPrefix(lower, []byte("<?xml")) && (bytes.Contains(lower, []byte("progid=\"excel.sheet\"")) ||
		bytes.Contains(lower, []byte("urn:schemas-microsoft-com:office:spreadsheet"))):
		p.Rule, p.Message = RuleXML2003, "这是“XML 电子表格 2003”格式的文件，不是 Excel 工作簿（.xlsx）"
		p.Fix = "请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（*.xlsx）再报送"
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")),
		bytes.Contains(lower, []byte("<html")), bytes.Contains(lower, []byte("<table")):
		p.Rule, p.Message = RuleHTML, "这是网页（HTML）文件，只是扩展名为 .xls 或 .xlsx，不是 Excel 工作簿"
		p.Fix = "请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（*.xlsx）再报送，或直接在下发的模板中填写"
	case utf16 || looksText(head):
		p.Rule, p.Message = RuleText, "这是文本或 CSV 文件（可能是把 .csv 或 .txt 改名成了 .xlsx），不是 Excel 工作簿"
		p.Fix = "请在下发的模板中填写，用 Excel 或 WPS 保存为 .xlsx 后报送，不要另存为 CSV 或文本"
	default:
		p.Rule, p.Message = RuleUnknown, "无法识别的文件格式，不是 Excel 工作簿（.xlsx）"
	}
	return p
}

// looksText reports whether b reads as text in some 8-bit or multi-byte encoding (UTF-8,
// GBK, Windows-1252 ...): no control bytes other than tab, CR, LF and form feed. Binary
// formats have control bytes within their first few hundred bytes.
func looksText(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f' || c == 0x7F {
			return false
		}
	}
	return true
}
