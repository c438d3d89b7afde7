package intake_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/intake"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
)

// intakeGoodFile is a workbook of testdata/good: made by a real program, it must pass the intake
// without a single problem and read back as written.
type intakeGoodFile struct {
	file  string
	cells map[string]string // "sheet!cell" to the value it must hold
}

// The values openpyxl writes into the template in fillScript.
const (
	intakeFilledStatus   = "滞后"
	intakeFilledProgress = "openpyxl 填写：本月完成签约项目2个，协议投资3.5亿元。"
	intakeFilledValue    = "12.5"
)

// intakeGoodFiles lists testdata/good. excel-book1.xlsx is excelize's own test file test/Book1.xlsx
// (BSD-3-Clause), saved by Microsoft Excel, with charts, comments, a table and a picture.
var intakeGoodFiles = []intakeGoodFile{
	{file: "excelize-template.xlsx", cells: map[string]string{tplTasks + "!E2": "已完成", tplValues + "!F2": "10.0"}},
	{file: "libreoffice-resaved.xlsx", cells: map[string]string{tplTasks + "!E2": "已完成", tplValues + "!F2": "10.0"}},
	{file: "openpyxl-filled.xlsx", cells: map[string]string{tplTasks + "!E2": intakeFilledStatus, tplTasks + "!F2": intakeFilledProgress,
		tplValues + "!F2": intakeFilledValue}},
	{file: "excel-book1.xlsx", cells: map[string]string{"Sheet1!B19": "237", "Sheet2!A1": "Monitor"}},
}

// intakeFillScript fills the template as a clerk would, with openpyxl: argv[1] in, argv[2] out.
const intakeFillScript = `import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["` + tplTasks + `"]
ws["E2"] = "` + intakeFilledStatus + `"
ws["F2"] = "` + intakeFilledProgress + `"
wb["` + tplValues + `"]["F2"] = "` + intakeFilledValue + `"
wb.save(sys.argv[2])
`

// TestGoodFiles checks that workbooks made by excelize, LibreOffice, openpyxl and Excel
// pass the intake with no problem at all, and that their cells read back as written.
// -update regenerates them (LibreOffice and openpyxl must be installed).
func TestGoodFiles(t *testing.T) {
	if intakeUpdate() {
		writeIntakeGood(t)
	}
	for _, tc := range intakeGoodFiles {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(intakeGoodDir, tc.file))
			if err != nil {
				t.Fatalf("%v (run go test -run TestGoodFiles -update)", err)
			}
			f, probs := intake.OpenWorkbook(tc.file, data, intake.Limits{})
			if len(probs) > 0 || f == nil {
				t.Fatalf("got problems on a good file:\n%s", probs)
			}
			defer f.Close()
			for ref, want := range tc.cells {
				sheet, cell, _ := strings.Cut(ref, "!")
				var got string
				if err := intake.Guard(tc.file, func() (err error) {
					got, err = f.GetCellValue(sheet, cell)
					return err
				}); err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s: got %q, want %q", ref, got, want)
				}
			}
			if probs := readThrough(tc.file, f); len(probs) > 0 {
				t.Errorf("reading every sheet: %s", probs)
			}
		})
	}
}

// readThrough reads everything the template reader may read, under Guard: every row of every
// sheet through Rows (stopping at a sheet's first error, as the reader does), merged cells,
// some cells, the document properties and defined names. It returns the panics, as
// problems; errors of excelize on a bad file are the reader's to report and are ignored.
func readThrough(name string, f *excelize.File) gyqc.Problems {
	err := intake.Guard(name, func() error {
		for _, sheet := range f.GetSheetList() {
			if rows, err := f.Rows(sheet); err == nil {
				for rows.Next() {
					if _, err := rows.Columns(); err != nil {
						break // as the reader does: excelize re-reads a broken part on every call
					}
				}
				_ = rows.Error()
				_ = rows.Close()
			}
			_, _ = f.GetMergeCells(sheet)
			_, _ = f.GetCellValue(sheet, "A1")
			_, _ = f.GetCellValue(sheet, "F2")
			_, _ = f.GetCellStyle(sheet, "E2")
			_, _ = f.GetDataValidations(sheet)
			_, _ = f.GetSheetVisible(sheet)
		}
		_, _ = f.GetAppProps()
		_, _ = f.GetDocProps()
		_, _ = f.GetCustomProps()
		_ = f.GetDefinedName()
		return nil
	})
	if probs, ok := err.(gyqc.Problems); ok {
		return probs
	}
	return nil
}

// writeIntakeGood regenerates testdata/good.
func writeIntakeGood(t *testing.T) {
	if err := os.MkdirAll(intakeGoodDir, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "template.xlsx")
	write := func(path string, b []byte) {
		t.Helper()
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := buildTemplateLike(t, 24, 33)
	write(src, good)
	write(filepath.Join(intakeGoodDir, "excelize-template.xlsx"), good)

	// LibreOffice re-saves it, as a clerk using LibreOffice would.
	out := filepath.Join(dir, "lo")
	if b, err := clients.SofficeRun(t, dir, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, src); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	b, err := os.ReadFile(filepath.Join(out, "template.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(intakeGoodDir, "libreoffice-resaved.xlsx"), b)

	// openpyxl fills it in.
	script := filepath.Join(dir, "fill.py")
	write(script, []byte(intakeFillScript))
	if b, err := exec.Command(clients.Python(t), script, src, filepath.Join(intakeGoodDir, "openpyxl-filled.xlsx")).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, b)
	}

	// Excel's file comes from excelize's module.
	mod, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/xuri/excelize/v2").Output()
	if err != nil {
		t.Fatal(err)
	}
	b, err = os.ReadFile(filepath.Join(strings.TrimSpace(string(mod)), "test", "Book1.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(intakeGoodDir, "excel-book1.xlsx"), b)
}
