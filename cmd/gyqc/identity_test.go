package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

// relabel changes the unit code of a returned workbook in both copies of its metadata, as
// a town filing as another would, and saves it in place.
func relabel(t *testing.T, path, unit string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetCustomProps(excelize.CustomProperty{Name: templates.MetaUnit, Value: unit}); err != nil {
		t.Fatal(err)
	}
	sheet := templates.Current().MetaSheet
	rows, _ := f.GetRows(sheet)
	for i, r := range rows {
		if len(r) > 0 && r[0] == templates.MetaUnit {
			cell, _ := excelize.CoordinatesToCellName(2, i+1)
			f.SetCellStr(sheet, cell, unit)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestCollectForgedUnit: a town's return relabelled as another town's is refused, recorded
// as a refusal of no unit, gets a 退回意见单, and the other town stays 未报送. Before the
// seal, it was accepted as 城南街道's return.
func TestCollectForgedUnit(t *testing.T) {
	c := newCycle(t, "2025-06")
	path := c.fill("2025-06", "cdjd", "城南街道报表.xlsx", map[string]any{
		"tasks": map[string]any{}, "values": map[string]any{},
		"filler": map[string]any{"name": "李四", "phone": "023-79220000", "reviewer": "张三", "date": "2025-06-28"}})
	relabel(t, path, "cnjd")
	res, err := c.collect("2025-06-28 10:00", path)
	if _, ok := err.(*refusedError); !ok || len(res.Files) != 1 {
		t.Fatalf("got %v %+v, want one file refused", err, res.Files)
	}
	f := res.Files[0]
	if f.Unit != "" || f.Outcome != gyqc.OutcomeRefused || len(f.Feedback) != 1 {
		t.Fatalf("got %+v, want refused, attributed to no unit, with a 退回意见单", f)
	}
	if !strings.Contains(f.Problems.Error(), "单位代码由“cdjd”（城东街道）改为“cnjd”（城南街道）") {
		t.Errorf("the problem does not name the change: %v", f.Problems)
	}
	var out strings.Builder
	if err := runStatus(context.Background(), c.plan, statusOptions{Workspace: c.workspace, Period: c.period, JSON: true,
		Now: time.Date(2025, 7, 2, 9, 0, 0, 0, c.plan.Location())}, &out); err != nil {
		t.Fatal(err)
	}
	var st struct {
		Units []struct{ Code, State string } `json:"units"`
	}
	json.Unmarshal([]byte(out.String()), &st)
	for _, u := range st.Units {
		if (u.Code == "cnjd" || u.Code == "cdjd") && u.State != string(gyqc.StateMissing) {
			t.Errorf("%s is %s, want missing", u.Code, u.State)
		}
	}
}

// TestCollectNeedsTheKey: collecting into a workspace without the key that sealed the
// templates stops before anything is created, with exit code 3; a workspace restored from
// a backup (a copy of the folder) keeps its key and verifies the returns.
func TestCollectNeedsTheKey(t *testing.T) {
	c := newCycle(t, "2025-06")
	path := c.fill("2025-06", "dsjj", "dsjj.xlsx", dsjjSpec())
	fresh := filepath.Join(t.TempDir(), "新工作区")
	code, _, errs := runCLI(t, "--workspace", fresh, "collect", "--period", "2025-06", path)
	if code != exitInvalid || !strings.Contains(errs, "没有密钥") || !strings.Contains(errs, "备份") {
		t.Errorf("collect without a key: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("collect without a key created the workspace: %v", err)
	}
	restored := filepath.Join(t.TempDir(), "恢复")
	if out, err := exec.Command("cp", "-a", c.workspace, restored).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	c.workspace = restored
	res, err := c.collect("2025-06-28 10:00", path)
	if err != nil || len(res.Files) != 1 || res.Files[0].Unit != "dsjj" || res.Files[0].Outcome == gyqc.OutcomeRefused {
		t.Errorf("collect in the restored workspace: %v %+v", err, res.Files)
	}
}
