package samples

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/planfile"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/templates"
)

// issueAll writes the templates of every responsible unit for p into a new folder, as
// `gyqc issue` does.
func issueAll(tb testing.TB, plan *gyqc.Plan, p gyqc.Period) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, u := range plan.ResponsibleUnits() {
		saveTo(tb, filepath.Join(dir, templates.FileName(p, u)), issue(tb, plan, u.Code, p))
	}
	return dir
}

func saveTo(tb testing.TB, path string, b []byte) {
	tb.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		tb.Fatal(err)
	}
}

func TestWriteReturns(t *testing.T) {
	plan := planfile.Default()
	p := gyqc.MustPeriod("2025-06")
	from := issueAll(t, plan, p)
	// A renamed template is still found by its metadata.
	jxw := plan.Registry.Unit("jxw")
	if err := os.Rename(filepath.Join(from, templates.FileName(p, jxw)), filepath.Join(from, "经信委6月报表.xlsx")); err != nil {
		t.Fatal(err)
	}
	clients.Soffice(t) // skipped without LibreOffice, failed under CI
	g := mustGenerator(t, plan, testSeed)
	b, err := g.Batch(p, Messy)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "收件箱")
	m, err := WriteReturns(context.Background(), from, out, b, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(b.Returns) || len(m.Files) != len(b.Returns) {
		t.Fatalf("%d files written, %d in the manifest, want %d", len(entries), len(m.Files), len(b.Returns))
	}
	if len(m.Notes) != 0 {
		t.Errorf("notes: %v", m.Notes)
	}
	var paths []string
	for _, f := range m.Files {
		path := filepath.Join(out, f.Name)
		paths = append(paths, path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: SHA-256 differs from the manifest", f.Name)
		}
		st, _ := os.Stat(path)
		if !st.ModTime().Equal(f.Received) {
			t.Errorf("%s: dated %s, received %s", f.Name, st.ModTime(), f.Received)
		}
		resaved := len(f.Mess) == 1 && f.Mess[0] == MessResaved
		if lo := strings.Contains(f.Application, "LibreOffice"); lo != resaved {
			t.Errorf("%s: saved by %q, mess %v", f.Name, f.Application, f.Mess)
		}

		// Every file reads back through the templates package as its unit's return, but the
		// one saved in the old format, which nothing reads.
		if r := returnAt(b, out, path); r.Has(MessLegacy) {
			if !strings.HasSuffix(f.Name, ".xls") || !intake.LegacyWorkbook(data) {
				t.Errorf("%s: not an old-format workbook", f.Name)
			}
			continue
		}
		checkReadBack(t, plan, p, returnAt(b, out, path), f, data)
	}

	// openpyxl reads the LibreOffice file like the others.
	for _, f := range m.Files {
		if len(f.Mess) == 1 && f.Mess[0] == MessResaved {
			d := openpyxlInputs(t, filepath.Join(out, f.Name))[filepath.Join(out, f.Name)]
			r := returnAt(b, out, filepath.Join(out, f.Name))
			for _, tr := range r.Tasks {
				if got := str(d.Tasks[templates.TaskKey(tr.Task)]["本月工作进展"]); got != tr.Progress {
					t.Errorf("LibreOffice file, task %d: openpyxl reads %q", tr.Task, got)
				}
			}
			if !d.Protected {
				t.Error("LibreOffice file lost its sheet protection")
			}
		}
	}

	// The manifest survives a JSON round trip on disk.
	mp := filepath.Join(t.TempDir(), "manifest.json")
	if err := m.WriteJSON(mp); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(mp); !bytes.Contains(data, []byte(`"state": "missing"`)) {
		t.Errorf("manifest JSON has no missing unit:\n%s", data)
	}
}

