package consolidate

import (
	"math"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/qianjiang/gyqc"
)

// Table is one sheet of the consolidated workbook as plain data: title lines, a header row,
// rows of typed cells and how each column reads. WriteWorkbook and WriteCSV render the same
// tables, so that the workbook and the CSV files never drift apart.
type Table struct {
	Name    string   // the sheet's name, and the CSV file's
	Intro   []string // title lines above the header; none for tables whose header is row 1
	Columns []Column
	Rows    [][]Cell
	Freeze  int // columns kept in view at the left, besides the header row
}

// Column is one column of a table.
type Column struct {
	Header string
	Width  float64 // display width in characters (a Chinese character counts 1.75)
	Max    float64 // when above Width, the column widens to its longest content up to Max
	Wrap   bool    // long text wraps within the column
	Center bool    // short codes and labels are centred
}

// CellKind says what a cell holds.
type CellKind uint8

// Kinds of cells.
const (
	CellEmpty  CellKind = iota // nothing: the column does not apply to the row
	CellText                   // text, kept as text even when it looks like a formula or a number
	CellNumber                 // a number, shown by its Format
	CellTime                   // an instant, shown as local time in the plan's time zone
	CellNoData                 // a figure that is missing, said in words (无数据, 未报送): never 0
)

// Format is how a number reads.
type Format uint8

// Number formats.
const (
	FormatFigure   Format = iota // a reported figure, with as many decimals as it has (up to 4)
	FormatInt                    // a count or a number such as a version: 1,234
	FormatDecimal1               // a computed figure: 11.7
	FormatPercent                // a ratio as a percentage: 0.456 → 45.6%
	FormatPoints                 // percentage points: 2.5 → 2.5个百分点
	FormatPlaces                 // places of a rank: 3 → 3位
	FormatScore                  // a score: 97.5
)

// Mark is a colour that carries meaning: the lights. The cell also says it in words, so that
// a black-and-white print loses nothing.
type Mark uint8

// Marks.
const (
	MarkNone Mark = iota
	MarkGreen
	MarkYellow
	MarkRed
)

// Cell is one typed cell of a table.
type Cell struct {
	Kind   CellKind
	Format Format // CellNumber
	Mark   Mark
	Text   string  // CellText, CellNoData
	Num    float64 // CellNumber; CellTime: the Unix seconds of the plan's wall clock read as UTC
	Unit   string  // CellNumber: a measure the workbook shows after the number (1个); CSV does not
}

// wall returns the time of a CellTime: the plan's wall clock, in UTC, as spreadsheets have
// no time zones.
func (c Cell) wall() time.Time { return time.Unix(int64(c.Num), 0).UTC() }

// Cells.

// text returns a text cell, clipped to what a spreadsheet cell holds.
func text(s string) Cell { return Cell{Kind: CellText, Text: clipCell(s)} }

// number returns a number cell; NaN and infinities, which no spreadsheet stores, read 无数据.
func number(v float64, f Format) Cell {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return noData("无数据")
	}
	return Cell{Kind: CellNumber, Num: v, Format: f}
}

// measured returns a figure in a measure: 1 shown as 1个 in the workbook.
func measured(v float64, unit string) Cell {
	c := number(v, FormatFigure)
	if c.Kind == CellNumber {
		c.Unit = unit
	}
	return c
}

// integer returns an integer cell.
func integer(n int) Cell { return Cell{Kind: CellNumber, Num: float64(n), Format: FormatInt} }

// figure returns a reported figure, or noData(why) when there is none.
func figure(v *float64, why string) Cell {
	if v == nil {
		return noData(why)
	}
	return number(*v, FormatFigure)
}

// computed returns a computed figure rounded to hide floating-point noise, or noData(why).
func computed(v *float64, f Format, why string) Cell {
	if v == nil {
		return noData(why)
	}
	return number(round6(*v), f)
}

// noData returns a cell that says in words why there is no figure.
func noData(why string) Cell { return Cell{Kind: CellNoData, Text: why} }

// instant returns a time cell in the plan's time zone, or noData(why) for the zero time.
func instant(t time.Time, loc *time.Location, why string) Cell {
	if t.IsZero() {
		return noData(why)
	}
	w := t.In(loc)
	wall := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.UTC)
	return Cell{Kind: CellTime, Num: float64(wall.Unix())}
}

// marked returns a text cell with a meaningful colour.
func marked(s string, m Mark) Cell { return Cell{Kind: CellText, Text: s, Mark: m} }

// yesNo returns 是 or 否.
func yesNo(b bool) Cell {
	if b {
		return text("是")
	}
	return text("否")
}

// Colours of task lights and of indicator statuses (each as the light it gives its task);
// what is not listed is shown as no data.
var (
	lightMarks  = map[gyqc.Light]Mark{gyqc.LightGreen: MarkGreen, gyqc.LightYellow: MarkYellow, gyqc.LightRed: MarkRed}
	statusMarks = map[gyqc.IndicatorStatus]Mark{gyqc.IndicatorOnTrack: MarkGreen, gyqc.IndicatorBehind: MarkYellow,
		gyqc.IndicatorFarBehind: MarkRed}
)

// lightCell returns a task light as a coloured cell that names it: 绿灯, 黄灯, 红灯, 暂无数据.
func lightCell(l gyqc.Light) Cell { return colored(lightMarks, l, l.Label()) }

// statusCell returns an indicator's status, coloured as the light it gives its task.
func statusCell(s gyqc.IndicatorStatus) Cell { return colored(statusMarks, s, s.Label()) }

// colored returns a text cell with the label in the colour marks give k, or a no-data cell.
func colored[K comparable](marks map[K]Mark, k K, label string) Cell {
	if m, ok := marks[k]; ok {
		return marked(label, m)
	}
	return noData(label)
}

// String returns the cell as CSV and text dumps write it: numbers in their shortest form,
// times as local "2006-01-02 15:04:05".
func (c Cell) String() string {
	switch c.Kind {
	case CellNumber:
		return gyqc.FormatNumber(c.Num)
	case CellTime:
		return c.wall().Format("2006-01-02 15:04:05")
	}
	return c.Text
}

// Text limits.

// maxCellUnits is the most a spreadsheet cell holds, in UTF-16 code units (Excel's limit).
const maxCellUnits = 32767

// clipNote ends a text that was too long for one cell.
const clipNote = "……（内容过长，已截断，全文见报送文件）"

// clipCell clips s to what one cell holds, saying so at the end, and replaces bytes that are
// not UTF-8 (which XML cannot carry).
func clipCell(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if len(s) <= maxCellUnits || utf16Len(s) <= maxCellUnits { // never more units than bytes
		return s
	}
	limit := maxCellUnits - utf16Len(clipNote)
	n := 0
	for i, r := range s {
		n += utf16.RuneLen(r)
		if n > limit {
			return s[:i] + clipNote
		}
	}
	return s
}

// utf16Len returns the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// round6 rounds a computed value to six decimals, enough for every figure and percentage.
func round6(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e12 {
		return v
	}
	return math.Round(v*1e6) / 1e6
}
