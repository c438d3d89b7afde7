package samples

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/templates"
)

// issue writes the template of unit for period as the office would.
func issue(tb testing.TB, plan *gyqc.Plan, code string, p gyqc.Period) []byte {
	tb.Helper()
	var buf bytes.Buffer
	issued := time.Date(p.Year, p.Month, 25, 9, 0, 0, 0, plan.Location())
	if _, err := templates.Write(&buf, plan, plan.Registry.Unit(code), p, nil, templates.Options{Issued: issued}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// openpyxlInputs dumps the input cells of the files with openpyxl (testdata/inputs.py).
func openpyxlInputs(t *testing.T, paths ...string) map[string]pyDump {
	t.Helper()
	py := clients.Python(t)
	script, err := filepath.Abs("testdata/inputs.py")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, append([]string{script}, paths...)...).Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("openpyxl: %v\n%s", err, stderr)
	}
	var dumps map[string]pyDump
	if err := json.Unmarshal(out, &dumps); err != nil {
		t.Fatalf("decode openpyxl dump: %v\n%s", err, out)
	}
	return dumps
}

// pyDump is what testdata/inputs.py prints for one file.
type pyDump struct {
	Tasks          map[string]map[string]any `json:"tasks"`
	Values         map[string]map[string]any `json:"values"`
	Filler         map[string]any            `json:"filler"`
	Locked         map[string]bool           `json:"locked"`
	Protected      bool                      `json:"protected"`
	LastModifiedBy string                    `json:"last_modified_by"`
}

// str returns a dumped cell as text ("" for an empty cell).
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return gyqc.FormatNumber(x)
	}
	return ""
}

