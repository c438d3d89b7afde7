package render

import (
	"os"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

// How the briefing tests read a rendered briefing back.

// briefingTexts lists what the briefing must carry whole: the masthead's texts, every
// task title and indicator name, and every text and figure the units wrote for the
// period.
func briefingTexts(plan *gyqc.Plan, ev *gyqc.Evaluation) []string {
	out := []string{plan.Briefing.Name, plan.Briefing.Issuer}
	for _, r := range plan.Briefing.BriefingRecipients() {
		out = append(out, r.Text)
	}
	for _, t := range plan.Tasks {
		out = append(out, t.Title)
	}
	for _, te := range ev.Tasks {
		for _, list := range [][]gyqc.TaskEntry{te.Leads, te.Supports} {
			for _, e := range list {
				out = append(out, e.Unit.Name)
				if e.Report != nil {
					out = append(out, e.Report.Progress, e.Report.Issues, e.Report.NextPlan)
				}
			}
		}
	}
	for _, ie := range ev.Indicators {
		out = append(out, ie.Indicator.Name, ie.Raw, ie.Note)
	}
	var nonEmpty []string
	for _, s := range out {
		if strings.TrimSpace(s) != "" {
			nonEmpty = append(nonEmpty, s)
		}
	}
	return nonEmpty
}

// readBack joins the pages' text with whitespace, page numbers and repeated headers removed.
func readBack(pages []string) string {
	var all strings.Builder
	for _, p := range pages {
		all.WriteString(pageNumber.ReplaceAllString(squeeze(p), ""))
	}
	text := all.String()
	for _, h := range briefingHeaders {
		text = strings.ReplaceAll(text, h, "")
	}
	return text
}

// pagesWith counts the pages whose text contains s (whitespace aside).
func pagesWith(pages []string, s string) int {
	n := 0
	for _, p := range pages {
		if strings.Contains(squeeze(p), s) {
			n++
		}
	}
	return n
}

// containsLine reports whether one of lines, spaces trimmed, is want.
func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) == want {
			return true
		}
	}
	return false
}

// goldenText is the pages' text as compared with a golden file: each line trimmed, pages
// marked.
func goldenText(pages []string) string {
	var b strings.Builder
	for i, p := range pages {
		if i > 0 {
			b.WriteString("\f\n")
		}
		for _, ln := range strings.Split(p, "\n") {
			if ln = strings.TrimSpace(ln); ln != "" {
				b.WriteString(ln + "\n")
			}
		}
	}
	return b.String()
}

// golden compares got with the golden file at path, or rewrites it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\ngot  %q\nwant %q\n(run go test -update if the change is intended)", path, i+1, g, w)
			}
		}
	}
}

// checkLayout fails when a word of the PDF lies outside the text block (page numbers
// aside) or two words overlap.
func checkLayout(t *testing.T, path string) {
	t.Helper()
	const mm = 72 / 25.4
	ws := words(t, path)
	if len(ws) == 0 {
		t.Fatal("no words")
	}
	bad := 0
	for _, w := range ws {
		footer := w.YMin > bodyBottom*mm && (pageNumber.MatchString("—"+w.Text+"—") || w.Text == "—")
		if w.XMin < marginLeft*mm-1 || w.XMax > (marginLeft+textW)*mm+1 ||
			(!footer && (w.YMin < bodyTop*mm-1 || w.YMax > bodyBottom*mm+1)) || w.YMax > (pageH-10)*mm {
			t.Errorf("page %d: %q at (%.0f,%.0f)-(%.0f,%.0f) pt lies outside the text block", w.Page, w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
			if bad++; bad > 10 {
				return
			}
		}
	}
	for i, a := range ws {
		for _, b := range ws[i+1:] {
			if b.Page != a.Page {
				break
			}
			ix := min(a.XMax, b.XMax) - max(a.XMin, b.XMin)
			iy := min(a.YMax, b.YMax) - max(a.YMin, b.YMin)
			if ix > 0.5 && iy > 0.5 && ix*iy > 0.2*min((a.XMax-a.XMin)*(a.YMax-a.YMin), (b.XMax-b.XMin)*(b.YMax-b.YMin)) {
				t.Errorf("page %d: %q and %q overlap", a.Page, a.Text, b.Text)
				if bad++; bad > 10 {
					return
				}
			}
		}
	}
}
