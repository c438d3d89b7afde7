package planbook

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/celltext"
	"github.com/qianjiang/gyqc/planfile"
)

// Custom properties that mark a plan workbook.
const (
	PropFormat = "gyqc-planbook" // the workbook format's version
	PropHash   = "gyqc-plan-hash"
	formatV1   = "1"
)

// exporter writes one workbook.
type exporter struct {
	f     *excelize.File
	st    *styles
	plan  *gyqc.Plan
	roots map[planfile.Which]*value
	years []int
	// unitList is the range of the unit names on the units sheet, for drop-downs.
	unitList string
}

// Export writes the workbook of a plan to w. plan must have been loaded from planData and
// unitsData (planfile.Load); the workbook holds every field of both files, so importing it
// gives them back in canonical form.
func Export(w io.Writer, plan *gyqc.Plan, planData, unitsData []byte) error {
	x := &exporter{f: excelize.NewFile(), plan: plan, roots: map[planfile.Which]*value{}}
	defer x.f.Close()
	for which, data := range map[planfile.Which][]byte{planfile.PlanYAML: planData, planfile.UnitsYAML: unitsData} {
		var doc yaml.Node
		if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
			return fmt.Errorf("decode plan files: %w", err)
		}
		x.roots[which] = fromYAML(which, "", &doc)
	}
	for y := plan.Horizon.First.Year; y <= plan.Horizon.Last.Year; y++ {
		x.years = append(x.years, y)
	}
	var err error
	if x.st, err = newStyles(x.f); err != nil {
		return err
	}
	x.unitList = unitNameRange()
	if err := x.f.SetSheetName("Sheet1", SheetGuide); err != nil {
		return err
	}
	for _, sh := range schema {
		if _, err := x.f.NewSheet(sh.Name); err != nil {
			return err
		}
		if err := x.writeSheet(sh); err != nil {
			return fmt.Errorf("sheet %s: %w", sh.Name, err)
		}
	}
	if err := x.writeGuide(); err != nil {
		return fmt.Errorf("sheet %s: %w", SheetGuide, err)
	}
	for _, p := range []excelize.CustomProperty{{Name: PropFormat, Value: formatV1}, {Name: PropHash, Value: plan.Edition.Hash}} {
		if err := x.f.SetCustomProps(p); err != nil {
			return err
		}
	}
	x.f.SetActiveSheet(0)
	_, err = x.f.WriteTo(w)
	return err
}

// unitNameRange returns the range of the unit names on the units sheet.
func unitNameRange() string {
	for _, sh := range schema {
		for _, b := range sh.Blocks {
			if t, ok := b.(*table); ok && t.List == "units" {
				for i, c := range t.Columns {
					if c.Path == "name" {
						return fmt.Sprintf("%s!$%s$2:$%s$2000", sh.Name, colName(i), colName(i))
					}
				}
			}
		}
	}
	return ""
}

