package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/planfile"
)

// docxDump is what python-docx reads back from a Word document (see docxReader).
type docxDump struct {
	Paragraphs [][2]string // style name, text
	Tables     [][][]string
	Styles     map[string]struct {
		EastAsia string
		Size     float64
		Bold     bool
	}
	Images  int
	Descr   []string
	Footers []string
	Page    map[string]float64 // millimetres: width, height, top, bottom, left, right
}

// docxReader is the python-docx script that dumps a document as JSON.
const docxReader = `
import json, sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
out = {"Paragraphs": [[p.style.name, p.text] for p in d.paragraphs],
       "Tables": [[[c.text for c in r.cells] for r in t.rows] for t in d.tables],
       "Styles": {}, "Images": len(d.inline_shapes), "Descr": [], "Footers": [], "Page": {}}
for s in d.styles:
    if s.type != docx.enum.style.WD_STYLE_TYPE.PARAGRAPH:
        continue
    rpr = s.element.rPr
    ea = rpr.rFonts.get(qn("w:eastAsia")) if rpr is not None and rpr.rFonts is not None else None
    out["Styles"][s.name] = {"EastAsia": ea or "", "Size": s.font.size.pt if s.font.size else 0, "Bold": bool(s.font.bold)}
for e in d.element.body.iter(qn("wp:docPr")):
    out["Descr"].append(e.get("descr"))
sec = d.sections[0]
for f in (sec.footer, sec.even_page_footer):
    out["Footers"].append(f._element.xml)
mm = lambda v: round(v.mm, 1)
out["Page"] = {"width": mm(sec.page_width), "height": mm(sec.page_height), "top": mm(sec.top_margin),
               "bottom": mm(sec.bottom_margin), "left": mm(sec.left_margin), "right": mm(sec.right_margin)}
print(json.dumps(out, ensure_ascii=False))
`

