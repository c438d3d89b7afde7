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
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/templates"
)

// TestMarkedCopyLibreOfficePDF renders a 问题标注 copy whose unit wrote far more than the
// template's rows hold (a long 本月工作进展, a long 情况说明, a 下月工作计划 too long even for
// Excel's tallest row at the template's width) with LibreOffice: every
// character of both is on the pages (pdftotext, in drawing order), so no row is drawn over
// by the next or cut off. GYQC_KEEP_PDF=dir keeps the PDF for looking at.
func TestMarkedCopyLibreOfficePDF(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice")
	}
	pdftotext := clients.Tool(t, "pdftotext", "poppler-utils")
	plan := planfile.Default()
	f, err := excelize.OpenReader(bytes.NewReader(filledReturn(t, plan, "dsjj", "2025-06")))
	if err != nil {
		t.Fatal(err)
	}
	lay := templates.Current()
	progress := strings.Repeat("本月召开专题推进会，协调解决企业上云过程中的网络、资金和人才问题，走访重点企业12家（ABC-2025）。", 5)
	note := strings.Repeat("数据来自区统计局7月15日快报，与市统计局口径存在差异，差异原因已核实。", 4)
	// Too long for Excel's tallest row at the template's width: the column grows.
	plan2 := strings.Repeat("下月继续走访重点企业，推动企业上云用数赋智，组织专题培训，协调解决网络、资金和人才问题（第二批）。", 14)
	planCell := lay.Tasks.Cell(templates.FieldNextPlan, lay.Tasks.FirstDataRow()+1)
	f.SetCellStr(lay.Tasks.Sheet, planCell, plan2)
	progressCell := lay.Tasks.Cell(templates.FieldProgress, lay.Tasks.FirstDataRow())
	noteCell := lay.Indicators.Cell(templates.FieldNote, lay.Indicators.FirstDataRow())
	f.SetCellStr(lay.Tasks.Sheet, progressCell, progress)
	f.SetCellStr(lay.Indicators.Sheet, noteCell, note)
	var buf bytes.Buffer
	f.Write(&buf)
	f.Close()
	probs := gyqc.Problems{
		{Severity: gyqc.SevWarning, Sheet: lay.Tasks.Sheet, Cell: progressCell, Message: "照抄上月", Fix: "请更新"},
		{Severity: gyqc.SevWarning, Sheet: lay.Indicators.Sheet, Cell: noteCell, Message: "请核实", Fix: "请核实"},
	}
	marked, err := MarkWorkbook("dsjj.xlsx", buf.Bytes(), intake.Limits{}, probs)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "marked.xlsx")
	os.WriteFile(in, marked, 0o644)
	if msg, err := clients.SofficeRun(t, dir, "--convert-to", "pdf", "--outdir", dir, in); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	pdf := filepath.Join(dir, "marked.pdf")
	out, err := exec.Command(pdftotext, "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), "")
	for _, want := range []string{progress, note, plan2} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks some of %q", want[:60])
		}
	}
	if keep := os.Getenv("GYQC_KEEP_PDF"); keep != "" {
		os.WriteFile(filepath.Join(keep, "marked.pdf"), must(os.ReadFile(pdf)), 0o644)
	}
}
