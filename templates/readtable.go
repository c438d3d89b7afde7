package templates

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates/internal/xlsx"
)

// maxSearchRows caps the rows looked at when searching for a renamed sheet or a header row.
const maxSearchRows = 200

// tableRow is one row of a sheet that carries a row key.
type tableRow struct {
	row   int
	key   string
	texts []string        // raw cell texts; use at() with 1-based column numbers
	attrs []xlsx.CellAttr // their types and styles, nil when not known
}

// table is a table sheet as found in a returned workbook.
type table struct {
	sheet   string        // its name in the workbook (it may have been renamed)
	cols    map[Field]int // 1-based column of each field found
	rows    map[string]tableRow
	formats *xlsx.Formats // of the workbook, nil when not known
}

// input returns the input cell of field in row r, with its kind.
func (t *table) input(r tableRow, f Field) Input {
	col := t.cols[f]
	if col == 0 {
		return Input{Sheet: t.sheet}
	}
	letter, _ := excelize.ColumnNumberToName(col)
	in := Input{Sheet: t.sheet, Cell: letter + strconv.Itoa(r.row), Text: at(r.texts, col)}
	var attr *xlsx.CellAttr
	if col <= len(r.attrs) && col <= len(r.texts) {
		attr = &r.attrs[col-1]
	}
	in.Kind, in.Date = kindOf(t.formats, attr, in.Text)
	in.Formula = attr != nil && attr.Formula
	return in
}

// sortedRows returns the rows in sheet order.
func (t *table) sortedRows() []tableRow {
	out := make([]tableRow, 0, len(t.rows))
	for _, r := range t.rows {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].row < out[j].row })
	return out
}

// findSheet returns the sheet called name or, when it was renamed, the first other sheet in
// which every marker text appears (with a warning); "" with an error when there is none.
func (rd *reader) findSheet(name string, markers []string) string {
	if rd.wb.sheetIndex(name) >= 0 {
		return name
	}
	ours := map[string]bool{SheetGuide: true, SheetTasks: true, SheetIndicators: true, SheetMeta: true}
	for _, other := range rd.wb.sheetList() {
		if ours[other] {
			continue
		}
		seen := map[string]bool{}
		rd.scan(other, func(row int, cells []string, _ []xlsx.CellAttr) bool {
			for _, c := range cells {
				seen[normalize(c)] = true
			}
			return row < maxSearchRows
		})
		all := true
		for _, m := range markers {
			all = all && seen[m]
		}
		if all {
			rd.add(gyqc.SevWarning, other, "", RuleRenamedSheet, other, fmt.Sprintf("工作表“%s”被改名为“%s”", name, other),
				"已按原表读取；以后请勿修改工作表名称")
			return other
		}
	}
	rd.add(gyqc.SevError, name, "", RuleMissingSheet, "", fmt.Sprintf("找不到工作表“%s”（可能被删除或改名）", name),
		"请使用下发的原模板填写，不要删除或改名工作表")
	return ""
}

// readTable finds a table sheet, its header row and columns (by header text, so moved
// columns are still read), and the rows that carry a key. Structural faults are problems.
func (rd *reader) readTable(t *Table) (*table, bool) {
	headers := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		headers[i] = c.Header
	}
	sheet := rd.findSheet(t.Sheet, headers)
	if sheet == "" {
		return nil, false
	}
	tb := &table{sheet: sheet, cols: map[Field]int{}, rows: map[string]tableRow{}, formats: rd.wb.formats()}
	headerRow := 0
	rd.scan(sheet, func(row int, cells []string, attrs []xlsx.CellAttr) bool {
		if headerRow == 0 {
			if row > maxSearchRows {
				return false
			}
			if rd.matchHeader(t, tb, row, cells) {
				headerRow = row
			}
			return true
		}
		key := strings.TrimSpace(at(cells, tb.cols[FieldKey]))
		if key == "" {
			rd.keyless(t, tb, row, cells)
			return true
		}
		if prev, dup := tb.rows[key]; dup {
			letter, _ := excelize.ColumnNumberToName(tb.cols[FieldKey])
			rd.add(gyqc.SevError, sheet, letter+strconv.Itoa(row), RuleDuplicateRow, key,
				fmt.Sprintf("第%d行与第%d行是同一行（行键相同），可能是复制了行", row, prev.row), "请删去重复的行，每项只填一行")
			return true
		}
		tb.rows[key] = tableRow{row: row, key: key, texts: cells, attrs: attrs}
		return true
	})
	if headerRow == 0 {
		rd.add(gyqc.SevError, sheet, fmt.Sprintf("A%d", t.HeaderRow), RuleMissingHeader, "",
			"找不到列标题行（“序号”“行键（勿改）”等），无法读取本表", "请使用下发的原模板填写，不要改动列标题")
		return nil, false
	}
	return tb, true
}

