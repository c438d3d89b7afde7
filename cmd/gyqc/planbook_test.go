package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/store"
)

// mustCLI runs the command line and fails the test unless it exits 0.
func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("gyqc %s: exit %d\n%s\n%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// recordMay records May returns: 城东街道 and 区发展改革委 on time, 区经济信息委 two days late.
func recordMay(t *testing.T, ws string) {
	t.Helper()
	ctx := context.Background()
	plan := planfile.Default()
	st, err := store.Open(ctx, ws, store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	may := gyqc.MustPeriod("2025-05")
	for _, r := range []struct {
		unit string
		late time.Duration
	}{{"cdjd", -24 * time.Hour}, {"fgw", -48 * time.Hour}, {"jxw", 47 * time.Hour}} {
		hash, err := st.Archive(ctx, r.unit+".xlsx", []byte("May return of "+r.unit))
		if err != nil {
			t.Fatal(err)
		}
		sub := &gyqc.Submission{Unit: r.unit, Period: may, Received: plan.Due(may).Add(r.late), Hash: hash,
			FileName: r.unit + ".xlsx", Outcome: gyqc.OutcomeAccepted}
		for _, a := range plan.Assignments(r.unit) {
			sub.Tasks = append(sub.Tasks, gyqc.TaskReport{Task: a.Task, Role: a.Role, Status: gyqc.StatusOnTrack, Progress: "按计划推进"})
		}
		if _, _, err := st.Record(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
}

// csvCell returns the cell of a CSV table in the row naming unit and the column headed
// column.
func csvCell(t *testing.T, table, unit, column string) string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(table, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for _, row := range rows {
		if i := slices.Index(row, column); i >= 0 && col < 0 {
			col = i
			continue
		}
		if col >= 0 && slices.Contains(row, unit) && col < len(row) {
			return row[col]
		}
	}
	t.Fatalf("no cell %s/%s in\n%s", unit, column, table)
	return ""
}

func readCSV(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// indicatorJSON is what the test reads of an indicator in gyqc plan --json.
type indicatorJSON struct {
	Key           string             `json:"key"`
	Baseline      *float64           `json:"baseline"`
	TargetsByYear map[string]float64 `json:"targets_by_year"`
}

// TestPlanWorkbookAndVersions walks the office's path: May is issued under the embedded
// plan; the office exports the plan workbook, fills in a baseline, a contact, a new town and
// the real members of 各乡镇街道 with openpyxl, and activates it; June is issued under the
// new version. May's states and scores stay as they were until May is re-evaluated on
// purpose, and each period names the version that judged it.
func TestPlanWorkbookAndVersions(t *testing.T) {
	py := clients.Python(t)
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws")
	at := func(p string) string { return filepath.Join(dir, p) }

	out := mustCLI(t, "--workspace", ws, "issue", "--period", "2025-05", "--out", at("模板5"))
	if !strings.Contains(out, "2025年5月按方案第1版") {
		t.Errorf("issue does not name the version:\n%s", out)
	}
	recordMay(t, ws)
	consolidateMay := func(name string, extra ...string) string {
		args := append([]string{"--workspace", ws, "consolidate", "--period", "2025-05", "--as-of", "2025-06-10 09:00",
			"--out", at(name + ".xlsx"), "--csv", at(name)}, extra...)
		return mustCLI(t, args...)
	}
	before := consolidateMay("五月-1")
	if !strings.Contains(before, "方案版本：第1版") || !strings.Contains(before, "应报 36 个单位，按时报送 2，迟报 1，未报送 33") {
		t.Fatalf("May under version 1:\n%s", before)
	}

	// The office's edits, made with openpyxl, activated as version 2.
	mustCLI(t, "--workspace", ws, "plan", "export", "--out", at("方案与名册.xlsx"))
	if b, err := exec.Command(py, filepath.Join("..", "..", "planbook", "testdata", "edit.py"),
		at("方案与名册.xlsx"), at("改好的方案与名册.xlsx"), "good").CombinedOutput(); err != nil {
		t.Fatalf("edit.py: %v\n%s", err, b)
	}
	out = mustCLI(t, "--workspace", ws, "plan", "import", at("改好的方案与名册.xlsx"), "--activate")
	if !strings.Contains(out, "已启用方案第2版") || !strings.Contains(out, "--replan") {
		t.Errorf("import --activate:\n%s", out)
	}

	checkEditedPlanJSON(t, ws)

	// June goes out under version 2; May is still judged by version 1, unchanged.
	out = mustCLI(t, "--workspace", ws, "issue", "--period", "2025-06", "--out", at("模板6"))
	if !strings.Contains(out, "2025年6月按方案第2版") || !strings.Contains(out, "2025-06_u001_新华乡.xlsx") {
		t.Errorf("June issue:\n%s", out)
	}
	after := consolidateMay("五月-2")
	if !strings.Contains(after, "方案版本：第1版") {
		t.Errorf("May is no longer judged by version 1:\n%s", after)
	}
	for _, table := range []string{"单位考核", "报送情况"} {
		if a, b := readCSV(t, at("五月-1/2025-05_"+table+".csv")), readCSV(t, at("五月-2/2025-05_"+table+".csv")); a != b {
			t.Errorf("May's %s changed after version 2 was activated:\n%s\n----\n%s", table, a, b)
		}
	}
	june := mustCLI(t, "--workspace", ws, "consolidate", "--period", "2025-06", "--as-of", "2025-07-10 09:00", "--out", at("六月.xlsx"), "--csv", at("六月"))
	if !strings.Contains(june, "方案版本：第2版") || !strings.Contains(june, "应报 27 个单位") {
		t.Errorf("June under version 2:\n%s", june)
	}
	// June's record of earlier months is May under version 1: 新华乡 (u001), added in
	// version 2, was no responsible unit in May, so only June counts against it; 区经济信息委
	// keeps its late May.
	reports := readCSV(t, at("六月/2025-06_报送情况.csv"))
	for _, c := range []struct{ unit, column, want string }{
		{"新华乡", "累计未报送", "1"}, {"区经济信息委", "累计迟报", "1"}, {"区经济信息委", "累计未报送", "1"},
	} {
		if got := csvCell(t, reports, c.unit, c.column); got != c.want {
			t.Errorf("June's 报送情况: %s %s = %q, want %q", c.unit, c.column, got, c.want)
		}
	}
	// gyqc links gives each period's links to the units of its own version.
	if l := mustCLI(t, "--workspace", ws, "links", "--period", "2025-06"); !strings.Contains(l, "新华乡") {
		t.Errorf("links of June (version 2) lack 新华乡:\n%s", l)
	}
	if l := mustCLI(t, "--workspace", ws, "links", "--period", "2025-05"); strings.Contains(l, "新华乡") || !strings.Contains(l, "城西街道") {
		t.Errorf("links of May (version 1) should list 城西街道, not 新华乡:\n%s", l)
	}
	versions := mustCLI(t, "--workspace", ws, "plan", "versions")
	if !strings.Contains(versions, "按此版本评价的报送期：2025-05\n") || !strings.Contains(versions, "按此版本评价的报送期：2025-06\n") {
		t.Errorf("plan versions:\n%s", versions)
	}

	// Re-evaluating May on purpose applies version 2 and is recorded.
	replanned := consolidateMay("五月-3", "--replan")
	if !strings.Contains(replanned, "应报 27 个单位") || !strings.Contains(replanned, "已改按方案第2版") || !strings.Contains(replanned, "原为第1版") {
		t.Errorf("May re-evaluated:\n%s", replanned)
	}
	if v := mustCLI(t, "--workspace", ws, "plan", "versions"); !strings.Contains(v, "2025-05（重新评价）、2025-06") {
		t.Errorf("plan versions after replan:\n%s", v)
	}
}

// checkEditedPlanJSON: `gyqc plan --json` shows the office's edits: version 2, the baseline
// and yearly targets of scale-enterprises, jxw's contact, the real members of 各乡镇街道.
func checkEditedPlanJSON(t *testing.T, ws string) {
	t.Helper()
	var pv struct {
		Edition    gyqc.Edition    `json:"edition"`
		Indicators []indicatorJSON `json:"indicators"`
		Units      []unitView      `json:"units"`
		Groups     []gyqc.Group    `json:"groups"`
		Gaps       []gyqc.Gap      `json:"gaps"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "--workspace", ws, "plan", "--json")), &pv); err != nil {
		t.Fatal(err)
	}
	if pv.Edition.No != 2 {
		t.Errorf("plan --json shows edition %+v, want version 2", pv.Edition)
	}
	if i := slices.IndexFunc(pv.Indicators, func(x indicatorJSON) bool { return x.Key == "scale-enterprises" }); i < 0 ||
		pv.Indicators[i].Baseline == nil || *pv.Indicators[i].Baseline != 45 ||
		pv.Indicators[i].TargetsByYear["2023"] != 70 || pv.Indicators[i].TargetsByYear["2024"] != 85 {
		t.Errorf("scale-enterprises in plan --json: %+v, want baseline 45 and yearly targets 2023: 70, 2024: 85", pv.Indicators[i])
	}
	if i := slices.IndexFunc(pv.Units, func(u unitView) bool { return u.Code == "jxw" }); i < 0 ||
		pv.Units[i].Contact != "王五" || pv.Units[i].Phone != "023-79223456" || pv.Units[i].Email != "jxw@qianjiang.gov.cn" {
		t.Errorf("jxw's contact not in plan --json")
	}
	if i := slices.IndexFunc(pv.Groups, func(g gyqc.Group) bool { return g.Name == "各乡镇街道" }); i < 0 ||
		!slices.Equal(pv.Groups[i].Members, []string{"cdjd", "cnjd", "u001"}) || pv.Groups[i].Example {
		t.Errorf("各乡镇街道 in plan --json: %+v", pv.Groups[i])
	}
	if slices.ContainsFunc(pv.Gaps, func(g gyqc.Gap) bool { return g.Kind == "example-group" && slices.Contains(g.Items, "各乡镇街道") }) {
		t.Errorf("各乡镇街道 still listed as example members: %+v", pv.Gaps)
	}
}

// TestGapsShown: gyqc issue warns once, one line per kind, about what is still an example or
// empty; gyqc units and gyqc plan list the same.
func TestGapsShown(t *testing.T) {
	code, _, stderr := runCLI(t, "issue", "--period", "2025-06", "--out", t.TempDir(), "--unit", "jxw")
	if code != 0 {
		t.Fatalf("issue: exit %d\n%s", code, stderr)
	}
	for _, kind := range []string{"单位组的成员仍是示例", "示例单位", "责任单位缺少联系人或电话", "责任单位缺少邮箱", "领导小组办公室的联系人及电话未填写"} {
		if n := strings.Count(stderr, kind); n != 1 {
			t.Errorf("issue warns %d times about %q, want once:\n%s", n, kind, stderr)
		}
	}
	units := mustCLI(t, "units")
	for _, want := range []string{"cdjd   城东街道（示例单位；缺联系人、电话、邮箱）", "尚待办公室补充", "单位组的成员仍是示例"} {
		if !strings.Contains(units, want) {
			t.Errorf("units does not show %q", want)
		}
	}
	if strings.Contains(units, "指标缺少基期值") {
		t.Errorf("units lists indicator gaps")
	}
	if plan := mustCLI(t, "plan"); !strings.Contains(plan, "指标缺少基期值") || !strings.Contains(plan, "gyqc plan export") {
		t.Errorf("plan does not list the gaps:\n%s", plan)
	}
}

// TestHandWrittenComments: comments an office wrote by hand into the YAML files have no place
// in the workbook. gyqc says so on export, keeps the hand-edited file beside the new one on
// import --out, and gives back any version the workspace keeps, comments and all.
func TestHandWrittenComments(t *testing.T) {
	dir := t.TempDir()
	at := func(p string) string { return filepath.Join(dir, p) }
	mustCLI(t, "plan", "export", "--out", at("方案与名册.xlsx"))
	mustCLI(t, "plan", "import", at("方案与名册.xlsx"), "--out", at("files"))
	units, err := os.ReadFile(at("files/units.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	const note = "# 城东街道：经区委编办确认为正式成员"
	edited := strings.Replace(string(units), "  - {code: cdjd,", "  "+note+"\n  - {code: cdjd,", 1)
	if edited == string(units) {
		t.Fatal("test setup: cdjd not in units.yaml")
	}
	if err := os.WriteFile(at("files/units.yaml"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustCLI(t, "--plan", at("files/plan.yaml"), "--units", at("files/units.yaml"), "plan", "export", "--out", at("再导出.xlsx"))
	if !strings.Contains(out, "1 行手写注释") || !strings.Contains(out, note) {
		t.Errorf("export does not warn of the hand-written comment:\n%s", out)
	}
	out = mustCLI(t, "plan", "import", at("再导出.xlsx"), "--out", at("files"))
	if !strings.Contains(out, "原文件已另存为") {
		t.Errorf("import --out does not say where the hand-edited file went:\n%s", out)
	}
	if b, err := os.ReadFile(at("files/units.导入前.yaml")); err != nil || string(b) != edited {
		t.Errorf("the hand-edited units.yaml is not kept as units.导入前.yaml (%v)", err)
	}
	if b, _ := os.ReadFile(at("files/units.yaml")); !bytes.Equal(b, units) {
		t.Errorf("units.yaml is not the canonical file again")
	}
	if _, err := os.Stat(at("files/plan.导入前.yaml")); err == nil {
		t.Errorf("plan.yaml had no hand-written comment but was backed up")
	}

	// Any version the workspace keeps comes back byte for byte.
	ws := at("ws")
	mustCLI(t, "--workspace", ws, "issue", "--period", "2025-06", "--out", at("模板"), "--unit", "jxw")
	mustCLI(t, "--workspace", ws, "plan", "versions", "--files", "1", "--out", at("第1版"))
	if b, err := os.ReadFile(at("第1版/units.yaml")); err != nil || !bytes.Equal(b, planfile.DefaultUnitsFile) {
		t.Errorf("version 1's units.yaml differs from the embedded file (%v)", err)
	}
}
