package render

import (
	"strings"
)

// Draft is the content of a document apart from its format: its blocks in reading order
// (masthead, title, numbered headings, paragraphs, tables, charts, annexes, the 报尾), as
// the briefing writes them. The same draft is laid out as a PDF (PDF) and written as a Word
// document (Word), so that the two say the same. Headings are numbered here.
type Draft struct {
	// Info holds the document information (title, subject, author, keywords, date); its
	// Fonts are not used.
	Info    Options
	blocks  []draftBlock
	numbers headingNumbers
}

// draftKind is the kind of a draft block.
type draftKind int

const (
	kindMasthead draftKind = iota
	kindTitle
	kindSubtitle
	kindHeading
	kindAnnex
	kindSpans
	kindNote
	kindTable
	kindChart
	kindColophon
	kindPageBreak
	kindNeedRoom
)

// draftBlock is one block of a draft; the fields used depend on its kind.
type draftBlock struct {
	kind     draftKind
	text     string // title, subtitle, heading (numbered), note, annex title
	label    string // annex label (附件1)
	level    int    // heading level, 1 to 4
	spans    []Span
	table    *Table
	chart    *BarChart
	masthead *Masthead
	colophon *Colophon
	mm       float64 // room needed, for kindNeedRoom
	// withPrevious keeps a note or paragraph on one page with the end of the block before
	// it (KeepWithPrevious).
	withPrevious bool
}

// NewDraft starts an empty draft with the document information info.
func NewDraft(info Options) *Draft { return &Draft{Info: info} }

func (dr *Draft) add(b draftBlock) { dr.blocks = append(dr.blocks, b) }

// Masthead adds the 报头.
func (dr *Draft) Masthead(m Masthead) { dr.add(draftBlock{kind: kindMasthead, masthead: &m}) }

// Title adds the title of the document or issue.
func (dr *Draft) Title(text string) { dr.add(draftBlock{kind: kindTitle, text: text}) }

// Subtitle adds the centred line under the title.
func (dr *Draft) Subtitle(text string) { dr.add(draftBlock{kind: kindSubtitle, text: text}) }

// Heading adds a numbered heading and returns its numbered text: 一、 at level 1, （一） at
// level 2, 1． at level 3 and （1） at level 4. It resets the numbering of the levels below.
func (dr *Draft) Heading(level int, text string) string {
	level, numbered := dr.numbers.number(level, text)
	dr.add(draftBlock{kind: kindHeading, level: level, text: numbered})
	return numbered
}

// PlainHeading adds a heading whose text carries its own number, such as a task's number in
// the plan, in the style of its level.
func (dr *Draft) PlainHeading(level int, text string) {
	dr.add(draftBlock{kind: kindHeading, level: max(1, min(level, 4)), text: text})
}

// Annex starts an annex on a new page: its label (附件1) and its title. Heading numbers
// start again inside it.
func (dr *Draft) Annex(label, title string) {
	dr.numbers = headingNumbers{}
	dr.add(draftBlock{kind: kindAnnex, label: label, text: title})
}

// Paragraph adds body text; each line of text is a paragraph of its own.
func (dr *Draft) Paragraph(text string) {
	for _, part := range strings.Split(text, "\n") {
		if strings.TrimSpace(part) != "" {
			dr.Spans(Span{Text: part})
		}
	}
}

// Spans adds one body paragraph made of spans in different styles.
func (dr *Draft) Spans(spans ...Span) {
	dr.add(draftBlock{kind: kindSpans, spans: append([]Span(nil), spans...)})
}

// Note adds a small paragraph, such as a note.
func (dr *Draft) Note(text string) { dr.add(draftBlock{kind: kindNote, text: text}) }

// KeepWithPrevious keeps the note or paragraph added last on one page with the end of the
// block before it, as the 附件说明 under the last lines of the body: it never starts a page
// alone. A chain of such blocks stays together with the end of the block before the first.
func (dr *Draft) KeepWithPrevious() {
	if n := len(dr.blocks); n > 0 && (dr.blocks[n-1].kind == kindNote || dr.blocks[n-1].kind == kindSpans) {
		dr.blocks[n-1].withPrevious = true
	}
}

// Table adds a table.
func (dr *Draft) Table(t Table) { dr.add(draftBlock{kind: kindTable, table: &t}) }

// BarChart adds a bar chart.
func (dr *Draft) BarChart(c BarChart) { dr.add(draftBlock{kind: kindChart, chart: &c}) }

// Colophon adds the 报尾 at the foot of the last page.
func (dr *Draft) Colophon(c Colophon) { dr.add(draftBlock{kind: kindColophon, colophon: &c}) }

// NeedRoom starts a new page at this point unless mm millimetres are left on the current
// one (PDF only: a word processor lays out pages itself).
func (dr *Draft) NeedRoom(mm float64) { dr.add(draftBlock{kind: kindNeedRoom, mm: mm}) }

// PDF lays the draft out as a PDF document drawn with fonts (nil: FindFonts with default
// options).
func (dr *Draft) PDF(fonts *FontSet) (*Document, error) {
	info := dr.Info
	info.Fonts = fonts
	doc, err := NewDocument(info)
	if err != nil {
		return nil, err
	}
	for _, b := range dr.blocks {
		switch b.kind {
		case kindMasthead:
			doc.Masthead(*b.masthead)
		case kindTitle:
			doc.Title(b.text)
		case kindSubtitle:
			doc.Subtitle(b.text)
		case kindHeading:
			doc.plainHeading(b.level, b.text)
		case kindAnnex:
			doc.annex(b.label, b.text)
		case kindSpans:
			doc.Spans(b.spans...)
		case kindNote:
			doc.Note(b.text)
		case kindTable:
			doc.Table(*b.table)
		case kindChart:
			doc.BarChart(*b.chart)
		case kindColophon:
			doc.Colophon(*b.colophon)
		case kindPageBreak:
			doc.PageBreak()
		case kindNeedRoom:
			doc.needRoom(b.mm)
		}
		if p, ok := doc.blocks[len(doc.blocks)-1].(*paragraph); ok && b.withPrevious {
			p.withPrevious = true
		}
	}
	return doc, nil
}
