package review

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

// testKey is the workspace key the tests seal templates with.
var testKey = []byte("gyqc review test key, 32 bytes..")

// filledReturn issues the template of unit for period and fills its inputs with excelize,
// through the template layout, as a unit would.
func filledReturn(tb testing.TB, plan *gyqc.Plan, unit, period string) []byte {
	tb.Helper()
	u := plan.Registry.Unit(unit)
	var buf bytes.Buffer
	if _, err := templates.Write(&buf, plan, u, gyqc.MustPeriod(period), nil, templates.Options{Issued: time.Date(2025, 6, 25, 9, 0, 0, 0, plan.Location()), Key: testKey}); err != nil {
		tb.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	lay := templates.Current()
	row := lay.Tasks.FirstDataRow()
	for range plan.Assignments(unit) {
		f.SetCellStr(lay.Tasks.Sheet, lay.Tasks.Cell(templates.FieldStatus, row), "正常推进")
		f.SetCellStr(lay.Tasks.Sheet, lay.Tasks.Cell(templates.FieldProgress, row), "本月召开专题推进会1次，协调解决用地问题2个")
		row++
	}
	row = lay.Indicators.FirstDataRow()
	for range plan.ReportedIndicators(unit) {
		f.SetCellInt(lay.Indicators.Sheet, lay.Indicators.Cell(templates.FieldValue, row), 7)
		row++
	}
	fillFiller(tb, f, map[string]string{templates.FillerName: "王小红", templates.FillerPhone: "023-79223456"})
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// fillFiller writes the 填报信息 inputs by their row keys.
func fillFiller(tb testing.TB, f *excelize.File, vals map[string]string) {
	tb.Helper()
	g := templates.Current().Guide
	rows, err := f.GetRows(g.Sheet)
	if err != nil {
		tb.Fatal(err)
	}
	key, text := len(g.Columns)-1, g.Letter(templates.FieldText)
	for i, r := range rows {
		if key < len(r) {
			if v, ok := vals[r[key]]; ok {
				f.SetCellStr(g.Sheet, text+strconv.Itoa(i+1), v)
			}
		}
	}
}

func TestExamine(t *testing.T) {
	plan := planfile.Default()
	good := filledReturn(t, plan, "dsjj", "2025-06")
	in := Input{Plan: plan, Period: gyqc.MustPeriod("2025-06"), Key: testKey}
	ex := Examine("dsjj.xlsx", good, in)
	if !ex.Attributed || ex.Unit.Code != "dsjj" || ex.Outcome != gyqc.OutcomeAccepted || len(ex.Tasks) != 5 || len(ex.Values) != 2 {
		t.Fatalf("good return: attributed %v outcome %s, %d tasks, %d values, problems %v", ex.Attributed, ex.Outcome, len(ex.Tasks), len(ex.Values), ex.Problems)
	}
	if *ex.Values[0].Value != 7 {
		t.Errorf("value %v", *ex.Values[0].Value)
	}
	in.Period = gyqc.MustPeriod("2025-07")
	ex = Examine("dsjj.xlsx", good, in)
	if ex.Attributed || ex.Outcome != gyqc.OutcomeRefused || ex.Unit == nil || !strings.Contains(ex.Problems.Error(), "这是2025年6月的模板") {
		t.Errorf("wrong period: %+v", ex.Problems)
	}
	for _, p := range ex.Problems {
		if p.File != "dsjj.xlsx" {
			t.Errorf("problem without the file name: %+v", p)
		}
	}
	ex = Examine("plain.xlsx", mustPlainWorkbook(t), Input{Plan: plan, Period: gyqc.MustPeriod("2025-06"), Key: testKey})
	if ex.Attributed || !strings.Contains(ex.Problems.Error(), "下发的填报模板") {
		t.Errorf("a workbook that is not a template: %v", ex.Problems)
	}
}

func mustPlainWorkbook(tb testing.TB) []byte {
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "区大数据发展局")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// BenchmarkExamine reads and checks one filled return (区经济信息委: 21 tasks, 24 indicators,
// the largest template of the plan).
func BenchmarkExamine(b *testing.B) {
	plan := planfile.Default()
	data := filledReturn(b, plan, "jxw", "2025-06")
	in := Input{Plan: plan, Period: gyqc.MustPeriod("2025-06"), Key: testKey}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if ex := Examine("jxw.xlsx", data, in); !ex.Attributed {
			b.Fatal(ex.Problems)
		}
	}
}
