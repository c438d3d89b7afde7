package templates

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/xlsxzip"
)

// Options control how a template is written.
type Options struct {
	// Issued is the issue time recorded in the metadata and the document properties. The
	// zero time means now; tests and reproducible runs pass a fixed time.
	Issued time.Time
	// Password, when set, protects the sheets and the workbook structure with it (SHA-512,
	// random salt: the output is then no longer the same bytes on every run). Without it the
	// protection stops accidental edits only, which is its purpose here: anyone can strip
	// sheet protection with a few clicks or a script.
	Password string
	// Key is the workspace key the template's identity is sealed with (see Seal). Without
	// it the template carries no seal, and a collection refuses it.
	Key []byte
}

// Info describes a written template.
type Info struct {
	Unit        string      `json:"unit"`
	UnitName    string      `json:"unit_name"`
	Period      gyqc.Period `json:"period"`
	FileName    string      `json:"file_name"`
	Due         time.Time   `json:"due"`
	DueLabel    string      `json:"due_label"`
	Issued      time.Time   `json:"issued"`
	Fingerprint string      `json:"fingerprint"` // see Fingerprint
	SHA256      string      `json:"sha256"`      // of the bytes written
	Size        int64       `json:"size"`
	Tasks       int         `json:"tasks"`
	Indicators  int         `json:"indicators"`
	Prefilled   bool        `json:"prefilled"` // prefilled from an earlier accepted report
}

// Write writes the template of unit for period to w and returns its description, with the
// SHA-256 of the bytes written. prev, when not nil, is the unit's latest accepted report of
// an earlier period: its figures become 上期值 and its statuses and plans are shown and
// preselected (一表同享). The output depends only on the arguments: with a fixed
// opts.Issued and no password, the same arguments give the same bytes.
func Write(w io.Writer, plan *gyqc.Plan, unit *gyqc.Unit, period gyqc.Period, prev *gyqc.Submission, opts Options) (Info, error) {
	f, info, err := build(plan, unit, period, prev, opts)
	if err != nil {
		return info, err
	}
	defer f.Close()
	h := sha256.New()
	cw := &countingWriter{w: io.MultiWriter(w, h)}
	if _, err := f.WriteTo(cw); err != nil {
		return info, fmt.Errorf("write template %s: %w", info.FileName, err)
	}
	info.SHA256 = hex.EncodeToString(h.Sum(nil))
	info.Size = cw.n
	return info, nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

// Write writes p through and counts it.
func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// builder writes one workbook. Its helpers do nothing once an error has occurred, so that
// the sheet code reads as a list of cells; build returns the first error.
type builder struct {
	f      *excelize.File
	lay    *Layout
	plan   *gyqc.Plan
	unit   *gyqc.Unit
	period gyqc.Period
	prev   *gyqc.Submission
	opts   Options
	meta   Meta
	st     styles
	err    error
}

// build checks the arguments and builds the workbook in memory.
func build(plan *gyqc.Plan, unit *gyqc.Unit, period gyqc.Period, prev *gyqc.Submission, opts Options) (*excelize.File, Info, error) {
	if plan == nil || unit == nil {
		return nil, Info{}, fmt.Errorf("build template: plan and unit are required")
	}
	if plan.Registry == nil || plan.Registry.Unit(unit.Code) == nil {
		return nil, Info{}, gyqc.Errorf(gyqc.ENotFound, "单位代码“%s”不在单位名册中", unit.Code)
	}
	if err := plan.CheckPeriod(period); err != nil {
		return nil, Info{}, err
	}
	if prev != nil && (prev.Unit != unit.Code || !prev.Period.Before(period)) {
		return nil, Info{}, fmt.Errorf("build template %s %s: prefill from a report of %s for %s, not an earlier report of the unit",
			unit.Code, period, prev.Unit, prev.Period)
	}
	tasks, inds := plan.Assignments(unit.Code), plan.ReportedIndicators(unit.Code)
	if len(tasks) == 0 && len(inds) == 0 {
		return nil, Info{}, gyqc.Errorf(gyqc.EInvalid, "单位“%s”（%s）不承担任务，也不报送指标，无需下发报表", unit.Name, unit.Code)
	}
	issued := opts.Issued
	if issued.IsZero() {
		issued = time.Now()
	}
	issued = issued.In(plan.Location()).Truncate(time.Second)
	f := excelize.NewFile()
	f.SetZipWriter(xlsxzip.New(issued))
	b := &builder{f: f, lay: Current(), plan: plan, unit: unit, period: period, prev: prev, opts: opts}
	b.meta = Meta{Unit: unit.Code, UnitName: unit.Name, Period: period, PlanID: plan.ID, PlanVersion: plan.Version,
		Layout: LayoutVersion, Issued: issued, Fingerprint: Fingerprint(plan, unit.Code, period)}
	if len(opts.Key) > 0 {
		b.meta.Seal = Seal(opts.Key, b.meta)
	}
	info := Info{Unit: unit.Code, UnitName: unit.Name, Period: period, FileName: FileName(period, unit),
		Due: plan.Due(period), DueLabel: plan.DueLabel(period), Issued: issued, Fingerprint: b.meta.Fingerprint,
		Tasks: len(tasks), Indicators: len(inds), Prefilled: prev != nil}

	b.st, b.err = newStyles(b.f)
	b.check(b.f.SetDefaultFont(fontFamily))
	b.check(b.f.SetSheetName("Sheet1", SheetGuide))
	for _, name := range []string{SheetTasks, SheetIndicators, SheetMeta} {
		if b.err == nil {
			_, b.err = b.f.NewSheet(name)
		}
	}
	b.guide(tasks, inds)
	b.tasks(tasks)
	b.indicators(inds)
	b.metadata()
	b.protect()
	full := true
	b.check(b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full})) // the self-check computes on opening
	b.f.SetActiveSheet(0)
	if b.err != nil {
		b.f.Close()
		return nil, info, fmt.Errorf("build template %s %s: %w", unit.Code, period, b.err)
	}
	return b.f, info, nil
}

