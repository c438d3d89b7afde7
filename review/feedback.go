package review

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/internal/cellstyle"
	"github.com/qianjiang/gyqc/internal/celltext"
	"github.com/qianjiang/gyqc/templates"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
)

// FeedbackInfo says whose return a 意见单 is about.
type FeedbackInfo struct {
	PlanTitle string
	UnitName  string // empty when the file could not be attributed
	Period    gyqc.Period
	FileName  string
	Hash      string
	Received  string // as shown to people, in the plan's time zone
	Outcome   gyqc.Outcome
	Issued    string // when the feedback was made, as shown to people
	Office    string // who to contact
}

// FeedbackSuffix ends the file name of the 意见单 of a file of outcome o:
// "_退回意见单.xlsx" or "_审核意见单.xlsx".
func FeedbackSuffix(o gyqc.Outcome) string { return "_" + o.FeedbackTitle() + ".xlsx" }

// ManualReturnSuffix ends the file name of the 退回意见单 the office writes when it returns
// an accepted version by hand (gyqc review --return).
const ManualReturnSuffix = "_审核退回意见单.xlsx"

// feedbackColumns are the columns of the problem list.
var feedbackColumns = []struct {
	header string
	width  float64
}{
	{"序号", 5}, {"级别", 6}, {"工作表", 10}, {"单元格", 7}, {"问题", 42}, {"填写内容", 20}, {"修改意见", 38},
}

// WriteFeedback writes a 意见单: a workbook that lists every problem of a return (sheet,
// cell, rule, the value found and what to do), errors first, ready to send back to the unit.
// It is named for the outcome (gyqc.Outcome.FeedbackTitle): 退回意见单 for a refused file,
// 审核意见单 for one accepted with warnings. Everything a unit wrote is written as text,
// never as a formula.
func WriteFeedback(w io.Writer, info FeedbackInfo, probs gyqc.Problems) error {
	f := excelize.NewFile()
	defer f.Close()
	fs := &feedbackSheet{f: f, sheet: info.Outcome.FeedbackTitle()}
	fs.check(f.SetSheetName("Sheet1", fs.sheet))
	fs.styles()
	unit := info.UnitName
	if unit == "" {
		unit = "（无法识别报送单位）"
	}
	fs.heading(info, unit, probs)
	fs.problems(probs)
	fs.page(info, unit)
	if fs.err != nil {
		return fmt.Errorf("write %s: %w", fs.sheet, fs.err)
	}
	return f.Write(w)
}

// lastFeedbackColumn is the column of 修改意见, the last of the problem list.
const lastFeedbackColumn = "G"

// feedbackSheet writes the one sheet of a 意见单, keeping the first error excelize returns.
type feedbackSheet struct {
	f     *excelize.File
	sheet string // the sheet's name, the 意见单's title: 退回意见单 or 审核意见单
	err   error
	row   int // the last row written

	title, text, head, errStyle, warnStyle, plain int
	headerRow                                     int
}

// check keeps the first error.
func (fs *feedbackSheet) check(err error) {
	if fs.err == nil && err != nil {
		fs.err = err
	}
}

// style adds a cell style.
func (fs *feedbackSheet) style(s *excelize.Style) int {
	id, err := fs.f.NewStyle(s)
	fs.check(err)
	return id
}

