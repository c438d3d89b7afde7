package templates

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var (
	planOnce sync.Once
	plan     *gyqc.Plan
)

// defaultPlan returns the embedded plan, loaded once.
func defaultPlan(tb testing.TB) *gyqc.Plan {
	tb.Helper()
	planOnce.Do(func() { plan = planfile.Default() })
	return plan
}

// issueTime is the fixed issue time of the tests.
func issueTime(p *gyqc.Plan) time.Time { return time.Date(2025, 6, 25, 9, 30, 0, 0, p.Location()) }

// writeTemplate writes the template of unit code for period and returns its bytes.
// testKey is the workspace key the tests seal templates with.
var testKey = []byte("gyqc templates test key, 32 byte")

func writeTemplate(tb testing.TB, p *gyqc.Plan, code, period string, prev *gyqc.Submission) ([]byte, Info) {
	tb.Helper()
	u := p.Registry.Unit(code)
	if u == nil {
		tb.Fatalf("no unit %s", code)
	}
	var buf bytes.Buffer
	info, err := Write(&buf, p, u, gyqc.MustPeriod(period), prev, Options{Issued: issueTime(p), Key: testKey})
	if err != nil {
		tb.Fatalf("Write %s %s: %v", code, period, err)
	}
	return buf.Bytes(), info
}

// saveFile writes b into dir under name and returns the path.
func saveFile(tb testing.TB, dir, name string, b []byte) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// openBytes opens a workbook from memory.
func openBytes(tb testing.TB, b []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("open workbook: %v", err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// readerImpl is one implementation of reading a returned workbook, as the tests call it.
type readerImpl struct {
	Name string
	Read func(tb testing.TB, b []byte, p *gyqc.Plan) (*Returned, gyqc.Problems)
}

// readers are the two implementations every reading test runs through: excelize (Read) and
// the fast reader over the zip bytes (ReadBytes), which must read these files itself, never
// leave them to excelize.
var readers = []readerImpl{
	{Name: "excelize", Read: func(tb testing.TB, b []byte, p *gyqc.Plan) (*Returned, gyqc.Problems) {
		tb.Helper()
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			tb.Fatalf("open workbook: %v", err)
		}
		defer f.Close()
		return Read(f, p)
	}},
	{Name: "fast", Read: func(tb testing.TB, b []byte, p *gyqc.Plan) (*Returned, gyqc.Problems) {
		tb.Helper()
		ret, probs, err := ReadBytes(b, p)
		if err != nil {
			tb.Fatalf("the fast reader left the file to excelize: %v", err)
		}
		return ret, probs
	}},
}

// samplePrev is an accepted report of unit code for period with a status, texts and a value
// on every row, as the store would return it for prefilling.
func samplePrev(p *gyqc.Plan, code, period string) *gyqc.Submission {
	s := &gyqc.Submission{Unit: code, Period: gyqc.MustPeriod(period), Version: 1, Outcome: gyqc.OutcomeAccepted}
	for i, a := range p.Assignments(code) {
		s.Tasks = append(s.Tasks, gyqc.TaskReport{Task: a.Task, Role: a.Role, Status: gyqc.Statuses[i%len(gyqc.Statuses)],
			Progress: fmt.Sprintf("任务%d上期进展", a.Task), NextPlan: fmt.Sprintf("任务%d：下月完成可研报告，月底前报审。", a.Task)})
	}
	for i, ind := range p.ReportedIndicators(code) {
		v := float64(i) + 0.5
		if i%5 == 4 {
			s.Values = append(s.Values, gyqc.IndicatorValue{Key: ind.Key, Raw: "暂无"}) // no figure: 上期值 stays empty
			continue
		}
		s.Values = append(s.Values, gyqc.IndicatorValue{Key: ind.Key, Value: &v, Raw: gyqc.FormatNumber(v)})
	}
	return s
}

// sha256hex returns the hex SHA-256 of b.
func sha256hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Part names and namespaces of an .xlsx package the tests edit.
const (
	partRels          = "_rels/.rels"
	partSharedStrings = "xl/sharedStrings.xml"
	partCustom        = "docProps/custom.xml"
	partApp           = "docProps/app.xml"

	nsMain          = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsCustomProps   = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
	nsExtendedProps = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
)
