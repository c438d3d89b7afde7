package planbook

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/planfile"
)

// exported writes the workbook of the embedded plan into dir and returns its path.
func exported(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "方案与名册.xlsx")
	if err := os.WriteFile(path, exportBytes(t, planfile.DefaultPlanFile, planfile.DefaultUnitsFile), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// openpyxlEdit applies an edit of testdata/edit.py with openpyxl and returns the new file.
func openpyxlEdit(t *testing.T, src, edit string) string {
	t.Helper()
	dst := filepath.Join(filepath.Dir(src), edit+".xlsx")
	out, err := exec.Command(clients.Python(t), filepath.Join("testdata", "edit.py"), src, dst, edit).CombinedOutput()
	if err != nil {
		t.Fatalf("edit.py %s: %v\n%s", edit, err, out)
	}
	return dst
}

// libreOfficeResave saves a workbook again with LibreOffice, as a clerk using it would.
func libreOfficeResave(t *testing.T, src string) string {
	t.Helper()
	dir := filepath.Join(filepath.Dir(src), "lo-"+strings.TrimSuffix(filepath.Base(src), ".xlsx"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := clients.SofficeRun(t, dir, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir, src)
	dst := filepath.Join(dir, filepath.Base(src))
	if _, statErr := os.Stat(dst); err != nil || statErr != nil {
		t.Fatalf("soffice: %v %v\n%s", err, statErr, out)
	}
	return dst
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestOpenpyxlEditsReachThePlan: a baseline, a contact, a new town and a group's real
// members typed with openpyxl reach the plan; a LibreOffice re-save in between changes no
// byte of the files imported, and exporting and importing the result again changes none.
func TestOpenpyxlEditsReachThePlan(t *testing.T) {
	dir := t.TempDir()
	edited := openpyxlEdit(t, exported(t, dir), "good")
	res, probs := importBytes(t, readFile(t, edited))

	p := res.Plan
	if b := p.Indicator("scale-enterprises").Baseline; b == nil || *b != 45 {
		t.Errorf("baseline %v, want 45", b)
	}
	if n := p.Indicator("scale-enterprises").BaselineNote; n != "2021年末规模以上工业企业数" {
		t.Errorf("baseline note %q", n)
	}
	if y := p.Indicator("scale-enterprises").TargetsByYear; len(y) != 2 || y[2023] != 70 || y[2024] != 85 {
		t.Errorf("yearly targets %v, want 2023: 70, 2024: 85", y)
	}
	if u := p.Registry.Unit("jxw"); u.Contact != "王五" || u.Phone != "023-79223456" || u.Email != "jxw@qianjiang.gov.cn" {
		t.Errorf("jxw contact %q %q %q", u.Contact, u.Phone, u.Email)
	}
	town := p.Registry.UnitByName("新华乡")
	if town == nil || town.Code != "u001" {
		t.Fatalf("new town %+v, want code u001 assigned", town)
	}
	if !slices.ContainsFunc(probs, func(pr gyqc.Problem) bool { return pr.Rule == "code-assigned" && pr.Sheet == SheetUnits }) {
		t.Errorf("no warning that the new town's code was assigned: %v", probs)
	}
	g := p.Registry.Group("各乡镇街道")
	if !slices.Equal(g.Members, []string{"cdjd", "cnjd", "u001"}) || g.Example {
		t.Errorf("各乡镇街道: members %v example %v", g.Members, g.Example)
	}
	if !slices.Contains(p.Assignments("u001"), gyqc.Assignment{Task: 6, Role: gyqc.RoleSupport, Via: "各乡镇街道"}) {
		t.Errorf("新华乡 does not support task 6 through 各乡镇街道: %v", p.Assignments("u001"))
	}

	// A LibreOffice re-save changes nothing.
	again, _ := importBytes(t, readFile(t, libreOfficeResave(t, edited)))
	if !bytes.Equal(again.PlanYAML, res.PlanYAML) || !bytes.Equal(again.UnitsYAML, res.UnitsYAML) {
		t.Errorf("LibreOffice re-save changed the import:\n%s\n%s", diffLines(string(res.PlanYAML), string(again.PlanYAML)),
			diffLines(string(res.UnitsYAML), string(again.UnitsYAML)))
	}
	// Export → import of the result is byte-identical.
	third, _ := importBytes(t, exportBytes(t, res.PlanYAML, res.UnitsYAML))
	if !bytes.Equal(third.PlanYAML, res.PlanYAML) || !bytes.Equal(third.UnitsYAML, res.UnitsYAML) {
		t.Errorf("export → import is not canonical:\n%s\n%s", diffLines(string(res.PlanYAML), string(third.PlanYAML)),
			diffLines(string(res.UnitsYAML), string(third.UnitsYAML)))
	}
}

// TestLibreOfficeResaveOfTheExportChangesNothing: the exported workbook saved again by
// LibreOffice imports to the same bytes as the workbook itself.
func TestLibreOfficeResaveOfTheExportChangesNothing(t *testing.T) {
	book := exported(t, t.TempDir())
	want, _ := importBytes(t, readFile(t, book))
	got, _ := importBytes(t, readFile(t, libreOfficeResave(t, book)))
	if !bytes.Equal(got.PlanYAML, want.PlanYAML) || !bytes.Equal(got.UnitsYAML, want.UnitsYAML) {
		t.Errorf("LibreOffice re-save changed the import:\n%s\n%s", diffLines(string(want.PlanYAML), string(got.PlanYAML)),
			diffLines(string(want.UnitsYAML), string(got.UnitsYAML)))
	}
}

// cellOf finds, in the exported workbook, the cell of column header in the row whose
// keyHeader column holds key (header row 1), or of the value of a labelled row when keyHeader
// is empty.
func cellOf(t *testing.T, book, sheet, keyHeader, key, header string) string {
	t.Helper()
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if keyHeader == "" { // a key-value row: the value is in column B
		for r, row := range rows {
			if len(row) > 0 && row[0] == key {
				return cellName(1, r+1)
			}
		}
		t.Fatalf("no row %s on %s", key, sheet)
	}
	kc, hc := slices.Index(rows[0], keyHeader), slices.Index(rows[0], header)
	for r, row := range rows {
		if kc < len(row) && row[kc] == key {
			return cellName(hc, r+1)
		}
	}
	t.Fatalf("no %s %s on %s", keyHeader, key, sheet)
	return ""
}

// TestBrokenEditsGiveOnePositionalMessage: each broken edit, made with openpyxl, gives
// exactly one error, at the sheet and cell of the mistake, saying what is wrong and how to
// fix it; nothing is imported.
func TestBrokenEditsGiveOnePositionalMessage(t *testing.T) {
	dir := t.TempDir()
	book := exported(t, dir)
	tests := []struct {
		edit, sheet string
		cell        func() string
		rule        gyqc.Rule
		says        []string
	}{
		{"unknown_unit", SheetTasks, func() string {
			return cellOf(t, book, SheetTasks, "名称", "转型升级传统产业", "配合单位")
		},
			"unknown-unit", []string{"区科学技术局", "不在单位名册中", "是否应为“区科技局”"}},
		{"duplicate_code", SheetUnits, func() string { return cellOf(t, book, SheetUnits, "代码", "swj", "代码") },
			"duplicate-code", []string{"czj", "重复"}},
		{"text_target", SheetIndicators, func() string {
			return cellOf(t, book, SheetIndicators, "指标代码", "scale-enterprises", "目标值")
		},
			"not-a-number", []string{"目标值", "应为数字", "约100家"}},
		{"group_cycle", SheetGroups, func() string {
			return cellOf(t, book, SheetGroups, "单位组", "各产业链配合部门", "单位组")
		},
			"group-cycle", []string{"各产业链配合部门 → 区级相关部门 → 各产业链配合部门"}},
		{"deleted_column", SheetIndicators, func() string { return "A1" }, "missing-column", []string{"缺少“比较方式”列", "表头"}},
		{"typed_kind", SheetIndicators, func() string { return cellOf(t, book, SheetIndicators, "指标代码", "output-value", "类型") },
			"bad-choice", []string{"存量", "下拉列表"}},
		{"duplicate_key", SheetIndicators, func() string {
			return cellOf(t, book, SheetIndicators, "指标代码", "output-tobacco", "指标代码")
		},
			"duplicate-indicator", []string{"output-value", "重复"}},
		{"unknown_task", SheetIndicators, func() string {
			return cellOf(t, book, SheetIndicators, "指标代码", "smart-factory", "所属任务")
		},
			"unknown-task", []string{"99", "不存在"}},
		{"bad_email", SheetUnits, func() string { return cellOf(t, book, SheetUnits, "代码", "czj", "邮箱") },
			"bad-email", []string{"邮箱格式不正确", "czj@"}},
		{"bad_period", SheetReporting, func() string { return cellOf(t, book, SheetReporting, "", "最后报送期", "") },
			"bad-period", []string{"2025-13", "年-月"}},
		{"deleted_sheet", SheetGroups, func() string { return "" }, "missing-sheet", []string{"缺少工作表“单位组”"}},
		{"unknown_member", SheetGroups, func() string { return cellOf(t, book, SheetGroups, "单位组", "各乡镇街道", "成员") },
			"unknown-unit", []string{"城北街道"}},
		{"group_reports", SheetIndicators, func() string { return cellOf(t, book, SheetIndicators, "指标代码", "output-value", "报送单位") },
			"group-not-unit", []string{"各乡镇街道", "单位组"}},
		{"text_yearly_target", SheetIndicators, func() string {
			return cellOf(t, book, SheetIndicators, "指标代码", "scale-enterprises", "2024年目标")
		},
			"not-a-number", []string{"“2024年目标”应为数字", "八十五"}},
		{"text_due_day", SheetReporting, func() string { return cellOf(t, book, SheetReporting, "", "截止日（次月几日前）", "") },
			"not-a-number", []string{"一日", "应为数字"}},
		{"former_in_use", SheetUnits, func() string { return cellOf(t, book, SheetUnits, "代码", "cdjd", "曾用代码") },
			"former-code-in-use", []string{"城东街道", "czj", "现用代码"}},
	}
	for _, tc := range tests {
		t.Run(tc.edit, func(t *testing.T) {
			res, probs := Import("方案与名册.xlsx", readFile(t, openpyxlEdit(t, book, tc.edit)))
			if res != nil {
				t.Fatalf("imported despite the mistake; problems: %v", probs)
			}
			errs := probs.Errors()
			if len(errs) != 1 {
				t.Fatalf("%d errors, want exactly one:\n%s", len(errs), errs.Error())
			}
			e := errs[0]
			if e.Rule != tc.rule || e.Sheet != tc.sheet || e.Cell != tc.cell() || e.File != "方案与名册.xlsx" {
				t.Errorf("got %s at %s!%s of %s, want %s at %s!%s: %s", e.Rule, e.Sheet, e.Cell, e.File, tc.rule, tc.sheet, tc.cell(), e)
			}
			msg := e.String()
			for _, s := range tc.says {
				if !strings.Contains(msg, s) {
					t.Errorf("message does not say %q: %s", s, msg)
				}
			}
			if e.Fix == "" {
				t.Errorf("no fix: %s", msg)
			}
		})
	}
}

// TestOpenpyxlSeesTheWorkbook: every sheet protected; on 指标 the document's cells locked and
// the office's open; drop-downs for kinds, comparators and the reporting unit (from the 单位
// sheet); the used range right in read-only mode.
func TestOpenpyxlSeesTheWorkbook(t *testing.T) {
	book := exported(t, t.TempDir())
	out, err := exec.Command(clients.Python(t), filepath.Join("testdata", "facts.py"), book).Output()
	if err != nil {
		t.Fatalf("facts.py: %v", err)
	}
	var facts struct {
		Sheets []string `json:"sheets"`
		Sheet  map[string]struct {
			Protected   bool            `json:"protected"`
			MaxRow      int             `json:"max_row"`
			RORows      int             `json:"ro_rows"`
			Header      []string        `json:"header"`
			LockedRow2  map[string]bool `json:"locked_row2"`
			Validations []struct {
				Type, Formula, Sqref string
			} `json:"validations"`
		} `json:"sheet"`
	}
	if err := json.Unmarshal(out, &facts); err != nil {
		t.Fatal(err)
	}
	want := []string{SheetGuide, SheetTasks, SheetIndicators, SheetUnits, SheetGroups, SheetRules, SheetReporting}
	if !slices.Equal(facts.Sheets, want) {
		t.Errorf("sheets %v, want %v", facts.Sheets, want)
	}
	for name, sf := range facts.Sheet {
		if !sf.Protected {
			t.Errorf("%s is not protected", name)
		}
		if sf.RORows != sf.MaxRow {
			t.Errorf("%s: read-only mode sees %d rows, normal mode %d", name, sf.RORows, sf.MaxRow)
		}
	}
	ind := facts.Sheet[SheetIndicators]
	for header, locked := range map[string]bool{"指标名称": true, "目标值": true, "方案原文": true,
		"类型": false, "报送单位": false, "基期值": false, "2024年目标": false, "考核责任单位": false} {
		if got, ok := ind.LockedRow2[header]; !ok || got != locked {
			t.Errorf("指标 %s: locked %v (present %v), want %v", header, got, ok, locked)
		}
	}
	formulas := map[string]string{}
	for _, dv := range ind.Validations {
		first := strings.Split(strings.Fields(dv.Sqref)[0], ":")[0]
		col := strings.TrimRight(first, "0123456789")
		formulas[ind.Header[colIndex(col)]] = dv.Type + " " + dv.Formula
	}
	for header, want := range map[string]string{
		"类型":   "list \"" + strings.Join(kindLabels(), ",") + "\"",
		"比较方式": "list \"≥（含本数）,",
		"报送单位": "list 单位!$B$2:$B$2000",
		"基期值":  "decimal ",
		"所属任务": "whole ",
	} {
		if !strings.HasPrefix(formulas[header], want) && !strings.Contains(formulas[header], strings.TrimPrefix(want, "list ")) {
			t.Errorf("指标 %s: validation %q, want %q…", header, formulas[header], want)
		}
	}
	if !strings.Contains(formulas["类型"], gyqc.KindFlow.Label()) {
		t.Errorf("kind drop-down %q lacks %s", formulas["类型"], gyqc.KindFlow.Label())
	}
	units := facts.Sheet[SheetUnits]
	if units.LockedRow2["单位名称"] != true || units.LockedRow2["联系人"] != false || units.LockedRow2["邮箱"] != false {
		t.Errorf("单位: locks %v", units.LockedRow2)
	}
}

// kindLabels are the labels of every indicator kind, in the domain's order.
func kindLabels() []string {
	var out []string
	for _, k := range gyqc.Kinds {
		out = append(out, k.Label())
	}
	return out
}

// colIndex returns the 0-based index of a column's letters.
func colIndex(letters string) int {
	n, _ := excelize.ColumnNameToNumber(letters)
	return n - 1
}

// TestOlderExportStillImports: a workbook exported before the 单位 sheet gained its 曾用代码
// and 备注 columns imports as if they were empty, giving the same files.
func TestOlderExportStillImports(t *testing.T) {
	book := exported(t, t.TempDir())
	want, _ := Import("方案与名册.xlsx", readFile(t, book))
	res, probs := Import("方案与名册.xlsx", readFile(t, openpyxlEdit(t, book, "old_export")))
	if res == nil || want == nil {
		t.Fatalf("older export refused: %v", probs)
	}
	if string(res.UnitsYAML) != string(want.UnitsYAML) || string(res.PlanYAML) != string(want.PlanYAML) {
		t.Error("older export gives other files")
	}
}
