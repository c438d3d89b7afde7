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
	files, err := filepath.Glob(filepath.Join("testdata", "*", "*"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed corpus: %v", err)
	}
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
