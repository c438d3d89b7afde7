package templates

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/celltext"
)

// The 自查结果 block of the 填报说明 sheet: formulas that count, as the unit types, the
// required cells still empty and the values that look wrong, and say 可以报送 only when all
// counts are 0; conditional formats turn each such cell red on the data sheets. They are
// written in the functions Excel, WPS and LibreOffice share (SUMPRODUCT, LEN, TRIM, ISTEXT,
// ISNUMBER, N, INT, ABS, IF). They help the unit before sending; collect never reads them:
// it judges every cell itself.

// selfCheckPrefix starts the row keys of the 自查结果 lines.
const selfCheckPrefix = "check:"

// Colours of the self-check: red for a cell to fix, green for 可以报送.
const (
	checkBadFill  = "FFC7CE"
	checkBadFont  = "9C0006"
	checkGoodFill = "C6EFCE"
	checkGoodFont = "006100"
)

// selfCheck is one line of the 自查结果 block.
type selfCheck struct {
	key, label string
	formula    string // without the leading =
}

// ranges of a data sheet for formulas: the absolute range of field's cells, and the
// absolute reference of one cell.
type sheetRefs struct {
	t           *Table
	first, last int
}

func (r sheetRefs) quoted() string { return "'" + r.t.Sheet + "'!" }

func (r sheetRefs) col(f Field) string {
	l := r.t.Letter(f)
	return fmt.Sprintf("%s$%s$%d:$%s$%d", r.quoted(), l, r.first, l, r.last)
}

func (r sheetRefs) cell(f Field, row int) string {
	return fmt.Sprintf("%s$%s$%d", r.quoted(), r.t.Letter(f), row)
}

// selfChecks returns the lines of the block for the unit's rows; fillers are the cells of
// 填报人 and 联系电话 on the guide sheet.
func (b *builder) selfChecks(tasks []gyqc.Assignment, inds []*gyqc.Indicator, fillers []string) []selfCheck {
	tr := sheetRefs{t: &b.lay.Tasks, first: b.lay.Tasks.FirstDataRow(), last: b.lay.Tasks.FirstDataRow() + len(tasks) - 1}
	ir := sheetRefs{t: &b.lay.Indicators, first: b.lay.Indicators.FirstDataRow(), last: b.lay.Indicators.FirstDataRow() + len(inds) - 1}
	zero := func(n int, f string) string {
		if n == 0 {
			return "0"
		}
		return f
	}
	var filler []string
	for _, c := range fillers {
		filler = append(filler, "(LEN(TRIM("+c+"))=0)")
	}
	var pct, whole []string
	for i, ind := range inds {
		c := ir.cell(FieldValue, ir.first+i)
		if b.percentExpected(ind) {
			pct = append(pct, "ISNUMBER("+c+")*(ABS(N("+c+"))>0)*(ABS(N("+c+"))<1)")
		}
		if wholeNumber(ind) {
			whole = append(whole, "ISNUMBER("+c+")*(N("+c+")<>INT(N("+c+")))")
		}
	}
	growthEmpty := "" // a flow reported by its growth alone is filled
	if ir.t.Index(FieldGrowth) > 0 {
		growthEmpty = "(LEN(TRIM(" + ir.col(FieldGrowth) + "))=0)*"
	}
	sum := func(terms []string) string {
		if len(terms) == 0 {
			return "0"
		}
		return strings.Join(terms, "+")
	}
	return []selfCheck{
		{"check:status", "进展状态未选择", zero(len(tasks), "SUMPRODUCT(--(LEN(TRIM("+tr.col(FieldStatus)+"))=0))")},
		{"check:progress", "工作进展未填写", zero(len(tasks), "SUMPRODUCT((LEN(TRIM("+tr.col(FieldProgress)+"))=0)*("+
			tr.col(FieldStatus)+`<>"`+string(gyqc.StatusNoWork)+`"))`)},
		{"check:value", "本期值未填且未说明", zero(len(inds), "SUMPRODUCT((LEN(TRIM("+ir.col(FieldValue)+"))=0)*"+growthEmpty+"(LEN(TRIM("+ir.col(FieldNote)+"))=0))")},
		{"check:filler", "填报人、联系电话未填", sum(filler)},
		{"check:text", "本期值填了文字", zero(len(inds), "SUMPRODUCT(--ISTEXT("+ir.col(FieldValue)+"))")},
		{"check:percent", "百分比填成了小数", sum(pct)},
		{"check:whole", "个数、排位带小数", sum(whole)},
	}
}

