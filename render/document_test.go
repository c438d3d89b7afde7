package render

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
)

var pagesDir = flag.String("pages", "", "write the sample document and its pages as PNG (pdftoppm -r 60) to this folder, to look at")

// TestDocument renders the sample briefing and reads it back with poppler and qpdf.
func TestDocument(t *testing.T) {
	fs := testFonts(t)
	s := sampleDocument(t, fs, 30)
	dir := t.TempDir()
	if *pagesDir != "" {
		dir = *pagesDir
		os.MkdirAll(dir, 0o755)
	}
	path := filepath.Join(dir, "sample.pdf")
	if err := s.doc.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	if *pagesDir != "" {
		run(t, "pdftoppm", "poppler-utils", "-r", "60", "-png", path, filepath.Join(dir, "page"))
	}

	t.Run("every text comes back whole", func(t *testing.T) { checkTextsWhole(t, s, fs, path) })

	t.Run("punctuation rules hold on every line", func(t *testing.T) { checkLinePunctuation(t, path) })

	t.Run("tables repeat their header on every page", func(t *testing.T) {
		pages := pdfPages(t, path)
		for _, header := range s.tables {
			n := 0
			for _, p := range pages {
				if strings.Contains(squeeze(p), header) {
					n++
				}
			}
			if n < 2 {
				t.Errorf("header %q on %d pages; the sample's tables span at least two", header, n)
			}
		}
	})

	t.Run("replaced characters are reported", func(t *testing.T) { checkReplacements(t, s.doc) })

	t.Run("fonts embedded", func(t *testing.T) {
		fonts := pdfFonts(t, path)
		if len(fonts) < 2 {
			t.Errorf("%d fonts, want both test fonts", len(fonts))
		}
		for _, f := range fonts {
			if !f.Embedded || !f.Unicode || f.Type != "CID TrueType" {
				t.Errorf("font %+v not embedded as CID TrueType with a Unicode map", f)
			}
		}
	})

	t.Run("qpdf check", func(t *testing.T) {
		out := run(t, "qpdf", "qpdf", "--check", path)
		if !strings.Contains(out, "No syntax or stream encoding errors") {
			t.Error(out)
		}
	})

	t.Run("bookmarks for every heading", func(t *testing.T) {
		got := outlines(t, path)
		if strings.Join(got, "\n") != strings.Join(s.headings, "\n") {
			t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(s.headings, "\n"))
		}
	})

	t.Run("document information", func(t *testing.T) {
		info := pdfInfo(t, path)
		for k, want := range map[string]string{"Title": "工业强城建设工作简报（2025年第6期）",
			"Subject": "2025年6月“工业强城”建设推进情况", "Creator": "gyqc", "Page size": "595.28 x 841.89 pts (A4)"} {
			if info[k] != want {
				t.Errorf("%s: %q, want %q", k, info[k], want)
			}
		}
		if !strings.Contains(info["CreationDate"], "2025") {
			t.Errorf("creation date %q is not the document's date", info["CreationDate"])
		}
	})

	t.Run("nothing outside the text block, nothing overlapping", func(t *testing.T) { checkWordsPlaced(t, path) })

	t.Run("pages render", func(t *testing.T) {
		info := pdfInfo(t, path)
		if n := info["Pages"]; n == "" || n == "1" {
			t.Fatalf("pages: %q", n)
		}
		out := filepath.Join(t.TempDir(), "p")
		run(t, "pdftoppm", "poppler-utils", "-r", "20", "-png", "-f", "1", "-l", "3", path, out)
	})
}

// checkLinePunctuation holds the punctuation rules on every line of the PDF: no line starts with closing
// punctuation or ends with opening punctuation.
func checkLinePunctuation(t *testing.T, path string) {
	t.Helper()
	for i, p := range pdfPages(t, path) {
		for _, ln := range strings.Split(p, "\n") {
			ln = strings.TrimSpace(ln)
			if ln == "" {
				continue
			}
			first, _ := utf8.DecodeRuneInString(ln)
			last, _ := utf8.DecodeLastRuneInString(ln)
			if isClosing(first) {
				t.Errorf("page %d: line starts with closing punctuation: %q", i+1, ln)
			}
			if isOpening(last) {
				t.Errorf("page %d: line ends with opening punctuation: %q", i+1, ln)
			}
		}
	}
}

