package render

import (
	"encoding/json"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/internal/clients"
)

// The PDF tools the tests read our output with: poppler-utils and qpdf.

// run runs a tool and returns its standard output; it fails the test on error.
func run(tb testing.TB, tool, pkg string, args ...string) string {
	tb.Helper()
	bin := clients.Tool(tb, tool, pkg)
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		tb.Fatalf("%s %s: %v\n%s%s", tool, strings.Join(args, " "), err, out, msg)
	}
	return string(out)
}

// pdfPages returns the text of each page in content-stream order (pdftotext -raw), so
// that the lines of one table cell stay together.
func pdfPages(tb testing.TB, path string) []string {
	tb.Helper()
	out := run(tb, "pdftotext", "poppler-utils", "-raw", "-enc", "UTF-8", path, "-")
	pages := strings.Split(out, "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// pageNumber matches a page number in the official style once whitespace is removed.
var pageNumber = regexp.MustCompile(`—\d+—`)

// squeeze removes all whitespace.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// pdfFont is one row of pdffonts.
type pdfFont struct {
	Name, Type, Encoding string
	Embedded, Unicode    bool
}

// pdfFonts lists the fonts of a PDF.
func pdfFonts(tb testing.TB, path string) []pdfFont {
	tb.Helper()
	out := run(tb, "pdffonts", "poppler-utils", path)
	var fonts []pdfFont
	for _, ln := range strings.Split(out, "\n")[2:] {
		f := strings.Fields(ln)
		if len(f) < 7 {
			continue
		}
		// name, type (one or more words), encoding, emb, sub, uni, object, generation
		n := len(f)
		fonts = append(fonts, pdfFont{Name: f[0], Type: strings.Join(f[1:n-6], " "), Encoding: f[n-6],
			Embedded: f[n-5] == "yes", Unicode: f[n-3] == "yes"})
	}
	return fonts
}

// pdfInfo returns pdfinfo's fields.
func pdfInfo(tb testing.TB, path string) map[string]string {
	tb.Helper()
	info := map[string]string{}
	for _, ln := range strings.Split(run(tb, "pdfinfo", "poppler-utils", path), "\n") {
		if k, v, ok := strings.Cut(ln, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// outline is one bookmark as qpdf reports it.
type outline struct {
	Title string    `json:"title"`
	Page  int       `json:"destpageposfrom1"`
	Kids  []outline `json:"kids"`
}

// outlines returns the bookmarks of a PDF, depth first, each title indented by two spaces
// per level.
func outlines(tb testing.TB, path string) []string {
	tb.Helper()
	out := run(tb, "qpdf", "qpdf", "--json", "--json-key=outlines", path)
	var doc struct {
		Outlines []outline `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		tb.Fatal(err)
	}
	var titles []string
	var walk func([]outline, int)
	walk = func(os []outline, depth int) {
		for _, o := range os {
			titles = append(titles, strings.Repeat("  ", depth)+o.Title)
			walk(o.Kids, depth+1)
		}
	}
	walk(doc.Outlines, 0)
	return titles
}

// word is a word of pdftotext -bbox, in points from the top left of its page.
type word struct {
	Page                   int
	XMin, YMin, XMax, YMax float64
	Text                   string
}

var wordPattern = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>|<page `)

// words returns every word of a PDF with its box.
func words(tb testing.TB, path string) []word {
	tb.Helper()
	out := run(tb, "pdftotext", "poppler-utils", "-bbox", "-enc", "UTF-8", path, "-")
	var ws []word
	page := 0
	for _, m := range wordPattern.FindAllStringSubmatch(out, -1) {
		if m[0] == "<page " {
			page++
			continue
		}
		w := word{Page: page, Text: m[5]}
		w.XMin, _ = strconv.ParseFloat(m[1], 64)
		w.YMin, _ = strconv.ParseFloat(m[2], 64)
		w.XMax, _ = strconv.ParseFloat(m[3], 64)
		w.YMax, _ = strconv.ParseFloat(m[4], 64)
		ws = append(ws, w)
	}
	return ws
}