// styles adds the sheet's cell styles.
func (fs *feedbackSheet) styles() {
	fs.title = fs.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Family: "宋体"},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	fs.text = fs.style(&excelize.Style{Font: &excelize.Font{Size: 11, Family: "宋体"},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: cellstyle.Box("808080")})
	fs.head = fs.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 11, Family: "宋体"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: cellstyle.Box("808080")})
	fs.errStyle = fs.style(&excelize.Style{Font: &excelize.Font{Size: 11, Family: "宋体", Bold: true, Color: "C00000"},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Border: cellstyle.Box("808080")})
	fs.warnStyle = fs.style(&excelize.Style{Font: &excelize.Font{Size: 11, Family: "宋体", Color: "9C5700"},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Border: cellstyle.Box("808080")})
	fs.plain = fs.style(&excelize.Style{Font: &excelize.Font{Size: 11, Family: "宋体"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
}

// line writes text merged across the sheet's width in the next row.
func (fs *feedbackSheet) line(text string, style int, height float64) {
	fs.row++
	a, g := fmt.Sprintf("A%d", fs.row), fmt.Sprintf("%s%d", lastFeedbackColumn, fs.row)
	fs.check(fs.f.MergeCell(fs.sheet, a, g))
	fs.check(fs.f.SetCellStr(fs.sheet, a, text))
	fs.check(fs.f.SetCellStyle(fs.sheet, a, a, style))
	fs.check(fs.f.SetRowHeight(fs.sheet, fs.row, height))
}

// heading writes the title and the lines saying whose return this is and what became of it.
func (fs *feedbackSheet) heading(info FeedbackInfo, unit string, probs gyqc.Problems) {
	fs.line("“工业强城”建设月度报送"+fs.sheet, fs.title, 30)
	lines := []string{
		"单位：" + unit + "　　报送期：" + info.Period.Label() + "　　处理结果：" + info.Outcome.Label(),
		"文件：" + info.FileName + "　　收到时间：" + info.Received,
		fmt.Sprintf("共发现 %d 个错误、%d 个警告。", len(probs.Errors()), len(probs.Warnings())) + outcomeAdvice(info.Outcome),
	}
	if info.Office != "" {
		lines = append(lines, "如有疑问，请联系"+info.Office+"。　　生成时间："+info.Issued)
	}
	for _, l := range lines {
		fs.line(l, fs.plain, max(20, feedbackLineHeight*float64(celltext.Lines(l, feedbackWidth()*feedbackFontScale))+feedbackPadding))
	}
	fs.row++ // a blank row before the list
}

// cells writes one row of the problem list.
func (fs *feedbackSheet) cells(values []string, style int) {
	fs.row++
	for j, v := range values {
		cell, err := excelize.CoordinatesToCellName(j+1, fs.row)
		fs.check(err)
		fs.check(fs.f.SetCellStr(fs.sheet, cell, v))
	}
	fs.check(fs.f.SetCellStyle(fs.sheet, fmt.Sprintf("A%d", fs.row), fmt.Sprintf("%s%d", lastFeedbackColumn, fs.row), style))
}

// problems writes the problem list, errors first, under a header row.
func (fs *feedbackSheet) problems(probs gyqc.Problems) {
	headers := make([]string, len(feedbackColumns))
	for i, c := range feedbackColumns {
		col, err := excelize.ColumnNumberToName(i + 1)
		fs.check(err)
		fs.check(fs.f.SetColWidth(fs.sheet, col, col, c.width))
		headers[i] = c.header
	}
	fs.cells(headers, fs.head)
	fs.headerRow = fs.row
	for i, p := range ordered(probs) {
		values := []string{fmt.Sprint(i + 1), p.Severity.Label(), p.Sheet, p.Cell, p.Message, p.Value, p.Fix}
		fs.cells(values, fs.text)
		fs.check(fs.f.SetRowHeight(fs.sheet, fs.row, feedbackRowHeight(values)))
		sev := fs.warnStyle
		if p.Severity == gyqc.SevError {
			sev = fs.errStyle
		}
		b := fmt.Sprintf("B%d", fs.row)
		fs.check(fs.f.SetCellStyle(fs.sheet, b, b, sev))
	}
}

// page freezes the header, filters the list and sets up printing: A4 landscape, one page
// wide, the header row on every page, the unit and period in the footer.
func (fs *feedbackSheet) page(info FeedbackInfo, unit string) {
	sheet := fs.sheet
	h := fs.headerRow
	fs.check(fs.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: h, TopLeftCell: fmt.Sprintf("A%d", h+1), ActivePane: "bottomLeft"}))
	fs.check(fs.f.AutoFilter(sheet, fmt.Sprintf("A%d:%s%d", h, lastFeedbackColumn, fs.row), nil))
	fs.check(fs.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, h, h), Scope: sheet}))
	orientation, fit := "landscape", true
	size := 9 // A4
	fs.check(fs.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orientation, Size: &size, FitToWidth: new(1), FitToHeight: new(0)}))
	fs.check(fs.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	fs.check(fs.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C" + unit + " " + info.Period.Label() + " " + sheet + " 第 &P 页，共 &N 页"}))
}

// Row heights of the problem list, for 11-point type: neither Excel nor WPS grows a row to
// fit wrapped text a program wrote, and LibreOffice draws the overflow over the next row.
const (
	feedbackLineHeight = 15.5
	feedbackPadding    = 5.0
	feedbackFontScale  = 10.0 / 11.0
)

// feedbackWidth is the width of the whole problem list, in column units.
func feedbackWidth() float64 {
	w := 0.0
	for _, c := range feedbackColumns {
		w += c.width
	}
	return w
}

// feedbackRowHeight returns the height in points of a row of the problem list holding cells.
func feedbackRowHeight(cells []string) float64 {
	lines := 1
	for i, c := range cells {
		if i < len(feedbackColumns) {
			lines = max(lines, celltext.Lines(c, feedbackColumns[i].width*feedbackFontScale))
		}
	}
	return min(float64(lines)*feedbackLineHeight+feedbackPadding, celltext.MaxRowHeight)
}

func outcomeAdvice(o gyqc.Outcome) string {
	switch o {
	case gyqc.OutcomeRefused:
		return "请按修改意见逐项改正后重新报送（可直接在原文件上修改）。"
	case gyqc.OutcomeWarned:
		// Not every warning can be explained away: a progress copied from last month or from
		// another unit is cleared only by a new one, and its 修改意见 asks for nothing else.
		return "文件已接收。警告事项请逐项核实，按“修改意见”处理：确有错误的请改正；情况属实的，在修改意见指明的栏目" +
			"（指标为“情况说明”，任务为“存在问题及需协调事项”）写明原因；修改意见只要求改正的（如工作进展与上月或其他单位完全相同），" +
			"须改正，写明原因不能代替。改正或说明后可重新报送，以最新一版为准；未改正或说明的警告按考核规则扣分。"
	}
	return ""
}

// ordered returns problems errors first, then warnings, then notes, each by sheet and cell.
func ordered(probs gyqc.Problems) gyqc.Problems {
	out := append(gyqc.Problems(nil), probs...)
	rank := map[gyqc.Severity]int{gyqc.SevError: 0, gyqc.SevWarning: 1, gyqc.SevNote: 2}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Severity] < rank[out[j].Severity] })
	return out
}