// checkWordsPlaced holds every word of the PDF inside the text block (page numbers in the footer)
// and no two words overlapping.
func checkWordsPlaced(t *testing.T, path string) {
	t.Helper()
	const mm = 72 / 25.4
	ws := words(t, path)
	if len(ws) == 0 {
		t.Fatal("no words")
	}
	for _, w := range ws {
		footer := w.YMin > bodyBottom*mm && (pageNumber.MatchString("—"+w.Text+"—") || w.Text == "—")
		if w.XMin < marginLeft*mm-1 || w.XMax > (marginLeft+textW)*mm+1 ||
			(!footer && (w.YMin < bodyTop*mm-1 || w.YMax > bodyBottom*mm+1)) || w.YMax > (pageH-10)*mm {
			t.Errorf("page %d: %q at (%.0f,%.0f)-(%.0f,%.0f) pt lies outside the text block", w.Page, w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
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
			}
		}
	}
}

// checkTextsWhole finds every text and heading of the sample whole in the PDF's pages.
func checkTextsWhole(t *testing.T, s *sample, fs *FontSet, path string) {
	t.Helper()
	pages := pdfPages(t, path)
	var all strings.Builder
	for _, p := range pages {
		all.WriteString(pageNumber.ReplaceAllString(squeeze(p), ""))
	}
	text := all.String()
	for _, r := range s.strip {
		text = strings.ReplaceAll(text, squeeze(r), "")
	}
	for _, want := range s.texts {
		if e := expected(fs, want); !strings.Contains(text, e) {
			t.Errorf("text not found whole: %q", e)
		}
	}
	for _, h := range s.headings {
		if !strings.Contains(text, squeeze(h)) {
			t.Errorf("heading not found: %q", h)
		}
	}
}

// checkReplacements holds the replacements of doc: each with its context and message, and
// the astral, fontless and invalid characters of the sample for their reasons.
func checkReplacements(t *testing.T, doc *Document) {
	t.Helper()
	got := map[rune]string{}
	for _, r := range doc.Replacements() {
		got[r.Rune] = r.Reason
		if r.Context == "" || !strings.Contains(r.String(), "代替") {
			t.Errorf("replacement without context or message: %+v", r)
		}
	}
	for r, reason := range map[rune]string{'𠮷': reasonAstral, 'ꀀ': reasonNoFont, utf8.RuneError: reasonInvalid} {
		if got[r] != reason {
			t.Errorf("%q: reason %q, want %q", r, got[r], reason)
		}
	}
}

// TestDocumentDeterministic renders the same document twice, and a second document built
// the same way, and expects the same bytes.
func TestDocumentDeterministic(t *testing.T) {
	fs := testFonts(t)
	s := sampleDocument(t, fs, 5)
	a, err := s.doc.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.doc.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	c, err := sampleDocument(t, fs, 5).doc.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
		t.Errorf("renderings differ: %d, %d and %d bytes", len(a), len(b), len(c))
	}
}

// TestWriteFileAtomic checks that WriteFile replaces a file whole and leaves no temporary
// file, and that a failed write keeps the old file.
func TestWriteFileAtomic(t *testing.T) {
	fs := testFonts(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "简报.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, _ := NewDocument(Options{Fonts: fs})
	doc.Paragraph("正文。")
	if err := doc.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-32:], []byte("%%EOF")) {
		t.Error("file is not a whole PDF")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1", len(entries))
	}
	// Writing into a missing folder fails with a Chinese message and touches nothing.
	err := doc.WriteFile(filepath.Join(dir, "missing", "简报.pdf"))
	if err == nil || !strings.Contains(err.Error(), "无法写入") {
		t.Errorf("got %v, want a Chinese error", err)
	}
	if b2, _ := os.ReadFile(path); !bytes.Equal(b, b2) {
		t.Error("the existing file changed")
	}
}

