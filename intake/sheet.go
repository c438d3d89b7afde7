package intake

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/qianjiang/gyqc"
)

// sheetHook checks the cell grid of a worksheet part as it streams past, before excelize
// loads it: row numbers and cell references within Limits, rows and cells in increasing
// order (as every spreadsheet program writes them), the span excelize would allocate, and
// merged ranges. It keeps the highest shared-string and style indexes used, which the
// package scan compares with the counts of those parts once every part has been read.
//
// Rows and cells are checked wherever they are in the part, not only inside sheetData:
// excelize's Rows iterator reads every <row> and <c> of the stream, and counts a cell
// between two rows as one of the first.
type sheetHook struct {
	part string
	lim  *Limits
	col  *collector

	badRow  bool  // the current row's number is not valid: its cells' rows are not checked
	row     int   // current row number, 0 before the first
	last    int   // last column of the current row
	cells   int64 // sum over rows of their last column
	spanned bool  // RuleSheetCells was reported

	sstCell, inV bool
	cell         []byte    // reference of the current cell, for messages
	v            []byte    // text of the current <v>, capped
	inText       bool      // inside a <v> or <t> of the current cell
	chars        textMeter // length of the current cell's text
	long         func(index int) (length int, ok bool)
	longReported bool // some cell using an over-long shared string was reported

	maxSST, maxStyle         int    // highest index used, -1 for none
	maxSSTCell, maxStyleCell []byte // where it is used
}

// newSheetHook returns a hook for the worksheet part.
func newSheetHook(part string, lim *Limits, col *collector, long func(int) (int, bool)) *sheetHook {
	return &sheetHook{part: part, lim: lim, col: col, maxSST: -1, maxStyle: -1, long: long}
}

// report records a problem about the sheet; its Sheet is the part name until the package
// scan knows the sheet's name. The values found are in the message: they were not typed by
// the clerk, so they do not go in Value (shown as 填写的是).
func (h *sheetHook) report(rule gyqc.Rule, cell, format string, args ...any) {
	h.reportFix(rule, cell, fixCrafted, format, args...)
}

// reportFix is report with another fix.
func (h *sheetHook) reportFix(rule gyqc.Rule, cell, fix, format string, args ...any) {
	h.col.add(h.part, gyqc.Problem{Sheet: h.part, Cell: cell, Rule: rule, Fix: fix,
		Message: fmt.Sprintf(format, args...)})
}

// Excel's own limits: a number beyond them was not written by a spreadsheet program.
const (
	excelRows = 1 << 20
	excelCols = 1 << 14
)

// fixStray is the fix for a sheet that uses rows or columns far beyond the template's but
// within Excel's: most often something typed or formatted by mistake far down or right.
const fixStray = "本报表只用到前面的几百行、十几列：请在 Excel 或 WPS 中按 Ctrl+End 跳到最后一个单元格，" +
	"把误填的内容或格式所在的整行或整列删除，保存后重新报送"

// strayFix returns fixStray for a row or column number Excel allows, fixCrafted otherwise.
func strayFix(b []byte, excelMax int) string {
	if n, ok := parseIndex(b, excelMax); ok && n > 0 {
		return fixStray
	}
	return fixCrafted
}

func (h *sheetHook) start(s *xmlScanner, name []byte, depth int, self bool) {
	switch {
	case string(name) == "row":
		h.startRow(s, self)
	case string(name) == "c" && h.row > 0:
		h.startCell(s, self)
	case string(name) == "v" && h.sstCell && !self:
		h.inV, h.v = true, h.v[:0]
		s.textOn = true
	case (string(name) == "v" || string(name) == "t") && !self && h.row > 0:
		h.inText, s.textOn = true, true
	case string(name) == "mergeCell":
		h.merge(s)
	}
}

func (h *sheetHook) end(s *xmlScanner, name []byte, depth int) {
	switch string(name) {
	case "v":
		if h.inV {
			h.inV, s.textOn = false, false
			h.sharedString()
		}
		h.inText, s.textOn = false, false
	case "t":
		h.inText, s.textOn = false, false
	case "c":
		h.sstCell = false
		if h.chars.n > h.lim.MaxCellText {
			h.reportFix(RuleCellText, string(h.cell), fixLongText, "单元格%s的文字有%d个字符，超过 Excel 单元格的上限%d个字符",
				h.cell, h.chars.n, h.lim.MaxCellText)
		}
		h.chars.reset()
	}
}

