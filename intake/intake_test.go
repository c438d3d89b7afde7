package intake_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/qianjiang/gyqc/intake"

	"github.com/qianjiang/gyqc"
)

func TestDefaultLimits(t *testing.T) {
	got := intake.DefaultLimits()
	want := intake.Limits{MaxFileSize: 20 << 20, MaxEntries: 2000, MaxEntrySize: 50 << 20, MaxTotalSize: 100 << 20,
		MaxRatio: 200, RatioFloor: 1 << 20, MaxXMLDepth: 100, MaxRows: 10000, MaxCols: 1024, MaxCells: 200000,
		MaxCellText: 32767, MaxSharedStrings: 20000, MaxSharedStringsSize: 8 << 20, XMLMemory: 16 << 20}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// TestLimits checks that each limit is applied as set: the good workbook passes the
// defaults and is refused under a tighter limit, with that limit's rule.
func TestLimits(t *testing.T) {
	good := buildTemplateLike(t, 24, 33)
	tests := []struct {
		name string
		lim  intake.Limits
		rule gyqc.Rule
	}{
		{name: "defaults", lim: intake.Limits{}},
		{name: "file size", lim: intake.Limits{MaxFileSize: 10 << 10}, rule: intake.RuleTooLarge},
		{name: "entries", lim: intake.Limits{MaxEntries: 5}, rule: intake.RuleZipEntries},
		{name: "entry size", lim: intake.Limits{MaxEntrySize: 20 << 10}, rule: intake.RuleZipSize},
		{name: "total size", lim: intake.Limits{MaxTotalSize: 50 << 10}, rule: intake.RuleZipTotal},
		{name: "ratio", lim: intake.Limits{MaxRatio: 2, RatioFloor: 1 << 10}, rule: intake.RuleZipRatio},
		{name: "ratio under the floor", lim: intake.Limits{MaxRatio: 2}},
		{name: "depth", lim: intake.Limits{MaxXMLDepth: 3}, rule: intake.RuleXMLDepth},
		{name: "rows", lim: intake.Limits{MaxRows: 10}, rule: intake.RuleSheetRow},
		{name: "columns", lim: intake.Limits{MaxCols: 5}, rule: intake.RuleSheetCol},
		{name: "cells", lim: intake.Limits{MaxCells: 100}, rule: intake.RuleSheetCells},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			probs := intake.Inspect("good.xlsx", good, tc.lim)
			if tc.rule == "" {
				if len(probs) > 0 {
					t.Fatalf("got problems:\n%s", probs)
				}
				return
			}
			if _, ok := findRule(probs, tc.rule); !ok {
				t.Fatalf("got problems\n%s\nwant rule %s", probs, tc.rule)
			}
			checkIntakeProblems(t, "good.xlsx", probs)
		})
	}
}

// TestAllProblems checks that the intake reports every problem of a file, not the first.
func TestAllProblems(t *testing.T) {
	good := smallTemplate(t)
	b := editParts(t, good, func(name string, data []byte) []byte {
		switch name {
		case tplTasksPart:
			return []byte(strings.Replace(string(data), "</sheetData>", `<row r="2147483647"/></sheetData>`, 1))
		case "xl/sharedStrings.xml":
			return []byte(strings.Replace(string(data), "<sst", "<!DOCTYPE sst><sst", 1))
		}
		return data
	})
	b = packParts(t, append(zipEntries(t, b), zipEntry{name: "../evil", data: []byte("x")}, zipEntry{name: "xl/vbaProject.bin", data: []byte("x")}))
	f, probs := intake.OpenWorkbook("multi.xlsx", b, intake.Limits{})
	if f != nil {
		t.Fatal("got a file, want refused")
	}
	for _, rule := range []gyqc.Rule{intake.RuleSheetRow, intake.RuleXMLDTD, intake.RuleZipName, intake.RuleMacro} {
		if _, ok := findRule(probs, rule); !ok {
			t.Errorf("missing rule %s in\n%s", rule, probs)
		}
	}
}

