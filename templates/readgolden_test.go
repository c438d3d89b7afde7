package templates

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
)

// TestReadGolden compares what both readers return for two returned workbooks (the filled
// template of jxw, and the same damaged several ways) with one golden file each: the result
// and the problems as JSON. Run go test -update to rewrite them after a deliberate change.
func TestReadGolden(t *testing.T) {
	lay := Current()
	first := lay.Tasks.FirstDataRow()
	for _, tc := range []struct {
		Name, File string
		Mess       func(t *testing.T, f *excelize.File)
	}{
		{Name: "filled", File: "read-jxw-filled.golden", Mess: func(*testing.T, *excelize.File) {}},
		{Name: "damaged", File: "read-jxw-damaged.golden", Mess: func(t *testing.T, f *excelize.File) {
			mustDo(t, f.SetSheetName(SheetIndicators, "指标"))
			mustDo(t, f.SetCellStr(SheetTasks, lay.Tasks.Cell(FieldTaskTitle, first), "改过的任务名称"))
			mustDo(t, f.InsertRows(SheetTasks, first+1, 1))
			mustDo(t, f.SetCellStr(SheetTasks, lay.Tasks.Cell(FieldProgress, first+1), "插入行里的内容"))
			mustDo(t, f.DuplicateRow(SheetTasks, first+3))
			mustDo(t, f.SetCellStr(SheetMeta, "B2", "fgw"))
		}},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			f := openBytes(t, filledTemplate(t))
			tc.Mess(t, f)
			data := saveBytes(t, f)
			path := filepath.Join("testdata", tc.File)
			for i, rdr := range readers {
				ret, probs := rdr.Read(t, data, defaultPlan(t))
				got, err := json.MarshalIndent(struct {
					Returned *Returned
					Problems gyqc.Problems
				}{ret, probs}, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, '\n')
				if *update && i == 0 {
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if string(got) != string(want) {
					t.Errorf("%s: %s differs from what it read (run go test -update after a deliberate change):\n%s", rdr.Name, path, got)
				}
			}
		})
	}
}
