package render

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// headingTexts are the texts of the draft that must never end a page: headings, annex labels
// and titles, and the captions of tables and charts.
func headingTexts(dr *Draft) []string {
	var hs []string
	for _, b := range dr.blocks {
		switch b.kind {
		case kindHeading, kindTitle:
			hs = append(hs, b.text)
		case kindAnnex:
			hs = append(hs, b.label, b.text)
		case kindTable:
			hs = append(hs, b.table.Caption)
		case kindChart:
			hs = append(hs, b.chart.Caption)
		}
	}
	return hs
}

// layoutLines returns the text lines of each page of a PDF as pdftotext -layout sets them,
// whitespace removed, without blank lines and the page number.
func layoutLines(tb testing.TB, path string) [][]string {
	tb.Helper()
	out := run(tb, "pdftotext", "poppler-utils", "-layout", "-enc", "UTF-8", path, "-")
	var pages [][]string
	for _, page := range strings.Split(out, "\f") {
		var lines []string
		for _, ln := range strings.Split(page, "\n") {
			if s := squeeze(ln); s != "" && !pageNumber.MatchString(s) {
				lines = append(lines, s)
			}
		}
		if len(lines) > 0 {
			pages = append(pages, lines)
		}
	}
	return pages
}

// sentenceEnd matches a line that can end a paragraph.
var sentenceEnd = regexp.MustCompile(`[。；：！？”）]$`)

// strandedHeadings returns, for each page whose foot holds a heading (or caption) without
// what it introduces, a description: the heading is the page's last line, or it is followed
// by a single line that does not end its paragraph (one line of text, or a table's header
// row without a first row).
func strandedHeadings(pages [][]string, headings []string) []string {
	isHeading := map[string]bool{}
	for _, h := range headings {
		if s := squeeze(h); s != "" {
			isHeading[s] = true
		}
	}
	// endsWithHeading reports whether the lines end with a heading, set on up to two lines.
	endsWithHeading := func(lines []string) (string, bool) {
		for k := 1; k <= min(2, len(lines)); k++ {
			if s := strings.Join(lines[len(lines)-k:], ""); isHeading[s] {
				return s, true
			}
		}
		return "", false
	}
	var bad []string
	for i, lines := range pages {
		if h, ok := endsWithHeading(lines); ok {
			bad = append(bad, fmt.Sprintf("page %d ends with %q", i+1, h))
			continue
		}
		last := lines[len(lines)-1]
		if h, ok := endsWithHeading(lines[:len(lines)-1]); ok && i+1 < len(pages) && !sentenceEnd.MatchString(last) {
			bad = append(bad, fmt.Sprintf("page %d ends with %q and one line after it: %q", i+1, h, last))
		}
	}
	return bad
}

// TestStrandedHeadings checks the check itself on pages made up for it.
func TestStrandedHeadings(t *testing.T) {
	hs := []string{"四、经验做法", "表3 各单位反映的问题", "（一）报送情况"}
	for _, tc := range []struct {
		Name  string
		Pages [][]string
		Bad   int
	}{
		{"heading at the foot", [][]string{{"正文。", "四、经验做法"}, {"经审核，以下做法予以采用。"}}, 1},
		{"heading with one line of a longer paragraph", [][]string{{"正文。", "四、经验做法", "经领导小组办公室审核，以下6条做法"}, {"予以采用。"}}, 1},
		{"caption with the header row only", [][]string{{"正文。", "表3各单位反映的问题", "任务问题和需协调事项"}, {"1.做大做强本月无问题"}}, 1},
		{"heading with a one-line paragraph", [][]string{{"正文。", "（一）报送情况", "现将迟报的单位通报如下。"}, {"迟报的单位：小南海镇。"}}, 0},
		{"heading with two lines", [][]string{{"四、经验做法", "经领导小组办公室审核，以下6条做法", "予以采用，供各单位"}, {"学习借鉴。"}}, 0},
		{"heading set on two lines", [][]string{{"正文。", "表3各单位反映", "的问题"}, {"正文。"}}, 1},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			if got := strandedHeadings(tc.Pages, hs); len(got) != tc.Bad {
				t.Errorf("got %q, want %d", got, tc.Bad)
			}
		})
	}
}