// TestProblemCap checks that a sheet breaking a rule in every row gives a short list
// ending with a count of the rest, not ten thousand problems.
func TestProblemCap(t *testing.T) {
	var rows strings.Builder
	for r := 10; r < 5000; r++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="B%d"/><c r="A%d"/></row>`, r, r, r)
	}
	b := injectRows(rows.String())(t, smallTemplate(t))
	probs := intake.Inspect("order.xlsx", b, intake.Limits{})
	if len(probs) > 10 {
		t.Fatalf("got %d problems, want a few", len(probs))
	}
	last := probs[len(probs)-1]
	if last.Rule != intake.RuleSheetOrder || !strings.Contains(last.Message, "同类问题另有4987处") {
		t.Errorf("got last problem %+v", last)
	}
	checkIntakeProblems(t, "order.xlsx", probs)
}

// TestSheetNames checks that problems name the sheet a clerk sees on the tab, whatever the
// part is called and however the workbook refers to it.
func TestSheetNames(t *testing.T) {
	es := zipEntries(t, smallTemplate(t))
	for i, e := range es {
		switch e.name {
		case tplTasksPart:
			es[i].name = "xl/data/任务.xml"
			es[i].data = []byte(strings.Replace(string(e.data), "</sheetData>", `<row r="0"/></sheetData>`, 1))
		case "xl/_rels/workbook.xml.rels":
			es[i].data = []byte(strings.Replace(string(e.data), `Target="worksheets/sheet2.xml"`, `Target="/xl/data/任务.xml"`, 1))
		}
	}
	probs := intake.Inspect("moved.xlsx", packParts(t, es), intake.Limits{})
	p, ok := findRule(probs, intake.RuleSheetRow)
	if !ok || p.Sheet != tplTasks {
		t.Errorf("got %+v, want a problem on sheet %s", probs, tplTasks)
	}
}

func TestGuard(t *testing.T) {
	tests := []struct {
		name string
		fn   func() error
		want error     // nil: a panic problem
		rule gyqc.Rule // of the panic problem
	}{
		{name: "no error", fn: func() error { return nil }},
		{name: "error passed through", fn: func() error { return os.ErrNotExist }, want: os.ErrNotExist},
		{name: "index panic", fn: func() error {
			var s []int
			_ = s[-len(s)-1+len(s)] // index -1
			return nil
		}, rule: intake.RulePanic},
		{name: "nil map panic", fn: func() error {
			var m map[string]int
			m["x"] = 1
			return nil
		}, rule: intake.RulePanic},
		{name: "panic with error", fn: func() error { panic(errors.New("boom")) }, rule: intake.RulePanic},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := intake.Guard("x.xlsx", tc.fn)
			if tc.rule == "" {
				if !errors.Is(err, tc.want) && err != tc.want {
					t.Errorf("got %v, want %v", err, tc.want)
				}
				return
			}
			var probs gyqc.Problems
			if !errors.As(err, &probs) || len(probs) != 1 || probs[0].Rule != tc.rule || probs[0].File != "x.xlsx" {
				t.Fatalf("got %v, want one %s problem", err, tc.rule)
			}
			if !strings.Contains(probs[0].Message, "文件已损坏") {
				t.Errorf("got message %q", probs[0].Message)
			}
			checkIntakeProblems(t, "x.xlsx", probs)
		})
	}
}

func TestGuardValue(t *testing.T) {
	v, probs := intake.GuardValue("y.xlsx", func() (int, gyqc.Problems) {
		panic("excelize: index out of range")
	})
	if v != 0 || len(probs) != 1 || probs[0].Rule != intake.RulePanic || !strings.Contains(probs[0].Message, "index out of range") {
		t.Errorf("got %d, %v", v, probs)
	}
	v, probs = intake.GuardValue("y.xlsx", func() (int, gyqc.Problems) { return 7, nil })
	if v != 7 || probs != nil {
		t.Errorf("got %d, %v", v, probs)
	}
}

// intakeCorpus returns the paths of testdata/bad and testdata/good.
func intakeCorpus(tb testing.TB) []string {
	tb.Helper()
	var files []string
	for _, dir := range []string{intakeBadDir, intakeGoodDir} {
		fs, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil || len(fs) == 0 {
			tb.Fatalf("no corpus in %s: %v", dir, err)
		}
		files = append(files, fs...)
	}
	return files
}

// TestInspectConcurrent runs the intake on the whole corpus from several goroutines at
// once, as collect does, and checks every run gives the same problems (run with -race).
func TestInspectConcurrent(t *testing.T) {
	files := intakeCorpus(t)
	want := map[string]string{}
	data := map[string][]byte{}
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		data[path] = b
		want[path] = intake.Inspect(path, b, intake.Limits{}).Error()
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, path := range files {
				if got := intake.Inspect(path, data[path], intake.Limits{}).Error(); got != want[path] {
					t.Errorf("%s: got\n%s\nwant\n%s", path, got, want[path])
				}
			}
		})
	}
	wg.Wait()
}