// MarkWorkbook returns a copy of the unit's own workbook with every cell that has a problem
// highlighted (red for errors, yellow for warnings) and a comment saying what is wrong and
// how to fix it. A formula gyqc did not write is kept as the text the unit typed, never as a
// formula (disarmFormulas). data must already have passed the intake (intake.OpenWorkbook). Problems without a
// cell are left to the feedback list.
func MarkWorkbook(name string, data []byte, lim intake.Limits, probs gyqc.Problems) ([]byte, error) {
	var out []byte
	err := intake.Guard(name, func() error {
		f, perr := intake.OpenWorkbook(name, data, lim)
		if len(perr.Errors()) > 0 {
			return perr
		}
		defer f.Close()
		marked := map[string]bool{}
		for _, p := range ordered(probs) {
			if p.Sheet == "" || p.Cell == "" || p.Severity == gyqc.SevNote || marked[p.Sheet+"!"+p.Cell] {
				continue
			}
			if idx, err := f.GetSheetIndex(p.Sheet); err != nil || idx < 0 {
				continue
			}
			marked[p.Sheet+"!"+p.Cell] = true
			color := "FFC7CE"
			if p.Severity == gyqc.SevWarning {
				color = "FFEB9C"
			}
			style := cellstyle.Of(f, p.Sheet, p.Cell)
			style.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
			id, err := f.NewStyle(style)
			if err != nil {
				return err
			}
			if err := f.SetCellStyle(p.Sheet, p.Cell, p.Cell, id); err != nil {
				return err
			}
			comment := p.Severity.Label() + "：" + p.Message
			if p.Fix != "" {
				comment += "\n修改意见：" + p.Fix
			}
			if err := f.AddComment(p.Sheet, excelize.Comment{Cell: p.Cell, Author: "领导小组办公室", Paragraph: []excelize.RichTextRun{{Text: comment}}}); err != nil {
				return err
			}
		}
		if _, err := disarmFormulas(f); err != nil {
			return err
		}
		if err := fitDataRows(f); err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			return err
		}
		out = buf.Bytes()
		return nil
	})
	return out, err
}

