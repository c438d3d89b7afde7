package intake_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/review"
	"github.com/qianjiang/gyqc/templates"
)

// The returns of the content corpus: real templates of 区经济信息委 (jxw, which leads and
// supports tasks and reports counts, amounts and percentages) for 2025-06, sealed with
// contentKey, filled completely and then spoilt the way units spoil them. The intake lets
// them all through; the checks behind it (review.Examine) must catch each one.
var (
	contentKey    = []byte("gyqc review test key, 32 bytes..") // the key of review's tests and FuzzExamine
	contentPeriod = gyqc.MustPeriod("2025-06")
)

// contentCase is one file of the content corpus.
type contentCase struct {
	file  string
	build func(tb testing.TB, c *contentBase) []byte
	rule  gyqc.Rule     // a problem with this rule must be found
	sev   gyqc.Severity // of that severity
	check func(tb testing.TB, ex *review.Examined)
}

// contentBase is the issued template and how to reach its cells.
type contentBase struct {
	plan     *gyqc.Plan
	template []byte
}

// row returns the data row of a task or an indicator in jxw's template.
func (c *contentBase) taskRow(no int) int {
	for i, a := range c.plan.Assignments("jxw") {
		if a.Task == no {
			return templates.Current().Tasks.FirstDataRow() + i
		}
	}
	panic("no task " + strconv.Itoa(no))
}

func (c *contentBase) indRow(key string) int {
	for i, ind := range c.plan.ReportedIndicators("jxw") {
		if ind.Key == key {
			return templates.Current().Indicators.FirstDataRow() + i
		}
	}
	panic("no indicator " + key)
}

// role returns the first task jxw takes part in in role.
func (c *contentBase) task(role gyqc.Role) int {
	for _, a := range c.plan.Assignments("jxw") {
		if a.Role == role {
			return a.Task
		}
	}
	panic("no task in role " + string(role))
}

