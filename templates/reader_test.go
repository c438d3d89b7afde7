package templates

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
)

// progressText is the 本月工作进展 the fault tests write on each task row, so that a test
// can tell which row a value was read from.
func progressText(task int) string { return fmt.Sprintf("任务%d本月进展", task) }

// filledTemplate returns jxw's template for 2025-06 with a progress text on every task row
// and a value on every indicator row, written with excelize.
func filledTemplate(t testing.TB) []byte {
	t.Helper()
	p := defaultPlan(t)
	b, _ := writeTemplate(t, p, "jxw", "2025-06", nil)
	f := openBytes(t, b)
	lay := Current()
	for i, a := range p.Assignments("jxw") {
		mustDo(t, f.SetCellStr(SheetTasks, lay.Tasks.Cell(FieldProgress, lay.Tasks.FirstDataRow()+i), progressText(a.Task)))
	}
	for i := range p.ReportedIndicators("jxw") {
		mustDo(t, f.SetCellValue(SheetIndicators, lay.Indicators.Cell(FieldValue, lay.Indicators.FirstDataRow()+i), i+1))
	}
	return saveBytes(t, f)
}

func mustDo(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func saveBytes(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setMeta sets a metadata key in the custom properties and/or on the metadata sheet.
func setMeta(t *testing.T, f *excelize.File, key, value string, props, sheet bool) {
	t.Helper()
	if props {
		mustDo(t, f.SetCustomProps(excelize.CustomProperty{Name: key, Value: value}))
	}
	if sheet {
		for i, m := range Current().Meta {
			if m.Key == key {
				mustDo(t, f.SetCellStr(SheetMeta, fmt.Sprintf("B%d", i+2), value))
			}
		}
	}
}

// removeProps deletes every metadata custom property.
func removeProps(t *testing.T, f *excelize.File) {
	t.Helper()
	for _, m := range Current().Meta {
		mustDo(t, f.SetCustomProps(excelize.CustomProperty{Name: m.Key}))
	}
}

// want is one expected problem: rule, severity, sheet and cell.
type want struct{ Rule, Sev, Sheet, Cell string }

// faultKit holds what the TestReadFaults cases refer to: the plan, the layout, jxw's tasks
// and their rows, and a plan changed after the template was issued.
type faultKit struct {
	p, changedPlan *gyqc.Plan
	lay            *Layout
	tasks          []gyqc.Assignment
	first, last    int // jxw's task rows
}

func newFaultKit(t *testing.T) *faultKit {
	p := defaultPlan(t)
	lay := Current()
	tasks := p.Assignments("jxw")
	edited := strings.Replace(string(planfile.DefaultPlanFile), "name: 规模以上工业产值", "name: 规模以上工业总产值", 1)
	changedPlan, probs := planfile.Load("plan.yaml", []byte(edited), "units.yaml", planfile.DefaultUnitsFile)
	if changedPlan == nil {
		t.Fatal(probs)
	}
	first := lay.Tasks.FirstDataRow()
	return &faultKit{p: p, changedPlan: changedPlan, lay: lay, tasks: tasks, first: first, last: first + len(tasks) - 1}
}

// faultCase is a template damaged one way, the problems both readers must raise (with
// severity and, where there is one, the cell) and what must still be read.
type faultCase struct {
	Name   string
	Mess   func(t *testing.T, f *excelize.File)
	Plan   *gyqc.Plan
	Nil    bool // no result: the workbook is not identified
	Want   []want
	Verify func(t *testing.T, r *Returned)
}

// TestReadFaults reads templates damaged the ways returned workbooks are damaged: each case
// lists the rules it must raise (with severity and, where there is one, the cell) and may
// check what was still read.
func TestReadFaults(t *testing.T) {
	k := newFaultKit(t)
	runFaults(t, k, append(metaFaults(k), tableFaults(k)...))
}

// metaFaults are the cases of damaged or disagreeing metadata.
func metaFaults(k *faultKit) []faultCase {
	return []faultCase{
		{Name: "untouched", Mess: func(*testing.T, *excelize.File) {},
			Verify: func(t *testing.T, r *Returned) {
				if !slices.Equal(r.MetaSources, []string{SourceProps, SourceSheet}) || r.Application != "Go Excelize" {
					t.Errorf("sources %v application %q", r.MetaSources, r.Application)
				}
			}},
		{Name: "metadata sheet deleted", Mess: func(t *testing.T, f *excelize.File) { mustDo(t, f.DeleteSheet(SheetMeta)) },
			Verify: func(t *testing.T, r *Returned) {
				if !slices.Equal(r.MetaSources, []string{SourceProps}) || r.Meta.Unit != "jxw" {
					t.Errorf("sources %v meta %+v", r.MetaSources, r.Meta)
				}
			}},
		{Name: "custom properties removed", Mess: removeProps,
			Verify: func(t *testing.T, r *Returned) {
				if !slices.Equal(r.MetaSources, []string{SourceSheet}) || r.Meta.Period.String() != "2025-06" {
					t.Errorf("sources %v meta %+v", r.MetaSources, r.Meta)
				}
			}},
		{Name: "metadata sheet renamed", Mess: func(t *testing.T, f *excelize.File) {
			removeProps(t, f)
			mustDo(t, f.SetSheetName(SheetMeta, "Sheet4"))
		}, Verify: func(t *testing.T, r *Returned) {
			if r.Meta.Unit != "jxw" {
				t.Errorf("meta %+v", r.Meta)
			}
		}},
		{Name: "no metadata at all", Nil: true, Mess: func(t *testing.T, f *excelize.File) {
			removeProps(t, f)
			mustDo(t, f.DeleteSheet(SheetMeta))
		}, Want: []want{{"not-template", "error", "", ""}}},
		{Name: "unknown layout version", Nil: true, Mess: func(t *testing.T, f *excelize.File) {
			setMeta(t, f, MetaLayout, "99", true, true)
		}, Want: []want{{"layout-version", "error", "", ""}}},
		{Name: "another plan", Nil: true, Mess: func(t *testing.T, f *excelize.File) {
			setMeta(t, f, MetaPlanID, "another-plan", true, true)
		}, Want: []want{{"other-plan", "error", "", ""}}},
		{Name: "period outside the horizon", Nil: true, Mess: func(t *testing.T, f *excelize.File) {
			setMeta(t, f, MetaPeriod, "2030-01", true, true)
		}, Want: []want{{"bad-period", "error", "", ""}}},
		{Name: "copies disagree", Mess: func(t *testing.T, f *excelize.File) {
			setMeta(t, f, MetaUnit, "fgw", false, true)
		}, Want: []want{{"meta-conflict", "error", SheetMeta, ""}}},
		{Name: "plan changed after issuing", Plan: k.changedPlan, Mess: func(*testing.T, *excelize.File) {},
			Want: []want{{"plan-changed", "warning", "", ""},
				{"edited-label", "error", SheetIndicators, k.lay.Indicators.Cell(FieldName, k.lay.Indicators.FirstDataRow()+1)}}},
	}
}

// tableFaults are the cases of damaged task and indicator tables.
func tableFaults(k *faultKit) []faultCase {
	return []faultCase{
		{Name: "rows sorted in reverse", Mess: func(t *testing.T, f *excelize.File) {
			reverseRows(t, f, SheetTasks, k.first, k.last, len(k.lay.Tasks.Columns))
		}, Verify: func(t *testing.T, r *Returned) {
			for i, a := range k.tasks {
				tr := r.Task(a.Task)
				if tr == nil || tr.Progress.Text != progressText(a.Task) || tr.Row != k.last-i {
					t.Errorf("task %d: %+v, want its own progress from row %d", a.Task, tr, k.last-i)
				}
			}
		}},
		{Name: "row deleted", Mess: func(t *testing.T, f *excelize.File) { mustDo(t, f.RemoveRow(SheetTasks, k.first+1)) },
			Want: []want{{"missing-row", "error", SheetTasks, ""}},
			Verify: func(t *testing.T, r *Returned) {
				if r.Task(k.tasks[1].Task) != nil || len(r.Tasks) != len(k.tasks)-1 || r.Task(k.tasks[2].Task).Progress.Text != progressText(k.tasks[2].Task) {
					t.Errorf("tasks after a deleted row: %d read", len(r.Tasks))
				}
			}},
		{Name: "locked label edited", Mess: func(t *testing.T, f *excelize.File) {
			mustDo(t, f.SetCellStr(SheetTasks, k.lay.Tasks.Cell(FieldTaskTitle, k.first), "改过的任务名称"))
			mustDo(t, f.SetCellStr(SheetIndicators, k.lay.Indicators.Cell(FieldMeasure, k.lay.Indicators.FirstDataRow()+1), "万元"))
		}, Want: []want{{"edited-label", "error", SheetTasks, k.lay.Tasks.Cell(FieldTaskTitle, k.first)},
			{"edited-label", "error", SheetIndicators, k.lay.Indicators.Cell(FieldMeasure, k.lay.Indicators.FirstDataRow()+1)}}},
		{Name: "data sheet renamed", Mess: func(t *testing.T, f *excelize.File) { mustDo(t, f.SetSheetName(SheetIndicators, "Sheet3")) },
			Want: []want{{"renamed-sheet", "warning", "Sheet3", ""}},
			Verify: func(t *testing.T, r *Returned) {
				if len(r.Values) != len(k.p.ReportedIndicators("jxw")) || r.Values[0].Value.Text != "1" || r.Values[0].Value.Sheet != "Sheet3" {
					t.Errorf("values %+v", r.Values[:1])
				}
			}},
		{Name: "data sheet deleted", Mess: func(t *testing.T, f *excelize.File) { mustDo(t, f.DeleteSheet(SheetIndicators)) },
			Want: []want{{"missing-sheet", "error", SheetIndicators, ""}}},
		{Name: "column inserted", Mess: func(t *testing.T, f *excelize.File) { mustDo(t, f.InsertCols(SheetTasks, "B", 1)) },
			Want: []want{{"moved-column", "warning", SheetTasks, fmt.Sprintf("C%d", k.lay.Tasks.HeaderRow)}},
			Verify: func(t *testing.T, r *Returned) {
				tr := r.Task(k.tasks[0].Task)
				moved, _ := excelize.ColumnNumberToName(k.lay.Tasks.Index(FieldProgress) + 1)
				if tr.Progress.Text != progressText(k.tasks[0].Task) || tr.Progress.Cell != fmt.Sprintf("%s%d", moved, k.first) {
					t.Errorf("progress read as %+v", tr.Progress)
				}
			}},
		{Name: "header edited", Mess: func(t *testing.T, f *excelize.File) {
			mustDo(t, f.SetCellStr(SheetTasks, k.lay.Tasks.Cell(FieldProgress, k.lay.Tasks.HeaderRow), "进展"))
		}, Want: []want{{"missing-column", "error", SheetTasks, k.lay.Tasks.Cell(FieldProgress, k.lay.Tasks.HeaderRow)}}},
		{Name: "row inserted and typed into", Mess: func(t *testing.T, f *excelize.File) {
			mustDo(t, f.InsertRows(SheetTasks, k.first+1, 1))
			mustDo(t, f.SetCellStr(SheetTasks, k.lay.Tasks.Cell(FieldProgress, k.first+1), "插入行里的内容"))
		}, Want: []want{{"row-without-key", "warning", SheetTasks, k.lay.Tasks.Cell(FieldProgress, k.first+1)}},
			Verify: func(t *testing.T, r *Returned) {
				if tr := r.Task(k.tasks[1].Task); tr == nil || tr.Row != k.first+2 || tr.Progress.Text != progressText(k.tasks[1].Task) {
					t.Errorf("task below the inserted row: %+v", tr)
				}
			}},
		{Name: "row duplicated", Mess: func(t *testing.T, f *excelize.File) { mustDo(t, f.DuplicateRow(SheetTasks, k.first)) },
			Want: []want{{"duplicate-row", "error", SheetTasks, k.lay.Tasks.Cell(FieldKey, k.first+1)}}},
		{Name: "row key of another unit", Mess: func(t *testing.T, f *excelize.File) {
			mustDo(t, f.SetCellStr(SheetTasks, k.lay.Tasks.Cell(FieldKey, k.last), TaskKey(99)))
		}, Want: []want{{"missing-row", "error", SheetTasks, ""}, {"unknown-row", "error", SheetTasks, k.lay.Tasks.Cell(FieldKey, k.last)}}},
		{Name: "filler row deleted", Mess: func(t *testing.T, f *excelize.File) {
			for r := 1; r < 40; r++ {
				if v, _ := f.GetCellValue(SheetGuide, fmt.Sprintf("C%d", r)); v == FillerPhone {
					mustDo(t, f.RemoveRow(SheetGuide, r))
					return
				}
			}
			t.Fatal("no phone row")
		}, Want: []want{{"missing-row", "warning", SheetGuide, ""}}},
		{Name: "formula in an input", Mess: func(t *testing.T, f *excelize.File) {
			for _, c := range []struct{ sheet, cell, formula string }{
				{SheetTasks, k.lay.Tasks.Cell(FieldProgress, k.first), `"已"&"完成"`},
				{SheetIndicators, k.lay.Indicators.Cell(FieldValue, k.lay.Indicators.FirstDataRow()), "1+1"},
			} {
				mustDo(t, f.SetCellValue(c.sheet, c.cell, nil)) // no cached value, as openpyxl writes formulas
				mustDo(t, f.SetCellFormula(c.sheet, c.cell, c.formula))
			}
		}, Verify: func(t *testing.T, r *Returned) {
			// No cached value was stored: the reader returns nothing, never the formula or its result.
			if got := r.Task(k.tasks[0].Task).Progress.Text; got != "" {
				t.Errorf("text formula read as %q", got)
			}
			if got := r.Values[0].Value.Text; got != "" {
				t.Errorf("number formula read as %q", got)
			}
		}},
		{Name: "content far below the table", Mess: func(t *testing.T, f *excelize.File) {
			mustDo(t, f.SetCellStr(SheetTasks, fmt.Sprintf("A%d", maxReadRows+100), "x"))
		}, Want: []want{{"too-many-rows", "warning", SheetTasks, ""}}},
	}
}

// runFaults reads each case's damaged template through both readers, which must agree, and
// holds each reader's problems and result to the case.
func runFaults(t *testing.T, k *faultKit, cases []faultCase) {
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			f := openBytes(t, filledTemplate(t))
			tc.Mess(t, f)
			data := saveBytes(t, f)
			plan := k.p
			if tc.Plan != nil {
				plan = tc.Plan
			}
			readBothPlan(t, data, plan) // the two readers agree on everything
			for _, rdr := range readers {
				t.Run(rdr.Name, func(t *testing.T) {
					ret, probs := rdr.Read(t, data, plan)
					var got []want
					for _, pr := range probs {
						got = append(got, want{string(pr.Rule), string(pr.Severity), pr.Sheet, pr.Cell})
						if pr.Message == "" || (pr.Severity == gyqc.SevError && pr.Fix == "") {
							t.Errorf("problem without message or fix: %+v", pr)
						}
					}
					sortWants := func(w []want) {
						sort.Slice(w, func(i, j int) bool { return fmt.Sprint(w[i]) < fmt.Sprint(w[j]) })
					}
					wantList := slices.Clone(tc.Want)
					sortWants(got)
					sortWants(wantList)
					if !slices.Equal(got, wantList) {
						t.Errorf("problems:\n%s\ngot  %v\nwant %v", probs.Error(), got, wantList)
					}
					if (ret == nil) != tc.Nil {
						t.Fatalf("result nil %v, want nil %v", ret == nil, tc.Nil)
					}
					if tc.Verify != nil && ret != nil {
						tc.Verify(t, ret)
					}
				})
			}
		})
	}
}

