package intake_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/intake"
)

// Bounds every input of FuzzOpenWorkbook must stay within, however it is crafted.
const (
	intakeFuzzTime  = 5 * time.Second
	intakeFuzzAlloc = 512 << 20
)

// FuzzOpenWorkbook feeds arbitrary bytes through the intake and, when it accepts them,
// through everything the template reader may call on the file. Properties: a file or
// problems, never both and never neither; every problem complete; no panic, not even one
// that Guard would catch (the pre-scan must have refused what makes excelize panic); time
// and allocation bounded. The seeds are testdata/bad and testdata/good, so the normal test
// run checks all of them.
func FuzzOpenWorkbook(f *testing.F) {
	files := intakeCorpus(f)
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

		wb, probs := intake.OpenWorkbook("fuzz.xlsx", data, intake.Limits{})
		switch {
		case wb == nil && len(probs.Errors()) == 0:
			t.Fatalf("no file and no error; problems: %v", probs)
		case wb != nil && len(probs.Errors()) > 0:
			t.Fatalf("a file and errors: %v", probs)
		}
		checkIntakeProblems(t, "fuzz.xlsx", probs)
		if _, ok := findRule(probs, intake.RulePanic); ok {
			t.Fatalf("excelize panicked opening a file the pre-scan passed: %v", probs)
		}
		if wb != nil {
			if panics := readThrough("fuzz.xlsx", wb); len(panics) > 0 {
				t.Fatalf("excelize panicked reading a file the pre-scan passed: %v", panics)
			}
			wb.Close()
		}

		if d := time.Since(start); d > intakeFuzzTime {
			t.Fatalf("took %v", d)
		}
		runtime.ReadMemStats(&after)
		if n := after.TotalAlloc - before.TotalAlloc; n > intakeFuzzAlloc {
			t.Fatalf("allocated %d MiB", n>>20)
		}
	})
}

// FuzzWorkbookParts fuzzes the two parts a crafted workbook most likely attacks, the task
// sheet and the shared strings, inside an otherwise valid package (a byte-level fuzzer
// rarely gets past the CRCs). Properties as FuzzOpenWorkbook. Seeds: the good parts and the
// task sheets of testdata/bad.
func FuzzWorkbookParts(f *testing.F) {
	good := smallTemplate(f)
	var base []zipEntry
	parts := map[string][]byte{}
	for _, e := range zipEntries(f, good) {
		base = append(base, e)
		parts[e.name] = e.data
	}
	sst := parts["xl/sharedStrings.xml"]
	f.Add(parts[tplTasksPart], sst)
	for _, tc := range allIntakeCases() {
		if tc.section != 7 && tc.section != 8 {
			continue
		}
		b, err := os.ReadFile(filepath.Join(intakeBadDir, tc.file))
		if err != nil {
			f.Fatal(err)
		}
		seed := map[string][]byte{}
		for _, e := range zipEntries(f, b) {
			seed[e.name] = e.data
		}
		f.Add(seed[tplTasksPart], seed["xl/sharedStrings.xml"])
	}
	f.Fuzz(func(t *testing.T, sheet, shared []byte) {
		es := append([]zipEntry(nil), base...)
		for i := range es {
			es[i].stored = true // no deflating: fuzzing spends its time on the intake
			switch es[i].name {
			case tplTasksPart:
				es[i].data = sheet
			case "xl/sharedStrings.xml":
				es[i].data = shared
			}
		}
		data := packParts(t, es)
		start := time.Now()
		wb, probs := intake.OpenWorkbook("parts.xlsx", data, intake.Limits{})
		switch {
		case wb == nil && len(probs.Errors()) == 0:
			t.Fatalf("no file and no error; problems: %v", probs)
		case wb != nil && len(probs.Errors()) > 0:
			t.Fatalf("a file and errors: %v", probs)
		}
		checkIntakeProblems(t, "parts.xlsx", probs)
		if _, ok := findRule(probs, intake.RulePanic); ok {
			t.Fatalf("excelize panicked opening a file the pre-scan passed: %v", probs)
		}
		if wb != nil {
			if panics := readThrough("parts.xlsx", wb); len(panics) > 0 {
				t.Fatalf("excelize panicked reading a file the pre-scan passed: %v", panics)
			}
			wb.Close()
		}
		if d := time.Since(start); d > intakeFuzzTime {
			t.Fatalf("took %v", d)
		}
	})
}
