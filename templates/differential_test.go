package templates_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/review"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/templates"
)

// corpusFile is a returned workbook of the differential corpus.
type corpusFile struct {
	name string
	data []byte
	real bool // written by a spreadsheet program or gyqc: the fast reader must read it itself
}

var (
	corpusOnce  sync.Once
	corpusFiles []corpusFile
	corpusErr   error
)

// corpus returns the files the two readers are compared on: the template of every
// responsible unit filled by samples.Fill, clean and with the content mess of a batch
// (text in number cells, copied texts, last month's template), and every workbook of
// ../intake/testdata/good and ../intake/testdata/bad.
func corpus(tb testing.TB) []corpusFile {
	tb.Helper()
	corpusOnce.Do(func() { corpusFiles, corpusErr = buildCorpus() })
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	return corpusFiles
}

func buildCorpus() ([]corpusFile, error) {
	plan := planfile.Default()
	gen, err := samples.New(plan, 7)
	if err != nil {
		return nil, err
	}
	var files []corpusFile
	for _, period := range []gyqc.Period{gyqc.MustPeriod("2025-06"), gyqc.MustPeriod("2024-01")} {
		batch, err := gen.Batch(period, samples.Scenario{Errors: 8, Copied: 3, Resubmit: 2, Misnamed: 2})
		if err != nil {
			return nil, err
		}
		for i, r := range batch.Returns {
			var buf bytes.Buffer
			issued := time.Date(period.Year, period.Month, 25, 9, 0, 0, 0, plan.Location())
			if _, err := templates.Write(&buf, plan, plan.Registry.Unit(r.Unit), r.Period, nil, templates.Options{Issued: issued}); err != nil {
				return nil, err
			}
			data, err := samples.Fill(buf.Bytes(), r)
			if err != nil {
				return nil, err
			}
			files = append(files, corpusFile{name: fmt.Sprintf("%s-%02d-%s.xlsx", period, i, r.Unit), data: data, real: true})
		}
	}
	for _, dir := range []string{"good", "bad"} {
		paths, _ := filepath.Glob(filepath.Join("..", "intake", "testdata", dir, "*"))
		sort.Strings(paths)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			files = append(files, corpusFile{name: dir + "/" + filepath.Base(p), data: data, real: dir == "good"})
		}
	}
	return files, nil
}

// outcome is what one reader made of a file.
type outcome struct {
	ret      *templates.Returned
	probs    gyqc.Problems
	declined error // the fast reader left the file to excelize
	opened   bool  // excelize opened it
}

// readExcelize reads a file the way collect did before the fast reader: Inspect, excelize
// under the limits, Read under the panic guard.
func readExcelize(name string, data []byte, plan *gyqc.Plan) outcome {
	f, probs := intake.OpenWorkbook(name, data, intake.Limits{})
	if f == nil || len(probs.Errors()) > 0 {
		if f != nil {
			f.Close()
		}
		return outcome{probs: probs}
	}
	defer f.Close()
	ret, rprobs := intake.GuardValue(name, func() (*templates.Returned, gyqc.Problems) { return templates.Read(f, plan) })
	return outcome{ret: ret, probs: rprobs, opened: true}
}

// readFast reads a file with ReadBytes under the panic guard.
func readFast(name string, data []byte, plan *gyqc.Plan) outcome {
	var declined error
	ret, probs := intake.GuardValue(name, func() (*templates.Returned, gyqc.Problems) {
		r, p, err := templates.ReadBytes(data, plan)
		declined = err
		return r, p
	})
	return outcome{ret: ret, probs: probs, declined: declined}
}

