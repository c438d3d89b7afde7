package review

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/internal/celltext"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/templates"
)

// feedbackProblems are problems with texts long enough to wrap over several lines.
func feedbackProblems() gyqc.Problems {
	long := strings.Repeat("请核实本期值的计量单位和统计口径，数据无误的请在“情况说明”中说明原因，并附上统计部门的佐证材料。", 3)
	return gyqc.Problems{
		{Severity: gyqc.SevError, Sheet: "任务进展", Cell: "I5", Rule: "progress-required", Message: "任务 3“推进卷烟厂数字化车间建设”的本月工作进展未填写", Fix: "牵头单位须填写本月工作进展"},
		{Severity: gyqc.SevWarning, Sheet: "指标填报", Cell: "H6", Rule: "jump", Value: "1200", Message: "指标“规上工业企业数”本期 1200 与上期 120 相差超过 5 倍，请核实计量单位（家）", Fix: long},
		{Severity: gyqc.SevError, Sheet: "填报说明", Cell: "B30", Rule: "filler-required", Message: "未填写填报人", Fix: "请填写填报人姓名"},
	}
}

// TestFeedbackRowHeights: every row of the problem list is tall enough for its wrapped text,
// so that Excel, WPS and LibreOffice, which do not grow rows a program wrote, show it whole.
func TestFeedbackRowHeights(t *testing.T) {
	var buf bytes.Buffer
	info := FeedbackInfo{UnitName: "区经济信息委", Period: gyqc.MustPeriod("2025-06"), FileName: "报表.xlsx", Received: "2025-06-30 10:00",
		Outcome: gyqc.OutcomeRefused, Issued: "2025-07-01 09:00", Office: "领导小组办公室"}
	if err := WriteFeedback(&buf, info, feedbackProblems()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("退回意见单")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i, r := range rows {
		if len(r) < len(feedbackColumns) || r[0] == "序号" {
			continue
		}
		h, _ := f.GetRowHeight("退回意见单", i+1)
		if want := feedbackRowHeight(r); h < want || h < 20 {
			t.Errorf("row %d: height %.1f, want %.1f for %q", i+1, h, want, r)
		}
		if strings.HasPrefix(r[6], "请核实") && h < 4*feedbackLineHeight {
			t.Errorf("row %d of a long fix is %.1f points high", i+1, h)
		}
		checked++
	}
	if checked != 3 {
		t.Fatalf("%d problem rows found, want 3", checked)
	}
}

// TestFeedbackLibreOfficePDF renders a 退回意见单 with LibreOffice: all of every problem's
// text is on the page (pdftotext), on one page of A4 landscape. GYQC_KEEP_PDF=dir keeps the
// PDF for looking at.
func TestFeedbackLibreOfficePDF(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice")
	}
	pdftotext := clients.Tool(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	var buf bytes.Buffer
	info := FeedbackInfo{UnitName: "区经济信息委", Period: gyqc.MustPeriod("2025-06"), FileName: "2025-06_jxw_区经济信息委.xlsx",
		Received: "2025-06-30 10:00", Outcome: gyqc.OutcomeRefused, Issued: "2025-07-01 09:00", Office: "领导小组办公室"}
	if err := WriteFeedback(&buf, info, feedbackProblems()); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "feedback.xlsx")
	os.WriteFile(in, buf.Bytes(), 0o644)
	if msg, err := clients.SofficeRun(t, dir, "--convert-to", "pdf", "--outdir", dir, in); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	pdf := filepath.Join(dir, "feedback.pdf")
	out, err := exec.Command(pdftotext, pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), "")
	for _, p := range feedbackProblems() {
		if !strings.Contains(text, strings.Join(strings.Fields(p.Fix), "")) {
			t.Errorf("the PDF lacks the fix %q", p.Fix)
		}
	}
	if keep := os.Getenv("GYQC_KEEP_PDF"); keep != "" {
		os.WriteFile(filepath.Join(keep, "feedback.pdf"), must(os.ReadFile(pdf)), 0o644)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestMarkedCopyRowsFitTheText: in the 问题标注 copy, a row whose text is longer than the
// template's row allows is made tall enough for it; a text too long even for the tallest
// row widens its column, up to the widest column Excel allows (a wider one cannot be set).
func TestMarkedCopyRowsFitTheText(t *testing.T) {
	phrase := "本月召开专题推进会，协调解决企业上云过程中的网络、资金和人才问题，走访重点企业。"
	for _, tc := range []struct {
		name     string
		width    float64 // the column's width as the unit left it; 0: the template's
		repeat   int
		minWidth float64 // the copy's column at least this wide
	}{
		{name: "taller row", repeat: 12},
		{name: "widest column", width: 200, repeat: 150, minWidth: excelize.MaxColumnWidth},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lay := templates.Current()
			row, col := lay.Tasks.FirstDataRow(), lay.Tasks.Letter(templates.FieldProgress)
			long := strings.Repeat(phrase, tc.repeat)
			data := markedCopyWith(t, long, tc.width)
			m, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			w, err := m.GetColWidth(lay.Tasks.Sheet, col)
			if err != nil {
				t.Fatal(err)
			}
			if w < tc.minWidth || w > excelize.MaxColumnWidth {
				t.Errorf("column %s is %.1f wide, want %.1f to %d", col, w, tc.minWidth, excelize.MaxColumnWidth)
			}
			h, err := m.GetRowHeight(lay.Tasks.Sheet, row)
			if err != nil {
				t.Fatal(err)
			}
			if want := celltext.RowHeight(celltext.Lines(long, w)); h < want {
				t.Errorf("row %d is %.0f points high, its text needs %.0f", row, h, want)
			}
		})
	}
}

// markedCopyWith returns the 问题标注 copy of a good return whose first task's progress is
// text, with a warning on that cell, the column first set to width where width is not 0.
func markedCopyWith(t *testing.T, text string, width float64) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(filledReturn(t, planfile.Default(), "dsjj", "2025-06")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lay := templates.Current()
	cell, col := lay.Tasks.Cell(templates.FieldProgress, lay.Tasks.FirstDataRow()), lay.Tasks.Letter(templates.FieldProgress)
	if err := f.SetCellStr(lay.Tasks.Sheet, cell, text); err != nil {
		t.Fatal(err)
	}
	if width > 0 {
		if err := f.SetColWidth(lay.Tasks.Sheet, col, col, width); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	probs := gyqc.Problems{{Severity: gyqc.SevWarning, Sheet: lay.Tasks.Sheet, Cell: cell, Message: "照抄上月", Fix: "请更新"}}
	marked, err := MarkWorkbook("dsjj.xlsx", buf.Bytes(), intake.Limits{}, probs)
	if err != nil {
		t.Fatal(err)
	}
	return marked
}
