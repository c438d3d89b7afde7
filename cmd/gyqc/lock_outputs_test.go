package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/planfile"
)

// TestLockedJSONAndCSV checks that `consolidate --json` and `--csv` of a locked period give
// what was signed off, byte for byte, after a late return and under a plan changed since (a
// task renamed), while an evaluation made afresh under that plan would differ; and that the
// lock left copies of its 汇总表 and briefing where consolidate and brief put theirs.
func TestLockedJSONAndCSV(t *testing.T) {
	o := newDesk(t)
	may := gyqc.MustPeriod("2025-05")
	var units []string
	for _, u := range o.plan.ResponsibleUnits() {
		if u.Code != "fgw" {
			units = append(units, u.Code)
		}
	}
	o.at("2025-05-30 10:00")
	o.send("2025-05", "", units...)
	o.at("2025-06-06 10:00")
	var out strings.Builder
	if err := runLock(o.ctx, o.plan, lockOptions{Workspace: o.ws, Period: may, SignedBy: "李主任", SystemFonts: o.fonts, Now: o.clock}, &out); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"consolidated/2025-05_月度汇总.xlsx", "briefings/2025-05_工作简报.pdf"} {
		if st, err := os.Stat(filepath.Join(o.ws, name)); err != nil || st.Size() == 0 {
			t.Errorf("the lock left no copy %s: %v", name, err)
		}
	}
	js1, csv1 := o.tables("2025-05", "signed")

	o.at("2025-06-10 15:00")
	o.send("2025-05", "", "fgw") // 补报
	renamed, probs := planfile.Load("plan.yaml", bytes.Replace(planfile.DefaultPlanFile, []byte("做大做强主导产业"), []byte("做优做强主导产业集群"), 1),
		"units.yaml", planfile.DefaultUnitsFile)
	if renamed == nil {
		t.Fatal(probs)
	}
	real := o.plan
	o.plan = renamed
	js2, csv2 := o.tables("2025-05", "later")
	if !bytes.Equal(js1, js2) {
		t.Error("consolidate --json of the locked period changed after a late return and a renamed task")
	}
	if len(csv1) == 0 || len(csv1) != len(csv2) {
		t.Fatalf("CSV files: %d at the sign-off, %d later", len(csv1), len(csv2))
	}
	for name, data := range csv1 {
		if !bytes.Equal(data, csv2[name]) {
			t.Errorf("%s of the locked period changed", name)
		}
	}
	// Made afresh under the renamed plan, the same attempts give other tables: the test above
	// could fail.
	wv, err := loadView(o.ctx, renamed, o.ws, may)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := wv.evaluate(renamed, may, wv.Lock.At)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := consolidate.CSVFiles(renamed, ev, wv.In.Submissions, consolidate.Options{Audit: untilLock(wv.Log, wv.Lock)})
	if err != nil {
		t.Fatal(err)
	}
	differ := false
	for _, f := range fresh {
		differ = differ || !bytes.Equal(f.Data, csv1[f.Name])
	}
	if !differ || !strings.Contains(string(concat(fresh)), "做优做强主导产业集群") {
		t.Error("the renamed task does not show in tables made afresh; the test proves nothing")
	}
	o.plan = real
}

// tables runs consolidate --json and --csv for the period and returns the JSON and the CSV
// files by name.
func (o *desk) tables(period, name string) ([]byte, map[string][]byte) {
	o.t.Helper()
	p := gyqc.MustPeriod(period)
	var js bytes.Buffer
	if err := runConsolidate(o.ctx, o.plan, consolidateOptions{Workspace: o.ws, Period: p, JSON: true, Now: o.now}, &js); err != nil {
		o.t.Fatal(err)
	}
	dir := filepath.Join(o.dir, "csv-"+name)
	var out strings.Builder
	if err := runConsolidate(o.ctx, o.plan, consolidateOptions{Workspace: o.ws, Period: p, Out: filepath.Join(dir, "book.xlsx"), CSV: dir, Now: o.now}, &out); err != nil {
		o.t.Fatal(err)
	}
	files := map[string][]byte{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".csv") {
			files[e.Name()], _ = os.ReadFile(filepath.Join(dir, e.Name()))
		}
	}
	return js.Bytes(), files
}

// concat joins the files' bytes.
func concat(files []consolidate.File) []byte {
	var b []byte
	for _, f := range files {
		b = append(b, f.Data...)
	}
	return b
}
