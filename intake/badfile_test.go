package intake_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

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

// badOverlap adds 50 entries to the central directory that all point at the task sheet's
// data, the shape of a non-recursive zip bomb.
func badOverlap(tb testing.TB, good []byte) []byte {
	eocd := len(good) - 22 // no archive comment
	if binary.LittleEndian.Uint32(good[eocd:]) != 0x06054b50 {
		tb.Fatal("no end of central directory")
	}
	cdStart := int(binary.LittleEndian.Uint32(good[eocd+16:]))
	cd := good[cdStart:eocd]
	var sheet []byte
	for i := 0; i < len(cd); {
		n := 46 + int(binary.LittleEndian.Uint16(cd[i+28:])) + int(binary.LittleEndian.Uint16(cd[i+30:])) + int(binary.LittleEndian.Uint16(cd[i+32:]))
		if int(binary.LittleEndian.Uint16(cd[i+28:])) == len(tplTasksPart) && string(cd[i+46:i+46+len(tplTasksPart)]) == tplTasksPart {
			sheet = cd[i : i+n]
		}
		i += n
	}
	if sheet == nil {
		tb.Fatal("no task sheet in the central directory")
	}
	out := bytes.Clone(good[:eocd])
	count := int(binary.LittleEndian.Uint16(good[eocd+10:]))
	for k := range 50 {
		name := fmt.Sprintf("xl/media/copy%02d.bin", k)
		rec := bytes.Clone(sheet[:46])
		binary.LittleEndian.PutUint16(rec[28:], uint16(len(name)))
		binary.LittleEndian.PutUint16(rec[30:], 0)
		binary.LittleEndian.PutUint16(rec[32:], 0)
		out = append(append(out, rec...), name...)
		count++
	}
	end := bytes.Clone(good[eocd:])
	binary.LittleEndian.PutUint16(end[8:], uint16(count))
	binary.LittleEndian.PutUint16(end[10:], uint16(count))
	binary.LittleEndian.PutUint32(end[12:], uint32(len(out)-cdStart))
	return append(out, end...)
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

// badRowOutside hides a far row after sheetData, where excelize's Rows iterator still
// finds it.
func badRowOutside(tb testing.TB, good []byte) []byte {
	return editParts(tb, good, replaceInPart(tplTasksPart, "</sheetData>",
		`</sheetData><extLst><ext uri="{gyqc}"><row r="900000"><c r="A900000"><v>1</v></c></row></ext></extLst>`))
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
