package templates

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
)

// clientPeriod is the period of the templates checked with real clients.
const clientPeriod = "2025-06"

var (
	allOnce  sync.Once
	allDir   string
	allFiles map[string]string // unit code → path
)

// allTemplates writes the template of every responsible unit of the default plan for
// clientPeriod into one folder, once per test binary.
func allTemplates(t *testing.T) (string, map[string]string) {
	t.Helper()
	p := defaultPlan(t)
	allOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gyqc-templates-")
		if err != nil {
			t.Fatal(err)
		}
		allDir, allFiles = dir, map[string]string{}
		for _, u := range p.ResponsibleUnits() {
			b, info := writeTemplate(t, p, u.Code, clientPeriod, nil)
			allFiles[u.Code] = saveFile(t, dir, info.FileName, b)
		}
	})
	return allDir, allFiles
}

// TestMain removes the shared folder of templates.
func TestMain(m *testing.M) {
	code := m.Run()
	if allDir != "" {
		os.RemoveAll(allDir)
	}
	os.Exit(code)
}

// sheetFacts is what testdata/facts.py reports for one sheet.
type sheetFacts struct {
	MaxRow      int      `json:"max_row"`
	Protected   bool     `json:"protected"`
	FormatRows  bool     `json:"format_rows_allowed"`
	InsertRows  bool     `json:"insert_rows_allowed"`
	Unlocked    []string `json:"unlocked"`
	HiddenCols  []string `json:"hidden_cols"`
	Validations []struct {
		Type, Sqref, F1, F2, Op string
		Prompt                  *string
		ErrorStyle              *string `json:"error_style"`
		HiddenArrow             bool    `json:"show_dropdown_hidden"`
	} `json:"validations"`
	Freeze      *string  `json:"freeze"`
	PrintTitles *string  `json:"print_title_rows"`
	Orientation *string  `json:"orientation"`
	Paper       any      `json:"paper"`
	FitWidth    any      `json:"fit_width"`
	FitToPage   bool     `json:"fit_to_page"`
	Keys        []string `json:"keys"`
	RORows      int      `json:"ro_rows"`
	ROKeys      []string `json:"ro_keys"`
}

type fileFacts struct {
	Sheets []string              `json:"sheets"`
	States []string              `json:"states"`
	Sheet  map[string]sheetFacts `json:"sheet"`
}

