package render

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// Page geometry of the Word document in twips (1/20 point), as the PDF's: A4 with the
// margins of GB/T 9704 and body lines 29 points apart (22 to the page), set as exact line
// spacing rather than a document grid, which LibreOffice lays out with double lines.
const (
	twipsPerMM  = 1440 / 25.4
	wordTextW   = 8844 // textW: 156 mm
	wordLine    = 580  // lineH: 10.23 mm
	emuPerMM    = 36000
	wordSection = `<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>` +
		`<w:footerReference w:type="even" r:id="rIdFooterEven"/>` +
		`<w:pgSz w:w="11906" w:h="16838"/>` +
		`<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1304" w:gutter="0"/>` +
		`<w:pgNumType w:start="1"/></w:sectPr>`
)

// body writes word/document.xml: the draft's blocks in order, then the section.
func (w *wordWriter) body(dr *Draft) (string, error) {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:document xmlns:w="` + wNS + `" xmlns:r="` + relNS + `" ` +
		`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
		`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ` +
		`xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>`)
	for i, blk := range dr.blocks {
		keep := "" // a block followed by one kept with it keeps with the next paragraph
		if i+1 < len(dr.blocks) && dr.blocks[i+1].withPrevious {
			keep = `<w:keepNext/>`
		}
		switch blk.kind {
		case kindMasthead:
			w.masthead(&b, *blk.masthead)
		case kindTitle:
			b.WriteString(para("Title", "", plainRun(balancedTitle(blk.text, w.fonts))))
		case kindSubtitle:
			b.WriteString(para("Subtitle", "", plainRun(blk.text)))
		case kindHeading:
			b.WriteString(para(fmt.Sprintf("Heading%d", blk.level), "", plainRun(blk.text)))
		case kindAnnex:
			b.WriteString(wordPageBreak)
			b.WriteString(para("AnnexLabel", "", plainRun(blk.label)))
			b.WriteString(para("Title", "", plainRun(balancedTitle(blk.text, w.fonts))))
		case kindSpans:
			b.WriteString(para("", keep, w.runs(blk.spans, RoleBody, 0)))
		case kindNote:
			b.WriteString(para("Note", keep, plainRun(blk.text)))
		case kindTable:
			w.table(&b, blk.table, keep != "")
		case kindChart:
			if err := w.chart(&b, blk.chart); err != nil {
				return "", err
			}
		case kindColophon:
			w.colophon(&b, blk.colophon)
		case kindPageBreak:
			b.WriteString(wordPageBreak)
		}
	}
	b.WriteString(wordSection + `</w:body></w:document>`)
	return b.String(), nil
}

// wordPageBreak is a paragraph that ends the page.
const wordPageBreak = `<w:p><w:r><w:br w:type="page"/></w:r></w:p>`

// para is a paragraph of style (empty: Normal) with extra paragraph properties and runs.
func para(style, pPr, runs string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	if style != "" || pPr != "" {
		b.WriteString("<w:pPr>")
		if style != "" {
			b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
		}
		b.WriteString(pPr + "</w:pPr>")
	}
	b.WriteString(runs + "</w:p>")
	return b.String()
}

// plainRun is a run of text in the paragraph style's format.
func plainRun(text string) string { return wordRun("", text) }

// wordRun is a run of text with run properties rPr; line breaks in text become breaks.
func wordRun(rPr, text string) string {
	var b strings.Builder
	b.WriteString("<w:r>")
	if rPr != "" {
		b.WriteString("<w:rPr>" + rPr + "</w:rPr>")
	}
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		b.WriteString(`<w:t xml:space="preserve">` + xmlText(line) + `</w:t>`)
	}
	b.WriteString("</w:r>")
	return b.String()
}

// runProps are the properties of a run, written in the order the schema wants them.
type runProps struct {
	role    Role // the face, when set
	setRole bool
	bold    bool
	color   Color
	size    float64 // points; 0 keeps the paragraph style's
}

// xml writes the properties (rFonts, b, color, sz), empty when there are none.
func (p runProps) xml() string {
	var b strings.Builder
	if p.setRole {
		f := WordFaces[p.role]
		b.WriteString(`<w:rFonts w:ascii="` + f + `" w:hAnsi="` + f + `" w:eastAsia="` + f + `" w:cs="` + f + `"/>`)
	}
	if p.bold {
		b.WriteString("<w:b/><w:bCs/>")
	}
	if p.color != (Color{}) {
		fmt.Fprintf(&b, `<w:color w:val="%02X%02X%02X"/>`, p.color.R, p.color.G, p.color.B)
	}
	if p.size > 0 {
		hp := int(p.size*2 + 0.5)
		fmt.Fprintf(&b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, hp, hp)
	}
	return b.String()
}

// runs writes spans as runs of size points (0: the style's) in a paragraph whose style's
// face is that of role base: a light as its coloured dot and label, then the text in its
// role's face, bold and colour.
func (w *wordWriter) runs(spans []Span, base Role, size float64) string {
	var b strings.Builder
	for _, sp := range spans {
		p := runProps{role: sp.Role, setRole: sp.Role != base, bold: sp.Bold, size: size}
		if sp.Light != "" {
			b.WriteString(lightRuns(sp.Light, p))
		}
		p.color = sp.Color
		if sp.Text != "" {
			b.WriteString(wordRun(p.xml(), sp.Text))
		}
	}
	return b.String()
}

// lightRuns writes a light: its dot in the light's colour, then its label.
func lightRuns(l gyqc.Light, p runProps) string {
	c, ok := lightColor(l)
	dot := "●"
	if !ok {
		c, dot = Color{1, 1, 1}, "○"
	}
	label := p
	p.color = c
	return wordRun(p.xml(), dot) + wordRun(label.xml(), l.Label())
}

// masthead writes the 报头: the briefing's name in red, the issue, and the issuing office
// and date above a red rule.
func (w *wordWriter) masthead(b *strings.Builder, m Masthead) {
	size := 40.0
	if n := len([]rune(m.Name)); n > 0 {
		size = min(size, textW/ptToMM/float64(n)*0.95)
	}
	b.WriteString(para("Masthead", "", wordRun(runProps{size: float64(int(size))}.xml(), m.Name)))
	if m.Issue != "" {
		b.WriteString(para("MastheadIssue", "", plainRun(m.Issue)))
	}
	tab := fmt.Sprintf(`<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs>`, wordTextW)
	b.WriteString(para("MastheadLine", tab, plainRun(m.Office)+`<w:r><w:tab/></w:r>`+plainRun(m.Date)))
}

// colophon writes the 报尾: each distribution line (报：…), the printer and the date of
// printing, between rules.
func (w *wordWriter) colophon(b *strings.Builder, c *Colophon) {
	b.WriteString(para("", `<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>`, ""))
	first := `<w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="000000"/></w:pBdr>`
	for _, d := range c.Distribution {
		text, ok := distributionText(d)
		if !ok {
			continue
		}
		b.WriteString(para("Colophon", first, plainRun(strings.TrimSuffix(d.Label, "：")+"："+text)))
		first = ""
	}
	tab := fmt.Sprintf(`<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs>`, wordTextW-280)
	bdr := `<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="000000"/>` +
		`<w:bottom w:val="single" w:sz="8" w:space="4" w:color="000000"/></w:pBdr>`
	b.WriteString(para("Colophon", bdr+tab, plainRun(c.Printer)+`<w:r><w:tab/></w:r>`+plainRun(c.Date+"印发")))
}
