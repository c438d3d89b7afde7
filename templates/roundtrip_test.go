package templates

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
)

// fillValue is one value fill.py writes: text (kept as text whatever it looks like), a
// number or a date.
type fillValue struct {
	S      *string  `json:"s,omitempty"`
	N      *float64 `json:"n,omitempty"`
	Date   string   `json:"date,omitempty"`
	F      string   `json:"f,omitempty"` // a formula, stored by openpyxl without a cached value
	cached string   // what LibreOffice caches for F when it re-saves
}

// want is what the reader must return for the cell: the text as written, a number in its
// shortest form, a date as its Excel serial day.
func (v fillValue) want() string {
	switch {
	case v.F != "":
		return "" // no cached value, and formulas are never evaluated
	case v.S != nil:
		return *v.S
	case v.N != nil:
		return gyqc.FormatNumber(*v.N)
	}
	d, _ := time.Parse("2006-01-02", v.Date)
	return excelSerial(d)
}

func text(s string) fillValue            { return fillValue{S: &s} }
func number(n float64) fillValue         { return fillValue{N: &n} }
func date(s string) fillValue            { return fillValue{Date: s} }
func formula(f, cached string) fillValue { return fillValue{F: f, cached: cached} }
func cellKey(sheet, cell string) string  { return sheet + "!" + cell }

// awkwardTexts are texts a unit may type that must come back exactly: formula-like starts,
// full-width digits, line breaks, quotes, surrounding spaces.
var awkwardTexts = []string{
	`=HYPERLINK("http://example.com","点击")`, "+1", "-2", "@x", "=1+1", "１２３", "第一行\n第二行",
	`他说“已完成”`, "  前后有空格  ", "约30", "12.5亿", "1,200", "15%", "无",
}

// fillSpec builds what a unit writes into its template: a status and three texts on every
// task row, a value and a note on every indicator row, the filler fields. It returns the
// spec for fill.py and the expected raw text of every filled cell.
func fillSpec(p *gyqc.Plan, code string, fillerCell map[string]string) (map[string]map[string]fillValue, map[string]string, map[string]string) {
	lay := Current()
	spec := map[string]map[string]fillValue{SheetTasks: {}, SheetIndicators: {}, SheetGuide: {}}
	want, cached := map[string]string{}, map[string]string{}
	put := func(sheet, cell string, v fillValue) {
		spec[sheet][cell] = v
		want[cellKey(sheet, cell)] = v.want()
		if v.F != "" {
			cached[cellKey(sheet, cell)] = v.cached
		}
	}
	n := 0
	next := func() string { n++; return awkwardTexts[n%len(awkwardTexts)] }
	for i, a := range p.Assignments(code) {
		row := lay.Tasks.FirstDataRow() + i
		put(SheetTasks, lay.Tasks.Cell(FieldStatus, row), text(string(gyqc.Statuses[i%len(gyqc.Statuses)])))
		put(SheetTasks, lay.Tasks.Cell(FieldProgress, row), text(fmt.Sprintf("任务%d：%s", a.Task, next())))
		put(SheetTasks, lay.Tasks.Cell(FieldIssues, row), text(next()))
		if i == 1 {
			put(SheetTasks, lay.Tasks.Cell(FieldNextPlan, row), formula(`="下月"&"计划"`, "下月计划"))
			continue
		}
		put(SheetTasks, lay.Tasks.Cell(FieldNextPlan, row), text(next()))
	}
	numbers := []float64{12.5, 0.1, -3, 100, 1234567.25, 0}
	for i := range p.ReportedIndicators(code) {
		row := lay.Indicators.FirstDataRow() + i
		if i == 2 {
			put(SheetIndicators, lay.Indicators.Cell(FieldValue, row), formula("=1+1", "2"))
		} else if i%4 == 3 {
			put(SheetIndicators, lay.Indicators.Cell(FieldValue, row), text(next())) // text in a number cell
		} else {
			put(SheetIndicators, lay.Indicators.Cell(FieldValue, row), number(numbers[i%len(numbers)]))
		}
		put(SheetIndicators, lay.Indicators.Cell(FieldNote, row), text(next()))
	}
	fills := map[string]fillValue{FillerName: text("张三"), FillerPhone: text("023-79000000"), FillerReviewer: text("李四"), FillerDate: date("2025-06-30")}
	for _, fl := range lay.Guide.Fillers {
		put(SheetGuide, fillerCell[fl.Key], fills[fl.Key])
	}
	return spec, want, cached
}

// fillerCells returns the input cell of every filler field of a written template.
func fillerCells(t *testing.T, b []byte) map[string]string {
	t.Helper()
	f := openBytes(t, b)
	rows, err := f.Rows(SheetGuide)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	g := &Current().Guide
	cells := map[string]string{}
	for r := 1; rows.Next(); r++ {
		row, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		if k := at(row, 3); strings.HasPrefix(k, "filler:") {
			cells[k] = fmt.Sprintf("%s%d", g.Letter(FieldText), r)
		}
	}
	return cells
}

