package planbook

import (
	"bytes"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
)

// exportBytes exports a plan loaded from the two files.
func exportBytes(tb testing.TB, planData, unitsData []byte) []byte {
	tb.Helper()
	p, probs := planfile.Load("plan.yaml", planData, "units.yaml", unitsData)
	if p == nil {
		tb.Fatalf("plan does not load:\n%s", probs.Error())
	}
	var buf bytes.Buffer
	if err := Export(&buf, p, planData, unitsData); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// importBytes imports a workbook that must have no errors.
func importBytes(tb testing.TB, book []byte) (*Result, gyqc.Problems) {
	tb.Helper()
	res, probs := Import("方案与名册.xlsx", book)
	if res == nil {
		tb.Fatalf("import failed:\n%s", probs.Error())
	}
	return res, probs
}

func TestRoundTripIsCanonical(t *testing.T) {
	book1 := exportBytes(t, planfile.DefaultPlanFile, planfile.DefaultUnitsFile)
	r1, _ := importBytes(t, book1)
	book2 := exportBytes(t, r1.PlanYAML, r1.UnitsYAML)
	r2, _ := importBytes(t, book2)
	if !bytes.Equal(r1.PlanYAML, r2.PlanYAML) {
		t.Errorf("plan.yaml changed on the second round trip:\n%s", diffLines(string(r1.PlanYAML), string(r2.PlanYAML)))
	}
	if !bytes.Equal(r1.UnitsYAML, r2.UnitsYAML) {
		t.Errorf("units.yaml changed on the second round trip:\n%s", diffLines(string(r1.UnitsYAML), string(r2.UnitsYAML)))
	}
}

func TestImportKeepsEverything(t *testing.T) {
	orig, _ := planfile.Load("plan.yaml", planfile.DefaultPlanFile, "units.yaml", planfile.DefaultUnitsFile)
	r, probs := importBytes(t, exportBytes(t, planfile.DefaultPlanFile, planfile.DefaultUnitsFile))
	for _, p := range probs {
		t.Log(p)
	}
	got, want := planJSON(t, r.Plan), planJSON(t, orig)
	if got != want {
		t.Errorf("the imported plan differs from the exported one:\n%s", diffLines(want, got))
	}
	if testing.Verbose() {
		t.Logf("plan.yaml:\n%s\nunits.yaml:\n%s", r.PlanYAML, r.UnitsYAML)
	}
}
