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
	"github.com/qianjiang/gyqc/internal/clients"
)

// feedbackTitles: the 意见单 is named for what became of the file. A clerk who reads 退回 on
// the sheet of an accepted file thinks it was refused and sends it again or not at all.
var feedbackTitles = []struct {
	name    string
	outcome gyqc.Outcome
	title   string // the sheet's name, the title's end and the footer's
	not     string // never on the sheet
}{
	{name: "refused", outcome: gyqc.OutcomeRefused, title: "退回意见单", not: "审核意见单"},
	{name: "accepted with warnings", outcome: gyqc.OutcomeWarned, title: "审核意见单", not: "退回"},
}

// writeTitled writes the 意见单 of a file of outcome o into dir and returns its path.
func writeTitled(t *testing.T, dir string, o gyqc.Outcome) string {
	t.Helper()
	info := FeedbackInfo{UnitName: "区经济信息委", Period: gyqc.MustPeriod("2025-06"), FileName: "2025-06_jxw_区经济信息委.xlsx",
		Received: "2025-06-30 10:00", Outcome: o, Issued: "2025-07-01 09:00", Office: "领导小组办公室"}
	probs := gyqc.Problems{{Severity: gyqc.SevWarning, Sheet: "指标填报", Cell: "H6", Rule: "jump", Value: "1200",
		Message: "指标“规上工业企业数”本期 1200 与上期 120 相差超过 5 倍", Fix: "请核实计量单位（家）"}}
	if o == gyqc.OutcomeRefused {
		probs = append(probs, gyqc.Problem{Severity: gyqc.SevError, Sheet: "填报说明", Cell: "B30", Rule: "filler-required",
			Message: "未填写填报人", Fix: "请填写填报人姓名"})
	}
	var buf bytes.Buffer
	if err := WriteFeedback(&buf, info, probs); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, string(o)+".xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFeedbackTitle: the sheet, the title and the printed footer of a refused file's 意见单
// say 退回意见单; those of a file accepted with warnings say 审核意见单 and nowhere 退回; the
// file-name suffix follows.
func TestFeedbackTitle(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range feedbackTitles {
		t.Run(tc.name, func(t *testing.T) {
			f, err := excelize.OpenFile(writeTitled(t, dir, tc.outcome))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := f.GetSheetList(); len(got) != 1 || got[0] != tc.title {
				t.Errorf("sheets %v, want [%s]", got, tc.title)
			}
			rows, err := f.GetRows(f.GetSheetName(0))
			if err != nil || len(rows) < 4 {
				t.Fatal(rows, err)
			}
			if !strings.HasSuffix(rows[0][0], tc.title) {
				t.Errorf("title %q, want …%s", rows[0][0], tc.title)
			}
			for i, r := range rows[:4] {
				if line := strings.Join(r, ""); strings.Contains(line, tc.not) {
					t.Errorf("line %d %q says %s", i+1, line, tc.not)
				}
			}
			hf, err := f.GetHeaderFooter(f.GetSheetName(0))
			if err != nil || hf == nil || !strings.Contains(hf.OddFooter, " "+tc.title+" ") {
				t.Errorf("footer %+v (%v), want %s", hf, err, tc.title)
			}
			if got := FeedbackSuffix(tc.outcome); got != "_"+tc.title+".xlsx" {
				t.Errorf("file name ends %q", got)
			}
		})
	}
}

// TestFeedbackTitleClients: openpyxl and LibreOffice, as a clerk's office opens the file,
// read the same names: openpyxl the sheet and title, LibreOffice's PDF the title and the
// footer (pdftotext).
func TestFeedbackTitleClients(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice")
	}
	py := clients.Python(t)
	pdftotext := clients.Tool(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	for _, tc := range feedbackTitles {
		t.Run(tc.name, func(t *testing.T) {
			path := writeTitled(t, dir, tc.outcome)
			script := "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb.worksheets[0]\n" +
				"print(ws.title)\nprint(ws['A1'].value)\nprint(ws.oddFooter.center.text)\n"
			out, err := exec.Command(py, "-c", script, path).CombinedOutput()
			if err != nil {
				t.Fatalf("openpyxl: %v\n%s", err, out)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) != 3 || lines[0] != tc.title || !strings.HasSuffix(lines[1], tc.title) || !strings.Contains(lines[2], tc.title) {
				t.Errorf("openpyxl reads %q, want sheet, title and footer of a %s", lines, tc.title)
			}
			if msg, err := clients.SofficeRun(t, dir, "--convert-to", "pdf", "--outdir", dir, path); err != nil {
				t.Fatalf("soffice: %v\n%s", err, msg)
			}
			text, err := exec.Command(pdftotext, strings.TrimSuffix(path, ".xlsx")+".pdf", "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(string(text)), "")
			if strings.Count(flat, tc.title) < 2 || strings.Contains(flat, tc.not) {
				t.Errorf("LibreOffice's PDF: want the title and footer %s, never %s:\n%s", tc.title, tc.not, text)
			}
		})
	}
}
