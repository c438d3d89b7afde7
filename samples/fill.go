package samples

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/cellstyle"
	"github.com/qianjiang/gyqc/templates"
)

// Limits for opening the templates we fill: ours are a few dozen kilobytes.
const (
	fillZipLimit = 64 << 20
	fillXMLLimit = 16 << 20
)

// Fill writes a unit's return into the workbook the templates package issued to it and returns
// the filled workbook. Only the input cells are written, found through the template's layout
// and row keys: 进展状态, 本月工作进展, 经验做法 (layout 2), 存在问题及需协调事项 and 下月工作计划
// of each task; 本期值
// (a number, or the text of a messy return) and 情况说明 of each indicator; and 填报人, 联系电话,
// 审核人 and 填报日期 (a date). Locked cells are left as they are. The document's last author
// and modification time become the filler and the day it was filled, as Excel would record.
// The template must be this unit's for this period.
func Fill(template []byte, ret *Return) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(template),
		excelize.Options{UnzipSizeLimit: fillZipLimit, UnzipXMLSizeLimit: fillXMLLimit})
	if err != nil {
		return nil, fmt.Errorf("open template of %s: %w", ret.Unit, err)
	}
	defer f.Close()
	lay, err := checkTemplate(f, ret)
	if err != nil {
		return nil, err
	}
	w := &filler{f: f}

	// 任务进展.
	t := &lay.Tasks
	rows := w.keyRows(t.Sheet, t.Index(templates.FieldKey))
	for _, tr := range ret.Tasks {
		row, ok := rows[templates.TaskKey(tr.Task)]
		if !ok {
			return nil, fmt.Errorf("template of %s %s has no row for task %d", ret.Unit, ret.Period, tr.Task)
		}
		w.text(t.Sheet, t.Cell(templates.FieldStatus, row), string(tr.Status))
		w.text(t.Sheet, t.Cell(templates.FieldProgress, row), tr.Progress)
		if t.Index(templates.FieldPractice) > 0 {
			w.text(t.Sheet, t.Cell(templates.FieldPractice, row), tr.Practice)
		}
		w.text(t.Sheet, t.Cell(templates.FieldIssues, row), tr.Issues)
		w.text(t.Sheet, t.Cell(templates.FieldNextPlan, row), tr.NextPlan)
	}

	// 指标填报.
	if err := w.values(&lay.Indicators, ret); err != nil {
		return nil, err
	}

	// 填报信息 on the 填报说明 sheet.
	g := &lay.Guide
	tg := templates.Table{Columns: g.Columns}
	rows = w.keyRows(g.Sheet, tg.Index(templates.FieldKey))
	text := g.Letter(templates.FieldText)
	for _, fl := range g.Fillers {
		row, ok := rows[fl.Key]
		if !ok {
			return nil, fmt.Errorf("template of %s %s has no row for %s", ret.Unit, ret.Period, fl.Key)
		}
		cell := text + strconv.Itoa(row)
		switch fl.Key {
		case templates.FillerName:
			w.text(g.Sheet, cell, ret.Filler.Name)
		case templates.FillerPhone:
			w.text(g.Sheet, cell, ret.Filler.Phone)
		case templates.FillerReviewer:
			w.text(g.Sheet, cell, ret.Filler.Reviewer)
		case templates.FillerDate:
			if d, err := time.Parse("2006-01-02", ret.Filler.Date); err == nil {
				w.check(f.SetCellInt(g.Sheet, cell, int64(serialDay(d))))
			} else {
				w.text(g.Sheet, cell, ret.Filler.Date)
			}
		}
	}

	// The document properties a spreadsheet program updates on saving.
	if w.err == nil {
		props, err := f.GetDocProps()
		w.check(err)
		if props != nil {
			props.LastModifiedBy = ret.Filler.Name
			if d, err := time.ParseInLocation("2006-01-02", ret.Filler.Date, ret.Received.Location()); err == nil {
				props.Modified = d.Add(time.Duration(ret.Received.Hour())*time.Hour + time.Duration(ret.Received.Minute())*time.Minute).UTC().Format(time.RFC3339)
			}
			w.check(f.SetDocProps(props))
		}
	}
	if w.err != nil {
		return nil, fmt.Errorf("fill template of %s %s: %w", ret.Unit, ret.Period, w.err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write filled workbook of %s %s: %w", ret.Unit, ret.Period, err)
	}
	return buf.Bytes(), nil
}

