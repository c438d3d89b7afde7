package render

import (
	"fmt"
	"strings"
)

// wordStyle is a paragraph style of the Word document.
type wordStyle struct {
	id, name, basedOn string
	role              Role    // the face
	size              float64 // points
	bold              bool
	color             Color
	align             string // left, center, both, right
	indent            bool   // first line indented two characters
	outline           int    // outline level + 1; 0 for body text
	line              int    // exact line spacing in twips; 0: single
	before, after     int    // spacing in twips
	keepNext          bool
	builtIn           bool // a style Word knows by name (Normal, Title, heading 1…)
}

// wordStyles are the paragraph styles: the official type hierarchy of the PDF, each level
// a style an editor can change once for the whole document.
var wordStyles = []wordStyle{
	{id: "Normal", name: "Normal", role: RoleBody, size: sizeBody, align: "both", indent: true, line: wordLine, builtIn: true},
	{id: "Title", name: "Title", role: RoleTitle, size: sizeTitle, align: "center", line: int(sizeTitle * 1.45 * 20),
		before: wordLine / 2, after: wordLine / 2, builtIn: true},
	{id: "Subtitle", name: "Subtitle", role: RoleKai, size: sizeBody, align: "center", line: wordLine, after: wordLine / 2, builtIn: true},
	{id: "Heading1", name: "heading 1", role: RoleHeading, size: sizeBody, align: "left", indent: true, outline: 1, line: wordLine, keepNext: true, builtIn: true},
	{id: "Heading2", name: "heading 2", role: RoleKai, size: sizeBody, align: "left", indent: true, outline: 2, line: wordLine, keepNext: true, builtIn: true},
	{id: "Heading3", name: "heading 3", role: RoleBody, size: sizeBody, bold: true, align: "left", indent: true, outline: 3, line: wordLine, keepNext: true, builtIn: true},
	{id: "Heading4", name: "heading 4", role: RoleBody, size: sizeBody, align: "left", indent: true, outline: 4, line: wordLine, keepNext: true, builtIn: true},
	{id: "AnnexLabel", name: "附件标识", role: RoleHeading, size: sizeBody, align: "left", outline: 1, line: wordLine, keepNext: true},
	{id: "Caption", name: "caption", role: RoleHeading, size: sizeTable + 2, align: "center", before: 120, after: 80, keepNext: true, builtIn: true},
	{id: "TableText", name: "表格文字", role: RoleBody, size: sizeTable, align: "left"},
	{id: "TableHeading", name: "表格标题行", role: RoleHeading, size: sizeTable, align: "center"},
	{id: "Note", name: "注释", role: RoleBody, size: sizeSmall, align: "both", before: 40, after: 80},
	{id: "ChartImage", name: "图表", role: RoleBody, size: 1, align: "center"},
	{id: "Masthead", name: "报头", role: RoleTitle, size: 40, color: OfficeRed, align: "center", before: 0, after: 240},
	{id: "MastheadIssue", name: "报头期数", role: RoleBody, size: sizeBody, align: "center", after: 120},
	{id: "MastheadLine", name: "报头编印单位", role: RoleBody, size: sizeBody, align: "left", after: 360},
	{id: "Colophon", name: "报尾", role: RoleBody, size: sizeColophon, align: "left", before: 60, after: 60},
	{id: "Footer", name: "footer", role: RoleTitle, size: sizePage, align: "left", builtIn: true},
}

// styles writes word/styles.xml: the defaults (body face, 三号, Chinese, no space added
// between Chinese and Latin letters or digits, so that 19.68亿元 reads as in the PDF), then the
// paragraph styles. The 报头编印单位 line carries the red rule under the masthead.
func (w *wordWriter) styles() string {
	var b strings.Builder
	body := WordFaces[RoleBody]
	b.WriteString(xmlHeader + `<w:styles xmlns:w="` + wNS + `"><w:docDefaults><w:rPrDefault><w:rPr>` +
		`<w:rFonts w:ascii="` + body + `" w:hAnsi="` + body + `" w:eastAsia="` + body + `" w:cs="` + body + `"/>` +
		`<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>` +
		`</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing w:before="0" w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	for _, s := range wordStyles {
		b.WriteString(s.xml())
	}
	b.WriteString(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>` +
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>` +
		`<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}

// xml writes one paragraph style.
func (s wordStyle) xml() string {
	var b strings.Builder
	def := ""
	if s.id == "Normal" {
		def = ` w:default="1"`
	}
	fmt.Fprintf(&b, `<w:style w:type="paragraph"%s w:styleId="%s"><w:name w:val="%s"/>`, def, s.id, s.name)
	if s.id != "Normal" {
		b.WriteString(`<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>`)
	}
	b.WriteString(`<w:qFormat/><w:pPr>`)
	if s.keepNext {
		b.WriteString(`<w:keepNext/><w:keepLines/>`)
	}
	if s.id == "MastheadLine" {
		b.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="6" w:color="E60012"/></w:pBdr>`)
	}
	spacing := fmt.Sprintf(`<w:spacing w:before="%d" w:after="%d"`, s.before, s.after)
	if s.line > 0 {
		spacing += fmt.Sprintf(` w:line="%d" w:lineRule="exact"`, s.line)
	} else {
		spacing += ` w:line="240" w:lineRule="auto"`
	}
	b.WriteString(spacing + `/>`)
	if s.indent {
		fmt.Fprintf(&b, `<w:ind w:firstLineChars="200" w:firstLine="%d"/>`, int(2*s.size*20))
	} else {
		b.WriteString(`<w:ind w:firstLineChars="0" w:firstLine="0"/>`)
	}
	fmt.Fprintf(&b, `<w:jc w:val="%s"/>`, s.align)
	if s.outline > 0 {
		fmt.Fprintf(&b, `<w:outlineLvl w:val="%d"/>`, s.outline-1)
	}
	b.WriteString(`</w:pPr><w:rPr>` + runProps{role: s.role, setRole: true, bold: s.bold, color: s.color, size: s.size}.xml() + `</w:rPr></w:style>`)
	return b.String()
}

// wordFontFamily is how Word groups a face, to find a substitute: 黑体 is a sans face
// (swiss), the others are roman.
func wordFontFamily(role Role) string {
	if role == RoleHeading {
		return "swiss"
	}
	return "roman"
}

// fontTable writes word/fontTable.xml: each face the document names, Chinese (GB2312
// character set), with the face the PDF was drawn with as its alternate name when that is
// another face, so that a machine without the office's face shows the same stand-in.
func (w *wordWriter) fontTable() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:fonts xmlns:w="` + wNS + `">`)
	seen := map[string]bool{}
	add := func(name, alt, family string) {
		if seen[name] {
			return
		}
		seen[name] = true
		b.WriteString(`<w:font w:name="` + xmlText(name) + `">`)
		if alt != "" && alt != name {
			b.WriteString(`<w:altName w:val="` + xmlText(alt) + `"/>`)
		}
		b.WriteString(`<w:charset w:val="86"/><w:family w:val="` + family + `"/><w:pitch w:val="variable"/></w:font>`)
	}
	for role := Role(0); role < numRoles; role++ {
		alt := ""
		if f := w.fonts.Primary(role); f != nil {
			alt = f.Family
		}
		add(WordFaces[role], alt, wordFontFamily(role))
	}
	alt := ""
	if f := w.fonts.Primary(RoleTitle); f != nil {
		alt = f.Family
	}
	add(pageFace, alt, "roman")
	b.WriteString(`</w:fonts>`)
	return b.String()
}
