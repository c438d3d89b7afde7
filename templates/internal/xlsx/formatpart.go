package xlsx

import (
	"strconv"
	"strings"
)

// partStyles is where excelize, and every spreadsheet program, keeps the styles.
const partStyles = "xl/styles.xml"

// maxCellStyles caps the cell styles read (Excel's own limit is 64,000).
const maxCellStyles = 65430

// has reports whether the package has an entry of that name.
func (b *Book) has(name string) bool {
	_, ok := b.size(name)
	return ok
}

// readFormats reads the number format of every cell style (cellXfs) and the custom number
// formats from the styles part. Styles do not change what a cell holds, only how it is
// read: a styles part the scanner cannot read leaves every cell in the General format,
// and never stops the book from being read.
func (b *Book) readFormats() {
	if b.cf == nil {
		b.cf = &Formats{}
	}
	text, ok := b.part(partStyles)
	if !ok {
		return
	}
	t := newTokenizer(text, false)
	var xfs []int
	codes := map[int]string{}
	inXfs := 0 // depth of <cellXfs>, 0 outside
	for {
		switch t.next() {
		case tokEOF:
			if t.fail == "" {
				b.cf.xfFormats, b.cf.codes = xfs, codes
			}
			return
		case tokEnd:
			if inXfs > 0 && t.depth() < inXfs {
				inXfs = 0
			}
		case tokStart:
			switch {
			case t.local == "cellXfs":
				inXfs = t.depth()
			case t.local == "xf" && inXfs > 0 && t.depth() == inXfs+1:
				if len(xfs) < maxCellStyles {
					xfs = append(xfs, attrNumber(t, "numFmtId"))
				}
			case t.local == "numFmt":
				id := attrNumber(t, "numFmtId")
				if code, ok := t.attr("formatCode"); ok && id > 0 {
					codes[id] = code
				}
			}
		}
	}
}

// attrNumber returns an attribute's value as a non-negative integer, 0 when it is missing
// or not one.
func attrNumber(t *tokenizer, local string) int {
	v, ok := t.attr(local)
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0
	}
	return n
}
