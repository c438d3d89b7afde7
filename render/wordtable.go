package render

import (
	"fmt"
	"strings"
)

// table writes a table: its caption, the table with its header row repeated on every page
// and rows kept whole unless tall, then its note, with the PDF's column widths
// (wordTableLayout). The last row keeps with the note, the note is kept whole, and with the
// paragraph after the table when keepNext is set.
func (w *wordWriter) table(b *strings.Builder, t *Table, keepNext bool) {
	if t.Caption != "" {
		b.WriteString(para("Caption", "", plainRun(t.Caption)))
	}
	size := t.FontSize
	if size <= 0 {
		size = sizeTable
	}
	widths, tall := wordTableLayout(t, w.fonts)
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(sum(widths)) + `" w:type="dxa"/><w:jc w:val="center"/>` +
		`<w:tblBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/>` +
		`<w:left w:val="single" w:sz="6" w:space="0" w:color="000000"/>` +
		`<w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/>` +
		`<w:right w:val="single" w:sz="6" w:space="0" w:color="000000"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>` +
		`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>` +
		`</w:tblPr><w:tblGrid>`)
	for _, cw := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, cw)
	}
	b.WriteString(`</w:tblGrid>`)
	sz := runProps{size: size}.xml()

	// The header row, repeated on each page.
	b.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
	for i, c := range t.Columns {
		b.WriteString(cellStart(widths[i], c.NoWrap, `<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>`))
		b.WriteString(para("TableHeading", "", wordRun(sz, c.Header)) + `</w:tc>`)
	}
	b.WriteString(`</w:tr>`)
	for r, row := range t.Rows {
		if tall[r] {
			b.WriteString(`<w:tr>`) // split across pages as the PDF's, not moved whole
		} else {
			b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		}
		for i := range t.Columns {
			var c Cell
			if i < len(row) {
				c = row[i]
			}
			b.WriteString(cellStart(widths[i], t.Columns[i].NoWrap, ""))
			pPr := alignOf(c.Align, t.Columns[i].Align)
			if (t.Note != "" || keepNext) && r == len(t.Rows)-1 {
				pPr = `<w:keepNext/>` + pPr // the last row stays with the note
			}
			b.WriteString(w.cellParas(c, size, pPr) + `</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	if t.Note != "" {
		// Kept whole at any length (Word breaks it only when it is longer than a page); the
		// PDF keeps whole a note of up to wholeNote lines and splits a longer one.
		keep := `<w:keepLines/>`
		if keepNext {
			keep = `<w:keepNext/>` + keep
		}
		b.WriteString(para("Note", keep, plainRun(t.Note)))
	}
}

// cellStart opens a table cell of width twips, with its shading shd.
func cellStart(twips int, noWrap bool, shd string) string {
	s := fmt.Sprintf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, twips) + shd
	if noWrap {
		s += `<w:noWrap/>`
	}
	return s + `<w:vAlign w:val="center"/></w:tcPr>`
}

// cellParas writes a cell's content in size points, its light first, as paragraphs of
// style TableText with the properties pPr: one for each line of its text, so that a word
// processor keeps at least two lines of each together where a tall row splits across pages.
func (w *wordWriter) cellParas(c Cell, size float64, pPr string) string {
	spans := c.Spans
	if len(spans) == 0 && c.Text != "" {
		spans = []Span{{Text: c.Text}}
	}
	if c.Light != "" {
		spans = append([]Span{{Light: c.Light}}, spans...)
	}
	var b strings.Builder
	var line []Span
	flush := func() {
		b.WriteString(para("TableText", pPr, w.runs(line, RoleBody, size)))
		line = nil
	}
	for _, sp := range spans {
		sp.Bold = sp.Bold || c.Bold
		parts := strings.Split(sp.Text, "\n")
		for k, part := range parts {
			if k > 0 {
				flush()
				sp.Light = "" // the light goes with the first line only
			}
			if part != "" || sp.Light != "" {
				piece := sp
				piece.Text = part
				line = append(line, piece)
			}
		}
	}
	flush()
	return b.String()
}

// alignOf is the paragraph alignment of a cell: its own, else its column's.
func alignOf(cell, column Align) string {
	a := cell
	if a == AlignDefault {
		a = column
	}
	switch a {
	case AlignCenter:
		return `<w:jc w:val="center"/>`
	case AlignRight:
		return `<w:jc w:val="right"/>`
	}
	return ""
}

// wordTableLayout lays t out as the PDF does (Document.Table, in fonts): the columns'
// widths in twips, adding up to the text width, so that a number or a name that fits its
// column in the PDF fits it in the Word document; and for each row whether it is tall
// enough (cutRows lines) to be split across pages rather than moved whole.
func wordTableLayout(t *Table, fonts *FontSet) (widths []int, tall []bool) {
	d := &Document{fonts: fonts, opts: Options{Fonts: fonts}}
	d.Table(*t)
	n := len(t.Columns)
	widths = make([]int, n)
	tall = make([]bool, len(t.Rows))
	if len(d.blocks) != 1 || n == 0 {
		return widths, tall
	}
	b := d.blocks[0].(*tableBlock)
	total := 0.0
	for _, w := range b.widths {
		total += w
	}
	for i, w := range b.widths {
		widths[i] = int(w / total * wordTextW)
	}
	widths[n-1] += wordTextW - sum(widths)
	for i, row := range b.rows {
		tall[i] = row.lines >= cutRows
	}
	return widths, tall
}

func sum(v []int) int {
	s := 0
	for _, x := range v {
		s += x
	}
	return s
}