// TestOpenpyxlSeesTemplates opens every template of the period with openpyxl, normally and
// read-only, and checks what it reports against the layout and the plan: every row (the
// <dimension> trap), the row keys, drop-downs, number validations, protection with exactly
// the input cells unlocked, hidden key columns, page set-up and frozen headers.
func TestOpenpyxlSeesTemplates(t *testing.T) {
	py := clients.Python(t)
	p := defaultPlan(t)
	_, files := allTemplates(t)
	args := []string{filepath.Join("testdata", "facts.py")}
	for _, u := range p.ResponsibleUnits() {
		args = append(args, files[u.Code])
	}
	out, err := exec.Command(py, args...).Output()
	if err != nil {
		t.Fatalf("facts.py: %v\n%s", err, stderrOf(err))
	}
	var all map[string]fileFacts
	if err := json.Unmarshal(out, &all); err != nil {
		t.Fatal(err)
	}
	lay := Current()
	for _, u := range p.ResponsibleUnits() {
		t.Run(u.Code, func(t *testing.T) {
			ff, ok := all[files[u.Code]]
			if !ok {
				t.Fatal("no facts")
			}
			if want := []string{SheetGuide, SheetTasks, SheetIndicators, SheetMeta}; !slices.Equal(ff.Sheets, want) {
				t.Errorf("sheets %v, want %v", ff.Sheets, want)
			}
			if want := []string{"visible", "visible", "visible", "veryHidden"}; !slices.Equal(ff.States, want) {
				t.Errorf("states %v, want %v", ff.States, want)
			}
			for name, sf := range ff.Sheet {
				if !sf.Protected || sf.InsertRows || !sf.FormatRows {
					t.Errorf("%s: protected %v, insert rows allowed %v, format rows allowed %v", name, sf.Protected, sf.InsertRows, sf.FormatRows)
				}
				if sf.RORows != sf.MaxRow || !slices.Equal(sf.ROKeys, sf.Keys) {
					t.Errorf("%s: read-only mode yields %d rows and keys %v; normal mode %d rows, keys %v", name, sf.RORows, sf.ROKeys, sf.MaxRow, sf.Keys)
				}
			}
			checkTableFacts(t, &lay.Tasks, ff.Sheet[SheetTasks], taskKeys(p, u.Code), nil)
			inds := p.ReportedIndicators(u.Code)
			checkTableFacts(t, &lay.Indicators, ff.Sheet[SheetIndicators], indicatorKeys(p, u.Code), func(i int, f Field) bool {
				return f != FieldGrowth || inds[i].Kind == gyqc.KindFlow // 同比增长 only for flows
			})
			checkTaskValidations(t, &lay.Tasks, ff.Sheet[SheetTasks], p.Assignments(u.Code))
			checkValueValidations(t, &lay.Indicators, ff.Sheet[SheetIndicators], p.ReportedIndicators(u.Code))

			g := ff.Sheet[SheetGuide]
			var fillers []string
			for _, fl := range lay.Guide.Fillers {
				fillers = append(fillers, fl.Key)
			}
			if !slices.Equal(g.Keys, fillers) || len(g.Unlocked) != len(fillers) {
				t.Errorf("guide: keys %v unlocked %v, want keys %v and as many unlocked cells", g.Keys, g.Unlocked, fillers)
			}
			if g.Orientation == nil || *g.Orientation != "portrait" || !g.FitToPage {
				t.Errorf("guide: orientation %v fit %v", g.Orientation, g.FitToPage)
			}
			meta := ff.Sheet[SheetMeta]
			if len(meta.Keys) != len(lay.Meta) || len(meta.Unlocked) != 0 {
				t.Errorf("metadata sheet: keys %v, unlocked %v", meta.Keys, meta.Unlocked)
			}
		})
	}
}

// checkTableFacts checks a table sheet: rows, keys, unlocked inputs, hidden key column,
// print set-up and frozen headers.
// open, when not nil, says whether input field f of data row i is open to the unit.
func checkTableFacts(t *testing.T, tbl *Table, sf sheetFacts, keys []string, open func(i int, f Field) bool) {
	t.Helper()
	rows := max(len(keys), 1)
	if sf.MaxRow != tbl.HeaderRow+rows {
		t.Errorf("%s: %d rows, want %d", tbl.Sheet, sf.MaxRow, tbl.HeaderRow+rows)
	}
	if !slices.Equal(sf.Keys, keys) {
		t.Errorf("%s: keys %v, want %v", tbl.Sheet, sf.Keys, keys)
	}
	var unlocked []string
	for i := range keys {
		for _, c := range tbl.Columns {
			if c.Input && (open == nil || open(i, c.Field)) {
				unlocked = append(unlocked, tbl.Cell(c.Field, tbl.FirstDataRow()+i))
			}
		}
	}
	slices.Sort(unlocked)
	if !slices.Equal(sf.Unlocked, unlocked) {
		t.Errorf("%s: unlocked %v, want %v", tbl.Sheet, sf.Unlocked, unlocked)
	}
	if !slices.Equal(sf.HiddenCols, []string{tbl.Letter(FieldKey)}) {
		t.Errorf("%s: hidden columns %v, want the key column %s", tbl.Sheet, sf.HiddenCols, tbl.Letter(FieldKey))
	}
	wantTitles := fmt.Sprintf("%d:%d", tbl.HeaderRow, tbl.HeaderRow)
	if sf.PrintTitles == nil || strings.ReplaceAll(*sf.PrintTitles, "$", "") != wantTitles {
		t.Errorf("%s: print titles %v, want %s", tbl.Sheet, sf.PrintTitles, wantTitles)
	}
	if sf.Orientation == nil || *sf.Orientation != "landscape" || fmt.Sprint(sf.Paper) != "9" || fmt.Sprint(sf.FitWidth) != "1" || !sf.FitToPage {
		t.Errorf("%s: page set-up %v %v %v %v, want landscape A4 (9) one page wide", tbl.Sheet, sf.Orientation, sf.Paper, sf.FitWidth, sf.FitToPage)
	}
	if sf.Freeze == nil || *sf.Freeze != fmt.Sprintf("A%d", tbl.FirstDataRow()) {
		t.Errorf("%s: frozen at %v", tbl.Sheet, sf.Freeze)
	}
}

