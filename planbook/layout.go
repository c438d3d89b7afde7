package planbook

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc/internal/celltext"
	"github.com/qianjiang/gyqc/planfile"
)

// col is a column of a table as laid out: a schema column, or one year of a year column.
type col struct {
	column
	header string
	year   string // the year of a year column
}

// layoutColumns expands a table's columns: the 类别 column first for a table of several
// kinds, then each column, a year column once per year.
func layoutColumns(t *table, years []int) []col {
	var out []col
	if len(t.Kinds) > 0 {
		labels := make([]choice, len(t.Kinds))
		for i, k := range t.Kinds {
			labels[i] = choice{k.Label, k.Label}
		}
		out = append(out, col{column: column{Header: kindHeader, Required: true, Width: 8,
			Choices: func() []choice { return labels }}, header: kindHeader})
	}
	for _, c := range t.Columns {
		if !c.Years {
			out = append(out, col{column: c, header: c.Header})
			continue
		}
		for _, y := range years {
			out = append(out, col{column: c, header: fmt.Sprintf(c.Header, y), year: strconv.Itoa(y)})
		}
	}
	return out
}

// yearOf returns the year of a year column's header, such as 2024 for "2024年目标".
func yearOf(format, header string) (string, bool) {
	var y int
	if n, err := fmt.Sscanf(header, format, &y); err != nil || n != 1 || fmt.Sprintf(format, y) != header {
		return "", false
	}
	return strconv.Itoa(y), true
}

// cellName returns the A1 name of column i (0-based) and row.
func cellName(i, row int) string {
	name, _ := excelize.CoordinatesToCellName(i+1, row)
	return name
}

// colName returns the letters of column i (0-based).
func colName(i int) string {
	name, _ := excelize.ColumnNumberToName(i + 1)
	return name
}

// pathOf returns the path of column c in rows of kind k (the column's own path in a table of
// one list), and the path of the list.
func (t *table) pathOf(c col, k *rowKind) (path, list string) {
	if k == nil {
		return c.Path, t.List
	}
	return k.Paths[c.Header], k.List
}

// fieldKind returns the shape of the field a column holds.
func fieldKind(w planfile.Which, list, path string) planfile.FieldKind {
	if list == "" {
		return planfile.Field(w, path)
	}
	return planfile.Field(w, list+"."+path)
}

// fitRow gives a row the height of its most wrapped text, lines lines, measured as the
// templates and the consolidated workbook measure theirs (internal/celltext); a row of one
// line keeps the default height.
func fitRow(f *excelize.File, sheet string, row, lines int) error {
	if lines <= 1 {
		return nil
	}
	return f.SetRowHeight(sheet, row, celltext.RowHeight(lines))
}
