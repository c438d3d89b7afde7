package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestKeepWithPrevious ends a body with a paragraph or a table of every length around a page
// and under it a note and the 附件说明, both kept with what comes before them: the page that
// names the annex always holds the end of that paragraph or table too, never the note and the
// 附件 line alone; in the Word document the paragraph, or the table's last row and note, and
// the note keep with the next paragraph.
func TestKeepWithPrevious(t *testing.T) {
	fs := testFonts(t)
	const note, annex = "注：本期评价依据的方案和单位名册版本：内置方案。", "附件：亮红灯和黄灯任务牵头单位报送情况（原文）"
	body := func(dr *Draft, kind string, n int) {
		switch kind {
		case "paragraph":
			dr.Paragraph(strings.Repeat("正文的一行字，", n*4)) // about n lines
		case "table":
			rows := make([][]Cell, n)
			for i := range rows {
				rows[i] = Texts(fmt.Sprint(i+1), "正文的表格")
			}
			dr.Table(Table{Columns: []Column{{Header: "序号"}, {Header: "内容"}}, Rows: rows, FontSize: sizeSmall, Note: "注：表注。"})
		}
	}
	for _, kind := range []string{"paragraph", "table"} {
		for n := 14; n <= 60; n += map[string]int{"paragraph": 1, "table": 2}[kind] {
			if kind == "paragraph" && n > 26 {
				break
			}
			dr := NewDraft(Options{})
			dr.Paragraph("开头。")
			body(dr, kind, n)
			dr.Note(note)
			dr.KeepWithPrevious()
			dr.Paragraph(annex)
			dr.KeepWithPrevious()
			dr.Annex("附件", "亮红灯和黄灯任务牵头单位报送情况（原文）")
			dr.Paragraph("附件正文。")
			for _, page := range pdfPages(t, draftPDF(t, dr, fs)) {
				if p := squeeze(page); strings.Contains(p, squeeze(annex)) &&
					(!strings.Contains(p, "正文的") || !strings.Contains(p, squeeze(note))) {
					t.Errorf("%s of %d: the page naming the annex lacks the end of the body or the note:\n%s", kind, n, page)
				}
			}
			if n == 20 {
				checkWordKeeps(t, dr, fs, kind, note)
			}
		}
	}
}

// checkWordKeeps checks that in the Word document of dr the body's end — the paragraph, or
// the table's last row and its note — and the note keep with the next paragraph, and that a
// table's note is kept whole.
func checkWordKeeps(t *testing.T, dr *Draft, fs *FontSet, kind, note string) {
	t.Helper()
	xml := wordDocumentXML(t, dr, fs)
	paras := regexp.MustCompile(`(?s)<w:p>.*?</w:p>`).FindAllString(xml, -1)
	keeps := func(text string) bool {
		for i := len(paras) - 1; i >= 0; i-- {
			if strings.Contains(paras[i], text) {
				return strings.Contains(paras[i], "<w:keepNext/>")
			}
		}
		t.Errorf("%s: no paragraph holds %q", kind, text)
		return true
	}
	want := map[string][]string{"paragraph": {"正文的一行字", note}, "table": {">20<", "注：表注。", note}}[kind]
	for _, text := range want {
		if !keeps(text) {
			t.Errorf("%s: the paragraph holding %q does not keep with the next", kind, text)
		}
	}
	for _, p := range paras {
		if strings.Contains(p, "注：表注。") && !strings.Contains(p, "<w:keepLines/>") {
			t.Errorf("%s: the table's note is not kept whole: %s", kind, p)
		}
	}
	if keeps("开头。") {
		t.Errorf("%s: the first paragraph keeps with the next, though nothing after it is kept with it", kind)
	}
}
