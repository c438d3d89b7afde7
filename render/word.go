package render

import (
	"archive/zip"
	"bytes"
	stdcontext "context"
	"fmt"
	"strings"
	"time"

	"github.com/qianjiang/gyqc/internal/atomicfile"
)

// WordOptions are the choices a Word document leaves to its caller.
type WordOptions struct {
	// Fonts are the fonts the PDF of the same draft is drawn with: the Word document names
	// the faces offices use for each role (WordFaces) and, as their alternates, the faces
	// these fonts stood in with; charts are drawn into images with them. Nil means
	// FindFonts with default options.
	Fonts *FontSet
}

// WordFaces are the typefaces a Word document names for each role, as Chinese official
// documents use them and Windows offices have them: 仿宋 for body text and tables, 黑体 for
// first-level headings and table headers, 楷体 for second-level headings and 方正小标宋简体 for
// the masthead and the title. A machine without one of them shows the face named as its
// alternate in the font table (the face the PDF was drawn with), else its own substitute.
var WordFaces = [numRoles]string{
	RoleBody:    "仿宋",
	RoleHeading: "黑体",
	RoleKai:     "楷体",
	RoleTitle:   "方正小标宋简体",
}

// pageFace is the face of page numbers in the footer (宋体, as GB/T 9704 asks).
const pageFace = "宋体"

// WordStandIns maps each face name a Word document of Draft.Word uses (WordFaces and the
// page numbers' 宋体) to the family of the face fs sets that text in in the PDF: what a
// machine without those faces should give in their place to lay the document out as the PDF.
func WordStandIns(fs *FontSet) map[string]string {
	m := map[string]string{pageFace: fs.Primary(RoleTitle).Family}
	for role := Role(0); role < numRoles; role++ {
		m[WordFaces[role]] = fs.Primary(role).Family
	}
	return m
}