// check records err if it is the first.
func (b *builder) check(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

// set writes v into cell with style.
func (b *builder) set(sheet, cell string, v any, style int) {
	if b.err != nil {
		return
	}
	switch x := v.(type) {
	case string:
		if x != "" {
			b.check(b.f.SetCellStr(sheet, cell, x))
		}
	case nil:
	default:
		b.check(b.f.SetCellValue(sheet, cell, x))
	}
	b.check(b.f.SetCellStyle(sheet, cell, cell, style))
}

// merge merges a range and styles it (so that borders and fills cover the whole range).
func (b *builder) merge(sheet, from, to string, style int) {
	if b.err == nil {
		b.check(b.f.MergeCell(sheet, from, to))
		b.check(b.f.SetCellStyle(sheet, from, to, style))
	}
}

// height sets a row's height in points.
func (b *builder) height(sheet string, row int, pt float64) {
	if b.err == nil {
		b.check(b.f.SetRowHeight(sheet, row, pt))
	}
}

// validate adds a data validation.
func (b *builder) validate(sheet string, dv *excelize.DataValidation) {
	if b.err == nil {
		b.check(b.f.AddDataValidation(sheet, dv))
	}
}

// columns sets widths and hides the key column.
func (b *builder) columns(sheet string, cols []Column) {
	for i, c := range cols {
		if b.err != nil {
			return
		}
		letter, _ := excelize.ColumnNumberToName(i + 1)
		b.check(b.f.SetColWidth(sheet, letter, letter, c.Width))
		if c.Hidden {
			b.check(b.f.SetColVisible(sheet, letter, false))
		}
	}
}

// shortTitle is the plan's title without 实施方案: 黔江区“工业强城”建设.
func (b *builder) shortTitle() string {
	return strings.TrimSuffix(b.plan.Title, "实施方案")
}

// reportTitle is the workbook's title: 黔江区“工业强城”建设工作进展月报表.
func (b *builder) reportTitle() string { return b.shortTitle() + "工作进展月报表" }

// infoLine is row 2 of the data sheets: unit, period, deadline, source of prefilled data.
func (b *builder) infoLine() string {
	s := fmt.Sprintf("填报单位：%s　　报送期：%s　　报送截止：%s", b.unit.Name, b.period.Label(), b.plan.DueLabel(b.period))
	if b.prev != nil {
		s += fmt.Sprintf("　　上期数据：%s已接收报表", b.prev.Period.Label())
	}
	return s
}

// page sets up printing: A4 in the given orientation, one page wide, header rows repeated,
// header and footer naming the unit, period and sheet, no gridlines on screen.
func (b *builder) page(sheet, orientation string, headerRows int) {
	if b.err != nil {
		return
	}
	a4, one, tall := 9, 1, 0
	fit, no := true, false
	b.check(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &tall}))
	b.check(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	lr, tb, hf := 0.5, 0.75, 0.3
	b.check(b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb, Bottom: &tb,
		Header: &hf, Footer: &hf, Horizontally: &fit}))
	esc := func(s string) string { return strings.ReplaceAll(s, "&", "&&") }
	b.check(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&9" + esc(b.reportTitle()) + "&R&9" + esc(b.unit.Name) + "　" + b.period.Label(),
		OddFooter: "&L&9&A&C&9第 &P 页，共 &N 页&R&9报送截止：" + esc(b.plan.DueLabel(b.period)),
	}))
	b.check(b.f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: &no}))
	if headerRows > 0 {
		b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headerRows, headerRows)}))
	}
}

