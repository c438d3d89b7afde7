package render

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

// Checks of the Word document read back with python-docx and LibreOffice (see TestBriefingWord).

// brokenCells returns the short cells (up to six characters on one line, such as 并列24 or
// 99.5) of the draft's tables that no line of pages holds whole.
func brokenCells(dr *Draft, pages []string) []string {
	lines := map[string]bool{}
	var all []string
	for _, p := range pages {
		for _, ln := range strings.Split(p, "\n") {
			all = append(all, squeeze(ln))
		}
	}
	var bad []string
	for _, b := range dr.blocks {
		if b.kind != kindTable {
			continue
		}
		for _, row := range b.table.Rows {
			for _, c := range row {
				text := squeeze(c.Text)
				if n := len([]rune(text)); n < 2 || n > 6 || lines[text] {
					continue
				}
				lines[text] = true
				found := false
				for _, ln := range all {
					if strings.Contains(ln, text) {
						found = true
						break
					}
				}
				if !found {
					bad = append(bad, text)
				}
			}
		}
	}
	return bad
}

// draftTexts returns every text of the draft: the masthead, titles, headings, paragraphs
// (their spans joined), notes, captions, every table cell and the 报尾's lines.
func draftTexts(dr *Draft) []string {
	spans := func(sp []Span) string {
		var b strings.Builder
		for _, s := range sp {
			b.WriteString(s.Text)
		}
		return b.String()
	}
	var out []string
	for _, b := range dr.blocks {
		switch b.kind {
		case kindMasthead:
			out = append(out, b.masthead.Name, b.masthead.Issue, b.masthead.Office, b.masthead.Date)
		case kindTitle, kindSubtitle, kindHeading, kindNote:
			out = append(out, b.text)
		case kindAnnex:
			out = append(out, b.label, b.text)
		case kindSpans:
			out = append(out, spans(b.spans))
		case kindTable:
			out = append(out, b.table.Caption, b.table.Note)
			for _, row := range b.table.Rows {
				for _, c := range row {
					out = append(out, c.Text, spans(c.Spans))
				}
			}
		case kindChart:
			out = append(out, b.chart.Caption)
		case kindColophon:
			out = append(out, b.colophon.Printer, b.colophon.Date)
			for _, d := range b.colophon.Distribution {
				if text, ok := distributionText(d); ok {
					out = append(out, text)
				}
			}
		}
	}
	var nonEmpty []string
	for _, s := range out {
		if strings.TrimSpace(s) != "" {
			nonEmpty = append(nonEmpty, s)
		}
	}
	return nonEmpty
}

// checkDraftTexts holds the Word document's text (whitespace removed) to every text of the
// draft (draftTexts).
func checkDraftTexts(t *testing.T, dr *Draft, text string) {
	t.Helper()
	texts := draftTexts(dr)
	if len(texts) < 100 {
		t.Fatalf("only %d texts in the draft", len(texts))
	}
	for _, want := range texts {
		if !strings.Contains(text, squeeze(want)) {
			t.Errorf("the Word document lacks %q", want)
		}
	}
}

// checkLibreOfficePages holds LibreOffice's PDF of the Word document (its pages' text) to
// the document's faces, a page number — N — on every page and titles (the issue's title and
// the annexes') without a line of one character; it returns the faces drawn with.
func checkLibreOfficePages(t *testing.T, pdf string, pages []string, dr *Draft, title string) map[string]bool {
	t.Helper()
	faces := map[string]bool{}
	for _, f := range pdfFonts(t, pdf) {
		faces[f.Name[strings.Index(f.Name, "+")+1:]] = true
	}
	if len(faces) < 3 {
		t.Errorf("LibreOffice drew the document in %d faces (%v), want the body's, 黑体's and 楷体's", len(faces), faces)
	}
	for i, page := range pages {
		if want := fmt.Sprintf("—%d—", i+1); !strings.Contains(squeeze(page), want) {
			t.Errorf("page %d lacks its number %s in the footer", i+1, want)
		}
	}
	titles := []string{title}
	for _, blk := range dr.blocks {
		if blk.kind == kindAnnex {
			titles = append(titles, blk.text)
		}
	}
	for _, bad := range loneTitleLines(layoutLines(t, pdf), titles) {
		t.Error(bad)
	}
	return faces
}

// TestWordCellLinesAreParagraphs writes a table cell of three lines, the first after a
// light: three paragraphs, not lines broken by hand, so that a word processor keeps lines of
// each together where a row splits, and an editor edits paragraphs; the light comes once.
func TestWordCellLinesAreParagraphs(t *testing.T) {
	dr := NewDraft(Options{})
	dr.Table(Table{Columns: []Column{{Header: "亮灯"}, {Header: "报送内容"}}, Rows: [][]Cell{{
		{Text: "红灯", Light: gyqc.LightRed},
		{Spans: []Span{{Text: "本月工作进展：", Bold: true}, {Text: "完成投资3亿元。\n"}, {Text: "存在问题：", Bold: true}, {Text: "无\n下月工作计划：继续推进。"}}},
	}}})
	body := wordDocumentXML(t, dr, testFonts(t))
	cells := regexp.MustCompile(`(?s)<w:tc>.*?</w:tc>`).FindAllString(body, -1)
	if len(cells) != 4 {
		t.Fatalf("%d cells, want 4", len(cells))
	}
	content := cells[3]
	if n := strings.Count(content, "<w:p>"); n != 3 || strings.Contains(content, "<w:br/>") {
		t.Errorf("the cell of three lines has %d paragraphs and breaks %v:\n%s", n, strings.Contains(content, "<w:br/>"), content)
	}
	if n := strings.Count(cells[2], "●"); n != 1 {
		t.Errorf("the light's dot comes %d times", n)
	}
}

// wordDocumentXML writes dr as a Word document drawn with fs and returns its
// word/document.xml.
func wordDocumentXML(t *testing.T, dr *Draft, fs *FontSet) string {
	t.Helper()
	b, err := dr.Word(WordOptions{Fonts: fs})
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			body, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(body)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

// draftPDF lays dr out with fs, writes the PDF into a temporary folder and returns its path.
func draftPDF(t *testing.T, dr *Draft, fs *FontSet) string {
	t.Helper()
	doc, err := dr.PDF(fs)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "draft.pdf")
	if err := doc.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	return path
}
