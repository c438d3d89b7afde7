package render

import (
	"github.com/qianjiang/gyqc"
)

// Align is the horizontal alignment of text in a table cell.
type Align int

// Alignments. AlignDefault is left in a column and the column's alignment in a cell.
const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Table is a ruled table. Cells wrap; a row is never cut across pages unless it is taller
// than a page, and the header row is repeated at the top of every page the table spans.
type Table struct {
	Caption  string // above the table, centred in 黑体, such as 表1 主要指标完成情况; may be empty
	Columns  []Column
	Rows     [][]Cell
	FontSize float64 // points; 0 means 12 (小四)
	Note     string  // under the table in small type (注：…); may be empty
}

// Column is a table column: its header, its relative width and the alignment of its cells.
type Column struct {
	Header string
	// Width is relative to the other columns' widths; when every column has 0, widths
	// follow the content.
	Width float64
	Align Align
	// NoWrap keeps every cell of the column on its lines as written, so that a figure and
	// its unit (397.51亿元) never break; content-sized columns are made wide enough.
	NoWrap bool
}

// Cell is one table cell: plain text, or spans of mixed styles, optionally after a light.
type Cell struct {
	Text  string
	Spans []Span     // used instead of Text when set
	Light gyqc.Light // when set, the light's dot and label come first
	Bold  bool
	Align Align // AlignDefault: the column's
}

// Texts returns a row of plain cells.
func Texts(texts ...string) []Cell {
	row := make([]Cell, len(texts))
	for i, t := range texts {
		row[i].Text = t
	}
	return row
}

// tableCell is a shaped and broken cell.
type tableCell struct {
	atoms  []atom
	styles []textStyle
	lines  []line
	align  Align
}

// tableRow is a row of cells and its height.
type tableRow struct {
	cells  []tableCell
	lines  int     // the most lines of any cell
	height float64 // mm
	header bool
}

// tableBlock is the block Table adds.
type tableBlock struct {
	size, lineH, padX, padY float64
	widths                  []float64
	header                  tableRow
	rows                    []tableRow
	caption                 *paragraph
	note                    *paragraph
}

// Table adds a table.
func (d *Document) Table(t Table) {
	if len(t.Columns) == 0 {
		return
	}
	sh := d.shaper()
	b := &tableBlock{size: t.FontSize}
	if b.size <= 0 {
		b.size = sizeTable
	}
	b.size = min(b.size, 48)
	b.lineH = b.size * ptToMM * 1.25
	b.padX, b.padY = 1.5, 0.8
	if t.Caption != "" {
		atoms, styles := sh.spans([]Span{{Text: t.Caption, Role: RoleHeading}}, sizeTable+2)
		b.caption = &paragraph{atoms: atoms, styles: styles, size: sizeTable + 2, lineH: 8, align: alignCenter}
	}
	if t.Note != "" {
		atoms, styles := sh.spans([]Span{{Text: t.Note}}, sizeSmall)
		b.note = &paragraph{atoms: atoms, styles: styles, size: sizeSmall, lineH: sizeSmall * ptToMM * 1.6, align: alignJustify}
	}

	// Shape every cell, header first.
	n := len(t.Columns)
	shapeRow := func(cells []Cell, header bool) tableRow {
		row := tableRow{cells: make([]tableCell, n), header: header}
		for i := range row.cells {
			var c Cell
			if i < len(cells) {
				c = cells[i]
			}
			spans := c.Spans
			if spans == nil {
				spans = []Span{{Text: c.Text, Bold: c.Bold}}
			}
			if header {
				spans = []Span{{Text: t.Columns[i].Header, Role: RoleHeading}}
			}
			if c.Light != "" && !header {
				spans = append([]Span{{Light: c.Light}}, spans...)
			}
			tc := &row.cells[i]
			tc.atoms, tc.styles = sh.spans(spans, b.size)
			tc.align = t.Columns[i].Align
			if c.Align != AlignDefault {
				tc.align = c.Align
			}
			if header {
				tc.align = AlignCenter
			}
		}
		return row
	}
	b.header = shapeRow(nil, true)
	for _, cells := range t.Rows {
		b.rows = append(b.rows, shapeRow(cells, false))
	}
	b.widths = b.columnWidths(t.Columns)

	// Break every cell at its column's width.
	for _, row := range append([]*tableRow{&b.header}, rowPtrs(b.rows)...) {
		for i := range row.cells {
			c := &row.cells[i]
			c.lines = breakLines(c.atoms, b.widths[i]-2*b.padX, 0)
			row.lines = max(row.lines, len(c.lines), 1)
		}
		row.height = float64(row.lines)*b.lineH + 2*b.padY
	}
	d.add(b)
}

