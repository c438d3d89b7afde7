package render

import (
	"fmt"
	"strings"
	"unicode/utf8"

	textwidth "golang.org/x/text/width"
)

// table writes a table: its caption, the table with its header row repeated on every page
// and rows kept whole, then its note. Column widths follow the columns' relative widths, or
// the content where no column has one; columns that must not wrap get the room their
// longest line needs.
func (w *wordWriter) table(b *strings.Builder, t *Table) {
	if t.Caption != "" {
		b.WriteString(para("Caption", "", plainRun(t.Caption)))
	}
	size := t.FontSize
	if size <= 0 {
		size = sizeTable
	}
	widths := wordColumnWidths(t, size)
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(sum(widths)) + `" w:type="dxa"/><w:jc w:val="center"/>` +
		`<w:tblBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/>` +
		`<w:left w:val="single" w:sz="6" w:space="0" w:color="000000"/>` +
		`<w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/>` +
		`<w:right w:val="single" w:sz="6" w:space="0" w:color="000000"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>` +
		`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>` +
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
	for _, row := range t.Rows {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for i := range t.Columns {
			var c Cell
			if i < len(row) {
				c = row[i]
			}
			b.WriteString(cellStart(widths[i], t.Columns[i].NoWrap, ""))
			b.WriteString(para("TableText", alignOf(c.Align, t.Columns[i].Align), w.cellRuns(c, size)) + `</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	if t.Note != "" {
		b.WriteString(para("Note", "", plainRun(t.Note)))
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

// cellRuns writes a cell's content in size points: its light, then its text or spans.
func (w *wordWriter) cellRuns(c Cell, size float64) string {
	spans := c.Spans
	if len(spans) == 0 && c.Text != "" {
		spans = []Span{{Text: c.Text}}
	}
	if c.Light != "" {
		spans = append([]Span{{Light: c.Light}}, spans...)
	}
	out := make([]Span, len(spans))
	for i, sp := range spans {
		out[i] = sp
		out[i].Bold = sp.Bold || c.Bold
	}
	return w.runs(out, RoleBody, size)
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

// wordColumnWidths returns the columns' widths in twips, adding up to the text width: by
// the columns' relative widths, else by their content (the longest line of each, counted in
// characters of size points, a column never under two characters and the columns that must
// not wrap as wide as their longest line).
func wordColumnWidths(t *Table, size float64) []int {
	n := len(t.Columns)
	out := make([]int, n)
	if n == 0 {
		return out
	}
	weights := make([]float64, n)
	explicit := false
	for i, c := range t.Columns {
		if c.Width > 0 {
			explicit = true
		}
		weights[i] = c.Width
	}
	em := size * 20 // twips per character
	pad := 2*57.0 + 20
	fixed := make([]float64, n)
	if !explicit {
		for i, c := range t.Columns {
			longest := textEms(c.Header)
			for _, row := range t.Rows {
				if i < len(row) {
					longest = max(longest, cellEms(row[i]))
				}
			}
			if c.NoWrap {
				fixed[i] = longest*em + pad
			} else {
				weights[i] = min(max(longest, 2), 24)
			}
		}
	}
	room := float64(wordTextW)
	for _, f := range fixed {
		room -= f
	}
	room = max(room, float64(wordTextW)/4)
	total := 0.0
	for _, wt := range weights {
		total += wt
	}
	for i := range out {
		v := fixed[i]
		if total > 0 {
			v += room * weights[i] / total
		}
		out[i] = int(v)
	}
	// Scale to the text width exactly.
	scale := float64(wordTextW) / float64(sum(out))
	for i := range out {
		out[i] = int(float64(out[i]) * scale)
	}
	out[n-1] += wordTextW - sum(out)
	return out
}

// cellEms is the longest line of a cell in characters (wide characters count one, narrow
// ones half), with its light.
func cellEms(c Cell) float64 {
	text := c.Text
	if len(c.Spans) > 0 {
		var b strings.Builder
		for _, sp := range c.Spans {
			b.WriteString(sp.Text)
		}
		text = b.String()
	}
	n := textEms(text)
	if c.Light != "" {
		n += 3
	}
	return n
}

// textEms is the longest line of text in characters (wide characters one, narrow half).
func textEms(text string) float64 {
	longest := 0.0
	for _, line := range strings.Split(text, "\n") {
		n := 0.0
		for len(line) > 0 {
			r, size := utf8.DecodeRuneInString(line)
			line = line[size:]
			switch textwidth.LookupRune(r).Kind() {
			case textwidth.EastAsianWide, textwidth.EastAsianFullwidth, textwidth.EastAsianAmbiguous:
				n++
			default:
				n += 0.5
			}
		}
		longest = max(longest, n)
	}
	return longest
}

func sum(v []int) int {
	s := 0
	for _, x := range v {
		s += x
	}
	return s
}
