package consolidate

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/cellstyle"
	"github.com/qianjiang/gyqc/internal/celltext"
	"github.com/qianjiang/gyqc/internal/xlsxzip"
)

// WriteWorkbook writes the consolidated workbook of an evaluation to w: the sheets 总览,
// 任务进展, 指标完成, 报送情况, 单位考核, 历史趋势 and 明细 (see Tables), each with its
// header frozen and filtered, readable widths, number formats, and printing set up for A4
// landscape, one page wide, with the header repeated and numbered pages. Colours mark only
// the lights, and each coloured cell also says its light in words. Everything units wrote is
// written as text, never as a formula. The same input gives the same bytes: the file records
// opts.Stamp or the evaluation time, never the wall clock. subs are the attempts the
// evaluation was given (nil: only those it counted).
func WriteWorkbook(w io.Writer, plan *gyqc.Plan, ev *gyqc.Evaluation, subs []gyqc.Submission, opts Options) error {
	tables, err := Tables(plan, ev, subs, opts)
	if err != nil {
		return err
	}
	if plan == nil {
		plan = ev.Plan
	}
	s := &summary{plan: plan, ev: ev, opts: opts, loc: plan.Location()}
	return writeTables(w, plan, bookInfo{title: s.title(), asOf: s.asOf(), stamp: opts.stamp(ev), opts: opts,
		keywords: "gyqc consolidate " + ev.Period.String(), category: "gyqc 月度汇总",
		description: "报送截止时间：" + plan.DueLabel(ev.Period) + "；统计时间：" + s.asOf()}, tables)
}

// bookInfo is what a workbook says about itself: its title (page headers, properties), when
// its figures stand (page footers), the time it records and its properties.
type bookInfo struct {
	title, asOf                     string
	stamp                           time.Time
	keywords, category, description string
	opts                            Options // its Context stops the writing
}

// writeTables writes tables as the sheets of one workbook, the first one active (see
// WriteWorkbook for how they look). The same input gives the same bytes.
func writeTables(w io.Writer, plan *gyqc.Plan, info bookInfo, tables []*Table) error {
	b := &book{f: excelize.NewFile(), styles: map[styleKey]int{}, opts: info.opts}
	defer b.f.Close()
	stamp := info.stamp.In(plan.Location())
	b.header = "&L" + headerText(info.title) + "&R" + headerText(plan.Reporting.Office)
	b.footer = "&L统计时间：" + headerText(info.asOf) + "&C第 &P 页，共 &N 页&R" + "gyqc 生成"
	for i, t := range tables {
		b.check(info.opts.ctxErr())
		b.sheet(i, t)
	}
	b.check(b.f.SetDocProps(&excelize.DocProperties{
		Title:          info.title,
		Subject:        plan.Title,
		Creator:        plan.Reporting.Office,
		LastModifiedBy: plan.Reporting.Office,
		Keywords:       info.keywords,
		Description:    info.description,
		Category:       info.category,
		Created:        stamp.UTC().Format(time.RFC3339),
		Modified:       stamp.UTC().Format(time.RFC3339),
		Language:       "zh-CN",
	}))
	b.check(b.f.SetAppProps(&excelize.AppProperties{Application: "gyqc", Company: plan.Reporting.Office}))
	if b.err != nil {
		return fmt.Errorf("write workbook %s: %w", info.title, b.err)
	}
	b.f.SetZipWriter(xlsxzip.New(stamp))
	if err := b.f.Write(ctxWriter{w, info.opts}); err != nil {
		return fmt.Errorf("write workbook %s: %w", info.title, err)
	}
	return nil
}