// rowPtrs returns pointers to rows.
func rowPtrs(rows []tableRow) []*tableRow {
	out := make([]*tableRow, len(rows))
	for i := range rows {
		out[i] = &rows[i]
	}
	return out
}

// columnWidths returns the width of each column in mm, filling the text block: from the
// columns' relative widths, or, when none is given, from the content: every column gets at
// least its longest word, and the rest goes where the text is longest.
func (b *tableBlock) columnWidths(cols []Column) []float64 {
	n := len(cols)
	widths := make([]float64, n)
	total := 0.0
	for _, c := range cols {
		total += max(c.Width, 0)
	}
	if total > 0 {
		for i, c := range cols {
			widths[i] = textW * max(c.Width, 0) / total
		}
		return widths
	}
	natural := make([]float64, n)
	least := make([]float64, n)
	head := make([]float64, n)
	for i, c := range b.header.cells {
		head[i] = width(c.atoms) + 2*b.padX
	}
	for _, row := range append([]tableRow{b.header}, b.rows...) {
		for i, c := range row.cells {
			natural[i] = max(natural[i], width(c.atoms)+2*b.padX)
			word := longestWord(c.atoms)
			if cols[i].NoWrap && !row.header {
				word = longestLine(c.atoms)
			}
			least[i] = max(least[i], word+2*b.padX)
		}
	}
	// Keep headers on one line where that still leaves room.
	sumHead := 0.0
	for i := range head {
		sumHead += max(least[i], min(head[i], natural[i]))
	}
	if sumHead <= textW {
		for i := range least {
			least[i] = max(least[i], min(head[i], natural[i]))
		}
	}
	sumNat, sumLeast := 0.0, 0.0
	for i := range cols {
		natural[i] = min(natural[i], textW)
		least[i] = min(least[i], natural[i])
		sumNat += natural[i]
		sumLeast += least[i]
	}
	switch {
	case sumNat <= textW:
		for i := range widths {
			widths[i] = natural[i] * textW / sumNat
		}
	case sumLeast >= textW:
		for i := range widths {
			widths[i] = least[i] * textW / sumLeast
		}
	default:
		copy(widths, least)
		sum := sumLeast
		if even, ok := b.evenWidths(least, natural); ok {
			copy(widths, even)
			sum = 0
			for _, w := range even {
				sum += w
			}
		}
		b.fitWidths(widths, natural, textW-sum)
	}
	return widths
}

// evenRows is the tallest row evenWidths tries to keep every row within.
const evenRows = 6

// evenWidths returns the narrowest widths that keep every cell within the fewest lines
// that fit the text block, up to evenRows: a table whose rows are tall because several
// columns are narrow at once (an indicator's name, its figures, three unit names) gets all
// of them widened together, which widening one column at a time (fitWidths) never finds.
func (b *tableBlock) evenWidths(least, natural []float64) ([]float64, bool) {
	em := b.size * ptToMM
	widths := make([]float64, len(least))
	for lines := 1; lines <= evenRows; lines++ {
		sum := 0.0
		for i := range widths {
			widths[i] = b.columnWidthFor(i, lines, least[i], natural[i], em/2)
			sum += widths[i]
		}
		if sum <= textW+1e-6 {
			return widths, true
		}
	}
	return nil, false
}

