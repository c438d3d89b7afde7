package render

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// blankBefore returns how much of the text block is left empty at the foot of the page
// before the one where the line caption stands, when caption opens its page (0 when text
// precedes it on its page), and that page, from 1; ok is false when no line of ws (words
// of pdftotext -bbox) is caption.
func blankBefore(ws []word, caption string) (blank float64, page int, ok bool) {
	const top, bottom = marginTop / ptToMM, bodyBottom / ptToMM // points
	// Words on one line share a page and overlap vertically.
	var at *word
	for i := 0; i < len(ws) && at == nil; i++ {
		text := ""
		for j := i; j < len(ws) && ws[j].Page == ws[i].Page && ws[j].YMin < ws[i].YMax && ws[j].YMax > ws[i].YMin; j++ {
			if text += ws[j].Text; text == squeeze(caption) {
				at = &ws[i]
				break
			}
		}
	}
	if at == nil {
		return 0, 0, false
	}
	low := top
	for _, w := range ws {
		switch {
		case w.Page == at.Page && w.YMax < at.YMin-1:
			return 0, at.Page, true // text above the caption on its page
		case w.Page == at.Page-1 && w.YMax <= bottom+6:
			low = max(low, w.YMax)
		}
	}
	if at.Page == 1 {
		return 0, 1, true
	}
	return (bottom - low) / (bottom - top), at.Page, true
}

// TestChartsLeaveNoPageHalfEmpty writes busy months' briefings for 36 and 300 units, as a
// PDF and as a Word document laid out by LibreOffice; no page ends with a heading
// (strandedHeadings), and the page before each chart is checked:
// a chart starts where the text before it ends, so that page is never left more than half
// empty. In the Word document the chart is a borderless table of one image per bar under a
// legend row, read back with python-docx.
func TestChartsLeaveNoPageHalfEmpty(t *testing.T) {
	fs := testFonts(t)
	p := gyqc.MustPeriod("2025-06")
	for _, units := range []int{36, 300} {
		t.Run(fmt.Sprintf("units=%d", units), func(t *testing.T) {
			plan := fixture.PlanFrom(t, "", units-36)
			ev := evaluate(t, plan, p, busyBriefWorld(t, plan).Subs)
			dr, err := BriefingDraft(plan, ev, BriefOptions{Annex: AnnexNone})
			if err != nil {
				t.Fatal(err)
			}
			var charts []*BarChart
			for _, b := range dr.blocks {
				if b.kind == kindChart {
					charts = append(charts, b.chart)
				}
			}
			if len(charts) == 0 {
				t.Fatal("no chart in the briefing")
			}
			dir := t.TempDir()
			if *pagesDir != "" {
				dir = filepath.Join(*pagesDir, fmt.Sprintf("charts-%d", units))
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			pdf, docx := writeBoth(t, dr, fs, dir, "briefing")
			d := readDocx(t, docx)
			var tables [][][]string
			for _, tb := range d.Tables {
				if len(tb) > 0 && strings.Join(tb[0], "") == "" {
					tables = append(tables, tb)
				}
			}
			if len(tables) != len(charts) {
				t.Fatalf("%d tables of images in the .docx, want %d", len(tables), len(charts))
			}
			for i, c := range charts {
				if len(tables[i]) != len(c.Bars)+1 {
					t.Errorf("chart %d: %d rows, want the legend and %d bars", i+1, len(tables[i]), len(c.Bars))
				}
			}
			for name, path := range map[string]string{"PDF": pdf, "LibreOffice's PDF of the .docx": libreOfficePDF(t, docx, fs)} {
				hs := headingTexts(dr)
				if path != pdf { // the .docx draws a chart's bars as images, with no text under its caption
					hs = slices.DeleteFunc(hs, func(h string) bool {
						return slices.ContainsFunc(charts, func(c *BarChart) bool { return c.Caption == h })
					})
				}
				for _, bad := range strandedHeadings(layoutLines(t, path), hs) {
					t.Errorf("%s: %s", name, bad)
				}
				ws := words(t, path)
				for _, c := range charts {
					blank, page, ok := blankBefore(ws, c.Caption)
					if !ok {
						t.Errorf("%s: caption %q not found", name, c.Caption)
						continue
					}
					t.Logf("%s: %s on page %d, %.0f%% of the page before it empty", name, c.Caption, page, blank*100)
					if blank > 0.5 {
						t.Errorf("%s: %s starts page %d, leaving %.0f%% of the page before it empty", name, c.Caption, page, blank*100)
					}
				}
			}
		})
	}
}

// TestChartFlowsAfterText puts a chart of 40 bars, longer than a page, after 4 to 16 lines
// of text, in the PDF and in the Word document laid out by LibreOffice: the chart starts on
// the page where the text ends whenever half a page is left.
func TestChartFlowsAfterText(t *testing.T) {
	fs := testFonts(t)
	var bars []Bar
	for i := 0; i < 40; i++ {
		bars = append(bars, Bar{Label: fmt.Sprintf("指标%d", i+1), Value: Percent(float64(30 + i*3)), Expected: Percent(50), Light: gyqc.LightGreen})
	}
	for _, lines := range []int{4, 10, 16} {
		t.Run(fmt.Sprintf("after %d lines", lines), func(t *testing.T) {
			dr := NewDraft(Options{})
			for i := 0; i < lines; i++ {
				dr.Paragraph(fmt.Sprintf("第%d行。", i+1))
			}
			dr.NeedRoom(chartRoom(len(bars)))
			dr.BarChart(BarChart{Caption: "图1 指标完成率", Bars: bars})
			pdf, docx := writeBoth(t, dr, fs, t.TempDir(), "chart")
			for name, path := range map[string]string{"PDF": pdf, "LibreOffice's PDF of the .docx": libreOfficePDF(t, docx, fs)} {
				blank, page, ok := blankBefore(words(t, path), "图1 指标完成率")
				if !ok || blank > 0.5 {
					t.Errorf("%s: the chart starts page %d (found %v), leaving %.0f%% of the page before it empty", name, page, ok, blank*100)
				}
			}
		})
	}
}

// writeBoth writes dr as name.pdf and name.docx in dir and returns their paths.
func writeBoth(t *testing.T, dr *Draft, fs *FontSet, dir, name string) (pdf, docx string) {
	t.Helper()
	docx = filepath.Join(dir, name+".docx")
	if err := dr.WriteWordFile(t.Context(), docx, WordOptions{Fonts: fs}); err != nil {
		t.Fatal(err)
	}
	doc, err := dr.PDF(fs)
	if err != nil {
		t.Fatal(err)
	}
	pdf = filepath.Join(dir, name+".pdf")
	if err := doc.WriteFile(pdf); err != nil {
		t.Fatal(err)
	}
	return pdf, docx
}
