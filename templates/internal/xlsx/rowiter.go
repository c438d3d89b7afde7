package xlsx

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Rows iterates over the rows of a worksheet part of a zipBook. It is a port of
// excelize's Rows.Next and Rows.Columns (v2.11) onto the tokenizer, quirks included, so that
// every sheet yields the same rows and cells through both books: row numbers come from the
// r attributes (a row without one follows the previous row), rows the sheet skips come back
// empty, a cell's column comes from its r (or follows the previous cell), and its text is
// the raw value: the shared string, the inline string, the cached value of a formula, or
// the <v> as written. Like excelize it reads every <row> and <c> of the stream up to
// </sheetData>, and past it once a row's cells have been read to its end.
//
// Columns returns at most MaxCols cells: the reader never looks further.
type Rows struct {
	b    *Book
	part string
	t    tokenizer

	curRow, seekRow int
	width           int   // cells of the last row, to size the next one
	pending         bool  // a <row> start tag has been read but not handled (excelize's rows.token)
	pendingNum      int   // its r, as attrValToInt reads it
	pendingErr      error // and the error that goes with it
	err             error
	attrs           []CellAttr // of the cells the last Columns returned
}

// newZipRows returns an iterator over the worksheet part text.
func newZipRows(b *Book, part, text string) *Rows {
	r := &Rows{b: b, part: part}
	r.t.reset(text, false)
	return r
}

// Next moves to the next row number, as excelize's Rows.Next: rows the sheet skips come
// back empty.
func (r *Rows) Next() bool {
	if r.err != nil || r.b.fail != nil {
		return false
	}
	r.seekRow++
	if r.curRow >= r.seekRow {
		return true
	}
	t := &r.t
	for {
		switch t.next() {
		case tokEOF:
			r.stopped()
			return false
		case tokStart:
			if t.local != "row" {
				continue
			}
			r.curRow++
			num, err := attrInt(t, "r")
			if num > excelize.TotalRows {
				r.err = excelize.ErrMaxRows
				return false
			}
			if num != 0 {
				r.curRow = num
			}
			r.pending, r.pendingNum, r.pendingErr = true, num, err
			return true
		case tokEnd:
			if t.local == "sheetData" {
				return false
			}
		}
	}
}

// cells collects the cells of one row as excelize's rowXMLIterator does, keeping the first
// MaxCols of them: n is the length excelize's slice would have.
type cells struct {
	col   int
	n     int
	list  []string
	attrs []CellAttr // the type and style of each cell of list
	err   error
}

// put adds a cell's value at the current column, as excelize appends it: after blanks up
// to the column, or at the end when the column is not beyond the row's end.
func (c *cells) put(val string, attr CellAttr) {
	n := max(c.col, c.n+1)
	if n <= MaxCols {
		for len(c.list) < n-1 {
			c.list = append(c.list, "")
			c.attrs = append(c.attrs, CellAttr{})
		}
		c.list = append(c.list, val)
		c.attrs = append(c.attrs, attr)
	}
	c.n = n
}

// Columns returns the row's raw cell texts, as excelize's Rows.Columns with RawCellValue;
// the options are ignored (values are always raw).
func (r *Rows) Columns(...excelize.Options) ([]string, error) {
	if r.curRow > r.seekRow || r.b.fail != nil {
		return nil, nil
	}
	row := cells{list: make([]string, 0, max(r.width, 8)), attrs: make([]CellAttr, 0, max(r.width, 8))}
	defer func() { r.attrs = row.attrs }()
	t := &r.t
	for {
		var num int
		var numErr error
		if r.pending {
			num, numErr = r.pendingNum, r.pendingErr
		} else {
			switch t.next() {
			case tokEOF:
				r.stopped()
				return r.done(row.list), row.err
			case tokEnd:
				if t.local == "sheetData" {
					return r.done(row.list), row.err
				}
				continue
			case tokText:
				continue
			}
			switch t.local {
			case "c":
				if !r.cell(&row) {
					return r.done(row.list), row.err
				}
				continue
			case "row":
				num, numErr = attrInt(t, "r")
			default:
				continue
			}
		}
		// A row start tag: the current row's own, or the next row's.
		row.err = numErr
		switch {
		case num > excelize.TotalRows:
			r.err, r.pending = excelize.ErrMaxRows, false
			return r.done(row.list), r.err
		case num != 0:
			r.curRow = num
		case !r.pending:
			r.curRow++
		}
		r.pending = false
		if r.curRow > r.seekRow || row.err != nil {
			return r.done(row.list), row.err
		}
	}
}

// done remembers the width of a row read, to size the next one.
func (r *Rows) done(list []string) []string {
	r.width = max(r.width, len(list))
	return list
}