// columnWidthFor returns the narrowest width from least to natural, in steps of step, at
// which no cell of column col takes more than lines lines; natural when none is.
func (b *tableBlock) columnWidthFor(col, lines int, least, natural, step float64) float64 {
	fits := func(w float64) bool {
		for _, row := range b.rows {
			if len(breakLines(row.cells[col].atoms, w-2*b.padX, 0)) > lines {
				return false
			}
		}
		return true
	}
	lo, hi := 0, int((natural-least)/step)+1 // fits(least+hi*step) holds: wide as natural
	if fits(least) {
		return least
	}
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if fits(least + float64(mid)*step) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return min(least+float64(hi)*step, natural)
}

// fitWidths gives the spare width to the columns where it saves the most lines: step by
// step, the column whose widening shortens the table most per millimetre gets the
// widening; when no widening shortens it, the rest is shared by what each column lacks.
func (b *tableBlock) fitWidths(widths, natural []float64, spare float64) {
	em := b.size * ptToMM
	rows := append([]tableRow{b.header}, b.rows...)
	height := func(col int, w float64) int { // lines of the table with column col at width w
		total := 0
		for _, row := range rows {
			most := 1
			for i, c := range row.cells {
				cw := widths[i]
				if i == col {
					cw = w
				}
				most = max(most, len(breakLines(c.atoms, cw-2*b.padX, 0)))
			}
			total += most
		}
		return total
	}
	now := height(-1, 0)
	for spare > 1e-6 {
		best, bestGain, bestW := -1, 0.0, 0.0
		for i := range widths {
			for w := widths[i] + em/2; w <= min(natural[i], widths[i]+spare)+1e-6; w += em / 2 {
				if h := height(i, w); h < now {
					if gain := float64(now-h) / (w - widths[i]); gain > bestGain {
						best, bestGain, bestW = i, gain, w
					}
					break
				}
			}
		}
		if best < 0 {
			break
		}
		spare -= bestW - widths[best]
		widths[best] = bestW
		now = height(-1, 0)
	}
	lack := 0.0
	for i := range widths {
		lack += natural[i] - widths[i]
	}
	for i := range widths {
		if lack > 1e-6 {
			widths[i] += spare * (natural[i] - widths[i]) / lack
		} else {
			widths[i] += spare / float64(len(widths))
		}
	}
}

func (b *tableBlock) lead(*renderer) float64 {
	h := 2 + b.header.height
	if b.caption != nil {
		h += float64(len(b.caption.layout())) * b.caption.lineH
	}
	if len(b.rows) > 0 {
		h += b.rowLead(&b.rows[0])
	}
	return h
}

// Rows of at least cutRows lines may be cut between lines across pages, leaving at least
// keepRows lines on each side, rather than leave the foot of a page empty.
const cutRows, keepRows = 6, 3

// rowLead is the height of the part of a row that must stay together: the whole row, or
// its first keepRows lines when it may be cut.
func (b *tableBlock) rowLead(row *tableRow) float64 {
	if row.lines >= cutRows {
		return float64(keepRows)*b.lineH + 2*b.padY
	}
	return row.height
}