// checkReadBack reads a written return back through the templates package and holds it to
// the return r it was written from: its unit and period, its figures (typed as percentages
// where the mess says so) and its tasks, an untouched template empty.
func checkReadBack(t *testing.T, plan *gyqc.Plan, p gyqc.Period, r *Return, f File, data []byte) {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	got, probs := templates.Read(x, plan)
	x.Close()
	if got == nil || got.Meta.Unit != f.Unit || got.Meta.Period != p {
		t.Fatalf("%s: read back as %+v (%v)", f.Name, got, probs)
	}
	if len(probs.Errors()) > 0 {
		t.Errorf("%s: %v", f.Name, probs)
	}
	if r.Has(MessUntouched) {
		for _, in := range got.Values {
			if !in.Value.Empty() {
				t.Errorf("%s: the untouched template holds %+v", f.Name, in.Value)
			}
		}
		return
	}
	for _, v := range r.Values {
		in := got.Value(v.Key)
		switch {
		case slices.Contains(r.PercentTyped, v.Key):
			if in == nil || in.Value.Kind != templates.KindPercent || !sameNumber(in.Value.Text, gyqc.FormatNumber(Fraction(*v.Value))) {
				t.Errorf("%s %s: read %+v, typed %v%%", f.Name, v.Key, in, *v.Value)
			}
		case in == nil || !sameNumber(in.Value.Text, v.Raw):
			t.Errorf("%s %s: read %+v, wrote %q", f.Name, v.Key, in, v.Raw)
		}
	}
	for _, tr := range r.Tasks {
		if in := got.Task(tr.Task); in == nil || in.Progress.Text != tr.Progress || in.Status.Text != string(tr.Status) {
			t.Errorf("%s task %d: read %+v", f.Name, tr.Task, in)
		}
	}
}

// sameNumber compares a value read back (raw, as LibreOffice or excelize stored it) with the
// text written.
func sameNumber(read, wrote string) bool {
	if read == wrote {
		return true
	}
	var a, b float64
	_, e1 := fmt.Sscan(read, &a)
	_, e2 := fmt.Sscan(wrote, &b)
	return e1 == nil && e2 == nil && a == b
}

func TestWriteReturnsWithoutLibreOffice(t *testing.T) {
	plan := planfile.Default()
	p := gyqc.MustPeriod("2023-03")
	g := mustGenerator(t, plan, 2)
	b, err := g.Batch(p, Scenario{Resaved: 1, Missing: 30})
	if err != nil {
		t.Fatal(err)
	}
	from := t.TempDir()
	for _, r := range b.Returns {
		saveTo(t, filepath.Join(from, templates.FileName(p, plan.Registry.Unit(r.Unit))), issue(t, plan, r.Unit, p))
	}
	m, err := WriteReturns(context.Background(), from, t.TempDir(), b, WriteOptions{Soffice: "/nonexistent/soffice"})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Notes) == 0 || !strings.Contains(m.Notes[len(m.Notes)-1], "LibreOffice") {
		t.Errorf("no note on the missing LibreOffice: %v", m.Notes)
	}
	if len(m.WithMess(MessResaved)) != 0 {
		t.Error("the manifest still claims a re-saved file")
	}
	for _, f := range m.Files {
		if len(f.Mess) > 0 || strings.Contains(f.Application, "LibreOffice") {
			t.Errorf("%s: mess %v, application %q", f.Name, f.Mess, f.Application)
		}
	}
}

func TestWriteReturnsMissingTemplate(t *testing.T) {
	plan := planfile.Default()
	p := gyqc.MustPeriod("2024-01")
	b, err := mustGenerator(t, plan, 2).Batch(p, Clean)
	if err != nil {
		t.Fatal(err)
	}
	_, err = WriteReturns(context.Background(), t.TempDir(), t.TempDir(), b, WriteOptions{})
	if gyqc.ErrorCode(err) != gyqc.EInvalid || !strings.Contains(err.Error(), "gyqc issue") {
		t.Fatalf("got %v, want an error that says to issue the templates first", err)
	}
}

// BenchmarkWriteReturns1000 fills and writes one clean month of 1,000 towns and the 24
// departments (1,024 files) from issued templates, without LibreOffice.
func BenchmarkWriteReturns1000(b *testing.B) {
	plan, err := ScalePlan(1000)
	if err != nil {
		b.Fatal(err)
	}
	p := gyqc.MustPeriod("2025-06")
	batch, err := mustGenerator(b, plan, 1).Batch(p, Clean)
	if err != nil {
		b.Fatal(err)
	}
	from := b.TempDir()
	for _, u := range plan.ResponsibleUnits() {
		saveTo(b, filepath.Join(from, templates.FileName(p, u)), issue(b, plan, u.Code, p))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := WriteReturns(context.Background(), from, filepath.Join(b.TempDir(), "out"), batch, WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