// matchHeader reports whether cells is the header row of t (it holds the key column's
// header and at least half of the others), and if so records the column of every field,
// with a problem for each header that is missing or moved.
func (rd *reader) matchHeader(t *Table, tb *table, row int, cells []string) bool {
	pos := map[string]int{}
	for i, c := range cells {
		if s := normalize(c); s != "" {
			if _, dup := pos[s]; !dup {
				pos[s] = i + 1
			}
		}
	}
	keyCol, _ := t.Column(FieldKey)
	found := 0
	for _, c := range t.Columns {
		if pos[c.Header] > 0 {
			found++
		}
	}
	if pos[keyCol.Header] == 0 || found*2 < len(t.Columns) {
		return false
	}
	var moved []string
	movedCell := ""
	for i, c := range t.Columns {
		want, _ := excelize.ColumnNumberToName(i + 1)
		got := pos[c.Header]
		if got == 0 {
			rd.add(gyqc.SevError, tb.sheet, want+strconv.Itoa(row), RuleMissingColumn, normalize(at(cells, i+1)),
				fmt.Sprintf("找不到“%s”列（列标题被删除或改动）", c.Header), "请使用下发的原模板填写，不要删除列或改动列标题")
			continue
		}
		tb.cols[c.Field] = got
		if got != i+1 {
			letter, _ := excelize.ColumnNumberToName(got)
			moved = append(moved, fmt.Sprintf("“%s”从 %s 列移到 %s 列", c.Header, want, letter))
			if movedCell == "" {
				movedCell = letter + strconv.Itoa(row)
			}
		}
	}
	if len(moved) > 0 {
		rd.add(gyqc.SevWarning, tb.sheet, movedCell, RuleMovedColumn, "",
			"列的位置有变动（可能插入、删除或移动了列）："+strings.Join(moved, "、"), "已按列标题读取；以后请勿插入、删除或移动列")
	}
	return true
}

// keyless warns about a row below the headers without a key that holds input: the unit
// typed into an inserted row, which cannot be tied to a task or indicator.
func (rd *reader) keyless(t *Table, tb *table, row int, cells []string) {
	for _, c := range t.Columns {
		if !c.Input || tb.cols[c.Field] == 0 {
			continue
		}
		if v := strings.TrimSpace(at(cells, tb.cols[c.Field])); v != "" {
			letter, _ := excelize.ColumnNumberToName(tb.cols[c.Field])
			rd.add(gyqc.SevWarning, tb.sheet, letter+strconv.Itoa(row), RuleRowWithoutKey, v,
				fmt.Sprintf("第%d行没有行键，无法对应到任务或指标，该行内容未读取（可能是插入的行）", row),
				"请把内容填到对应任务或指标所在的行，不要插入新行")
			return
		}
	}
}

// compare checks the locked cells of row r against what the plan says, and reports each
// edited one by cell.
func (rd *reader) compare(t *Table, tb *table, r tableRow, want []cellText, task int, indicator string) {
	for _, c := range want {
		col := tb.cols[c.Field]
		if col == 0 {
			continue // the missing column is reported once
		}
		got := normalize(at(r.texts, col))
		if got == normalize(c.Text) {
			continue
		}
		letter, _ := excelize.ColumnNumberToName(col)
		what := "该单元格"
		if cl, ok := t.Column(c.Field); ok && cl.Header != "" {
			what = "“" + cl.Header + "”"
		}
		p := rd.add(gyqc.SevError, tb.sheet, letter+strconv.Itoa(r.row), RuleEditedLabel, got,
			fmt.Sprintf("锁定内容被改动：%s应为“%s”", what, xlsx.Clip(c.Text, 40)),
			"请使用下发的原模板填写，不要改动锁定内容；如方案内容有误，请与领导小组办公室联系")
		p.Task, p.Indicator = task, indicator
	}
}