func (b *tableBlock) draw(r *renderer) {
	if !r.atTop() {
		r.y += 2
	}
	fullPage := bodyBottom - bodyTop
	r.ensure(min(b.lead(r)-2, fullPage))
	if b.caption != nil {
		for _, ln := range b.caption.layout() {
			b.caption.drawLine(r, ln, false)
			r.y += b.caption.lineH
		}
	}
	b.drawRow(r, &b.header, 0, b.header.lines)
	for i := range b.rows {
		row := &b.rows[i]
		below := 0.0 // what must follow the last row on its page
		if i == len(b.rows)-1 {
			below = b.below(r)
		}
		switch {
		case row.height+below <= r.room()+1e-6:
			b.drawRow(r, row, 0, row.lines)
			continue
		case row.lines >= cutRows && r.room() >= b.rowLead(row)+1e-6:
			// Cut between lines below.
		case row.height <= fullPage-b.header.height:
			r.newPage()
			b.drawRow(r, &b.header, 0, b.header.lines)
			b.drawRow(r, row, 0, row.lines)
			continue
		}
		// A row taller than a page, or a long row at the foot of a page, is cut between
		// lines, the header repeated.
		fresh := false // just below a repeated header
		for from := 0; from < row.lines; {
			n := min(int((r.room()-2*b.padY)/b.lineH), row.lines-from)
			if n < 2 && n < row.lines-from && !fresh {
				r.newPage()
				b.drawRow(r, &b.header, 0, b.header.lines)
				fresh = true
				continue
			}
			if rest := row.lines - from - n; rest > 0 && rest < keepRows && n-(keepRows-rest) >= keepRows {
				n -= keepRows - rest // no lone last lines at the head of the next page
			}
			n = max(n, 1)
			fresh = false
			b.drawRow(r, row, from, n)
			from += n
			if from < row.lines {
				r.newPage()
				b.drawRow(r, &b.header, 0, b.header.lines)
				fresh = true
			}
		}
	}
	r.y += 1
	if b.note != nil {
		b.note.draw(r) // as a paragraph: no single line at the foot or the head of a page
	}
	r.y += 3
}

// wholeNote is the most lines a table's note may have to be kept whole, on one page with
// the table's last row.
const wholeNote = 6

// below is the height that stays on a page with the table's last row: its note, whole when
// short, else its first lines (paragraph.lead), and the paragraphs kept with the table's end
// (renderer.tail).
func (b *tableBlock) below(r *renderer) float64 {
	note := 0.0
	if b.note != nil {
		note = b.note.height()
	}
	switch t := r.tail(); {
	case t > 0:
		return 1 + note + 3 + t // the gaps above and below the note, as draw leaves them
	case b.note == nil:
		return 0
	case len(b.note.layout()) <= wholeNote:
		return 1 + note
	}
	return 1 + b.note.lead(r)
}

// drawRow draws lines [from, from+n) of every cell of row at the cursor, with the cells'
// borders, and moves the cursor below it. A whole row is centred vertically; a part of a
// row cut across pages is set from the top.
func (b *tableBlock) drawRow(r *renderer, row *tableRow, from, n int) {
	h := float64(n)*b.lineH + 2*b.padY
	whole := from == 0 && n == row.lines
	x := marginLeft
	r.pdf.SetLineWidth(0.25)
	for i, c := range row.cells {
		w := b.widths[i]
		if row.header {
			r.pdf.SetFillColor(232, 232, 232)
			r.pdf.Rect(x, r.y, w, h, "FD")
			r.pdf.SetFillColor(255, 255, 255)
		} else {
			r.pdf.Rect(x, r.y, w, h, "D")
		}
		y := r.y + b.padY
		if whole {
			y += float64(row.lines-len(c.lines)) * b.lineH / 2
		}
		for j := from; j < from+n && j < len(c.lines); j++ {
			ln := c.lines[j]
			lx := x + b.padX
			switch c.align {
			case AlignCenter:
				lx = x + (w-ln.width)/2
			case AlignRight:
				lx = x + w - b.padX - ln.width
			}
			r.drawLine(c.atoms, c.styles, ln, lx, y, b.lineH, b.size, w-2*b.padX, c.align <= AlignLeft && len(c.lines) > 1)
			y += b.lineH
		}
		x += w
	}
	r.pdf.SetLineWidth(0.2)
	r.y += h
}

// longestLine is the width of the longest line of atoms between forced breaks.
func longestLine(atoms []atom) float64 {
	best, w := 0.0, 0.0
	for _, a := range atoms {
		if a.r == '\n' {
			w = 0
			continue
		}
		w += a.w
		best = max(best, w)
	}
	return best
}