// percentExpected reports whether a value below 1 is suspicious for the indicator: a
// percentage whose target or last value is above 1, as the collector warns.
func (b *builder) percentExpected(ind *gyqc.Indicator) bool {
	if ind.Measure != "%" {
		return false
	}
	if ind.Target != nil && math.Abs(*ind.Target) > 1 {
		return true
	}
	if b.prev != nil {
		if v := b.prev.Value(ind.Key); v != nil && v.Value != nil && math.Abs(*v.Value) > 1 {
			return true
		}
	}
	return false
}

// wholeNumber reports whether the indicator's value is a whole number (a count or a rank),
// as its data validation requires.
func wholeNumber(ind *gyqc.Indicator) bool {
	return ind.Kind == gyqc.KindRank || (ind.Kind == gyqc.KindLevel || ind.Kind == gyqc.KindAnnual) && countMeasures[ind.Measure]
}

// selfCheckBlock writes the 自查结果 section from the row after row on the guide sheet and
// returns the last row written.
func (b *builder) selfCheckBlock(row int, tasks []gyqc.Assignment, inds []*gyqc.Indicator, fillers []string) int {
	g := &b.lay.Guide
	sheet := g.Sheet
	colA, colB, colC := g.Letter(FieldLabel), g.Letter(FieldText), g.Letter(FieldKey)
	ref := func(col string, r int) string { return col + strconv.Itoa(r) }
	row++
	b.merge(sheet, ref(colA, row), ref(colB, row), b.st.section)
	b.set(sheet, ref(colA, row), "自查结果（随填写自动更新，报送前请查看；标红的单元格需要填写或核实）", b.st.section)
	b.height(sheet, row, 24)
	checks := b.selfChecks(tasks, inds, fillers)
	first := row + 1
	for _, c := range checks {
		row++
		b.set(sheet, ref(colA, row), c.label, b.st.label)
		b.formula(sheet, ref(colB, row), c.formula, b.st.lockedCount)
		b.set(sheet, ref(colC, row), c.key, b.st.key)
		b.height(sheet, row, celltext.RowHeight(1))
	}
	total := fmt.Sprintf("SUM(%s:%s)", ref("$"+colB+"$", first), ref("$"+colB+"$", row))
	row++
	verdict := ref(colB, row)
	b.set(sheet, ref(colA, row), "结论", b.st.label)
	b.formula(sheet, verdict, `IF(`+total+`=0,"可以报送","尚有"&`+total+`&"处需要填写或核实，请按上列提示修改后再报送")`, b.st.lockedCount)
	b.set(sheet, ref(colC, row), selfCheckPrefix+"verdict", b.st.key)
	b.height(sheet, row, celltext.RowHeight(1))
	b.conditional(sheet, verdict, verdict+`="可以报送"`, true)
	b.conditional(sheet, verdict, verdict+`<>"可以报送"`, false)
	b.conditional(sheet, ref(colB, first)+":"+ref(colB, row-1), ref(colB, first)+">0", false)
	b.markDataCells(tasks, inds)
	return row
}