// readDocx reads a Word document back with python-docx.
func readDocx(t *testing.T, path string) docxDump {
	t.Helper()
	py := "/usr/bin/python3"
	if exec.Command(py, "-c", "import docx").Run() != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("python-docx is missing under CI; install python3-docx")
		}
		t.Skip("python-docx not installed (Debian: apt-get install python3-docx)")
	}
	out, err := exec.Command(py, "-c", docxReader, path).Output()
	if err != nil {
		t.Fatalf("python-docx cannot read %s: %v\n%s", path, err, stderrOf(err))
	}
	var d docxDump
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// TestBriefingWord writes a busy month's briefing as a Word document and reads it back
// with python-docx (every paragraph and table, the styles of the type hierarchy, page and
// footer) and with LibreOffice, which lays it out as a PDF read with pdftotext.
func TestBriefingWord(t *testing.T) {
	fs := testFonts(t)
	plan := planfile.Default()
	p := gyqc.MustPeriod("2025-06")
	w := busyBriefWorld(t, plan)
	ev := evaluate(t, plan, p, w.Subs)
	dr, err := BriefingDraft(plan, ev, BriefOptions{Annex: AnnexFull})
	if err != nil {
		t.Fatal(err)
	}
	b, err := dr.Word(WordOptions{Fonts: fs})
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := dr.Word(WordOptions{Fonts: fs}); !bytes.Equal(again, b) {
		t.Error("the same draft gave two different documents")
	}
	dir := t.TempDir()
	if *pagesDir != "" {
		dir = filepath.Join(*pagesDir, "word")
		os.MkdirAll(dir, 0o755)
	}
	path := filepath.Join(dir, "briefing.docx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	d := readDocx(t, path)
	var all strings.Builder
	styleOf := map[string]string{}
	for _, p := range d.Paragraphs {
		all.WriteString(p[1] + "\n")
		styleOf[strings.ReplaceAll(p[1], "\n", "")] = p[0] // a long title has line breaks
	}
	// The draft's tables; a chart is a table of images without text.
	var tables [][][]string
	for _, tb := range d.Tables {
		empty := true
		for _, row := range tb {
			empty = empty && strings.TrimSpace(strings.Join(row, "")) == ""
		}
		if empty {
			continue
		}
		tables = append(tables, tb)
		for _, row := range tb {
			all.WriteString(strings.Join(row, "\n") + "\n")
		}
	}
	text := squeeze(all.String())

	t.Run("every title, name, unit text and number", func(t *testing.T) {
		for _, want := range briefingTexts(plan, ev) {
			if !strings.Contains(text, squeeze(want)) {
				t.Errorf("not found whole: %q", want)
			}
		}
		for _, u := range ev.Ranking {
			if u.Score.Lost > 0 && !strings.Contains(text, squeeze(u.Name)) {
				t.Errorf("unit %s lost points but is not named", u.Name)
			}
		}
	})
	t.Run("the whole draft, word for word", func(t *testing.T) { checkDraftTexts(t, dr, text) })
	t.Run("each level of the hierarchy has its style and face", func(t *testing.T) { checkWordStyles(t, d, styleOf, plan, p) })
	t.Run("real tables with their headers", func(t *testing.T) { checkWordTables(t, tables, dr) })
	t.Run("charts as images described in words", func(t *testing.T) { checkWordCharts(t, d, ev) })
	t.Run("A4, official margins, page numbers in the footer", func(t *testing.T) { checkWordPage(t, d) })
	t.Run("LibreOffice lays it out", func(t *testing.T) {
		pdf := libreOfficePDF(t, path, fs)
		pages := pdfPages(t, pdf)
		got := squeeze(strings.Join(pages, ""))
		for _, want := range []string{plan.Briefing.Name, IssueTitle(plan, p), "一、总体情况", "五、报送及考核情况", "附件1"} {
			if !strings.Contains(got, squeeze(want)) {
				t.Errorf("LibreOffice's PDF lacks %q", want)
			}
		}
		for _, short := range brokenCells(dr, pages) {
			t.Errorf("LibreOffice breaks the cell %q over lines: its column is too narrow", short)
		}
		for _, u := range ev.Units {
			if !strings.Contains(got, u.Name) {
				t.Errorf("LibreOffice's PDF lacks %s", u.Name)
			}
		}
		faces := checkLibreOfficePages(t, pdf, pages, dr, IssueTitle(plan, p))
		if *pagesDir != "" {
			run(t, "pdftoppm", "poppler-utils", "-r", "60", "-png", pdf, filepath.Join(dir, "page"))
		}
		t.Logf("LibreOffice: %d pages with the full annex, faces %v", len(pages), faces)
	})
}

// checkWordTables holds the tables read back from the Word document to the draft's: as many, each
// with its header row and its rows.
func checkWordTables(t *testing.T, read [][][]string, dr *Draft) {
	t.Helper()
	var tables []*Table
	for _, blk := range dr.blocks {
		if blk.kind == kindTable {
			tables = append(tables, blk.table)
		}
	}
	if len(read) != len(tables) || len(tables) < 3 {
		t.Fatalf("%d tables read back, the draft has %d", len(read), len(tables))
	}
	for i, tb := range tables {
		got := read[i]
		if len(got) != len(tb.Rows)+1 {
			t.Errorf("table %d: %d rows, want %d", i+1, len(got), len(tb.Rows)+1)
		}
		for j, c := range tb.Columns {
			if got[0][j] != c.Header {
				t.Errorf("table %d column %d: %q, want %q", i+1, j+1, got[0][j], c.Header)
			}
		}
	}
}

// checkWordPage holds the Word document to A4 with the official margins and page numbers in
// its footers.
func checkWordPage(t *testing.T, d docxDump) {
	t.Helper()
	want := map[string]float64{"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}
	for k, v := range want {
		if got := d.Page[k]; got < v-0.2 || got > v+0.2 {
			t.Errorf("page %s %gmm, want %gmm", k, got, v)
		}
	}
	if len(d.Footers) != 2 {
		t.Fatalf("%d footers", len(d.Footers))
	}
	for _, f := range d.Footers { // — N — with the page number a PAGE field
		if !footerNumber.MatchString(f) {
			t.Errorf("footer without a page number — N —: %s", f)
		}
	}
}

// checkWordStyles holds each level of the type hierarchy to its style (styleOf: paragraph text →
// style) and each style to its face and size.
func checkWordStyles(t *testing.T, d docxDump, styleOf map[string]string, plan *gyqc.Plan, p gyqc.Period) {
	t.Helper()
	for text, style := range map[string]string{"一、总体情况": "Heading 1", "（一）报送情况": "Heading 2",
		IssueTitle(plan, p): "Title", plan.Briefing.Name: "报头", "附件1": "附件标识"} {
		if got := styleOf[text]; got != style {
			t.Errorf("%q has style %q, want %q", text, got, style)
		}
	}
	for style, want := range map[string]struct {
		face string
		size float64
	}{"Normal": {"仿宋", 16}, "Heading 1": {"黑体", 16}, "Heading 2": {"楷体", 16}, "Title": {"方正小标宋简体", 22},
		"表格文字": {"仿宋", 12}, "表格标题行": {"黑体", 12}, "注释": {"仿宋", 10.5}, "报尾": {"仿宋", 14}} {
		got := d.Styles[style]
		if got.EastAsia != want.face || got.Size != want.size {
			t.Errorf("style %s: %s %gpt, want %s %gpt", style, got.EastAsia, got.Size, want.face, want.size)
		}
	}
}

// TestBriefingWordBody holds the body of the Word briefing (no annex), laid out by
// LibreOffice, to the length of the PDF's: at most 8 pages for the plan's units.
func TestBriefingWordBody(t *testing.T) {
	fs := testFonts(t)
	plan := planfile.Default()
	w := busyBriefWorld(t, plan)
	ev := evaluate(t, plan, gyqc.MustPeriod("2025-06"), w.Subs)
	dr, err := BriefingDraft(plan, ev, BriefOptions{Annex: AnnexNone})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "body.docx")
	if err := dr.WriteWordFile(t.Context(), path, WordOptions{Fonts: fs}); err != nil {
		t.Fatal(err)
	}
	n := len(pdfPages(t, libreOfficePDF(t, path, fs)))
	t.Logf("LibreOffice: %d pages of body", n)
	if n < 2 || n > 8 {
		t.Errorf("%d pages of body in Word, want 2 to 8", n)
	}
}

// libreOfficePDF converts a Word document to PDF with LibreOffice and returns its path. The
// machine is made to look like an office that has the faces the document names: fontconfig
// gives each of them (仿宋, 黑体, 楷体, 方正小标宋简体, 宋体) as the face the PDF's font set
// uses for its role.
func libreOfficePDF(t *testing.T, path string, fs *FontSet) string {
	t.Helper()
	dir := t.TempDir()
	clients.OfficeFonts(t, WordStandIns(fs))
	out, err := clients.SofficeRun(t, dir, "--convert-to", "pdf", "--outdir", dir, path)
	pdf := filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".docx")+".pdf")
	if _, serr := os.Stat(pdf); err != nil || serr != nil {
		t.Fatalf("LibreOffice did not convert %s: %v %v\n%s", path, err, serr, out)
	}
	if *pagesDir != "" {
		data, _ := os.ReadFile(pdf)
		os.WriteFile(filepath.Join(filepath.Dir(path), fmt.Sprintf("%s.lo.pdf", filepath.Base(path))), data, 0o644)
	}
	return pdf
}

// footerNumber matches a footer's XML holding "— ", a PAGE field and " —", in that order.
var footerNumber = regexp.MustCompile(`(?s)>— </w:t>.*instrText[^>]*>\s*PAGE\b.*> —</w:t>`)

// checkWordCharts checks that the draft's charts are images, each described in words, and
// that they show every cumulative or yearly indicator not yet at its target, and none at it.
func checkWordCharts(t *testing.T, d docxDump, ev *gyqc.Evaluation) {
	t.Helper()
	if d.Images == 0 || len(d.Descr) != d.Images {
		t.Fatalf("%d images, %d descriptions", d.Images, len(d.Descr))
	}
	for _, ie := range ev.Indicators {
		charted := strings.Contains(strings.Join(d.Descr, ""), ie.Indicator.Name)
		switch want := ie.Scale == gyqc.ScaleRatio && ie.Completion != nil && !ie.Met; {
		case want && !charted:
			t.Errorf("no chart describes %s", ie.Indicator.Name)
		case ie.Met && charted:
			t.Errorf("the chart shows %s, which has met its target (counted in words)", ie.Indicator.Name)
		}
	}
}
