package main

import (
	"archive/zip"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"
)

// TestBriefDocx runs brief with --docx: the PDF and a Word document beside it, which holds
// the same title, units and sections (its own tests in render read it with python-docx and
// LibreOffice); a name not ending in .docx is a usage error that writes nothing.
func TestBriefDocx(t *testing.T) {
	fonts := briefFonts(t)
	t.Setenv("GYQC_FONT", strings.Join(fonts, string(filepath.ListSeparator)))
	plan := planfile.Default()
	ws := briefWorkspace(t, plan)
	dir := t.TempDir()
	pdf, docx := filepath.Join(dir, "简报.pdf"), filepath.Join(dir, "word", "简报.docx")
	code, out, stderr := runCLI(t, "-w", ws, "brief", "--period", "2025-06", "--as-of", "2025-07-10 09:00", "--out", pdf, "--docx", docx)
	if code != exitOK {
		t.Fatalf("brief --docx: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "已写出可编辑的 Word 文档："+docx) {
		t.Errorf("the output does not say where the Word document is:\n%s", out)
	}
	zr, err := zip.OpenReader(docx)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var body string
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			body = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(b), "") // the text, a long title's break gone
		}
	}
	for _, want := range []string{"2025年6月黔江区“工业强城”建设推进情况", "一、总体情况", "五、报送及考核情况", "区经济信息委", "区发展改革委"} {
		if !strings.Contains(body, want) {
			t.Errorf("the Word document lacks %q", want)
		}
	}

	bad := filepath.Join(dir, "简报.doc")
	if code, _, stderr := runCLI(t, "-w", ws, "brief", "--period", "2025-06", "--out", pdf, "--docx", bad); code != exitUsage || !strings.Contains(stderr, ".docx") {
		t.Errorf("--docx 简报.doc: exit %d, %s", code, stderr)
	}
}
