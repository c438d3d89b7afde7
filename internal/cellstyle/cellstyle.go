// Package cellstyle holds the two pieces of cell styling that gyqc's workbook writers share
// over excelize: a thin border on all four sides of a cell, and a cell's style read back in
// the form excelize's NewStyle takes, so that it can be changed and registered again.
package cellstyle

import "github.com/xuri/excelize/v2"

// Box returns a thin border in color (6-digit RGB) on all four sides of a cell.
func Box(color string) []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: color, Style: 1})
	}
	return b
}

// Of returns the style of the cell (an empty style when it has none or it cannot be read)
// with its font, border and fill colours as NewStyle takes them, 6-digit RGB: where GetStyle
// gives 8-digit ARGB, NewStyle would write 10-digit colours that openpyxl refuses.
func Of(f *excelize.File, sheet, cell string) *excelize.Style {
	st := &excelize.Style{}
	if id, err := f.GetCellStyle(sheet, cell); err == nil && id != 0 {
		if s, err := f.GetStyle(id); err == nil && s != nil {
			st = s
		}
	}
	if st.Font != nil {
		st.Font.Color = rgb(st.Font.Color)
	}
	for i := range st.Border {
		st.Border[i].Color = rgb(st.Border[i].Color)
	}
	for i := range st.Fill.Color {
		st.Fill.Color[i] = rgb(st.Fill.Color[i])
	}
	return st
}

// rgb drops the alpha byte of an 8-digit ARGB colour.
func rgb(c string) string {
	if len(c) == 8 {
		return c[2:]
	}
	return c
}
