package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/xuri/excelize/v2"
)

// reqFor builds a review request for one unit.
func reqFor(p gyqc.Period, unit, reviewer string, set func(*reviewRequest)) (req audit.Request) {
	var r reviewRequest
	set(&r)
	req.Period, req.Unit, req.Reviewer, req.Accept, req.Return, req.Until = p, unit, reviewer, r.Accept, r.Return, r.Until
	return req
}

// runReviewErr tries to accept a unit's return and returns the error.
func runReviewErr(o *desk, p gyqc.Period, unit string) (string, error) {
	var out strings.Builder
	err := runReview(o.ctx, o.plan, reviewOptions{Workspace: o.ws, Now: o.clock, Request: reqFor(p, unit, "王科长", func(r *reviewRequest) { r.Accept = true })}, &out)
	return out.String(), err
}

// between returns the text after start up to end.
func between(s, start, end string) string {
	_, after, _ := strings.Cut(s, start)
	before, _, _ := strings.Cut(after, end)
	return before
}

// pdfText returns the text of a PDF with all white space removed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := clients.Tool(t, "pdftotext", "poppler-utils")
	path := filepath.Join(t.TempDir(), "a.pdf")
	os.WriteFile(path, pdf, 0o644)
	text, err := exec.Command(bin, "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(text)), "")
}

// assertSheetHas checks that the workbook's first sheet holds every text.
func assertSheetHas(t *testing.T, path string, texts ...string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %q: %v", path, err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetName(0))
	var all strings.Builder
	for _, r := range rows {
		all.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, s := range texts {
		if !strings.Contains(all.String(), s) {
			t.Errorf("%s lacks %q:\n%s", path, s, all.String())
		}
	}
}