// filled fills every input of the template, then lets edit spoil it.
func (c *contentBase) filled(tb testing.TB, edit func(f *excelize.File)) []byte {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(c.template))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	lay := templates.Current()
	t := &lay.Tasks
	for _, a := range c.plan.Assignments("jxw") {
		r := c.taskRow(a.Task)
		f.SetCellStr(t.Sheet, t.Cell(templates.FieldStatus, r), string(gyqc.StatusOnTrack))
		f.SetCellStr(t.Sheet, t.Cell(templates.FieldProgress, r), "围绕任务"+strconv.Itoa(a.Task)+"召开调度会1次，走访企业3家，协调解决问题2个")
		f.SetCellStr(t.Sheet, t.Cell(templates.FieldNextPlan, r), "继续推进任务"+strconv.Itoa(a.Task))
	}
	in := &lay.Indicators
	for _, ind := range c.plan.ReportedIndicators("jxw") {
		v := 10.0
		if ind.Target != nil && *ind.Target > 0 {
			v = float64(int(*ind.Target/2 + 1))
		}
		f.SetCellFloat(in.Sheet, in.Cell(templates.FieldValue, c.indRow(ind.Key)), v, -1, 64)
	}
	c.filler(tb, f, map[string]string{templates.FillerName: "王小红", templates.FillerPhone: "023-79223456"})
	if edit != nil {
		edit(f)
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// filler writes 填报信息 by row key.
func (c *contentBase) filler(tb testing.TB, f *excelize.File, vals map[string]string) {
	g := templates.Current().Guide
	rows, err := f.GetRows(g.Sheet)
	if err != nil {
		tb.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 2 {
			if v, ok := vals[r[2]]; ok {
				f.SetCellStr(g.Sheet, g.Letter(templates.FieldText)+strconv.Itoa(i+1), v)
			}
		}
	}
}

// fillerCell returns the input cell of a filler row.
func (c *contentBase) fillerCell(tb testing.TB, f *excelize.File, key string) string {
	g := templates.Current().Guide
	rows, _ := f.GetRows(g.Sheet)
	for i, r := range rows {
		if len(r) > 2 && r[2] == key {
			return g.Letter(templates.FieldText) + strconv.Itoa(i+1)
		}
	}
	tb.Fatalf("no %s", key)
	return ""
}

// styled gives a cell a number format, keeping nothing else of its style.
func styled(f *excelize.File, sheet, cell string, numFmt int, custom string) {
	st := &excelize.Style{NumFmt: numFmt}
	if custom != "" {
		st.CustomNumFmt = &custom
	}
	id, _ := f.NewStyle(st)
	f.SetCellStyle(sheet, cell, cell, id)
}

// inCell replaces a cell's markup in one sheet of a workbook.
func inCell(tb testing.TB, data []byte, part, ref, markup string) []byte {
	tb.Helper()
	re := regexp.MustCompile(`<c r="` + ref + `"[^>]*?(/>|>.*?</c>)`)
	return editParts(tb, data, func(name string, b []byte) []byte {
		if name != part {
			return b
		}
		if !re.Match(b) {
			tb.Fatalf("no cell %s in %s", ref, part)
		}
		return re.ReplaceAllLiteral(b, []byte(markup))
	})
}

// Parts of the template the cases edit.
const (
	contentTasksPart      = "xl/worksheets/sheet2.xml"
	contentIndicatorsPart = "xl/worksheets/sheet3.xml"
)

var contentCases = []contentCase{
	{file: "value-logical.xlsx", rule: "wrong-type", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) {
			f.SetCellBool(templates.SheetIndicators, templates.Current().Indicators.Cell(templates.FieldValue, c.indRow("scale-enterprises")), true)
		})
	}},
	{file: "value-error-div0.xlsx", rule: "error-value", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		ref := templates.Current().Indicators.Cell(templates.FieldValue, c.indRow("output-value"))
		return inCell(tb, c.filled(tb, nil), contentIndicatorsPart, ref, `<c r="`+ref+`" t="e"><f>H5/0</f><v>#DIV/0!</v></c>`)
	}},
	{file: "progress-error-na.xlsx", rule: "error-value", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		ref := templates.Current().Tasks.Cell(templates.FieldProgress, c.taskRow(c.task(gyqc.RoleLead)))
		return inCell(tb, c.filled(tb, nil), contentTasksPart, ref, `<c r="`+ref+`" t="e"><f>VLOOKUP(A1,B:C,2,0)</f><v>#N/A</v></c>`)
	}},
	{file: "progress-error-div0.xlsx", rule: "error-value", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		ref := templates.Current().Tasks.Cell(templates.FieldProgress, c.taskRow(c.task(gyqc.RoleLead)))
		return inCell(tb, c.filled(tb, nil), contentTasksPart, ref, `<c r="`+ref+`" t="e"><f>1/0</f><v>#DIV/0!</v></c>`)
	}},
	{file: "value-date.xlsx", rule: "date-in-number", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) {
			cell := templates.Current().Indicators.Cell(templates.FieldValue, c.indRow("output-value"))
			f.SetCellInt(templates.SheetIndicators, cell, 45838)
			styled(f, templates.SheetIndicators, cell, 14, "")
		})
	}},
	{file: "value-percent-format.xlsx", rule: "percent-format", sev: gyqc.SevNote, build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) {
			cell := templates.Current().Indicators.Cell(templates.FieldValue, c.indRow("emerging-share"))
			f.SetCellFloat(templates.SheetIndicators, cell, 0.112, -1, 64)
			styled(f, templates.SheetIndicators, cell, 0, "0.0%")
		})
	}, check: func(tb testing.TB, ex *review.Examined) { wantValue(tb, ex, "emerging-share", 11.2) }},
	{file: "value-e-notation.xlsx", build: func(tb testing.TB, c *contentBase) []byte {
		ref := templates.Current().Indicators.Cell(templates.FieldValue, c.indRow("output-value"))
		return inCell(tb, c.filled(tb, nil), contentIndicatorsPart, ref, `<c r="`+ref+`"><v>2.0123450000000001E+2</v></c>`)
	}, check: func(tb testing.TB, ex *review.Examined) { wantValue(tb, ex, "output-value", 201.23450000000001) }},
	{file: "value-approximate.xlsx", rule: "approximate", sev: gyqc.SevWarning, build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) {
			f.SetCellStr(templates.SheetIndicators, templates.Current().Indicators.Cell(templates.FieldValue, c.indRow("scale-enterprises")), "约51家")
		})
	}, check: func(tb testing.TB, ex *review.Examined) { wantValue(tb, ex, "scale-enterprises", 51) }},
	{file: "value-fraction-for-percent.xlsx", rule: "percent-below-one", sev: gyqc.SevWarning, build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) {
			f.SetCellFloat(templates.SheetIndicators, templates.Current().Indicators.Cell(templates.FieldValue, c.indRow("rnd-share")), 0.21, -1, 64)
		})
	}},
	{file: "filler-date-1904.xlsx", build: func(tb testing.TB, c *contentBase) []byte {
		data := c.filled(tb, func(f *excelize.File) {
			cell := c.fillerCell(tb, f, templates.FillerDate)
			f.SetCellInt(templates.SheetGuide, cell, 44376) // 2025-06-30 counted from 1904
			styled(f, templates.SheetGuide, cell, 14, "")
		})
		return editParts(tb, data, replaceInPart("xl/workbook.xml", "<workbookPr", `<workbookPr date1904="1"`))
	}, check: func(tb testing.TB, ex *review.Examined) {
		if ex.Filler.Date != "2025-06-30" {
			tb.Errorf("填报日期 read as %q, want 2025-06-30 in the 1904 system", ex.Filler.Date)
		}
	}},
	{file: "untouched.xlsx", rule: "untouched", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte { return c.template }},
	{file: "untouched-saved-again.xlsx", rule: "untouched", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		return editParts(tb, c.template, func(name string, b []byte) []byte {
			if name != "docProps/core.xml" {
				return b
			}
			s := regexp.MustCompile(`<cp:lastModifiedBy>[^<]*</cp:lastModifiedBy>`).ReplaceAllString(string(b), "<cp:lastModifiedBy>王小红</cp:lastModifiedBy>")
			return []byte(regexp.MustCompile(`(<dcterms:modified[^>]*>)[^<]*`).ReplaceAllString(s, "${1}2025-06-29T08:00:00Z"))
		})
	}},
	{file: "support-status-empty.xlsx", rule: "status-required", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) {
			t, r := &templates.Current().Tasks, c.taskRow(c.task(gyqc.RoleSupport))
			f.SetCellStr(t.Sheet, t.Cell(templates.FieldStatus, r), "")
		})
	}},
	{file: "support-no-work.xlsx", build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) {
			t, r := &templates.Current().Tasks, c.taskRow(c.task(gyqc.RoleSupport))
			f.SetCellStr(t.Sheet, t.Cell(templates.FieldStatus, r), string(gyqc.StatusNoWork))
			f.SetCellStr(t.Sheet, t.Cell(templates.FieldProgress, r), "")
		})
	}},
	{file: "no-work-lead.xlsx", rule: "no-work-lead", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) {
			t := &templates.Current().Tasks
			f.SetCellStr(t.Sheet, t.Cell(templates.FieldStatus, c.taskRow(c.task(gyqc.RoleLead))), string(gyqc.StatusNoWork))
		})
	}},
	{file: "filler-missing.xlsx", rule: "filler-required", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) {
			c.filler(tb, f, map[string]string{templates.FillerName: "", templates.FillerPhone: ""})
		})
	}},
	{file: "phone-invalid.xlsx", rule: "phone-invalid", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) { c.filler(tb, f, map[string]string{templates.FillerPhone: "找办公室"}) })
	}},
}