func TestFillOpenpyxl(t *testing.T) {
	plan := planfile.Default()
	g := mustGenerator(t, plan, testSeed)
	p := gyqc.MustPeriod("2025-06")
	b, err := g.Batch(p, Messy)
	if err != nil {
		t.Fatal(err)
	}
	// One clean return of a unit with many rows, one of a town, and every file with errors.
	pick := map[string]*Return{}
	for _, r := range b.Returns {
		if r.Unit == "jxw" || r.Unit == "zsz" || r.Has(MessErrors) {
			pick[r.FileName] = r
		}
	}
	dir := t.TempDir()
	var paths []string
	for name, r := range pick {
		filled, err := Fill(issue(t, plan, r.Unit, p), r)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, filled, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	dumps := openpyxlInputs(t, paths...)
	for _, path := range paths {
		r, d := pick[filepath.Base(path)], dumps[path]
		t.Run(filepath.Base(path), func(t *testing.T) {
			if !d.Protected {
				t.Error("sheet protection lost")
			}
			if d.LastModifiedBy != r.Filler.Name {
				t.Errorf("last modified by %q, want %q", d.LastModifiedBy, r.Filler.Name)
			}
			if len(d.Tasks) != len(r.Tasks) || len(d.Values) != len(r.Values) {
				t.Fatalf("openpyxl sees %d task rows and %d indicator rows, want %d and %d", len(d.Tasks), len(d.Values), len(r.Tasks), len(r.Values))
			}
			for _, tr := range r.Tasks {
				k := templates.TaskKey(tr.Task)
				row := d.Tasks[k]
				for h, want := range map[string]string{"进展状态": string(tr.Status), "本月工作进展": tr.Progress,
					"存在问题及需协调事项": tr.Issues, "下月工作计划": tr.NextPlan} {
					if got := str(row[h]); got != want {
						t.Errorf("%s %s: got %q, want %q", k, h, got, want)
					}
				}
				if !d.Locked[k] {
					t.Errorf("%s: locked and input cells lost their protection state", k)
				}
			}
			for _, v := range r.Values {
				k := templates.IndicatorKey(v.Key)
				row := d.Values[k]
				got, typ := row["本期值"], row["type"]
				switch {
				case v.Value != nil && slices.Contains(r.PercentTyped, v.Key):
					if f, ok := got.(float64); !ok || f != Fraction(*v.Value) || typ != "n" {
						t.Errorf("%s: got %v (%v), want the fraction of %v", k, got, typ, *v.Value)
					}
				case v.Value != nil:
					if f, ok := got.(float64); !ok || f != *v.Value || typ != "n" {
						t.Errorf("%s: got %v (%v), want the number %v", k, got, typ, *v.Value)
					}
				default:
					if got != v.Raw || typ != "s" {
						t.Errorf("%s: got %v (%v), want the text %q", k, got, typ, v.Raw)
					}
				}
				if str(row["情况说明"]) != v.Note {
					t.Errorf("%s 情况说明: got %q, want %q", k, row["情况说明"], v.Note)
				}
			}
			want := map[string]string{templates.FillerName: r.Filler.Name, templates.FillerPhone: r.Filler.Phone,
				templates.FillerReviewer: r.Filler.Reviewer, templates.FillerDate: r.Filler.Date}
			for k, w := range want {
				if got := str(d.Filler[k]); got != w {
					t.Errorf("%s: got %q, want %q", k, got, w)
				}
			}
		})
	}
}

func TestFillRoundTrip(t *testing.T) {
	plan := planfile.Default()
	g := mustGenerator(t, plan, 3)
	p := gyqc.MustPeriod("2024-11")
	rets, err := g.Returns(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rets {
		if r.Unit != "jxw" && r.Unit != "dsjj" && r.Unit != "cdjd" && r.Unit != "jrb" {
			continue
		}
		t.Run(r.Unit, func(t *testing.T) {
			tmpl := issue(t, plan, r.Unit, p)
			filled, err := Fill(tmpl, r)
			if err != nil {
				t.Fatal(err)
			}
			again, err := Fill(tmpl, r)
			if err != nil || !bytes.Equal(filled, again) {
				t.Fatalf("filling twice gave different bytes (%v)", err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(filled))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, probs := templates.Read(f, plan)
			if len(probs) > 0 || got == nil {
				t.Fatalf("read back: %v", probs)
			}
			if got.Meta.Unit != r.Unit || got.Meta.Period != p {
				t.Fatalf("read back %s %s", got.Meta.Unit, got.Meta.Period)
			}
			for _, tr := range r.Tasks {
				in := got.Task(tr.Task)
				if in == nil || in.Status.Text != string(tr.Status) || in.Progress.Text != tr.Progress ||
					in.Issues.Text != tr.Issues || in.NextPlan.Text != tr.NextPlan {
					t.Errorf("task %d read back as %+v", tr.Task, in)
				}
			}
			for _, v := range r.Values {
				in := got.Value(v.Key)
				if in == nil || in.Value.Text != v.Raw || in.Note.Text != v.Note {
					t.Errorf("%s read back as %+v, want %q", v.Key, in, v.Raw)
				}
			}
			if got.Filler.Name.Text != r.Filler.Name || got.Filler.Phone.Text != r.Filler.Phone ||
				got.Filler.Reviewer.Text != r.Filler.Reviewer {
				t.Errorf("filler read back as %+v", got.Filler)
			}
			d, _ := time.Parse("2006-01-02", r.Filler.Date)
			if got.Filler.Date.Text != itoa(serialDay(d)) {
				t.Errorf("date read back as %q, want the serial of %s", got.Filler.Date.Text, r.Filler.Date)
			}
			// The locked content is the template's: every cell outside the input columns is unchanged.
			assertLockedUnchanged(t, tmpl, filled)
		})
	}
}

// assertLockedUnchanged compares every cell of every sheet of two workbooks by raw value,
// except the input cells: the input columns of the data sheets and the filler inputs of the
// guide sheet.
func assertLockedUnchanged(t *testing.T, before, after []byte) {
	t.Helper()
	lay := templates.Current()
	guide := templates.Table{Columns: lay.Guide.Columns}
	inputCols := map[string]map[int]bool{}
	for _, tb := range []templates.Table{lay.Tasks, lay.Indicators} {
		inputCols[tb.Sheet] = map[int]bool{}
		for i, c := range tb.Columns {
			inputCols[tb.Sheet][i] = c.Input
		}
	}
	isInput := func(sheet string, row []string, col int) bool {
		if sheet == lay.Guide.Sheet {
			k := guide.Index(templates.FieldKey) - 1
			return col == guide.Index(templates.FieldText)-1 && k < len(row) && strings.HasPrefix(row[k], "filler:")
		}
		return inputCols[sheet][col]
	}
	read := func(b []byte) map[string][][]string {
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		out := map[string][][]string{}
		for _, s := range f.GetSheetList() {
			rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			out[s] = rows
		}
		return out
	}
	a, b := read(before), read(after)
	if len(a) != len(b) {
		t.Fatalf("%d sheets became %d", len(a), len(b))
	}
	compared := 0
	for sheet, rows := range a {
		if len(b[sheet]) != len(rows) {
			t.Errorf("%s: %d rows became %d", sheet, len(rows), len(b[sheet]))
		}
		for i, row := range rows {
			for j, v := range row {
				if isInput(sheet, row, j) {
					continue
				}
				var w string
				if i < len(b[sheet]) && j < len(b[sheet][i]) {
					w = b[sheet][i][j]
				}
				if v != w {
					t.Errorf("%s row %d col %d: %q became %q", sheet, i+1, j+1, v, w)
				}
				compared++
			}
		}
	}
	if compared < 50 {
		t.Fatalf("compared only %d locked cells", compared)
	}
}

func TestFillWrongTemplate(t *testing.T) {
	plan := planfile.Default()
	g := mustGenerator(t, plan, 1)
	p := gyqc.MustPeriod("2025-03")
	r, err := g.Return("fgw", p)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		Name     string
		Template []byte
	}{
		{"another unit's", issue(t, plan, "jxw", p)},
		{"another month's", issue(t, plan, "fgw", p.Add(-1))},
		{"not a workbook", []byte("填报说明")},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			if _, err := Fill(tt.Template, r); err == nil {
				t.Fatal("filled a template that is not the unit's")
			}
		})
	}
}

// BenchmarkFill fills the template of the unit with the most rows (区经济信息委: 21 tasks,
// 24 indicators).
func BenchmarkFill(b *testing.B) {
	plan := planfile.Default()
	p := gyqc.MustPeriod("2025-06")
	r, err := mustGenerator(b, plan, 1).Return("jxw", p)
	if err != nil {
		b.Fatal(err)
	}
	tmpl := issue(b, plan, "jxw", p)
	b.ReportAllocs()
	b.SetBytes(int64(len(tmpl)))
	for b.Loop() {
		if _, err := Fill(tmpl, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFillTown fills the template of a town (2 tasks, no indicators), the common case
// of a large registry.
func BenchmarkFillTown(b *testing.B) {
	plan := planfile.Default()
	p := gyqc.MustPeriod("2025-06")
	r, err := mustGenerator(b, plan, 1).Return("cdjd", p)
	if err != nil {
		b.Fatal(err)
	}
	tmpl := issue(b, plan, "cdjd", p)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Fill(tmpl, r); err != nil {
			b.Fatal(err)
		}
	}
}