// TestEmptyAndOddInput renders documents of odd input without panicking.
func TestEmptyAndOddInput(t *testing.T) {
	fs := testFonts(t)
	tests := []struct {
		Name  string
		Build func(d *Document)
	}{
		{"empty document", func(d *Document) {}},
		{"empty texts", func(d *Document) {
			d.Masthead(Masthead{})
			d.Title("")
			d.Paragraph("")
			d.Heading(0, "")
			d.Heading(9, "")
			d.Table(Table{})
			d.Table(Table{Columns: []Column{{}}, Rows: [][]Cell{{}, {{Text: "多余"}, {Text: "单元格"}}}})
			d.BarChart(BarChart{})
			d.Colophon(Colophon{})
		}},
		{"newlines where one line is drawn", func(d *Document) {
			d.Masthead(Masthead{Name: "工业\n简报", Issue: "第\n1期", Office: "办公室\n", Date: "\n"})
			d.BarChart(BarChart{Caption: "图\n1", Bars: []Bar{{Label: "甲\n乙", Value: Percent(50), Text: "五\n成"}}})
			d.Colophon(Colophon{Distribution: []gyqc.Distribution{{Label: "发\n", Text: "各\n单位"}}, Printer: "办\n公室", Date: "2025年\n7月"})
		}},
		{"only unprintable text", func(d *Document) {
			d.Paragraph("\x00\x01\u200b\ufeff")
			d.Paragraph("😀😀😀")
		}},
		{"a word longer than a line", func(d *Document) {
			d.Paragraph(strings.Repeat("a", 500))
			d.Table(Table{Columns: []Column{{Header: "x"}, {Header: "y"}}, Rows: [][]Cell{Texts(strings.Repeat("9", 300), "短")}})
		}},
		{"bar values out of range", func(d *Document) {
			nan := 0.0
			nan = nan / nan
			d.BarChart(BarChart{Bars: []Bar{{Label: "负数", Value: Percent(-20)}, {Label: "很大", Value: Percent(1e9), Expected: Percent(-5)},
				{Label: "非数", Value: &nan}, {Label: "无值"}}})
		}},
		{"huge table font", func(d *Document) {
			d.Table(Table{FontSize: 500, Columns: []Column{{Header: "大"}}, Rows: [][]Cell{Texts(strings.Repeat("字", 50))}})
		}},
		{"heading at the foot of the last page", func(d *Document) {
			for i := 0; i < 21; i++ {
				d.Paragraph("一行。")
			}
			d.Heading(1, "最后")
		}},
		{"colophon after a full page", func(d *Document) {
			for i := 0; i < 22; i++ {
				d.Paragraph("一行。")
			}
			d.Colophon(Colophon{Printer: "办公室", Date: "2025年7月5日"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			d, err := NewDocument(Options{Fonts: fs})
			if err != nil {
				t.Fatal(err)
			}
			tt.Build(d)
			b, err := d.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "odd.pdf")
			os.WriteFile(path, b, 0o644)
			clients.Tool(t, "qpdf", "qpdf")
			if out := run(t, "qpdf", "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Error(out)
			}
		})
	}
}

// TestQuietAndConcurrent renders documents sharing one FontSet at the same time and checks
// that nothing is printed on standard output (gofpdf prints there about fonts it rejects;
// a command printing JSON must not get it mixed in).
func TestQuietAndConcurrent(t *testing.T) {
	fs := testFonts(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	done := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(r)
		done <- b
	}()
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = sampleDocument(t, fs, 3+i).doc.Bytes()
		}()
	}
	wg.Wait()
	os.Stdout = stdout
	w.Close()
	if printed := <-done; len(printed) > 0 {
		t.Errorf("printed on standard output: %q", printed)
	}
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// TestSecondFontInDocument draws with a CJK-only first font: the digits and Latin letters
// come from the second font, both are embedded, and the text comes back whole.
func TestSecondFontInDocument(t *testing.T) {
	fontFile(t, lxgwPath)
	cjkOnly := writeTemp(t, "cjk-only.ttf", cutFont(t, cjkSample+"，。□"))
	fs, err := FindFonts(FontOptions{Files: []string{cjkOnly}, System: []string{lxgwPath}})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := NewDocument(Options{Fonts: fs})
	text := "黔江区2025年工业产值达到312.45亿元，PMI为51.3。"
	doc.Paragraph(text)
	path := filepath.Join(t.TempDir(), "two-fonts.pdf")
	if err := doc.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	if n := len(pdfFonts(t, path)); n != 2 {
		t.Errorf("%d fonts embedded, want 2", n)
	}
	if got := squeeze(strings.Join(pdfPages(t, path), "")); !strings.Contains(got, squeeze(text)) {
		t.Errorf("got %q", got)
	}
	if len(doc.Replacements()) != 0 {
		t.Errorf("replacements: %v", doc.Replacements())
	}
}