// checkTaskValidations: one drop-down of the statuses over the status column, with the
// arrow shown and an error that stops other values.
func checkTaskValidations(t *testing.T, tbl *Table, sf sheetFacts, as []gyqc.Assignment) {
	t.Helper()
	lists := map[gyqc.Role]string{}
	for _, role := range []gyqc.Role{gyqc.RoleLead, gyqc.RoleSupport} {
		var names []string
		for _, s := range gyqc.Statuses {
			if s.For(role) {
				names = append(names, string(s))
			}
		}
		lists[role] = `"` + strings.Join(names, ",") + `"`
	}
	covered := map[string]string{} // status cell -> list
	for _, v := range sf.Validations {
		if v.Type != "list" {
			continue
		}
		if v.HiddenArrow || v.ErrorStyle == nil || *v.ErrorStyle != "stop" {
			t.Errorf("status drop-down %+v", v)
		}
		for _, c := range strings.Fields(v.Sqref) {
			covered[c] = v.F1
		}
	}
	for i, a := range as {
		c := tbl.Cell(FieldStatus, tbl.FirstDataRow()+i)
		if covered[c] != lists[a.Role] {
			t.Errorf("task %d (%s) %s: drop-down %s, want %s", a.Task, a.Role, c, covered[c], lists[a.Role])
		}
		delete(covered, c)
	}
	if len(covered) > 0 {
		t.Errorf("drop-downs on other cells: %v", covered)
	}
}

// checkValueValidations: each 本期值 cell has a number validation (whole for counts and
// ranks, decimal otherwise) with a Chinese prompt.
func checkValueValidations(t *testing.T, tbl *Table, sf sheetFacts, inds []*gyqc.Indicator) {
	t.Helper()
	byCell := map[string]int{}
	for i, v := range sf.Validations {
		byCell[v.Sqref] = i
	}
	for i, ind := range inds {
		cell := tbl.Cell(FieldValue, tbl.FirstDataRow()+i)
		j, ok := byCell[cell]
		if !ok {
			t.Errorf("%s %s: no validation", ind.Key, cell)
			continue
		}
		v := sf.Validations[j]
		r := valueRuleOf(ind)
		wantType := map[excelize.DataValidationType]string{excelize.DataValidationTypeWhole: "whole", excelize.DataValidationTypeDecimal: "decimal"}[r.kind]
		if v.Type != wantType || v.Op != "between" || v.F1 != r.min || v.F2 != r.max || v.Prompt == nil || !strings.Contains(*v.Prompt, ind.Name) {
			t.Errorf("%s %s: validation %+v, want %s %s..%s with a prompt naming the indicator", ind.Key, cell, v, wantType, r.min, r.max)
		}
		// 数据截至: a drop-down of the months, its prompt naming the month prefilled.
		cell = tbl.Cell(FieldCovers, tbl.FirstDataRow()+i)
		if j, ok = byCell[cell]; !ok {
			t.Errorf("%s %s: 数据截至 has no drop-down", ind.Key, cell)
			continue
		}
		v = sf.Validations[j]
		def := ind.Latest(gyqc.MustPeriod(clientPeriod)).Label()
		if v.Type != "list" || !strings.Contains(v.F1, def) || v.HiddenArrow || v.Prompt == nil || !strings.Contains(*v.Prompt, def) {
			t.Errorf("%s %s: 数据截至 validation %+v, want a visible list holding %s", ind.Key, cell, v, def)
		}
	}
}

func taskKeys(p *gyqc.Plan, code string) []string {
	var out []string
	for _, a := range p.Assignments(code) {
		out = append(out, TaskKey(a.Task))
	}
	return out
}

func indicatorKeys(p *gyqc.Plan, code string) []string {
	var out []string
	for _, ind := range p.ReportedIndicators(code) {
		out = append(out, IndicatorKey(ind.Key))
	}
	return out
}

// stderrOf returns the standard error of a failed command.
func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
