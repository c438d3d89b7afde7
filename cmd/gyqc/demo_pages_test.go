package main

import (
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/render"
)

// TestDemoBriefingLength runs the demo as `gyqc demo` does (six months up to 2025-06, a hard
// month: most tasks red or yellow, indicators behind, many units with deductions) and holds
// the body of its briefing — the pages up to the line naming the annex — to at most eight
// pages, both in the PDF and in LibreOffice's rendering of the Word draft (it is seven in
// both: a page of margin for harder months).
func TestDemoBriefingLength(t *testing.T) {
	clients.Tool(t, "pdftotext", "poppler-utils")
	clients.Soffice(t)
	plan := planfile.Default()
	dir := filepath.Join(t.TempDir(), "demo")
	june := gyqc.MustPeriod("2025-06")
	var out strings.Builder
	opts := demoOptions{Dir: dir, Period: june, Periods: 6, Seed: defaultSampleSeed}
	if err := runDemo(context.Background(), plan, opts, &out); err != nil {
		t.Fatalf("demo: %v\n%s", err, out.String())
	}
	// The month is a hard one, or the bound says little.
	_, tasks, ok := strings.Cut(out.String(), "任务：")
	if !ok {
		t.Fatalf("the demo's closing lines lack the task counts:\n%s", out.String())
	}
	tasks, _, _ = strings.Cut(tasks, "\n")
	total, lights := closingCounts(t, "任务："+tasks) // 绿灯, 黄灯, 红灯
	green := lights[0]
	if total-green < total*3/4 {
		t.Fatalf("only %d of %d tasks red or yellow: the demo month is no longer the hard one this bound is for", total-green, total)
	}

	pdf, docx := filepath.Join(dir, "简报.pdf"), filepath.Join(dir, "简报.docx")
	lay := demoLayout{dir: dir}
	if err := runBrief(context.Background(), plan, briefOptions{Workspace: lay.workspace(), Period: june, Out: pdf, Docx: docx,
		Warn: io.Discard}, io.Discard); err != nil {
		t.Fatal(err)
	}
	// LibreOffice lays the draft out as an office's machine would, with the faces it names
	// (仿宋, 黑体…) standing in as the fonts of the PDF.
	fonts, err := render.FindFonts(render.FontOptions{})
	if err != nil {
		t.Fatal(err)
	}
	clients.OfficeFonts(t, render.WordStandIns(fonts))
	lo := filepath.Join(dir, "lo")
	if msg, err := clients.SofficeRun(t, dir, "--convert-to", "pdf", "--outdir", lo, docx); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	for _, c := range []struct{ name, path string }{{"PDF", pdf}, {"LibreOffice's rendering of the .docx", filepath.Join(lo, "简报.pdf")}} {
		n, all := bodyPages(t, c.path)
		t.Logf("%s: %d pages of body (%d in all)", c.name, n, all)
		if n > 8 {
			t.Errorf("%s: the body is %d pages, want at most 8", c.name, n)
		}
	}
}

// bodyPages returns the number of the page that names the annex (附件：…), the last page of
// the body, or the number of pages when none does; and the number of pages.
func bodyPages(t *testing.T, pdf string) (body, all int) {
	t.Helper()
	txt, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	pages := strings.Split(strings.TrimSuffix(string(txt), "\f"), "\f")
	for i, p := range pages {
		for _, line := range strings.Split(p, "\n") {
			if strings.HasPrefix(strings.Join(strings.Fields(line), ""), "附件：") {
				return i + 1, len(pages)
			}
		}
	}
	return len(pages), len(pages)
}