// protect locks every sheet (only unlocked cells stay editable; rows and columns may be
// resized) and the workbook's structure (no sheet added, removed, renamed or unhidden).
func (b *builder) protect() {
	alg := ""
	if b.opts.Password != "" {
		alg = "SHA-512"
	}
	for _, sheet := range []string{SheetGuide, SheetTasks, SheetIndicators, SheetMeta} {
		if b.err != nil {
			return
		}
		b.check(b.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
			AlgorithmName: alg, Password: b.opts.Password,
			SelectLockedCells: true, SelectUnlockedCells: true, FormatRows: true, FormatColumns: true,
		}))
	}
	b.check(b.f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true, Password: b.opts.Password, AlgorithmName: alg}))
}

// metadata writes the identity of the template to the custom document properties, the
// core properties and the very hidden metadata sheet.
func (b *builder) metadata() {
	if b.err != nil {
		return
	}
	vals := b.meta.Values()
	sheet := b.lay.MetaSheet
	b.set(sheet, "A1", "键", b.st.header)
	b.set(sheet, "B1", "值", b.st.header)
	b.set(sheet, "C1", "说明", b.st.header)
	for i, m := range b.lay.Meta {
		r := strconv.Itoa(i + 2)
		b.set(sheet, "A"+r, m.Key, b.st.metaText)
		b.set(sheet, "B"+r, vals[m.Key], b.st.metaText)
		b.set(sheet, "C"+r, m.Label, b.st.metaText)
	}
	b.customProps(vals)
	last := len(b.lay.Meta) + 1
	b.set(sheet, "A"+strconv.Itoa(last+2), "本工作表由 gyqc 生成，用于识别报表，请勿修改。", b.st.note)
	b.columns(sheet, []Column{{Width: 20}, {Width: 70}, {Width: 16}})
	b.check(b.f.SetSheetDimension(sheet, fmt.Sprintf("A1:C%d", last+2)))
	b.check(b.f.SetSheetVisible(sheet, false, true))

	stamp := b.meta.Issued.UTC().Format(time.RFC3339)
	b.check(b.f.SetDocProps(&excelize.DocProperties{
		Title:          fmt.Sprintf("%s（%s，%s）", b.reportTitle(), b.unit.Name, b.period.Label()),
		Subject:        b.plan.Title,
		Creator:        b.plan.Reporting.Office,
		LastModifiedBy: b.plan.Reporting.Office,
		Keywords:       "gyqc " + b.unit.Code + " " + b.period.String(),
		Description:    "请于" + b.plan.DueLabel(b.period) + "报送" + b.plan.Reporting.Office,
		Category:       "gyqc 报表模板",
		Created:        stamp,
		Modified:       stamp,
		Language:       "zh-CN",
	}))
}

// customPropsPart is where excelize keeps the custom document properties.
const customPropsPart = "docProps/custom.xml"

// customProps stores the metadata as custom document properties, all strings. SetCustomProps
// re-reads and rewrites the whole part for every property; with thousands of templates that
// shows, so it is called once (to register the part's relationship and content type) and the
// part is then replaced by one holding every property. The golden and LibreOffice tests read
// the properties back.
func (b *builder) customProps(vals map[string]string) {
	if b.err != nil {
		return
	}
	first := b.lay.Meta[0].Key
	b.check(b.f.SetCustomProps(excelize.CustomProperty{Name: first, Value: vals[first]}))
	var x bytes.Buffer
	x.WriteString(xml.Header)
	x.WriteString(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ` +
		`xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	for i, m := range b.lay.Meta {
		fmt.Fprintf(&x, `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="%d" name="`, i+2)
		xml.EscapeText(&x, []byte(m.Key))
		x.WriteString(`"><vt:lpwstr>`)
		xml.EscapeText(&x, []byte(vals[m.Key]))
		x.WriteString(`</vt:lpwstr></property>`)
	}
	x.WriteString(`</Properties>`)
	if _, ok := b.f.Pkg.Load(customPropsPart); !ok {
		b.check(fmt.Errorf("custom properties part %s not found", customPropsPart))
		return
	}
	b.f.Pkg.Store(customPropsPart, x.Bytes())
}