// writeSheet writes a sheet's blocks one below the other.
func (x *exporter) writeSheet(sh sheet) error {
	row, cols := 1, 3
	for _, b := range sh.Blocks {
		var err error
		switch b := b.(type) {
		case *table:
			row, err = x.writeTable(sh, b, row)
			cols = max(cols, len(layoutColumns(b, x.years)))
		case *kv:
			row, err = x.writeKV(sh.Name, b, row)
		}
		if err != nil {
			return err
		}
		row++ // a blank row between blocks
	}
	// The used range, which readers such as openpyxl in read-only mode rely on.
	if err := x.f.SetSheetDimension(sh.Name, "A1:"+cellName(cols-1, row-2)); err != nil {
		return err
	}
	if len(sh.Blocks) > 1 {
		for col, w := range map[string]float64{"A": 28, "B": 48, "C": 30, "D": 14} {
			if err := x.f.SetColWidth(sh.Name, col, col, w); err != nil {
				return err
			}
		}
	}
	if sh.Freeze {
		if err := x.f.SetPanes(sh.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	if err := pageSetup(x.f, sh.Name, sh.Freeze); err != nil {
		return err
	}
	return protect(x.f, sh.Name)
}

// record is one row of a table: its kind (in a table of several kinds) and its record.
type record struct {
	kind *rowKind
	rec  *value
}

// records lists the rows of a table: each list's records in file order, the records of a
// child kind after their parent's.
func (x *exporter) records(t *table) []record {
	root := x.roots[t.File]
	if len(t.Kinds) == 0 {
		var out []record
		if l := root.get(t.List); l != nil {
			for _, r := range l.items {
				out = append(out, record{rec: r})
			}
		}
		return out
	}
	var out []record
	var walk func(parent string, within *value, prefix string)
	walk = func(parent string, within *value, prefix string) {
		for i := range t.Kinds {
			k := &t.Kinds[i]
			if k.Parent != parent {
				continue
			}
			l := within.get(strings.TrimPrefix(k.List, prefix))
			if l == nil {
				continue
			}
			for _, r := range l.items {
				out = append(out, record{kind: k, rec: r})
				walk(k.Label, r, k.List+".")
			}
		}
	}
	walk("", root, "")
	return out
}

// writeTable writes a table from row on and returns the row after it.
func (x *exporter) writeTable(sh sheet, t *table, row int) (int, error) {
	f, name := x.f, sh.Name
	cols := layoutColumns(t, x.years)
	if t.Title != "" {
		if err := x.titleRow(name, t.Title, row, len(cols)); err != nil {
			return 0, err
		}
		row++
	}
	for i, c := range cols {
		if err := f.SetCellStr(name, cellName(i, row), c.header); err != nil {
			return 0, err
		}
		if len(sh.Blocks) == 1 {
			if err := f.SetColWidth(name, colName(i), colName(i), c.Width); err != nil {
				return 0, err
			}
		}
	}
	if err := f.SetCellStyle(name, cellName(0, row), cellName(len(cols)-1, row), x.st.header); err != nil {
		return 0, err
	}
	row++
	first := row
	for _, r := range x.records(t) {
		lines := 1
		open := t.ExampleOpen && r.rec.get("example") != nil && r.rec.get("example").text == "true"
		for i, c := range cols {
			n, err := x.writeCell(name, cellName(i, row), t, c, r, open)
			if err != nil {
				return 0, err
			}
			lines = max(lines, celltext.Lines(n, c.Width))
		}
		if err := fitRow(f, name, row, lines); err != nil {
			return 0, err
		}
		row++
	}
	// Spare rows for additions, open.
	for r := row; r < row+t.Spare; r++ {
		for i, c := range cols {
			path, list := t.pathOf(c, nil)
			num := isNumber(fieldKind(t.File, list, path))
			if err := f.SetCellStyle(name, cellName(i, r), cellName(i, r), x.st.cell[1][b2i(num)]); err != nil {
				return 0, err
			}
		}
	}
	last := row + t.Spare - 1
	if last >= first {
		for i, c := range cols {
			if err := x.validate(name, fmt.Sprintf("%s%d:%s%d", colName(i), first, colName(i), last), t, c); err != nil {
				return 0, err
			}
		}
	}
	return row + t.Spare, nil
}

// writeCell writes one cell of a record and returns its text (for the row's height).
func (x *exporter) writeCell(sheet, cell string, t *table, c col, r record, rowOpen bool) (string, error) {
	f := x.f
	if c.header == kindHeader && r.kind != nil {
		return r.kind.Label, x.put(sheet, cell, r.kind.Label, nil, false, false)
	}
	path, list := t.pathOf(c, r.kind)
	if path == "" { // not a field of this kind of row
		return "", f.SetCellStyle(sheet, cell, cell, x.st.cell[0][0])
	}
	kind := fieldKind(t.File, list, path)
	text, num := x.cellValue(c, kind, r.rec.get(path))
	return text, x.put(sheet, cell, text, num, c.Open || rowOpen, isNumber(kind))
}

// put writes a text or a number with the style of an open or locked cell.
func (x *exporter) put(sheet, cell, text string, num *float64, open, number bool) error {
	var err error
	switch {
	case num != nil:
		err = x.f.SetCellFloat(sheet, cell, *num, -1, 64)
	case text != "":
		err = x.f.SetCellStr(sheet, cell, text)
	}
	if err != nil {
		return err
	}
	return x.f.SetCellStyle(sheet, cell, cell, x.st.cell[b2i(open)][b2i(number)])
}

// cellValue returns what a cell shows of a value: a number, or a text.
func (x *exporter) cellValue(c col, kind planfile.FieldKind, v *value) (string, *float64) {
	if v == nil {
		return "", nil
	}
	switch kind {
	case planfile.FieldInt, planfile.FieldNumber:
		if f, err := strconv.ParseFloat(v.text, 64); err == nil {
			return v.text, &f
		}
		return v.text, nil
	case planfile.FieldNumberMap:
		for _, p := range v.pairs {
			if p[0] == c.year {
				f, err := strconv.ParseFloat(p[1], 64)
				if err == nil {
					return p[1], &f
				}
				return p[1], nil
			}
		}
		return "", nil
	case planfile.FieldList:
		items := v.list
		if c.Names == memberCodes {
			items = make([]string, len(v.list))
			for i, code := range v.list {
				items[i] = code
				if u := x.plan.Registry.Unit(code); u != nil {
					items[i] = u.Name
				}
			}
		}
		return strings.Join(items, sepOf(c.column)), nil
	case planfile.FieldRecords:
		if c.Lines {
			lines := make([]string, len(v.items))
			for i, it := range v.items {
				lines[i] = textOf(it.get("label")) + "：" + textOf(it.get("text"))
			}
			return strings.Join(lines, "\n"), nil
		}
	}
	if c.Choices != nil {
		for _, ch := range c.Choices() {
			if ch.Value == v.text {
				return ch.Label, nil
			}
		}
	}
	return v.text, nil
}

func textOf(v *value) string {
	if v == nil {
		return ""
	}
	return v.text
}

// sepOf returns a list column's separator.
func sepOf(c column) string {
	if c.Sep != "" {
		return c.Sep
	}
	return "、"
}

func isNumber(k planfile.FieldKind) bool {
	return k == planfile.FieldInt || k == planfile.FieldNumber || k == planfile.FieldNumberMap
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// titleRow writes a block's title across n columns.
func (x *exporter) titleRow(sheet, title string, row, n int) error {
	if err := x.f.SetCellStr(sheet, cellName(0, row), title); err != nil {
		return err
	}
	if err := x.f.SetRowHeight(sheet, row, 22); err != nil {
		return err
	}
	return x.f.SetCellStyle(sheet, cellName(0, row), cellName(max(n, 1)-1, row), x.st.block)
}

// writeKV writes a key-value block from row on and returns the row after it.
func (x *exporter) writeKV(sheet string, b *kv, row int) (int, error) {
	f := x.f
	if err := x.titleRow(sheet, b.Title, row, 3); err != nil {
		return 0, err
	}
	row++
	for i, h := range []string{"项目", "内容", "说明"} {
		if err := f.SetCellStr(sheet, cellName(i, row), h); err != nil {
			return 0, err
		}
	}
	if err := f.SetCellStyle(sheet, cellName(0, row), cellName(2, row), x.st.header); err != nil {
		return 0, err
	}
	row++
	root := x.roots[b.File]
	for _, c := range b.Rows {
		kind := planfile.Field(b.File, c.Path)
		text, num := x.cellValue(col{column: c, header: c.Header}, kind, root.get(c.Path))
		if err := f.SetCellStr(sheet, cellName(0, row), c.Header); err != nil {
			return 0, err
		}
		if err := f.SetCellStyle(sheet, cellName(0, row), cellName(0, row), x.st.cell[0][0]); err != nil {
			return 0, err
		}
		if err := x.put(sheet, cellName(1, row), text, num, c.Open, isNumber(kind)); err != nil {
			return 0, err
		}
		if c.Help != "" {
			if err := f.SetCellStr(sheet, cellName(2, row), c.Help); err != nil {
				return 0, err
			}
		}
		if err := f.SetCellStyle(sheet, cellName(2, row), cellName(2, row), x.st.help); err != nil {
			return 0, err
		}
		if err := fitRow(f, sheet, row, max(celltext.Lines(text, 48), celltext.Lines(c.Help, 30))); err != nil {
			return 0, err
		}
		if err := x.validate(sheet, cellName(1, row), &table{File: b.File}, col{column: c, header: c.Header}); err != nil {
			return 0, err
		}
		row++
	}
	return row, nil
}

// validate adds a column's drop-down, number check and input help to the cells of sqref.
func (x *exporter) validate(sheet, sqref string, t *table, c col) error {
	path, list := t.pathOf(c, nil)
	for i := range t.Kinds {
		if p := t.Kinds[i].Paths[c.Header]; p != "" {
			path, list = p, t.Kinds[i].List
			break
		}
	}
	kind := planfile.FieldUnknown
	if path != "" {
		kind = fieldKind(t.File, list, path)
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	used := false
	switch {
	case c.Choices != nil:
		var labels []string
		seen := map[string]bool{}
		for _, ch := range c.Choices() {
			if !seen[ch.Label] {
				seen[ch.Label] = true
				labels = append(labels, ch.Label)
			}
		}
		if err := dv.SetDropList(labels); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "请从列表中选择", "请点单元格右侧的箭头，从列表中选择："+strings.Join(labels, "、"))
		used = true
	case c.Names == unitNames && kind == planfile.FieldText:
		dv.SetSqrefDropList(x.unitList)
		dv.SetError(excelize.DataValidationErrorStyleWarning, "单位不在名册中", "请从列表中选择“单位”工作表中的单位，或先在“单位”工作表中增加该单位")
		used = true
	case kind == planfile.FieldInt:
		if err := dv.SetRange("-99999", "99999", excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "请填写整数", "这里只能填写整数，例如 3")
		used = true
	case isNumber(kind):
		if err := dv.SetRange("-1000000000000", "1000000000000", excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "请填写数字", "这里只能填写数字，不要带单位或文字，例如 12.5；不知道请留空")
		used = true
	}
	if c.Help != "" {
		dv.SetInput(c.header, c.Help)
		used = true
	}
	if !used {
		return nil
	}
	return x.f.AddDataValidation(sheet, dv)
}