// fillWithOpenpyxl writes the template of code, fills it with fill.py and returns the path
// of the filled file, the expected raw text of every filled cell, and the values LibreOffice
// caches for the formula cells when it re-saves the file.
func fillWithOpenpyxl(t *testing.T, dir, code string, prev *gyqc.Submission) (string, map[string]string, map[string]string) {
	t.Helper()
	py := clients.Python(t)
	p := defaultPlan(t)
	b, info := writeTemplate(t, p, code, "2025-06", prev)
	src := saveFile(t, dir, info.FileName, b)
	spec, want, cached := fillSpec(p, code, fillerCells(t, b))
	js, err := json.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	specPath := saveFile(t, dir, code+"-spec.json", js)
	dst := filepath.Join(dir, "filled-"+info.FileName)
	if out, err := exec.Command(py, filepath.Join("testdata", "fill.py"), src, dst, specPath).CombinedOutput(); err != nil {
		t.Fatalf("fill.py: %v\n%s", err, out)
	}
	return dst, want, cached
}

// checkRead reads path with rdr and compares every input with what was filled in.
func checkRead(t *testing.T, rdr readerImpl, path, code string, want map[string]string) *Returned {
	t.Helper()
	p := defaultPlan(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ret, probs := rdr.Read(t, b, p)
	if ret == nil || len(probs) > 0 {
		t.Fatalf("Read: %v", probs)
	}
	if ret.Meta.Unit != code || ret.Meta.Period.String() != "2025-06" || ret.Meta.Layout != LayoutVersion {
		t.Errorf("meta %+v", ret.Meta)
	}
	got := map[string]string{}
	add := func(in Input) {
		if in.Cell == "" {
			t.Errorf("input without a cell: %+v", in)
		}
		if in.Text != "" {
			got[cellKey(in.Sheet, in.Cell)] = in.Text
		}
	}
	for _, tr := range ret.Tasks {
		add(tr.Status)
		add(tr.Progress)
		add(tr.Issues)
		add(tr.NextPlan)
	}
	for _, v := range ret.Values {
		add(v.Value)
		add(v.Note)
	}
	for _, in := range []Input{ret.Filler.Name, ret.Filler.Phone, ret.Filler.Reviewer, ret.Filler.Date} {
		add(in)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: read %q, wrote %q", k, got[k], w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: read %q, wrote nothing there", k, g)
		}
	}
	if len(ret.Tasks) != len(p.Assignments(code)) || len(ret.Values) != len(p.ReportedIndicators(code)) {
		t.Errorf("read %d tasks, %d values", len(ret.Tasks), len(ret.Values))
	}
	return ret
}

// TestRoundTrip fills templates with openpyxl as a unit would (statuses, texts that look
// like formulas, numbers, full-width digits, a date) and reads them back: every value equals
// what was written, at the cell it was written to. Then the same after LibreOffice re-saves
// the filled files (one batched soffice run). openpyxl drops custom document properties on
// save, so the first read also proves the hidden-sheet copy of the metadata is enough.
func TestRoundTrip(t *testing.T) {
	p := defaultPlan(t)
	dir := t.TempDir()
	cases := []struct {
		Name, Unit string
		Prev       *gyqc.Submission
	}{
		{Name: "lead unit prefilled", Unit: "jxw", Prev: samplePrev(p, "jxw", "2025-05")},
		{Name: "park", Unit: "zyyq"},
		{Name: "town", Unit: "cdjd"},
	}
	filled := map[string]string{}
	wants := map[string]map[string]string{}
	for _, tc := range cases {
		t.Run("openpyxl/"+tc.Name, func(t *testing.T) {
			path, want, cached := fillWithOpenpyxl(t, dir, tc.Unit, tc.Prev)
			for _, rdr := range readers {
				t.Run(rdr.Name, func(t *testing.T) {
					ret := checkRead(t, rdr, path, tc.Unit, want)
					if strings.Join(ret.MetaSources, ",") != SourceSheet {
						t.Errorf("metadata from %v; openpyxl keeps only the sheet", ret.MetaSources)
					}
				})
			}
			for k, v := range cached { // LibreOffice computes and caches formulas on re-save
				want[k] = v
			}
			filled[tc.Unit], wants[tc.Unit] = path, want
		})
	}
	if len(filled) != len(cases) {
		return
	}
	resaved := filepath.Join(dir, "resaved")
	args := []string{"--convert-to", `xlsx:Calc MS Excel 2007 XML`, "--outdir", resaved}
	for _, tc := range cases {
		args = append(args, filled[tc.Unit])
	}
	if out, err := clients.SofficeRun(t, dir, args...); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, tc := range cases {
		for _, rdr := range readers {
			t.Run("libreoffice/"+tc.Name+"/"+rdr.Name, func(t *testing.T) {
				ret := checkRead(t, rdr, filepath.Join(resaved, filepath.Base(filled[tc.Unit])), tc.Unit, wants[tc.Unit])
				if !strings.Contains(ret.Application, "LibreOffice") {
					t.Errorf("application %q", ret.Application)
				}
			})
		}
	}
}