// fixLongText is the fix for a cell with more text than a cell may hold.
const fixLongText = "Excel、WPS 的单元格最多容纳32767个字符，这样长的文字不是在表格中填写的。请精简该单元格的内容（详细材料请另行报送），在下发的模板中重新填写后报送"

func (h *sheetHook) text(s *xmlScanner, b []byte) {
	if h.inText {
		h.chars.write(b)
	}
	if !h.inV {
		return
	}
	if len(h.v)+len(b) <= 32 {
		h.v = append(h.v, b...)
	} else {
		h.v = append(h.v[:0], "?"...) // far too long for an index
	}
}

// startRow checks a row's number, order and style.
func (h *sheetHook) startRow(s *xmlScanner, self bool) {
	r, st := s.attr("r"), s.attr("s")
	if s.long {
		h.report(RuleSheetRow, "", "第%d行之后的行标记格式错误", h.row)
	}
	next := h.row + 1
	h.badRow = false
	if r != nil {
		n, valid := parseIndex(r, h.lim.MaxRows)
		switch {
		case !valid:
			h.report(RuleSheetRow, "", "行号“%s”无效，应为1到%d之间的整数", short(r), h.lim.MaxRows)
			h.badRow = true
		case n == 0:
			h.reportFix(RuleSheetRow, "", strayFix(r, excelRows), "第%s行超出允许的范围（最多%d行）", short(r), h.lim.MaxRows)
			h.badRow = true
		case n <= h.row:
			h.report(RuleSheetOrder, "", "第%d行出现在第%d行之后，行的顺序异常", n, h.row)
			next = n // go on from there, so that one misplaced row is one problem
		default:
			next = n
		}
	}
	if next > h.lim.MaxRows {
		next = h.lim.MaxRows // keep counting within the cap after a bad row
	}
	h.row, h.last = next, 0
	if st != nil {
		h.style(st, nil)
	}
}

// startCell checks a cell's reference, order, type and style.
func (h *sheetHook) startCell(s *xmlScanner, self bool) {
	r, t, st := s.attr("r"), s.attr("t"), s.attr("s")
	if s.long {
		h.report(RuleSheetCol, "", "第%d行的单元格标记格式错误", h.row)
	}
	col := h.last + 1
	h.cell = append(h.cell[:0], r...)
	if r != nil {
		c, row, valid := parseRef(r, h.lim.MaxCols, h.lim.MaxRows)
		switch {
		case !valid:
			h.report(RuleSheetCol, "", "单元格引用“%s”无效", short(r))
		case c == 0:
			fix := fixCrafted
			if c, _, _ := parseRef(r, excelCols, excelRows); c > 0 {
				fix = fixStray
			}
			h.reportFix(RuleSheetCol, "", fix, "单元格“%s”超出允许的列范围（最多到%s列）", short(r), colName(h.lim.MaxCols))
		case h.badRow:
			col = c // the row is reported already
		case row == 0:
			fix := fixCrafted
			if _, row, _ := parseRef(r, excelCols, excelRows); row > 0 {
				fix = fixStray
			}
			h.reportFix(RuleSheetRow, "", fix, "单元格“%s”超出允许的行范围（最多%d行）", short(r), h.lim.MaxRows)
		case row != h.row:
			h.report(RuleSheetOrder, short(r), "单元格%s不在它所在的第%d行", short(r), h.row)
		case c <= h.last:
			h.report(RuleSheetOrder, short(r), "单元格%s出现在%s之后，单元格的顺序异常", short(r), cellName(h.last, h.row))
		default:
			col = c
		}
	} else {
		h.cell = append(h.cell, cellName(col, h.row)...)
	}
	if col > h.lim.MaxCols {
		col = h.lim.MaxCols
	}
	if col > h.last {
		// The span grows with each row's last column, as excelize pads each row to it.
		h.cells += int64(col - h.last)
		if h.cells > h.lim.MaxCells && !h.spanned {
			h.spanned = true
			h.reportFix(RuleSheetCells, "", fixStray, "工作表的单元格区域过大（到第%d行已超过%d个单元格），不是正常的报表", h.row, h.lim.MaxCells)
		}
	}
	h.last = col
	h.sstCell = string(t) == "s" && !self
	if st != nil {
		h.style(st, h.cell)
	}
}

