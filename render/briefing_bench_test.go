package render

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// busyBriefWorld returns four months (2025-03 to 2025-06) of returns of every unit of plan,
// with some of everything: late and missing units, a refusal, lagging tasks and problems.
func busyBriefWorld(tb testing.TB, plan *gyqc.Plan) *fixture.World {
	tb.Helper()
	p := gyqc.MustPeriod("2025-06")
	w := newBriefWorld(tb, plan).Fill(p.Add(-3), p)
	for i, u := range plan.ResponsibleUnits() {
		switch i % 9 {
		case 1:
			w.Late(u.Code, p, time.Duration(i%5+1)*26*time.Hour)
		case 2:
			w.Drop(u.Code, p)
		case 3:
			for j := range w.Latest(u.Code, p).Tasks {
				tr := &w.Latest(u.Code, p).Tasks[j]
				tr.Status = gyqc.StatusBehind
				tr.Issues = fmt.Sprintf("%s反映项目用地、用能指标紧张，需区级部门协调解决。", u.Name)
			}
		case 4:
			w.Refuse(u.Code, p, "“本月工作进展”不能为空", true)
		}
	}
	return w
}

// BenchmarkBriefingFromEvaluation evaluates a month and renders its whole briefing, for 40
// units and for 1,000 units (the extra units are towns supporting tasks 6 and 24, each with
// its texts in the annex). Loading the fonts is left out (BenchmarkFindFonts): a run pays
// it once.
func BenchmarkBriefingFromEvaluation(b *testing.B) {
	fs := testFonts(b)
	p := gyqc.MustPeriod("2025-06")
	for _, units := range []int{40, 1000} {
		b.Run(fmt.Sprintf("units=%d", units), func(b *testing.B) {
			plan := fixture.PlanFrom(b, "", units-36)
			w := busyBriefWorld(b, plan)
			var out []byte
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ev, err := gyqc.Evaluate(plan, p, w.Subs, time.Time{})
				if err != nil {
					b.Fatal(err)
				}
				doc, err := Briefing(plan, ev, BriefOptions{Fonts: fs})
				if err != nil {
					b.Fatal(err)
				}
				if out, err = doc.Bytes(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(bytes.Count(out, []byte("/Type /Page\n"))), "pages")
			b.ReportMetric(float64(len(out)), "bytes")
		})
	}
}

// TestBriefing40UnitsIsSmall holds the briefing for 40 units under the goal of one megabyte;
// its speed is measured by the benchmark, not asserted here (timed tests flake on busy
// machines).
func TestBriefing40UnitsIsSmall(t *testing.T) {
	fs := testFonts(t)
	plan := fixture.PlanFrom(t, "", 4)
	w := busyBriefWorld(t, plan)
	doc, err := Briefing(plan, evaluate(t, plan, gyqc.MustPeriod("2025-06"), w.Subs), BriefOptions{Fonts: fs})
	if err != nil {
		t.Fatal(err)
	}
	out, err := doc.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if len(out) > 1<<20 {
		t.Errorf("40 units gave %d bytes, want under 1 MB", len(out))
	}
}

// TestBriefing300UnitsBodyUnder10Pages holds the body of the briefing (no annex) for 300
// units, a ninth of them late, a ninth missing, a ninth refused and a ninth behind on every
// task, under 10 pages, in the PDF and in LibreOffice's rendering of the Word draft: the body
// names only what needs attention and counts the rest.
func TestBriefing300UnitsBodyUnder10Pages(t *testing.T) {
	fs := testFonts(t)
	plan := fixture.PlanFrom(t, "", 300-36)
	if n := len(plan.ResponsibleUnits()); n < 300 {
		t.Fatalf("%d responsible units, want 300", n)
	}
	w := busyBriefWorld(t, plan)
	dr, err := BriefingDraft(plan, evaluate(t, plan, gyqc.MustPeriod("2025-06"), w.Subs), BriefOptions{Annex: AnnexNone})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if *pagesDir != "" {
		dir = *pagesDir
	}
	pdf, docx := writeBoth(t, dr, fs, dir, "300-units")
	for name, path := range map[string]string{"PDF": pdf, "LibreOffice's PDF of the .docx": libreOfficePDF(t, docx, fs)} {
		pages := pdfPages(t, path)
		t.Logf("300 units, %s: %d pages of body", name, len(pages))
		if len(pages) >= 10 {
			t.Errorf("300 units, %s: %d pages of body, want under 10", name, len(pages))
		}
	}
}