// markDataCells adds the conditional formats that turn a cell red as the unit types: a row
// begun without a status or without a progress text, text in a number cell, a fraction in a
// percentage, a count with decimals.
func (b *builder) markDataCells(tasks []gyqc.Assignment, inds []*gyqc.Indicator) {
	if t := &b.lay.Tasks; len(tasks) > 0 {
		first, last := t.FirstDataRow(), t.FirstDataRow()+len(tasks)-1
		status, progress := t.Cell(FieldStatus, first), t.Cell(FieldProgress, first)
		var others []string
		for _, f := range []Field{FieldProgress, FieldPractice, FieldIssues, FieldNextPlan} {
			if t.Index(f) > 0 {
				others = append(others, "TRIM("+t.Cell(f, first)+")")
			}
		}
		b.conditional(t.Sheet, columnRange(t, FieldStatus, first, last),
			"AND(LEN(TRIM("+status+"))=0,LEN("+strings.Join(others, "&")+")>0)", false)
		b.conditional(t.Sheet, columnRange(t, FieldProgress, first, last),
			"AND(LEN(TRIM("+progress+"))=0,LEN(TRIM("+status+"))>0,"+status+`<>"`+string(gyqc.StatusNoWork)+`")`, false)
	}
	if t := &b.lay.Indicators; len(inds) > 0 {
		first, last := t.FirstDataRow(), t.FirstDataRow()+len(inds)-1
		b.conditional(t.Sheet, columnRange(t, FieldValue, first, last), "ISTEXT("+t.Cell(FieldValue, first)+")", false)
		for i, ind := range inds {
			c := t.Cell(FieldValue, first+i)
			if b.percentExpected(ind) {
				b.conditional(t.Sheet, c, "AND(ISNUMBER("+c+"),ABS(N("+c+"))>0,ABS(N("+c+"))<1)", false)
			}
			if wholeNumber(ind) {
				b.conditional(t.Sheet, c, "AND(ISNUMBER("+c+"),N("+c+")<>INT(N("+c+")))", false)
			}
		}
	}
}

// formula writes a formula (without the =) into cell with style.
func (b *builder) formula(sheet, cell, formula string, style int) {
	if b.err == nil {
		b.check(b.f.SetCellFormula(sheet, cell, formula))
		b.check(b.f.SetCellStyle(sheet, cell, cell, style))
	}
}

// conditional adds a formula condition to ref that colours it green (good) or red.
func (b *builder) conditional(sheet, ref, formula string, good bool) {
	if b.err != nil {
		return
	}
	style := b.st.checkBad
	if good {
		style = b.st.checkGood
	}
	b.check(b.f.SetConditionalFormat(sheet, ref, []excelize.ConditionalFormatOptions{{Type: "formula", Criteria: formula, Format: &style}}))
}

// selfCheckFunctions are the functions the 自查结果 block is written in.
var selfCheckFunctions = map[string]bool{"SUMPRODUCT": true, "SUM": true, "LEN": true, "TRIM": true, "ISTEXT": true,
	"ISNUMBER": true, "N": true, "INT": true, "ABS": true, "IF": true, "AND": true}

// formulaFunction finds the functions a formula calls.
var formulaFunction = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.]*)\s*\(`)

// OwnFormula reports whether formula (without the =), found in a returned workbook on sheet
// in column col of a row whose hidden key is key, can be one gyqc wrote: a line of the
// 自查结果 block (a row keyed check:…, in the guide's text column), calling only the
// functions the block is written in and referring to nothing outside the workbook. Any other
// formula in a return is the unit's (or its program's), and gyqc never writes it into an
// output as a formula.
func OwnFormula(sheet, col, key, formula string) bool {
	g := &Current().Guide
	if sheet != g.Sheet || col != g.Letter(FieldText) || !strings.HasPrefix(key, selfCheckPrefix) || strings.ContainsAny(formula, "[") {
		return false
	}
	for _, m := range formulaFunction.FindAllStringSubmatch(stripStrings(formula), -1) {
		if !selfCheckFunctions[strings.ToUpper(m[1])] {
			return false
		}
	}
	return true
}

// stripStrings removes the string literals ("…", with "" inside) and quoted sheet names
// ('…') of a formula, so that text in them is not taken for a function.
func stripStrings(formula string) string {
	var b strings.Builder
	var quote byte
	for i := 0; i < len(formula); i++ {
		c := formula[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
