package templates

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
)

// cellSpec is a fill.py specification: sheet → cell → {"s": text} or {"n": number}.
type cellSpec map[string]map[string]map[string]any

func (s cellSpec) set(sheet, cell string, v any) {
	if s[sheet] == nil {
		s[sheet] = map[string]map[string]any{}
	}
	switch x := v.(type) {
	case string:
		s[sheet][cell] = map[string]any{"s": x}
	default:
		s[sheet][cell] = map[string]any{"n": x}
	}
}

// completeSpec fills every input of unit's template: a status and texts on every task row,
// a whole number on every indicator row (a share within its bounds), 填报人 and 联系电话.
func completeSpec(tb testing.TB, p *gyqc.Plan, unit string) cellSpec {
	s := cellSpec{}
	lay := Current()
	for i, a := range p.Assignments(unit) {
		row := lay.Tasks.FirstDataRow() + i
		s.set(SheetTasks, lay.Tasks.Cell(FieldStatus, row), string(gyqc.StatusOnTrack))
		s.set(SheetTasks, lay.Tasks.Cell(FieldProgress, row), progressText(a.Task))
		s.set(SheetTasks, lay.Tasks.Cell(FieldNextPlan, row), "继续推进")
	}
	for i := range p.ReportedIndicators(unit) {
		s.set(SheetIndicators, lay.Indicators.Cell(FieldValue, lay.Indicators.FirstDataRow()+i), 5)
	}
	s.set(SheetGuide, "B"+strconv.Itoa(fillerRow(tb, p, unit, FillerName)), "王小红")
	s.set(SheetGuide, "B"+strconv.Itoa(fillerRow(tb, p, unit, FillerPhone)), "023-79223456")
	return s
}

// fillerRow returns the row of a filler input in unit's template.
func fillerRow(tb testing.TB, p *gyqc.Plan, unit, key string) int {
	tb.Helper()
	b, _ := writeTemplate(tb, p, unit, "2025-06", nil)
	rows, err := openBytes(tb, b).GetRows(SheetGuide)
	if err != nil {
		tb.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 2 && r[2] == key {
			return i + 1
		}
	}
	tb.Fatalf("no row %s", key)
	return 0
}

// taskRowOf is the row of task no in the current layout's template of unit.
func taskRowOf(t *testing.T, p *gyqc.Plan, unit string, no int) int {
	t.Helper()
	for i, a := range p.Assignments(unit) {
		if a.Task == no {
			return Current().Tasks.FirstDataRow() + i
		}
	}
	t.Fatalf("%s has no task %d", unit, no)
	return 0
}

// indicatorRowOf is the row of indicator key in the current layout's template of unit.
func indicatorRowOf(t *testing.T, p *gyqc.Plan, unit, key string) int {
	t.Helper()
	for i, ind := range p.ReportedIndicators(unit) {
		if ind.Key == key {
			return Current().Indicators.FirstDataRow() + i
		}
	}
	t.Fatalf("%s has no indicator %s", unit, key)
	return 0
}