// wantValue checks the figure stored for an indicator.
func wantValue(tb testing.TB, ex *review.Examined, key string, want float64) {
	tb.Helper()
	for _, v := range ex.Values {
		if v.Key == key {
			if v.Value == nil || *v.Value != want {
				tb.Errorf("%s stored as %v, want %v", key, v.Value, want)
			}
			return
		}
	}
	tb.Errorf("no value of %s", key)
}

// TestContentCorpus examines every file of the content corpus as collect does: the intake
// lets it through, and the checks find what is wrong with it, in the cell it is in. With
// -update it first rebuilds the files.
func TestContentCorpus(t *testing.T) {
	plan := planfile.Default()
	if intakeUpdate() {
		var buf bytes.Buffer
		if _, err := templates.Write(&buf, plan, plan.Registry.Unit("jxw"), contentPeriod, nil,
			templates.Options{Issued: time.Date(2025, 6, 25, 9, 0, 0, 0, plan.Location()), Key: contentKey}); err != nil {
			t.Fatal(err)
		}
		base := &contentBase{plan: plan, template: buf.Bytes()}
		for _, tc := range append(contentCases, moreContentCases...) {
			if err := os.WriteFile(filepath.Join(intakeBadDir, tc.file), tc.build(t, base), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range append(contentCases, moreContentCases...) {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(intakeBadDir, tc.file))
			if err != nil {
				t.Fatalf("%v (run go test -run TestContentCorpus -update)", err)
			}
			ex := review.Examine(tc.file, data, review.Input{Plan: plan, Period: contentPeriod, Key: contentKey})
			if !ex.Attributed || ex.Unit == nil || ex.Unit.Code != "jxw" {
				t.Fatalf("not read as jxw's return: %v", ex.Problems)
			}
			var unexpected []string
			found := false
			for _, p := range ex.Problems {
				if p.Rule == tc.rule && p.Severity == tc.sev {
					found = true
					if p.Message == "" || p.File != tc.file || (p.Severity != gyqc.SevNote && p.Fix == "") {
						t.Errorf("incomplete problem %+v", p)
					}
					if tc.rule != "untouched" && (p.Sheet == "" || p.Cell == "") {
						t.Errorf("problem without its cell: %+v", p)
					}
				} else if p.Severity != gyqc.SevNote {
					unexpected = append(unexpected, p.String())
				}
			}
			if tc.rule != "" && !found {
				t.Errorf("no %s %s among %v", tc.sev, tc.rule, ex.Problems)
			}
			if len(unexpected) > 0 {
				t.Errorf("other problems:\n%s", strings.Join(unexpected, "\n"))
			}
			if (tc.sev == gyqc.SevError) != (ex.Outcome == gyqc.OutcomeRefused) {
				t.Errorf("outcome %s with %s %s", ex.Outcome, tc.sev, tc.rule)
			}
			if tc.check != nil {
				tc.check(t, ex)
			}
		})
	}
}