// style checks and records a style index.
func (h *sheetHook) style(v, cell []byte) {
	n, ok := parseIndex(v, 1<<30)
	if !ok || n < 0 {
		h.report(RuleSheetStyle, string(cell), "单元格格式序号“%s”无效（第%d行）", short(v), h.row)
		return
	}
	if n > h.maxStyle {
		h.maxStyle, h.maxStyleCell = n, append(h.maxStyleCell[:0], cell...)
	}
}

// sharedString checks and records the index in a shared-string cell's <v>.
func (h *sheetHook) sharedString() {
	v, ok := unescape(bytes.TrimSpace(h.v))
	n := 0
	if ok {
		n, ok = parseIndex(v, 1<<30)
	}
	if !ok {
		h.report(RuleSheetString, short(h.cell), "单元格%s的共享字符串序号“%s”无效", short(h.cell), short(v))
		return
	}
	if n > h.maxSST {
		h.maxSST, h.maxSSTCell = n, append(h.maxSSTCell[:0], h.cell...)
	}
	if h.long != nil {
		if length, ok := h.long(n); ok {
			h.longReported = true
			h.reportFix(RuleCellText, string(h.cell), fixLongText, "单元格%s的文字有%d个字符，超过 Excel 单元格的上限%d个字符",
				h.cell, length, h.lim.MaxCellText)
		}
	}
}

// merge checks a merged range: one or two valid cell references within the limits.
func (h *sheetHook) merge(s *xmlScanner) {
	ref, ok := s.attr("ref"), !s.long
	from, to, found := bytes.Cut(ref, []byte(":"))
	if !found {
		to = from // a single cell, as excelize reads it
	}
	valid := ok && len(ref) > 0
	if valid {
		c1, r1, ok1 := parseRef(from, h.lim.MaxCols, h.lim.MaxRows)
		c2, r2, ok2 := parseRef(to, h.lim.MaxCols, h.lim.MaxRows)
		valid = ok1 && ok2 && c1 > 0 && c2 > 0 && r1 > 0 && r2 > 0
	}
	if !valid {
		h.report(RuleSheetMerge, "", "合并单元格区域“%s”无效（应为如 A1:C1 的区域，且在%s列、%d行以内）",
			short(ref), colName(h.lim.MaxCols), h.lim.MaxRows)
	}
}

// parseIndex parses a non-negative decimal integer. It returns ok=false for anything else
// and n=0 for a number above max (or 0 itself, which callers treat by context).
func parseIndex(b []byte, max int) (n int, ok bool) {
	if len(b) == 0 {
		return 0, false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		if n <= max {
			n = n*10 + int(c-'0')
		}
	}
	if n > max {
		return 0, true
	}
	return n, true
}

// parseRef parses a cell reference such as B12 (with optional $ signs, as excelize
// accepts). col or row is 0 when it is above its maximum; ok is false for text that is not
// a reference.
func parseRef(b []byte, maxCol, maxRow int) (col, row int, ok bool) {
	i := 0
	if i < len(b) && b[i] == '$' {
		i++
	}
	start := i
	for ; i < len(b); i++ {
		c := b[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		if col <= maxCol {
			col = col*26 + int(c-'a'+1)
		}
	}
	if i == start {
		return 0, 0, false
	}
	if col > maxCol {
		col = 0
	}
	if i < len(b) && b[i] == '$' {
		i++
	}
	row, ok = parseIndex(b[i:], maxRow)
	return col, row, ok
}

// colName returns the letters of column n (1 is A).
func colName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// cellName returns the reference of a cell, such as C7.
func cellName(col, row int) string {
	return colName(col) + strconv.Itoa(row)
}

// short shortens a value for a message.
func short(b []byte) string {
	const max = 120
	if len(b) > max {
		return string(bytes.ToValidUTF8(b[:max], nil)) + "…"
	}
	return string(b)
}