// compare reads a file with both readers and reports how it went: "same" when both read it
// alike, "declined" when the fast reader left it to excelize, "refused" when Inspect or
// excelize refused it; differences and panics of the fast reader are errors.
func compare(t *testing.T, name string, data []byte, plan *gyqc.Plan) string {
	t.Helper()
	fast := readFast(name, data, plan)
	for _, p := range fast.probs {
		if p.Rule == intake.RulePanic {
			t.Fatalf("the fast reader panicked: %s", p.Message)
		}
	}
	if fast.declined != nil && !errors.Is(fast.declined, templates.ErrUnsupported) {
		t.Fatalf("error that is not ErrUnsupported: %v", fast.declined)
	}
	if len(intake.Inspect(name, data, intake.Limits{}).Errors()) > 0 {
		return "refused"
	}
	slow := readExcelize(name, data, plan)
	switch {
	case fast.declined != nil:
		return "declined"
	case !slow.opened:
		return "refused" // excelize cannot open it; the fast reader may read it (see ReadBytes)
	}
	if !reflect.DeepEqual(fast.ret, slow.ret) {
		t.Errorf("%s: results differ\nfast     %+v\nexcelize %+v", name, fast.ret, slow.ret)
	}
	if !reflect.DeepEqual(fast.probs, slow.probs) {
		t.Errorf("%s: problems differ\nfast     %v\nexcelize %v", name, fast.probs, slow.probs)
	}
	return "same"
}

// TestDifferential compares the fast reader with excelize on the whole corpus: wherever
// Inspect lets a file through and excelize opens it, both return the same result and the
// same problems, and the files real programs wrote are never left to excelize.
func TestDifferential(t *testing.T) {
	plan := planfile.Default()
	counts, real := map[string]int{}, 0
	for _, f := range corpus(t) {
		if f.real {
			real++
		}
		t.Run(f.name, func(t *testing.T) {
			got := compare(t, f.name, f.data, plan)
			counts[got]++
			if f.real && got != "same" {
				t.Errorf("%s: %s, want read alike by both readers", f.name, got)
			}
		})
	}
	t.Logf("%d files: %v", len(corpus(t)), counts)
	if counts["same"] <= real {
		t.Errorf("only %d files read by both readers, %d of them real", counts["same"], real)
	}
}

// FuzzReadBytes feeds whole files to both readers, seeded with some of the corpus (the
// workbooks of good/ and a few filled templates): the fast reader never panics, and wherever
// Inspect and excelize accept a file it either reads it exactly as excelize does or leaves
// it to excelize.
func FuzzReadBytes(f *testing.F) {
	for i, c := range corpus(f) {
		if c.real && (i%20 == 0 || filepath.Dir(c.name) == "good") {
			f.Add(c.data)
		}
	}
	plan := planfile.Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		compare(t, "fuzz.xlsx", data, plan)
	})
}

// TestExamineFallback: a file the fast reader leaves to excelize (here a progress text that
// mentions purl.oclc.org, the mark of Strict Open XML) is still read by Examine, through
// excelize, with the result excelize gives.
func TestExamineFallback(t *testing.T) {
	plan := planfile.Default()
	gen, err := samples.New(plan, 3)
	if err != nil {
		t.Fatal(err)
	}
	period := gyqc.MustPeriod("2025-06")
	r, err := gen.Return("jxw", period)
	if err != nil {
		t.Fatal(err)
	}
	r.Tasks[0].Progress = "本月参照 http://purl.oclc.org/ 的格式整理了报表"
	var buf bytes.Buffer
	key := []byte("gyqc differential test key 32 b.")
	if _, err := templates.Write(&buf, plan, plan.Registry.Unit("jxw"), period, nil, templates.Options{Key: key}); err != nil {
		t.Fatal(err)
	}
	data, err := samples.Fill(buf.Bytes(), r)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := templates.ReadBytes(data, plan); !errors.Is(err, templates.ErrUnsupported) {
		t.Fatalf("the fast reader did not leave the file to excelize: %v", err)
	}
	want := readExcelize("jxw.xlsx", data, plan)
	ex := review.Examine("jxw.xlsx", data, review.Input{Plan: plan, Period: period, Key: key})
	if !ex.Attributed || ex.Outcome == gyqc.OutcomeRefused || !reflect.DeepEqual(ex.Returned, want.ret) {
		t.Fatalf("Examine: attributed %v, outcome %s, problems %v", ex.Attributed, ex.Outcome, ex.Problems)
	}
	if got := ex.Returned.Task(r.Tasks[0].Task).Progress.Text; got != r.Tasks[0].Progress {
		t.Errorf("progress read as %q", got)
	}
}
