package render

import (
	"strings"

	"github.com/qianjiang/gyqc"
)

// Colophon is the 报尾 (版记) closing the document at the foot of its last page: the
// distribution lines (报、送、发) between rules, then the printing office and date.
type Colophon struct {
	Distribution []gyqc.Distribution // in order; labels without the colon, as in the plan file
	Printer      string              // the printing office, at the left
	Date         string              // the printing date, at the right; 印发 is appended
}

// PlanMasthead returns the masthead of a briefing from the plan file's briefing section.
func PlanMasthead(b gyqc.Briefing, issue int, date string) Masthead {
	return Masthead{Name: b.Name, Issue: IssueLabel(issue), Office: b.Issuer, Date: date}
}

// PlanColophon returns the 报尾 of a briefing from the plan file's briefing section: the
// briefing's recipients (报、送、发) and its issuer as the office that prints it. The plan
// document's own 报尾 (Distribution, Printer) is not the briefing's.
func PlanColophon(b gyqc.Briefing, date string) Colophon {
	return Colophon{Distribution: b.BriefingRecipients(), Printer: b.Issuer, Date: date}
}

// colophon is the block Colophon adds.
type colophon struct {
	entries  []colophonEntry
	printer  []atom
	date     []atom
	styles   []textStyle
	em, rowH float64
}

// colophonEntry is one distribution line: its label ("发：") and its wrapped text.
type colophonEntry struct {
	label []atom
	text  []atom
	lines []line
}

// Colophon adds the 报尾. It is drawn at the foot of the current page, or of a new page
// when the current one has no room left.
func (d *Document) Colophon(c Colophon) {
	sh := d.shaper()
	b := &colophon{em: sizeColophon * ptToMM, rowH: 8, styles: []textStyle{{}}}
	for _, dist := range c.Distribution {
		text, ok := distributionText(dist)
		if !ok {
			continue
		}
		e := colophonEntry{
			label: sh.shape(nil, strings.TrimSuffix(dist.Label, "：")+"：", RoleBody, sizeColophon, 0),
			text:  sh.shape(nil, text, RoleBody, sizeColophon, 0),
		}
		e.lines = breakLines(e.text, textW-2*b.em-width(e.label), 0)
		b.entries = append(b.entries, e)
	}
	b.printer = sh.shape(nil, c.Printer, RoleBody, sizeColophon, 0)
	if c.Date != "" {
		b.date = sh.shape(nil, c.Date+"印发", RoleBody, sizeColophon, 0)
	}
	d.add(b)
}

// distributionText is the text of a distribution line as the 报尾 writes it, ending in a
// full stop; false when the line is empty.
func distributionText(d gyqc.Distribution) (string, bool) {
	text := strings.TrimSpace(d.Text)
	if text == "" {
		return "", false
	}
	if !strings.ContainsAny(lastRune(text), "。；！？.") {
		text += "。"
	}
	return text, true
}

// lastRune returns the last character of s as a string.
func lastRune(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return ""
	}
	return string(r[len(r)-1])
}

// height is the height of the whole 报尾.
func (b *colophon) height() float64 {
	h := 1.0 // below the top rule
	for _, e := range b.entries {
		h += float64(len(e.lines))*b.rowH + 2
	}
	return h + b.rowH + 1
}

func (b *colophon) lead(*renderer) float64 { return b.height() }

func (b *colophon) draw(r *renderer) {
	h := b.height()
	if h > r.room() {
		r.newPage()
	}
	y := bodyBottom - h
	rule := func(w float64) {
		r.pdf.SetLineWidth(w)
		r.pdf.Line(marginLeft, y, marginLeft+textW, y)
		r.pdf.SetLineWidth(0.2)
	}
	rule(0.35)
	y += 1
	for _, e := range b.entries {
		lw := width(e.label)
		for j, ln := range e.lines {
			if j == 0 {
				r.drawLine(e.label, b.styles, oneLine(e.label), marginLeft+b.em, y, b.rowH, sizeColophon, 0, false)
			}
			r.drawLine(e.text, b.styles, ln, marginLeft+b.em+lw, y, b.rowH, sizeColophon, textW-2*b.em-lw, true)
			y += b.rowH
		}
		y += 1
		rule(0.25) // a thin rule under each line, then the printing line
		y += 1
	}
	r.drawLine(b.printer, b.styles, oneLine(b.printer), marginLeft+b.em, y, b.rowH, sizeColophon, 0, false)
	if len(b.date) > 0 {
		ln := oneLine(b.date)
		r.drawLine(b.date, b.styles, ln, marginLeft+textW-b.em-ln.width, y, b.rowH, sizeColophon, 0, false)
	}
	y += b.rowH + 1
	rule(0.35)
	r.y = bodyBottom
}