// TestBriefingKeepsHeadingsWithText renders busy months' briefings for 36 to 300 units,
// with and without adopted practices, and reads every page back with pdftotext -layout: no
// page ends with a heading or caption, or with a heading and only the first line of what
// follows it.
func TestBriefingKeepsHeadingsWithText(t *testing.T) {
	fs := testFonts(t)
	p := gyqc.MustPeriod("2025-06")
	for _, units := range []int{36, 60, 90, 130, 180, 240, 300} {
		plan := fixture.PlanFrom(t, "", units-36)
		w := busyBriefWorld(t, plan)
		for _, adopted := range []int{0, 2, 5} {
			t.Run(fmt.Sprintf("units=%d,adopted=%d", units, adopted), func(t *testing.T) {
				ev := adoptedEvaluation(t, w, p, adopted)
				dr, err := BriefingDraft(plan, ev, BriefOptions{})
				if err != nil {
					t.Fatal(err)
				}
				path := draftPDF(t, dr, fs)
				for _, bad := range strandedHeadings(layoutLines(t, path), headingTexts(dr)) {
					t.Error(bad)
				}
			})
		}
	}
}

// adoptedEvaluation evaluates period p of w with the practices of the first n units that
// lead a task (one of only, when given) adopted by the office.
func adoptedEvaluation(tb testing.TB, w *fixture.World, p gyqc.Period, n int, only ...int) *gyqc.Evaluation {
	tb.Helper()
	subs := append([]gyqc.Submission(nil), w.Subs...)
	var reviews gyqc.Reviews
	at := w.Plan.Due(p).AddDate(0, 0, 1)
	for i := range subs {
		s := &subs[i]
		if len(reviews) >= n || s.Period != p {
			continue
		}
		for j := range s.Tasks {
			tr := &s.Tasks[j]
			if tr.Role != gyqc.RoleLead || len(only) > 0 && !slices.Contains(only, tr.Task) {
				continue
			}
			tr.Practice = fmt.Sprintf("建立“一企一策”上门服务机制，实行问题清单化、销号式管理，本月办结企业诉求%d件。", 10+i)
			reviews = append(reviews, gyqc.ReviewEvent{Period: p, Unit: s.Unit, Kind: gyqc.ReviewAdopt, Task: tr.Task,
				Reviewer: "王明", At: at})
			break
		}
	}
	ev, err := gyqc.EvaluateInput(w.Plan, p, gyqc.Input{Submissions: subs, Reviews: reviews})
	if err != nil {
		tb.Fatal(err)
	}
	return ev
}

// TestHeadingsKeepWithWhatFollows moves a heading down a page line by line, followed by a
// paragraph of two to five lines, by a table, by a chart after a NeedRoom, and by a second
// heading, and reads each document back: the heading never ends a page, nor stays there with
// only the first line of a paragraph.
func TestHeadingsKeepWithWhatFollows(t *testing.T) {
	fs := testFonts(t)
	text := func(chars int) string {
		return string([]rune(strings.Repeat("推进工业强城建设", chars/8+1))[:chars]) + "。"
	}
	follows := map[string]func(dr *Draft){
		"paragraph of 2 lines": func(dr *Draft) { dr.Paragraph(text(40)) },
		"paragraph of 3 lines": func(dr *Draft) { dr.Paragraph(text(70)) },
		"paragraph of 4 lines": func(dr *Draft) { dr.Paragraph(text(100)) },
		"paragraph of 5 lines": func(dr *Draft) { dr.Paragraph(text(130)) },
		"table": func(dr *Draft) {
			dr.Table(Table{Caption: "表1 各单位反映的问题", Columns: []Column{{Header: "单位"}, {Header: "问题"}},
				Rows: [][]Cell{Texts("区经济信息委", text(60)), Texts("区发展改革委", text(20))}})
		},
		"chart": func(dr *Draft) {
			dr.NeedRoom(60)
			dr.BarChart(BarChart{Caption: "图1 完成率", Bars: []Bar{{Label: "规模以上工业产值", Value: Percent(40)},
				{Label: "工业投资", Value: Percent(90)}, {Label: "上市企业数量", Value: Percent(100)}}})
		},
		"second heading": func(dr *Draft) { dr.Heading(2, "报送情况"); dr.Paragraph(text(70)) },
	}
	for name, follow := range follows {
		for before := 15; before <= 22; before++ {
			t.Run(fmt.Sprintf("%s after %d lines", name, before), func(t *testing.T) {
				dr := NewDraft(Options{})
				for i := 0; i < before; i++ {
					dr.Paragraph(fmt.Sprintf("第%d行。", i+1))
				}
				dr.Heading(1, "经验做法")
				follow(dr)
				dr.Paragraph(text(200))
				path := draftPDF(t, dr, fs)
				for _, bad := range strandedHeadings(layoutLines(t, path), headingTexts(dr)) {
					t.Error(bad)
				}
			})
		}
	}
}