// ctxWriter stops a write once the options' context is done.
type ctxWriter struct {
	w    io.Writer
	opts Options
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.opts.ctxErr(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// headerText escapes text for a page header or footer, where & starts a code.
func headerText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// book writes tables as the sheets of one workbook.
type book struct {
	f              *excelize.File
	styles         map[styleKey]int
	header, footer string
	err            error
	opts           Options
}

// check keeps the first error.
func (b *book) check(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

// Layout of a sheet.
const (
	fontName = "宋体"
	fontSize = 10
)

// sheet writes table t as sheet number i.
func (b *book) sheet(i int, t *Table) {
	if b.err != nil {
		return
	}
	f, name := b.f, t.Name
	if i == 0 {
		b.check(f.SetSheetName(f.GetSheetName(0), name))
	} else {
		_, err := f.NewSheet(name)
		b.check(err)
	}
	headerRow := 1
	if len(t.Intro) > 0 {
		headerRow = len(t.Intro) + 2
	}
	lastRow := headerRow + len(t.Rows)
	lastCol, _ := excelize.ColumnNumberToName(len(t.Columns))
	b.page(name, headerRow, lastRow, lastCol)
	if b.err != nil {
		return
	}

	sw, err := f.NewStreamWriter(name)
	if err != nil {
		b.check(err)
		return
	}
	widths := columnWidths(t)
	for c, w := range widths {
		b.check(sw.SetColWidth(c+1, c+1, w))
	}
	topLeft, _ := excelize.CoordinatesToCellName(t.Freeze+1, headerRow+1)
	pane := "bottomLeft"
	if t.Freeze > 0 {
		pane = "bottomRight"
	}
	b.check(sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: t.Freeze, YSplit: headerRow, TopLeftCell: topLeft, ActivePane: pane}))

	// Title lines.
	for j, line := range t.Intro {
		st := b.style(styleKey{role: roleIntro})
		h := 20.0
		if j == 0 {
			st, h = b.style(styleKey{role: roleTitle}), 28
		}
		b.check(sw.SetRow(cellRef("A", j+1), []any{excelize.Cell{StyleID: st, Value: line}}, excelize.RowOpts{Height: h}))
		b.check(sw.MergeCell(cellRef("A", j+1), cellRef(lastCol, j+1)))
	}

	// Header.
	row := make([]any, len(t.Columns))
	lines := 1
	for c, col := range t.Columns {
		row[c] = excelize.Cell{StyleID: b.style(styleKey{role: roleHeader}), Value: col.Header}
		lines = max(lines, celltext.Lines(col.Header, widths[c]))
	}
	b.check(sw.SetRow(cellRef("A", headerRow), row, excelize.RowOpts{Height: celltext.RowHeight(lines)}))

	b.rows(sw, t, headerRow, widths, row)
	b.check(sw.Flush())
}

// page sets what precedes the rows in a sheet's XML, before the stream starts: the
// dimension, the filter, the page layout and the print titles.
func (b *book) page(name string, headerRow, lastRow int, lastCol string) {
	f := b.f
	b.check(f.SetSheetDimension(name, "A1:"+cellRef(lastCol, lastRow)))
	// AutoFilter replaces the sheet properties: it comes first.
	b.check(f.AutoFilter(name, cellRef("A", headerRow)+":"+cellRef(lastCol, max(lastRow, headerRow+1)), nil))
	fit, size, orientation := true, 9, "landscape" // 9: A4
	b.check(f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}))
	b.check(f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation,
		FitToWidth: new(1), FitToHeight: new(0)}))
	lr, tb, hf := 0.4, 0.6, 0.3
	b.check(f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf}))
	b.check(f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddHeader: b.header + "&C" + headerText(name), OddFooter: b.footer}))
	b.check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", name, headerRow, headerRow)}))
}

// rows streams the table's rows below the header, through one reused set of cells (a *Cell
// in an interface costs no allocation); row is the slice the header was written with.
func (b *book) rows(sw *excelize.StreamWriter, t *Table, headerRow int, widths []float64, row []any) {
	xcells := make([]excelize.Cell, len(t.Columns))
	for r, cells := range t.Rows {
		if r%256 == 255 {
			b.check(b.opts.ctxErr())
		}
		if b.err != nil {
			return
		}
		lines := 1
		for c := range row {
			row[c] = nil
			if c >= len(cells) {
				continue
			}
			cell, col := cells[c], t.Columns[c]
			xcells[c] = b.value(cell, col)
			row[c] = &xcells[c]
			if col.Wrap && (cell.Kind == CellText || cell.Kind == CellNoData) {
				lines = max(lines, celltext.Lines(cell.Text, widths[c]))
			}
		}
		var opts []excelize.RowOpts
		if lines > 1 {
			opts = append(opts, excelize.RowOpts{Height: celltext.RowHeight(lines)})
		}
		b.check(sw.SetRow(cellRef("A", headerRow+1+r), row, opts...))
	}
}

// cellRef returns the reference of a cell: cellRef("B", 3) is B3.
func cellRef(col string, row int) string { return col + fmt.Sprint(row) }

