package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestCollectNothingCountsUnlessFilled: the issued template sent back as it was, or only
// opened and saved again (openpyxl: new metadata, same content), is refused once as 未填写;
// a return whose supporting row was left empty is refused for that row.
func TestCollectNothingCountsUnlessFilled(t *testing.T) {
	c := newCycle(t, "2025-06")
	tpl, err := os.ReadFile(c.template("2025-06", "dsjj"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(c.inbox, "原样退回.xlsx"), tpl, 0o644)
	c.fill("2025-06", "dsjj", "打开后另存.xlsx", map[string]any{})
	noSupport := dsjjSpec()
	delete(noSupport["tasks"].(map[string]any), "15")
	c.fill("2025-06", "dsjj", "配合任务未填.xlsx", noSupport)
	res, err := c.collect("2025-06-28 10:00", c.inbox)
	if _, ok := err.(*refusedError); !ok {
		t.Fatalf("error %v, want refusedError", err)
	}
	want := map[string][]string{
		"原样退回.xlsx":   {"untouched"},
		"打开后另存.xlsx":  {"untouched"},
		"配合任务未填.xlsx": {"status-required", "progress-required"},
	}
	if len(res.Files) != len(want) {
		t.Fatalf("%d results", len(res.Files))
	}
	for _, f := range res.Files {
		name := filepath.Base(f.File)
		var errs []string
		for _, p := range f.Problems {
			if p.Severity == gyqc.SevError {
				errs = append(errs, string(p.Rule))
				if p.Rule != "untouched" && p.Task != 15 {
					t.Errorf("%s: error on task %d: %s", name, p.Task, p)
				}
			}
		}
		if f.Outcome != gyqc.OutcomeRefused || !equalStrings(errs, want[name]) {
			t.Errorf("%s: %s with errors %v, want refused with %v", name, f.Outcome, errs, want[name])
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