// reverseRows reverses the order of the values in rows first..last (what sorting a range
// does): every cell's value moves with its row.
func reverseRows(t *testing.T, f *excelize.File, sheet string, first, last, cols int) {
	t.Helper()
	values := map[string]string{}
	for r := first; r <= last; r++ {
		for c := 1; c <= cols; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			v, err := f.GetCellValue(sheet, cell)
			mustDo(t, err)
			values[cell] = v
		}
	}
	for r := first; r <= last; r++ {
		for c := 1; c <= cols; c++ {
			from, _ := excelize.CoordinatesToCellName(c, first+last-r)
			to, _ := excelize.CoordinatesToCellName(c, r)
			v := values[from]
			mustDo(t, f.SetCellStr(sheet, to, v))
		}
	}
}

// TestReadPlainWorkbook: a workbook that is no template at all is not identified.
func TestReadPlainWorkbook(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	mustDo(t, f.SetCellStr("Sheet1", "A1", "单位"))
	data := saveBytes(t, f)
	for _, rdr := range readers {
		t.Run(rdr.Name, func(t *testing.T) {
			ret, probs := rdr.Read(t, data, defaultPlan(t))
			if ret != nil || len(probs) != 1 || probs[0].Rule != "not-template" || probs[0].Severity != gyqc.SevError {
				t.Errorf("got %v %v", ret, probs)
			}
		})
	}
}