// cell reads the cell whose start tag was just read into row, as excelize's rowXMLHandler
// and cellXMLHandler do. It returns false when the row must end: a reference excelize
// refuses (row.err is set) or markup the fast reader leaves to excelize.
func (r *Rows) cell(row *cells) bool {
	t := &r.t
	row.col++
	var ref, typ, v, inline string
	var formula, hasInline bool
	style := 0
	for i := range t.attrs {
		switch t.attrLocal(i) {
		case "r":
			ref = t.attrValue(i)
		case "s":
			s, err := strconv.ParseInt(t.attrValue(i), 10, 64)
			if err != nil {
				r.b.decline(r.part, "cell style is not a number")
				return false
			}
			if s >= 0 && s <= maxCellStyles {
				style = int(s)
			} else {
				style = -1
			}
		case "t":
			typ = t.attrValue(i)
		}
	}
	for d := t.depth(); t.child(d); {
		switch t.local {
		case "v":
			v = t.chardata()
		case "f":
			if !formulaDecodes(t) {
				r.b.decline(r.part, "formula attribute excelize cannot decode")
				return false
			}
			formula = true
			t.skip()
		case "is":
			if hasInline { // excelize would merge the two items
				r.b.decline(r.part, "two inline strings in a cell")
				return false
			}
			s, ok := readSI(t)
			if !ok {
				if t.fail != "" {
					r.stopped()
				} else {
					r.b.decline(r.part, "inline string excelize cannot decode")
				}
				return false
			}
			inline, hasInline = s, true
		case "c":
			r.b.decline(r.part, "cell inside a cell")
			return false
		}
	}
	if t.kind == tokEOF {
		r.stopped()
		return false
	}
	if ref != "" {
		col, err := cellColumn(ref)
		if err != nil {
			row.err = err
			return false
		}
		row.col = col
	}
	if val := r.value(typ, v, inline, hasInline); val != "" || formula {
		row.put(val, CellAttr{Type: typ, Style: style, Formula: formula})
	}
	return true
}

// value is excelize's getValueFrom with raw values: the shared string a "s" cell points
// to (none when the index is out of range), the inline string of an "inlineStr" cell, and
// the <v> as written for every other type.
func (r *Rows) value(typ, v, inline string, hasInline bool) string {
	switch typ {
	case "s":
		if v == "" {
			return ""
		}
		i, _ := strconv.Atoi(strings.TrimSpace(v))
		if i < 0 || i >= len(r.b.sst) {
			return ""
		}
		return r.b.sst[i]
	case "inlineStr":
		if hasInline {
			return inline
		}
	}
	return v
}

// stopped declines the book when the part could not be scanned: excelize would have read
// it differently or not at all.
func (r *Rows) stopped() {
	if r.t.fail != "" {
		r.b.decline(r.part, r.t.fail)
	}
}

// Attrs returns the type and style of each cell Columns returned.
func (r *Rows) Attrs() []CellAttr { return r.attrs }

// Error returns the error that stopped the iteration, as excelize's Rows.Error.
func (r *Rows) Error() error { return r.err }

// Close ends the iteration.
func (r *Rows) Close() error { return r.err }

// formulaDecodes reports whether excelize decodes the attributes of the <f> just read
// (xlsxF: its flags and the shared formula index).
func formulaDecodes(t *tokenizer) bool {
	for _, flag := range [...]string{"aca", "dt2D", "dtr", "del1", "del2", "ca", "bx"} {
		if !attrsParse(t, flag, kindBool) {
			return false
		}
	}
	return attrsParse(t, "si", kindInt)
}

// attrInt is excelize's attrValToInt: the last attribute with this local name, as
// strconv.Atoi reads it, stopping at the first one that does not parse.
func attrInt(t *tokenizer, local string) (val int, err error) {
	for i := range t.attrs {
		if t.attrLocal(i) == local {
			if val, err = strconv.Atoi(t.attrValue(i)); err != nil {
				return val, err
			}
		}
	}
	return val, nil
}

// cellColumn returns the column of a cell reference as excelize's CellNameToCoordinates
// does, with its errors; plain references such as "AB12" are read without it.
func cellColumn(ref string) (int, error) {
	col, i := 0, 0
	for ; i < len(ref) && i < 3 && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
	}
	if i > 0 && i < len(ref) && ref[i] >= '1' && ref[i] <= '9' && len(ref)-i <= 7 && col <= excelize.MaxColumns {
		row := 0
		j := i
		for ; j < len(ref) && ref[j] >= '0' && ref[j] <= '9'; j++ {
			row = row*10 + int(ref[j]-'0')
		}
		if j == len(ref) && row <= excelize.TotalRows {
			return col, nil
		}
	}
	col, _, err := excelize.CellNameToCoordinates(ref)
	return col, err
}