// TestTableNoteStaysWhole moves a table with a note down the page line by line: a note of
// up to wholeNote lines is never split and stays on the page of the table's last row; a
// longer one may be split, never so that one of its lines stands alone at the foot or the
// head of a page.
func TestTableNoteStaysWhole(t *testing.T) {
	fs := testFonts(t)
	sentence := "红灯为牵头单位未报送或报送被退回，或相关指标严重滞后；黄灯为牵头单位报告滞后。"
	for _, reps := range []int{5, 10} { // about five lines, and ten
		note := "注：" + strings.Repeat(sentence, reps)
		for before := 12; before <= 21; before++ {
			t.Run(fmt.Sprintf("%d sentences after %d lines", reps, before), func(t *testing.T) {
				dr := NewDraft(Options{})
				for i := 0; i < before; i++ {
					dr.Paragraph(fmt.Sprintf("第%d行。", i+1))
				}
				dr.Table(Table{Columns: []Column{{Header: "单位"}, {Header: "原因"}}, Note: note,
					Rows: [][]Cell{Texts("区经济信息委", "报告滞后"), Texts("区发展改革委", "报告滞后"), Texts("区商务委", "未报送")}})
				dr.Paragraph("其余正文。")
				checkNoteParts(t, layoutLines(t, draftPDF(t, dr, fs)), note, reps == 5)
			})
		}
	}
}

// checkNoteParts checks how the lines of a table's note fall on pages: all on the page of
// the table's last row (区商务委) when whole, else at least two on each.
func checkNoteParts(t *testing.T, pages [][]string, note string, whole bool) {
	t.Helper()
	text := squeeze(note)
	var parts []int
	for _, lines := range pages {
		n := 0
		for _, ln := range lines {
			if len([]rune(ln)) > 4 && strings.Contains(text, ln) {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, n)
			if whole && !strings.Contains(strings.Join(lines, ""), "区商务委") {
				t.Errorf("the note is on a page without the table's last row")
			}
		}
	}
	for _, n := range parts {
		if len(parts) > 1 && (whole || n < 2) {
			t.Errorf("the note is split %v lines over pages", parts)
		}
	}
}

// TestNoQuotationInsideQuotationMarks reads every text the briefing writes before its
// annexes (the annexes hold the units' own words) for a month with adopted practices and an
// indicator left empty: a quotation inside a quotation takes single marks (未填报指标“‘上云’
// 企业数量”), never a second pair of double marks.
func TestNoQuotationInsideQuotationMarks(t *testing.T) {
	plan := fixture.PlanFrom(t, "", 0)
	june := gyqc.MustPeriod("2025-06")
	w := newBriefWorld(t, plan).Fill(june.Add(-3), june)
	w.SetValue("cloud-enterprises", june, nil) // 表4: 未填报指标“‘上云’企业数量”
	dr, err := BriefingDraft(plan, adoptedEvaluation(t, w, june, 2, 16, 17), BriefOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range dr.blocks {
		if b.kind == kindAnnex {
			dr.blocks = dr.blocks[:i]
			break
		}
	}
	texts := draftTexts(dr)
	seen := false
	for _, text := range texts {
		depth := 0
		for _, r := range text {
			switch r {
			case '“':
				depth++
				if depth > 1 {
					t.Errorf("double marks inside double marks: %s", text)
				}
			case '”':
				depth = max(0, depth-1)
			case '‘':
				seen = true
			}
		}
	}
	if !seen {
		t.Error("no quotation inside a quotation in the briefing: the test does not test")
	}
}
