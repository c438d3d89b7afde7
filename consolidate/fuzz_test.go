package consolidate_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/consolidate"
)

// Bounds every input of FuzzOpenWorkbook must stay within, however it is crafted.
const (
	fuzzMaxTime  = 5 * time.Second
	fuzzMaxAlloc = 512 << 20
)

// FuzzOpenWorkbook feeds arbitrary bytes through the intake and, when it accepts them,
// through everything the template reader may call on the file. Properties: a file or
// problems, never both and never neither; every problem complete; no panic, not even one
// that Guard would catch (the pre-scan must have refused what makes excelize panic); time
// and allocation bounded. The seeds are testdata/bad and testdata/good, so the normal test
// run checks all of them.
func FuzzOpenWorkbook(f *testing.F) {
	files := corpusFiles(f)
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()

		wb, probs := consolidate.OpenWorkbook("fuzz.xlsx", data, consolidate.Limits{})
		switch {
		case wb == nil && len(probs.Errors()) == 0:
			t.Fatalf("no file and no error; problems: %v", probs)
		case wb != nil && len(probs.Errors()) > 0:
			t.Fatalf("a file and errors: %v", probs)
		}
		checkProblems(t, "fuzz.xlsx", probs)
		if _, ok := find(probs, consolidate.RulePanic); ok {
			t.Fatalf("excelize panicked opening a file the pre-scan passed: %v", probs)
		}
		if wb != nil {
			if panics := readAll("fuzz.xlsx", wb); len(panics) > 0 {
				t.Fatalf("excelize panicked reading a file the pre-scan passed: %v", panics)
			}
			wb.Close()
		}

		if d := time.Since(start); d > fuzzMaxTime {
			t.Fatalf("took %v", d)
		}
		runtime.ReadMemStats(&after)
		if n := after.TotalAlloc - before.TotalAlloc; n > fuzzMaxAlloc {
			t.Fatalf("allocated %d MiB", n>>20)
		}
	})
}

// FuzzWorkbookParts fuzzes the two parts a crafted workbook most likely attacks, the task
// sheet and the shared strings, inside an otherwise valid package (a byte-level fuzzer
// rarely gets past the CRCs). Properties as FuzzOpenWorkbook. Seeds: the good parts and the
// task sheets of testdata/bad.
func FuzzWorkbookParts(f *testing.F) {
	good := smallGood(f)
	var base []entry
	parts := map[string][]byte{}
	for _, e := range entries(f, good) {
		base = append(base, e)
		parts[e.name] = e.data
	}
	sst := parts["xl/sharedStrings.xml"]
	f.Add(parts[partTasks], sst)
	for _, tc := range badCases {
		if tc.section != 7 && tc.section != 8 {
			continue
		}
		b, err := os.ReadFile(filepath.Join(badDir, tc.file))
		if err != nil {
			f.Fatal(err)
		}
		seed := map[string][]byte{}
		for _, e := range entries(f, b) {
			seed[e.name] = e.data
		}
		f.Add(seed[partTasks], seed["xl/sharedStrings.xml"])
	}
	f.Fuzz(func(t *testing.T, sheet, shared []byte) {
		es := append([]entry(nil), base...)
		for i := range es {
			switch es[i].name {
			case partTasks:
				es[i].data = sheet
			case "xl/sharedStrings.xml":
				es[i].data = shared
			}
		}
		data := packZip(t, es)
		start := time.Now()
		wb, probs := consolidate.OpenWorkbook("parts.xlsx", data, consolidate.Limits{})
		switch {
		case wb == nil && len(probs.Errors()) == 0:
			t.Fatalf("no file and no error; problems: %v", probs)
		case wb != nil && len(probs.Errors()) > 0:
			t.Fatalf("a file and errors: %v", probs)
		}
		checkProblems(t, "parts.xlsx", probs)
		if _, ok := find(probs, consolidate.RulePanic); ok {
			t.Fatalf("excelize panicked opening a file the pre-scan passed: %v", probs)
		}
		if wb != nil {
			if panics := readAll("parts.xlsx", wb); len(panics) > 0 {
				t.Fatalf("excelize panicked reading a file the pre-scan passed: %v", panics)
			}
			wb.Close()
		}
		if d := time.Since(start); d > fuzzMaxTime {
			t.Fatalf("took %v", d)
		}
	})
}
