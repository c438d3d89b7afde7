package render

import (
	"strings"
)

// alignment is how a paragraph's lines sit between the margins.
type alignment int

const (
	alignJustify alignment = iota // both edges straight, the last line left
	alignCenter
	alignLeft
)

// paragraph is a block of broken lines: body paragraphs, headings and titles.
type paragraph struct {
	atoms  []atom
	styles []textStyle
	size   float64 // points
	lineH  float64 // mm
	indent float64 // first-line indent, mm
	align  alignment
	before float64 // space above, mm, dropped at the top of a page
	after  float64 // space below, mm
	// A heading has outline text and level, and stays with the start of the next block.
	heading string
	level   int
	// withPrevious keeps the paragraph with the end of the block before it (Draft.
	// KeepWithPrevious): that block leaves room for it (renderer.tail).
	withPrevious bool
	lines        []line
}

// layout breaks the paragraph into lines once.
func (p *paragraph) layout() []line {
	if p.lines == nil {
		p.lines = breakLines(p.atoms, textW, p.indent)
	}
	return p.lines
}

// lead is the height of the lines that must stay together at the start of the paragraph:
// all of a heading's, else the first two, or all three of a paragraph of three lines (two at
// the foot of a page would leave a single last line at the head of the next).
func (p *paragraph) lead(*renderer) float64 {
	n := min(len(p.layout()), 2)
	if p.heading != "" || len(p.layout()) == 3 {
		n = len(p.layout())
	}
	return p.before + float64(n)*p.lineH
}

func (p *paragraph) draw(r *renderer) {
	lines := p.layout()
	if len(lines) == 0 {
		return
	}
	if !r.atTop() {
		r.y += p.before
	}
	if p.heading != "" {
		// A heading stays with the first lines of what follows it, through any
		// headings directly below it.
		need := float64(len(lines)) * p.lineH
		for _, b := range r.following() {
			need += b.lead(r)
			if h, ok := b.(*paragraph); !ok || h.heading == "" {
				break
			}
		}
		r.ensure(min(need, bodyBottom-bodyTop))
		r.bookmark(p.heading, p.level)
	}
	for i := 0; i < len(lines); {
		fit := int((r.room() + 1e-6) / p.lineH)
		rest := len(lines) - i
		switch {
		case fit >= rest && p.pullsTail(r, rest):
			// The paragraphs kept with this one do not fit below it: its last two lines
			// go to the next page with them, or all of it when it is short.
			fit = rest
			if rest >= 4 {
				fit = rest - 2
			} else if i == 0 && !r.atTop() {
				r.newPage()
				continue
			}
		case fit >= rest:
			fit = rest
		case fit <= 0 || (i == 0 && fit == 1 && !r.atTop()):
			r.newPage() // no single first line at the foot of a page
			continue
		case rest-fit == 1 && fit >= 2:
			fit-- // no single last line at the head of a page
			if i == 0 && fit == 1 && !r.atTop() {
				r.newPage() // nor a single first line at the foot
				continue
			}
		}
		for _, ln := range lines[i : i+fit] {
			p.drawLine(r, ln, ln.start == lines[0].start)
			r.y += p.lineH
		}
		i += fit
		if i < len(lines) {
			r.newPage()
		}
	}
	r.y += p.after
}

// pullsTail reports whether the paragraphs kept with this one (renderer.tail) do not fit
// on the page below its last rest lines. A paragraph kept with the one before it leaves that
// to the block that starts the chain.
func (p *paragraph) pullsTail(r *renderer, rest int) bool {
	t := r.tail()
	return t > 0 && !p.withPrevious && float64(rest)*p.lineH+p.after+t > r.room()+1e-6
}

// height is the paragraph's height without the space above it.
func (p *paragraph) height() float64 { return float64(len(p.layout()))*p.lineH + p.after }