// fitDataRows makes the data rows of the copy's task and indicator sheets tall enough for
// what the unit wrote in them, which may be longer than the template's rows allow: Excel
// and WPS do not grow a row a program sized, and the copy is read on paper too. A text too
// long even for Excel's tallest row widens its column (up to maxWiden times) instead of
// being cut off. A sheet the copy lacks is left alone; a row or column that cannot be
// sized is an error.
func fitDataRows(f *excelize.File) error {
	lay := templates.Current()
	for _, t := range []*templates.Table{&lay.Tasks, &lay.Indicators} {
		rows, err := f.GetRows(t.Sheet, excelize.Options{RawCellValue: true})
		if err != nil || len(rows) < t.FirstDataRow() {
			continue
		}
		data := rows[t.FirstDataRow()-1:]
		widths, err := columnWidths(f, t.Sheet, data)
		if err != nil {
			return err
		}
		for i, row := range data {
			lines := 1
			for c, text := range row {
				if text != "" {
					lines = max(lines, celltext.Lines(text, widths[c]))
				}
			}
			r := t.FirstDataRow() + i
			h, err := f.GetRowHeight(t.Sheet, r)
			if err != nil {
				return err
			}
			if want := celltext.RowHeight(lines); h < want {
				if err := f.SetRowHeight(t.Sheet, r, want); err != nil {
					return fmt.Errorf("%s第 %d 行的行高：%w", t.Sheet, r, err)
				}
			}
		}
	}
	return nil
}

// maxWiden bounds how much wider than the template a column of the copy may grow.
const maxWiden = 3.0

// maxRowLines is how many lines Excel's tallest row shows.
var maxRowLines = int(math.Floor((celltext.MaxRowHeight - celltext.RowPadding) / celltext.LineHeight))

// columnWidths returns the width of each column of rows, first widening (in steps of a
// tenth, up to maxWiden times) a column holding a text that would need more lines than
// the tallest row shows, and never past the widest column Excel allows.
func columnWidths(f *excelize.File, sheet string, rows [][]string) ([]float64, error) {
	var widths []float64
	for _, row := range rows {
		for c := len(widths); c < len(row); c++ {
			col, _ := excelize.ColumnNumberToName(c + 1)
			w, err := f.GetColWidth(sheet, col)
			if err != nil {
				return nil, err
			}
			widths = append(widths, w)
		}
	}
	for c, w := range widths {
		need, widest := w, math.Min(w*maxWiden, excelize.MaxColumnWidth)
		for _, row := range rows {
			if c >= len(row) || row[c] == "" {
				continue
			}
			for need < widest && celltext.Lines(row[c], need) > maxRowLines {
				need = math.Min(need*1.1, widest)
			}
		}
		if need > w {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(sheet, col, col, need); err != nil {
				return nil, fmt.Errorf("%s第 %s 列的列宽：%w", sheet, col, err)
			}
			widths[c] = need
		}
	}
	return widths, nil
}