// Word writes the draft as a Word document (.docx): the same blocks as the PDF in the same
// order, each level of the type hierarchy a paragraph style of its own (标题, 一级标题 to
// 四级标题 on Word's Heading 1 to 4, 正文, 表格, 注释, 报尾), tables as real tables whose
// header row repeats on each page, charts as images, A4 pages with the margins of GB/T
// 9704 and page numbers "— N —" in the footer, right on odd pages and left on even ones.
// The same draft and fonts give the same bytes.
func (dr *Draft) Word(opts WordOptions) ([]byte, error) {
	fonts := opts.Fonts
	if fonts == nil {
		var err error
		if fonts, err = FindFonts(FontOptions{}); err != nil {
			return nil, err
		}
	}
	w := &wordWriter{fonts: fonts}
	body, err := w.body(dr)
	if err != nil {
		return nil, err
	}
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(w.contentTypes())},
		{"_rels/.rels", []byte(packageRels)},
		{"docProps/core.xml", []byte(coreProps(dr.Info))},
		{"docProps/app.xml", []byte(appProps)},
		{"word/document.xml", []byte(body)},
		{"word/styles.xml", []byte(w.styles())},
		{"word/fontTable.xml", []byte(w.fontTable())},
		{"word/settings.xml", []byte(wordSettings)},
		{"word/footer1.xml", []byte(footerXML(true))},
		{"word/footer2.xml", []byte(footerXML(false))},
		{"word/_rels/document.xml.rels", []byte(w.documentRels())},
	}
	for _, img := range w.images {
		parts = append(parts, struct {
			name string
			data []byte
		}{"word/media/" + img.name, img.data})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	stamp := dr.Info.Date
	if stamp.IsZero() || stamp.Year() < 1980 {
		stamp = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	for _, p := range parts {
		method := zip.Deflate
		if strings.HasSuffix(p.name, ".png") {
			method = zip.Store
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: stamp.UTC()})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(p.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteWordFile writes the draft as a Word document to path atomically (see Word): the
// file is replaced whole or not at all.
func (dr *Draft) WriteWordFile(ctx stdcontext.Context, path string, opts WordOptions) error {
	b, err := dr.Word(opts)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, b, 0o644)
}

// wordImage is an image part of the document.
type wordImage struct {
	name string // file name under word/media
	rid  string // relationship id
	data []byte
}

// wordWriter writes the parts of one Word document.
type wordWriter struct {
	fonts  *FontSet
	images []wordImage
	drawn  int // drawings so far, for their ids
}

// contentTypes is [Content_Types].xml.
func (w *wordWriter) contentTypes() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>`)
	if len(w.images) > 0 {
		b.WriteString(`<Default Extension="png" ContentType="image/png"/>`)
	}
	b.WriteString(`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
		`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
		`</Types>`)
	return b.String()
}

// documentRels is word/_rels/document.xml.rels.
func (w *wordWriter) documentRels() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdStyles" Type="` + relNS + `/styles" Target="styles.xml"/>` +
		`<Relationship Id="rIdFonts" Type="` + relNS + `/fontTable" Target="fontTable.xml"/>` +
		`<Relationship Id="rIdSettings" Type="` + relNS + `/settings" Target="settings.xml"/>` +
		`<Relationship Id="rIdFooterOdd" Type="` + relNS + `/footer" Target="footer1.xml"/>` +
		`<Relationship Id="rIdFooterEven" Type="` + relNS + `/footer" Target="footer2.xml"/>`)
	for _, img := range w.images {
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="%s/image" Target="media/%s"/>`, img.rid, relNS, img.name)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

// XML namespaces and fixed parts.
const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	relNS     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	wNS       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

	packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + relNS + `/officeDocument" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="` + relNS + `/extended-properties" Target="docProps/app.xml"/>` +
		`</Relationships>`

	appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
		`<Application>gyqc</Application></Properties>`

	// wordSettings: odd and even footers differ (page numbers right and left), the
	// document's language is Chinese, and Word recalculates fields on opening.
	wordSettings = xmlHeader + `<w:settings xmlns:w="` + wNS + `">` +
		`<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>` +
		`<w:characterSpacingControl w:val="compressPunctuation"/>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
		`</w:settings>`
)

// coreProps is docProps/core.xml: the title, subject, author, keywords and date of info.
func coreProps(info Options) string {
	date := ""
	if !info.Date.IsZero() {
		d := info.Date.UTC().Format("2006-01-02T15:04:05Z")
		date = `<dcterms:created xsi:type="dcterms:W3CDTF">` + d + `</dcterms:created>` +
			`<dcterms:modified xsi:type="dcterms:W3CDTF">` + d + `</dcterms:modified>`
	}
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + xmlText(info.Title) + `</dc:title>` +
		`<dc:subject>` + xmlText(info.Subject) + `</dc:subject>` +
		`<dc:creator>` + xmlText(info.Author) + `</dc:creator>` +
		`<cp:keywords>` + xmlText(info.Keywords) + `</cp:keywords>` +
		`<dc:language>zh-CN</dc:language>` + date +
		`</cp:coreProperties>`
}

// footerXML is a footer holding the page number "— N —" in 四号 宋体: at the right of odd
// pages, one character in from the margin, at the left of even ones.
func footerXML(odd bool) string {
	jc, ind := "left", `w:left="280"`
	if odd {
		jc, ind = "right", `w:right="280"`
	}
	piece := func(inner string) string {
		return `<w:r><w:rPr><w:rFonts w:ascii="` + pageFace + `" w:hAnsi="` + pageFace + `" w:eastAsia="` + pageFace +
			`"/><w:sz w:val="28"/></w:rPr>` + inner + `</w:r>`
	}
	return xmlHeader + `<w:ftr xmlns:w="` + wNS + `"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="` + jc + `"/>` +
		`<w:ind ` + ind + `/></w:pPr>` +
		piece(`<w:t xml:space="preserve">— </w:t>`) +
		piece(`<w:fldChar w:fldCharType="begin"/>`) + piece(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`) +
		piece(`<w:fldChar w:fldCharType="separate"/>`) + piece(`<w:t>1</w:t>`) + piece(`<w:fldChar w:fldCharType="end"/>`) +
		piece(`<w:t xml:space="preserve"> —</w:t>`) + `</w:p></w:ftr>`
}

// xmlText escapes s for XML text and attribute values, dropping the characters XML 1.0
// cannot carry (control characters other than tab and newline, unpaired surrogates,
// U+FFFE and U+FFFF).
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF, r == 0xFFFD && false:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