// drawLine draws one line at the cursor.
func (p *paragraph) drawLine(r *renderer, ln line, first bool) {
	x, avail := marginLeft, textW
	if first {
		x += p.indent
		avail -= p.indent
	}
	switch p.align {
	case alignCenter:
		x = marginLeft + (textW-ln.width)/2
	}
	r.drawLine(p.atoms, p.styles, ln, x, r.y, p.lineH, p.size, avail, p.align == alignJustify)
}

// Paragraph adds body text: 仿宋 三号, first line indented two characters, justified.
// Each line of text (separated by "\n") is a paragraph of its own.
func (d *Document) Paragraph(text string) {
	for _, part := range strings.Split(text, "\n") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		d.Spans(Span{Text: part})
	}
}

// Spans adds one body paragraph made of spans in different styles, such as a lead-in in
// 黑体 followed by plain text, or a light followed by a task's summary.
func (d *Document) Spans(spans ...Span) {
	atoms, styles := d.shaper().spans(spans, sizeBody)
	em := sizeBody * ptToMM
	d.add(&paragraph{atoms: atoms, styles: styles, size: sizeBody, lineH: lineH, indent: 2 * em})
}

// Note adds a small paragraph (五号), such as a note under a table or chart; it is not
// indented.
func (d *Document) Note(text string) {
	atoms, styles := d.shaper().spans([]Span{{Text: text}}, sizeSmall)
	d.add(&paragraph{atoms: atoms, styles: styles, size: sizeSmall, lineH: sizeSmall * ptToMM * 1.6,
		after: 2})
}

// Title adds the title of the document or issue: 二号, centred, in the title typeface, a
// long title on balanced lines (balancedTitle).
func (d *Document) Title(text string) {
	text = balancedTitle(text, d.fonts)
	atoms, styles := d.shaper().spans([]Span{{Text: text, Role: RoleTitle}}, sizeTitle)
	d.add(&paragraph{atoms: atoms, styles: styles, size: sizeTitle, lineH: sizeTitle * ptToMM * 1.45,
		align: alignCenter, before: lineH / 2, after: lineH / 2})
}

// Subtitle adds a centred line under the title in 楷体, such as the period covered.
func (d *Document) Subtitle(text string) {
	atoms, styles := d.shaper().spans([]Span{{Text: text, Role: RoleKai}}, sizeBody)
	d.add(&paragraph{atoms: atoms, styles: styles, size: sizeBody, lineH: lineH, align: alignCenter,
		after: lineH / 2})
}

// Heading adds a numbered heading and its bookmark, and returns the numbered text. Level 1
// is numbered 一、二、… in 黑体; level 2 (一)(二)… in 楷体; level 3 1. 2. … and level 4
// (1)(2)… in body type. A heading resets the numbering of the levels below it and never
// ends a page: it moves to the next page with the start of what follows.
func (d *Document) Heading(level int, text string) string {
	level, numbered := d.numbers.number(level, text)
	d.plainHeading(level, numbered)
	return numbered
}

// plainHeading adds a heading whose text carries its own number (such as a task's number in
// the plan), in the style of Heading at that level, with its bookmark. Where a heading's
// typeface is the body's (no 黑体 or 楷体 installed), the heading is set in bold instead.
func (d *Document) plainHeading(level int, text string) {
	level = max(1, min(level, 4))
	role, bold := RoleBody, false
	switch level {
	case 1:
		role, bold = RoleHeading, !d.fonts.Distinct(RoleHeading)
	case 2:
		role, bold = RoleKai, !d.fonts.Distinct(RoleKai)
	case 3:
		bold = true
	}
	atoms, styles := d.shaper().spans([]Span{{Text: text, Role: role, Bold: bold}}, sizeBody)
	em := sizeBody * ptToMM
	d.add(&paragraph{atoms: atoms, styles: styles, size: sizeBody, lineH: lineH, indent: 2 * em,
		align: alignLeft, heading: text, level: level - 1})
}
