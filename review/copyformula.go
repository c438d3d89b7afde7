package review

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc/templates"
)

// maxFormulaScan bounds the cells of one sheet the copy looks at for formulas (the intake's
// cell cap keeps real returns far below it).
const maxFormulaScan = 1 << 20

// disarmFormulas turns every formula of the marked copy that gyqc did not write
// (templates.OwnFormula) into the text the unit typed, "=WEBSERVICE(…)" shown but never
// computed, so that the copy, an output of gyqc, holds no formula but gyqc's own: the
// 自查结果 lines keep working. It returns how many it turned; a formula it cannot read or
// turn is an error, never left in the copy.
func disarmFormulas(f *excelize.File) (int, error) {
	n := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			continue
		}
		maxRow, maxCol := len(rows), 0
		for _, r := range rows {
			maxCol = max(maxCol, len(r))
		}
		// A formula without a cached value may lie beyond the last value: take the sheet's
		// dimension too.
		if dim, err := f.GetSheetDimension(sheet); err == nil {
			if _, last, ok := strings.Cut(dim, ":"); ok {
				if c, r, err := excelize.CellNameToCoordinates(last); err == nil {
					maxRow, maxCol = max(maxRow, r), max(maxCol, c)
				}
			}
		}
		if maxRow*maxCol > maxFormulaScan {
			maxRow = maxFormulaScan / max(maxCol, 1)
		}
		k, err := disarmSheet(f, sheet, maxRow, maxCol)
		if err != nil {
			return n, err
		}
		n += k
	}
	return n, nil
}

// disarmSheet turns the foreign formulas within the first maxRow rows and maxCol columns of
// sheet into text.
func disarmSheet(f *excelize.File, sheet string, maxRow, maxCol int) (int, error) {
	n := 0
	keyCol := ""
	if sheet == templates.SheetGuide {
		keyCol = templates.Current().Guide.Letter(templates.FieldKey)
	}
	for r := 1; r <= maxRow; r++ {
		key := ""
		if keyCol != "" {
			var err error
			if key, err = f.GetCellValue(sheet, keyCol+strconv.Itoa(r), excelize.Options{RawCellValue: true}); err != nil {
				return n, err
			}
		}
		for c := 1; c <= maxCol; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			formula, err := f.GetCellFormula(sheet, cell)
			if err != nil {
				return n, err
			}
			if formula == "" {
				continue
			}
			col, _ := excelize.ColumnNumberToName(c)
			if templates.OwnFormula(sheet, col, key, formula) {
				continue
			}
			if err := f.SetCellStr(sheet, cell, "="+formula); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
