package templates

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates/internal/xlsx"
)

// scan streams the rows of sheet through the book's iterator (excelize's, or the fast one),
// calling fn with each row's 1-based number, raw cell texts (at most maxReadCols) and their
// types and styles (nil when not known) until fn returns false. Rows the
// file skips are passed as empty. Every iterator error becomes a problem naming the sheet
// and row; scan reports whether the whole sheet was read.
func (rd *reader) scan(sheet string, fn func(row int, cells []string, attrs []xlsx.CellAttr) bool) bool {
	rows, err := rd.wb.rows(sheet)
	if err != nil {
		rd.add(gyqc.SevError, sheet, "", RuleUnreadableSheet, "", fmt.Sprintf("无法读取工作表（%v）", err),
			"文件可能已损坏，请用 Excel、WPS 或 LibreOffice 打开后另存为 .xlsx 再报送")
		return false
	}
	complete := true
	row := 0
	for rows.Next() {
		row++
		if row > maxReadRows {
			rd.add(gyqc.SevWarning, sheet, "", RuleTooManyRows, "", fmt.Sprintf("工作表超过 %d 行，只读取了前 %d 行", maxReadRows, maxReadRows),
				"请使用下发的模板，不要在表中粘贴大量内容或格式化整列")
			complete = false
			break
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			rd.add(gyqc.SevError, sheet, fmt.Sprintf("A%d", row), RuleUnreadableRow, "", fmt.Sprintf("第%d行无法读取（%v）", row, err),
				"文件可能已损坏，请用 Excel、WPS 或 LibreOffice 打开后另存为 .xlsx 再报送")
			complete = false
			break
		}
		if len(cells) > maxReadCols {
			cells = cells[:maxReadCols]
		}
		attrs := rows.Attrs()
		if len(attrs) > len(cells) {
			attrs = attrs[:len(cells)]
		}
		if !fn(row, cells, attrs) {
			break
		}
	}
	if err := rows.Error(); err != nil && complete {
		rd.add(gyqc.SevError, sheet, "", RuleUnreadableSheet, "", fmt.Sprintf("工作表读取中断（%v）", err),
			"文件可能已损坏，请用 Excel、WPS 或 LibreOffice 打开后另存为 .xlsx 再报送")
		complete = false
	}
	if err := rows.Close(); err != nil && complete {
		rd.add(gyqc.SevError, sheet, "", RuleUnreadableSheet, "", fmt.Sprintf("工作表读取出错（%v）", err), "")
		complete = false
	}
	return complete
}

// at returns cells[i-1] for the 1-based column i, or "" when the row is shorter.
func at(cells []string, i int) string {
	if i < 1 || i > len(cells) {
		return ""
	}
	return cells[i-1]
}