// value returns the excelize cell for a table cell: text stays text whatever it looks like.
func (b *book) value(c Cell, col Column) excelize.Cell {
	k := styleKey{role: roleBody, kind: c.Kind, mark: c.Mark, wrap: col.Wrap, center: col.Center}
	switch c.Kind {
	case CellEmpty:
		return excelize.Cell{StyleID: b.style(k)}
	case CellNumber:
		k.format = numberFormat(c.Num, c.Format)
		if c.Unit != "" {
			k.format += `"` + strings.ReplaceAll(c.Unit, `"`, "") + `"`
		}
		return excelize.Cell{StyleID: b.style(k), Value: c.Num}
	case CellTime:
		k.format = "yyyy-mm-dd hh:mm"
		return excelize.Cell{StyleID: b.style(k), Value: c.wall()}
	}
	return excelize.Cell{StyleID: b.style(k), Value: c.Text}
}

// Cell roles, for styles.
const (
	roleBody = iota
	roleHeader
	roleTitle
	roleIntro
)

// styleKey is what a cell's style depends on.
type styleKey struct {
	role         int
	kind         CellKind
	format       string
	mark         Mark
	wrap, center bool
}

// markColors are the fills and fonts of the lights: green, yellow and red as spreadsheet
// users know them from conditional formatting.
var markColors = map[Mark][2]string{
	MarkGreen:  {"C6EFCE", "006100"},
	MarkYellow: {"FFEB9C", "9C5700"},
	MarkRed:    {"FFC7CE", "9C0006"},
}

// style returns the style for k, creating it once.
func (b *book) style(k styleKey) int {
	if id, ok := b.styles[k]; ok {
		return id
	}
	font := &excelize.Font{Family: fontName, Size: fontSize}
	st := &excelize.Style{Font: font, Alignment: &excelize.Alignment{Vertical: "top", WrapText: k.wrap}}
	switch k.role {
	case roleTitle:
		font.Bold, font.Size = true, 16
		st.Alignment = &excelize.Alignment{Horizontal: "left", Vertical: "center"}
	case roleIntro:
		st.Alignment = &excelize.Alignment{Horizontal: "left", Vertical: "center"}
	case roleHeader:
		font.Bold = true
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}
		st.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
		st.Border = cellstyle.Box("A6A6A6")
	default:
		st.Border = cellstyle.Box("A6A6A6")
		if k.center {
			st.Alignment.Horizontal = "center"
		}
		if k.format != "" {
			format := k.format // not &k.format: k would escape on every call
			st.CustomNumFmt = &format
		}
		switch k.kind {
		case CellText:
			st.NumFmt = 49 // @: the cell stays text when edited
		case CellNoData:
			font.Color, font.Italic = "7F7F7F", true
			st.Alignment.Horizontal = "center"
		}
		if c, ok := markColors[k.mark]; ok {
			st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}}
			font.Color, font.Bold = c[1], true
			st.Alignment.Horizontal = "center"
		}
	}
	id, err := b.f.NewStyle(st)
	b.check(err)
	b.styles[k] = id
	return id
}

// numberFormat returns the number format code of a number cell.
func numberFormat(v float64, f Format) string {
	switch f {
	case FormatInt:
		return "0"
	case FormatDecimal1:
		return "#,##0.0"
	case FormatPercent:
		return "0.0%"
	case FormatPoints:
		return `0.0"个百分点"`
	case FormatPlaces:
		return `0"位"`
	case FormatScore:
		return "0.0#"
	}
	if d := decimals(v); d > 0 {
		return "#,##0." + strings.Repeat("0", d)
	}
	return "#,##0"
}

// decimals returns how many decimals, up to four, v needs to show as it is.
func decimals(v float64) int {
	for d := 0; d < 4; d++ {
		p := math.Pow10(d)
		if math.Abs(math.Round(v*p)/p-v) <= 1e-9*math.Max(1, math.Abs(v)) {
			return d
		}
	}
	return 4
}

// columnWidths returns each column's width: its set width, or for a column with a Max its
// longest content, within Width and Max.
func columnWidths(t *Table) []float64 {
	out := make([]float64, len(t.Columns))
	for c, col := range t.Columns {
		out[c] = col.Width
		if col.Max <= col.Width {
			continue
		}
		for _, row := range t.Rows {
			if c < len(row) && (row[c].Kind == CellText || row[c].Kind == CellNoData) {
				w := celltext.Widest(row[c].Text)
				out[c] = math.Max(out[c], math.Min(w+2, col.Max))
			}
		}
	}
	return out
}