// TestSelfCheckLibreOffice fills templates with openpyxl, recalculates them by re-saving
// through LibreOffice, and reads the computed 自查结果 back: the counts of a half-filled
// return, of one with a fraction typed for a percentage and a count with decimals, and
// 可以报送 for a complete one.
func TestSelfCheckLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice")
	}
	py := clients.Python(t)
	p := defaultPlan(t)
	lay := Current()
	dir := t.TempDir()
	taskRow := func(unit string, no int) int { return taskRowOf(t, p, unit, no) }
	indRow := func(unit, key string) int { return indicatorRowOf(t, p, unit, key) }

	// dsjj leads 3, 16, 17, 18 and supports 15; reports cloud-enterprises and 5g-scenarios.
	half := cellSpec{}
	for _, no := range []int{3, 16} {
		half.set(SheetTasks, lay.Tasks.Cell(FieldStatus, taskRow("dsjj", no)), string(gyqc.StatusOnTrack))
		half.set(SheetTasks, lay.Tasks.Cell(FieldProgress, taskRow("dsjj", no)), progressText(no))
	}
	half.set(SheetTasks, lay.Tasks.Cell(FieldStatus, taskRow("dsjj", 15)), string(gyqc.StatusNoWork))
	half.set(SheetTasks, lay.Tasks.Cell(FieldStatus, taskRow("dsjj", 17)), string(gyqc.StatusBehind))
	half.set(SheetIndicators, lay.Indicators.Cell(FieldValue, indRow("dsjj", "cloud-enterprises")), 56)
	half.set(SheetIndicators, lay.Indicators.Cell(FieldValue, indRow("dsjj", "5g-scenarios")), "约2")
	half.set(SheetGuide, "B"+strconv.Itoa(fillerRow(t, p, "dsjj", FillerName)), "王小红")

	slips := completeSpec(t, p, "jxw")
	slips.set(SheetIndicators, lay.Indicators.Cell(FieldValue, indRow("jxw", "emerging-share")), 0.2)
	slips.set(SheetIndicators, lay.Indicators.Cell(FieldValue, indRow("jxw", "specialized-enterprises")), 3.5)

	cases := []struct {
		name, unit string
		spec       cellSpec
		want       map[string]any
	}{
		{"half", "dsjj", half, map[string]any{"check:status": 1.0, "check:progress": 2.0, "check:value": 0.0, "check:filler": 1.0,
			"check:text": 1.0, "check:percent": 0.0, "check:whole": 0.0, "check:verdict": "尚有5处需要填写或核实，请按上列提示修改后再报送"}},
		{"complete", "dsjj", completeSpec(t, p, "dsjj"), map[string]any{"check:status": 0.0, "check:progress": 0.0, "check:value": 0.0,
			"check:filler": 0.0, "check:text": 0.0, "check:percent": 0.0, "check:whole": 0.0, "check:verdict": "可以报送"}},
		{"slips", "jxw", slips, map[string]any{"check:status": 0.0, "check:progress": 0.0, "check:value": 0.0, "check:filler": 0.0,
			"check:text": 0.0, "check:percent": 1.0, "check:whole": 1.0, "check:verdict": "尚有2处需要填写或核实，请按上列提示修改后再报送"}},
	}
	var filled []string
	for _, c := range cases {
		tpl, _ := writeTemplate(t, p, c.unit, "2025-06", nil)
		in := saveFile(t, dir, c.name+"-template.xlsx", tpl)
		spec, _ := json.Marshal(c.spec)
		specPath := saveFile(t, dir, c.name+".json", spec)
		out := filepath.Join(dir, c.name+".xlsx")
		if msg, err := exec.Command(py, filepath.Join("testdata", "fill.py"), in, out, specPath).CombinedOutput(); err != nil {
			t.Fatalf("fill.py: %v\n%s", err, msg)
		}
		filled = append(filled, out)
	}
	reDir := filepath.Join(dir, "re")
	args := append([]string{"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", reDir}, filled...)
	if msg, err := clients.SofficeRun(t, dir, args...); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	var resaved []string
	for _, f := range filled {
		resaved = append(resaved, filepath.Join(reDir, filepath.Base(f)))
	}
	raw, err := exec.Command(py, append([]string{filepath.Join("testdata", "checks.py")}, resaved...)...).Output()
	if err != nil {
		t.Fatalf("checks.py: %v\n%s", err, stderrOf(err))
	}
	var got map[string]map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := got[resaved[i]]
			for k, want := range c.want {
				if g[k] != want {
					t.Errorf("%s = %v, want %v (all: %v)", k, g[k], want, g)
				}
			}
			// The collector reads the same file without looking at the self-check.
			data, err := os.ReadFile(resaved[i])
			if err != nil {
				t.Fatal(err)
			}
			ret, _, err := ReadBytes(data, p)
			if err != nil || ret == nil {
				t.Fatalf("ReadBytes: %v", err)
			}
			if strings.Contains(ret.Filler.Name.Text, "可以报送") {
				t.Error("the verdict was read as an input")
			}
		})
	}
}