// checkTemplate reads the template's identity from its custom properties and returns its
// layout; the template must be the return's unit's, for the return's period.
func checkTemplate(f *excelize.File, ret *Return) (*templates.Layout, error) {
	props, err := f.GetCustomProps()
	if err != nil {
		return nil, fmt.Errorf("read template properties: %w", err)
	}
	meta := map[string]string{}
	for _, p := range props {
		if s, ok := p.Value.(string); ok {
			meta[p.Name] = strings.TrimSpace(s)
		}
	}
	if meta[templates.MetaUnit] != ret.Unit || meta[templates.MetaPeriod] != ret.Period.String() {
		return nil, gyqc.Errorf(gyqc.EInvalid, "模板属于单位“%s”的%s报送期，不能填写单位“%s”%s的报表",
			meta[templates.MetaUnit], meta[templates.MetaPeriod], ret.Unit, ret.Period)
	}
	lay := templates.LayoutOf(meta[templates.MetaLayout])
	if lay == nil {
		return nil, gyqc.Errorf(gyqc.EInvalid, "模板格式版本“%s”无法识别", meta[templates.MetaLayout])
	}
	return lay, nil
}

// filler writes cells and keeps the first error.
type filler struct {
	f   *excelize.File
	err error
}

func (w *filler) check(err error) {
	if w.err == nil && err != nil {
		w.err = err
	}
}

// text writes s as text; an empty s leaves the cell as the template had it (empty).
func (w *filler) text(sheet, cell, s string) {
	if s != "" && w.err == nil {
		w.check(w.f.SetCellStr(sheet, cell, s))
	}
}

// keyRows maps the row keys in column col of sheet to their row numbers.
func (w *filler) keyRows(sheet string, col int) map[string]int {
	out := map[string]int{}
	if w.err != nil {
		return out
	}
	rows, err := w.f.Rows(sheet)
	if err != nil {
		w.check(fmt.Errorf("read sheet %s: %w", sheet, err))
		return out
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			w.check(fmt.Errorf("read sheet %s row %d: %w", sheet, n, err))
			return out
		}
		if col >= 1 && col <= len(cells) {
			if k := strings.TrimSpace(cells[col-1]); k != "" {
				out[k] = n
			}
		}
	}
	w.check(rows.Error())
	return out
}

// serialDay returns the Excel serial day number of d's date (1900 date system).
func serialDay(d time.Time) int {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return int(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Sub(base).Hours() / 24)
}

// percentFormat gives a cell the percent format Excel gives a cell into which 18.5% is typed
// (0.0%), keeping the rest of its style.
func (w *filler) percentFormat(sheet, cell string) {
	if w.err != nil {
		return
	}
	st := cellstyle.Of(w.f, sheet, cell)
	code := "0.0%"
	st.NumFmt, st.CustomNumFmt, st.DecimalPlaces = 0, &code, nil
	id, err := w.f.NewStyle(st)
	w.check(err)
	w.check(w.f.SetCellStyle(sheet, cell, cell, id))
}

// Fraction is what Excel stores when a percentage is typed with its % sign: 18.5 → 0.185,
// without the binary noise of the division (0.18500000000000003).
func Fraction(percent float64) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(percent/100, 'g', 12, 64), 64)
	return f
}

// values fills the 指标填报 rows of ret's figures: 本期值 (a number, a fraction under a percent
// format where the unit typed it so, or the text of a messy return), 情况说明 and a flow's
// 同比增长 (layout 3).
func (w *filler) values(t *templates.Table, ret *Return) error {
	f := w.f
	rows := w.keyRows(t.Sheet, t.Index(templates.FieldKey))
	for _, v := range ret.Values {
		row, ok := rows[templates.IndicatorKey(v.Key)]
		if !ok {
			return fmt.Errorf("template of %s %s has no row for indicator %s", ret.Unit, ret.Period, v.Key)
		}
		cell := t.Cell(templates.FieldValue, row)
		switch {
		case v.Value != nil && slices.Contains(ret.PercentTyped, v.Key):
			w.check(f.SetCellFloat(t.Sheet, cell, Fraction(*v.Value), -1, 64))
			w.percentFormat(t.Sheet, cell)
		case v.Value != nil:
			w.check(f.SetCellFloat(t.Sheet, cell, *v.Value, -1, 64))
		default:
			w.text(t.Sheet, cell, v.Raw)
		}
		w.text(t.Sheet, t.Cell(templates.FieldNote, row), v.Note)
		if v.Growth != nil && t.Index(templates.FieldGrowth) > 0 {
			w.check(f.SetCellFloat(t.Sheet, t.Cell(templates.FieldGrowth, row), *v.Growth, -1, 64))
		}
	}
	return nil
}
