package render

import (
	"fmt"
	"time"
)

// Masthead is the 报头 of a briefing: its name in large red type, the issue, the issuing
// office and the date, over a red rule.
type Masthead struct {
	Name   string // the briefing's name, such as 工业强城建设工作简报
	Issue  string // the issue line, such as 第3期 (see IssueLabel)
	Office string // the issuing office, at the left
	Date   string // the date of issue, at the right (see ChineseDate)
}

// IssueLabel returns the issue line 第n期.
func IssueLabel(n int) string { return fmt.Sprintf("第%d期", n) }

// ChineseDate writes t as a Chinese date without leading zeros: 2025年7月5日.
func ChineseDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// masthead is the block Masthead adds.
type masthead struct {
	name, issue, office, date []atom
	nameSize, metaSize        float64
}

// Masthead adds the 报头. It belongs at the top of the first page.
func (d *Document) Masthead(m Masthead) {
	b := &masthead{nameSize: 40, metaSize: sizeBody}
	// Texts are shaped again at smaller sizes until they fit; only the final shaping
	// reports replaced characters.
	var tmp []Replacement
	sh := shaper{fonts: d.fonts, replaced: &tmp}
	// The name is as large as fits the text block, at most 40 points.
	b.name = sh.shape(nil, m.Name, RoleTitle, b.nameSize, 0)
	if w := width(b.name); w > textW*0.96 {
		b.nameSize *= textW * 0.96 / w
		tmp = tmp[:0]
		b.name = sh.shape(nil, m.Name, RoleTitle, b.nameSize, 0)
	}
	b.issue = sh.shape(nil, m.Issue, RoleBody, b.metaSize, 0)
	d.replaced = append(d.replaced, tmp...)
	// Office and date share one line; both shrink if they do not fit.
	for {
		tmp = tmp[:0]
		b.office = sh.shape(nil, m.Office, RoleBody, b.metaSize, 0)
		b.date = sh.shape(nil, m.Date, RoleBody, b.metaSize, 0)
		em := b.metaSize * ptToMM
		if width(b.office)+width(b.date)+3*em <= textW || b.metaSize <= 9 {
			break
		}
		b.metaSize -= 0.5
	}
	d.replaced = append(d.replaced, tmp...)
	d.add(b)
}

// width is the total advance of atoms.
func width(atoms []atom) float64 {
	w := 0.0
	for _, a := range atoms {
		w += a.w
	}
	return w
}

func (b *masthead) lead(*renderer) float64 { return b.height() }

// height is the masthead's height from the top of the text block to below the rule.
func (b *masthead) height() float64 {
	return b.nameSize*ptToMM*1.3 + 4 + 2*8 + 4 + lineH/2
}

func (b *masthead) draw(r *renderer) {
	r.ensure(b.height())
	red := []textStyle{{color: OfficeRed, bold: true}}
	plain := []textStyle{{}}
	// The name, centred and red.
	nameH := b.nameSize * ptToMM * 1.3
	if ln := oneLine(b.name); ln.end > 0 {
		r.drawLine(b.name, red, ln, marginLeft+(textW-ln.width)/2, r.y, nameH, b.nameSize, 0, false)
	}
	r.y += nameH + 4
	// The issue, centred.
	if ln := oneLine(b.issue); ln.end > 0 {
		r.drawLine(b.issue, plain, ln, marginLeft+(textW-ln.width)/2, r.y, 8, b.metaSize, 0, false)
	}
	r.y += 8
	// The office at the left, the date at the right, one character in from the edges.
	em := b.metaSize * ptToMM
	if ln := oneLine(b.office); ln.end > 0 {
		r.drawLine(b.office, plain, ln, marginLeft+em/2, r.y, 8, b.metaSize, 0, false)
	}
	if ln := oneLine(b.date); ln.end > 0 {
		r.drawLine(b.date, plain, ln, marginLeft+textW-em/2-ln.width, r.y, 8, b.metaSize, 0, false)
	}
	r.y += 8 + 3
	// The red rule across the text block.
	r.pdf.SetDrawColor(int(OfficeRed.R), int(OfficeRed.G), int(OfficeRed.B))
	r.pdf.SetLineWidth(0.8)
	r.pdf.Line(marginLeft, r.y, marginLeft+textW, r.y)
	r.pdf.SetLineWidth(0.2)
	r.pdf.SetDrawColor(0, 0, 0)
	r.y += 1 + lineH/2
}

// oneLine returns atoms as a single line (drawn unbroken, for lines sized to fit).
func oneLine(atoms []atom) line {
	return line{start: 0, end: len(atoms), width: width(atoms), last: true}
}
