package intake_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/intake"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
)

// The -update flag regenerates testdata. Another test file of the package may define it
// first; then that definition is shared.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "regenerate testdata files")
	}
}

// intakeUpdate reports whether -update was given.
func intakeUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// Directories of the intake corpus.
var (
	intakeBadDir  = filepath.Join("testdata", "bad")
	intakeGoodDir = filepath.Join("testdata", "good")
)

// The parts of the small good workbook the bad cases edit.
const (
	tplTasksPart = "xl/worksheets/sheet2.xml" // 任务进展
	tplGuidePart = "xl/worksheets/sheet1.xml" // 填报说明, with the merged title A1:F1
)

// intakeCase is one file of testdata/bad: how it is made and what the intake must say.
type intakeCase struct {
	file    string                          // name under testdata/bad
	section int                             // of ../shared/notes/bad-inputs.md
	build   func(testing.TB, []byte) []byte // from the good workbook; nil: made by soffice
	soffice string                          // LibreOffice filter making it from the good workbook
	rule    gyqc.Rule                       // a problem with this rule must be reported
	want    string                          // in that problem's message
	sheet   string                          // the sheet the problem names, when it names one
	fix     string                          // in the problem's fix, when set
	warning bool                            // accepted with a warning: OpenWorkbook returns a file
}

// injectRows returns a build adding XML before </sheetData> in the task sheet.
func injectRows(rows string) func(testing.TB, []byte) []byte {
	return func(tb testing.TB, good []byte) []byte {
		return editParts(tb, good, replaceInPart(tplTasksPart, "</sheetData>", rows+"</sheetData>"))
	}
}

// fixedBytes returns a build that ignores the good workbook.
func fixedBytes(b []byte) func(testing.TB, []byte) []byte {
	return func(testing.TB, []byte) []byte { return b }
}

// allIntakeCases returns every case of the corpus.
func allIntakeCases() []intakeCase { return append(slices.Clone(intakeCases), textCases...) }

// corpusMaxAlloc bounds what the intake may allocate on any file of the corpus: the bombs
// and crafted sheets must cost no more than a normal file.
const corpusMaxAlloc = 4 << 20

// smallTemplate is the good workbook the bad cases are made from: a template with a few rows.
func smallTemplate(tb testing.TB) []byte { return buildTemplateLike(tb, 3, 3) }

// TestBadCorpus checks that every file of testdata/bad is refused (or, for active content,
// accepted with a warning) with its rule and message, and that nothing panics. With
// -update it first regenerates the files; LibreOffice makes the ones it can, from the
// same good workbook.
func TestBadCorpus(t *testing.T) {
	if intakeUpdate() {
		writeIntakeBad(t)
	}
	sections := map[int]int{}
	for _, tc := range allIntakeCases() {
		sections[tc.section]++
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(intakeBadDir, tc.file))
			if err != nil {
				t.Fatalf("%v (run go test -run TestBadCorpus -update)", err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			f, probs := intake.OpenWorkbook(tc.file, data, intake.Limits{})
			runtime.ReadMemStats(&after)
			if f != nil {
				defer f.Close()
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > corpusMaxAlloc {
				t.Errorf("allocated %d KiB, want at most %d KiB", n>>10, corpusMaxAlloc>>10)
			}
			switch {
			case tc.warning && (f == nil || len(probs.Errors()) > 0):
				t.Fatalf("got refused, want accepted with a warning:\n%s", probs)
			case !tc.warning && f != nil:
				t.Fatalf("got a file, want refused; problems:\n%s", probs)
			}
			p, ok := findRule(probs, tc.rule)
			if !ok {
				t.Fatalf("got problems\n%s\nwant rule %s", probs, tc.rule)
			}
			if !strings.Contains(p.Message, tc.want) {
				t.Errorf("got message %q, want it to contain %q", p.Message, tc.want)
			}
			if tc.sheet != "" && p.Sheet != tc.sheet {
				t.Errorf("got sheet %q, want %q", p.Sheet, tc.sheet)
			}
			if !strings.Contains(p.Fix, tc.fix) {
				t.Errorf("got fix %q, want it to contain %q", p.Fix, tc.fix)
			}
			checkIntakeProblems(t, tc.file, probs)
		})
	}
	for s := 1; s <= 8; s++ {
		if sections[s] == 0 {
			t.Errorf("no case for section %d of bad-inputs.md", s)
		}
	}
}

// findRule returns the first problem with the rule.
func findRule(probs gyqc.Problems, rule gyqc.Rule) (gyqc.Problem, bool) {
	for _, p := range probs {
		if p.Rule == rule {
			return p, true
		}
	}
	return gyqc.Problem{}, false
}

// checkIntakeProblems checks what every problem must carry: the file, a rule, a message and a
// fix, and Chinese words for the clerk.
func checkIntakeProblems(tb testing.TB, file string, probs gyqc.Problems) {
	tb.Helper()
	for _, p := range probs {
		if p.File != file || p.Rule == "" || p.Message == "" || p.Fix == "" || p.Severity == "" {
			tb.Errorf("incomplete problem: %+v", p)
		}
		if !strings.ContainsFunc(p.Message, func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }) {
			tb.Errorf("message not in Chinese: %q", p.Message)
		}
	}
}

// writeIntakeBad regenerates testdata/bad.
func writeIntakeBad(t *testing.T) {
	good := smallTemplate(t)
	if err := os.MkdirAll(intakeBadDir, 0o755); err != nil {
		t.Fatal(err)
	}
	bySoffice := map[string][]string{} // filter to files
	for _, tc := range allIntakeCases() {
		if tc.build == nil {
			bySoffice[tc.soffice] = append(bySoffice[tc.soffice], tc.file)
			continue
		}
		if err := os.WriteFile(filepath.Join(intakeBadDir, tc.file), tc.build(t, good), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "template.xlsx")
	if err := os.WriteFile(src, good, 0o644); err != nil {
		t.Fatal(err)
	}
	for filter, files := range bySoffice {
		out := filepath.Join(dir, fmt.Sprint(len(filter), filter[:2]))
		if b, err := clients.SofficeRun(t, dir, "--convert-to", filter, "--outdir", out, src); err != nil {
			t.Fatalf("soffice --convert-to %s: %v\n%s", filter, err, b)
		}
		made, err := filepath.Glob(filepath.Join(out, "template.*"))
		if err != nil || len(made) != 1 {
			t.Fatalf("soffice --convert-to %s made %v", filter, made)
		}
		data, err := os.ReadFile(made[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if err := os.WriteFile(filepath.Join(intakeBadDir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
