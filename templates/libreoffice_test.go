package templates

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/qianjiang/gyqc/internal/clients"
)

var render = flag.String("render", "", "also render the PDF pages of two templates as PNG into this folder, to look at")

// TestLibreOffice converts every template of the period to PDF and re-saves every one as
// xlsx, in two batched soffice runs side by side. Every PDF must hold the unit's name, the
// period and the sheet titles in extractable text with embedded fonts; every re-saved
// workbook must still be recognised, with its metadata found and no problem reported.
func TestLibreOffice(t *testing.T) {
	p := defaultPlan(t)
	dir, files := allTemplates(t)
	var paths []string
	for _, u := range p.ResponsibleUnits() {
		paths = append(paths, filepath.Base(files[u.Code]))
	}
	work := t.TempDir()
	pdfDir, xlsxDir := filepath.Join(work, "pdf"), filepath.Join(work, "xlsx")
	for _, d := range []string{"lo-pdf", "lo-xlsx"} {
		if err := os.MkdirAll(filepath.Join(work, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	var pdfOut, xlsxOut []byte
	var pdfErr, xlsxErr error
	wg.Add(2)
	go func() {
		defer wg.Done()
		args := append([]string{"--convert-to", "pdf", "--outdir", pdfDir}, abs(dir, paths)...)
		pdfOut, pdfErr = clients.SofficeRun(t, filepath.Join(work, "lo-pdf"), args...)
	}()
	go func() {
		defer wg.Done()
		args := append([]string{"--convert-to", `xlsx:Calc MS Excel 2007 XML`, "--outdir", xlsxDir}, abs(dir, paths)...)
		xlsxOut, xlsxErr = clients.SofficeRun(t, filepath.Join(work, "lo-xlsx"), args...)
	}()
	wg.Wait()
	if pdfErr != nil || xlsxErr != nil {
		t.Fatalf("soffice: %v %v\n%s\n%s", pdfErr, xlsxErr, pdfOut, xlsxOut)
	}

	pdftotext := clients.Tool(t, "pdftotext", "poppler-utils")
	pdffonts := clients.Tool(t, "pdffonts", "poppler-utils")
	for _, u := range p.ResponsibleUnits() {
		name := strings.TrimSuffix(filepath.Base(files[u.Code]), ".xlsx")
		t.Run("pdf/"+u.Code, func(t *testing.T) {
			pdf := filepath.Join(pdfDir, name+".pdf")
			txt, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", pdf, err)
			}
			text := strings.Join(strings.Fields(string(txt)), "")
			for _, want := range []string{u.Name, "2025年6月", "填报说明", "任务进展情况表", "指标完成情况表", "2025年7月1日前"} {
				if !strings.Contains(text, want) {
					t.Errorf("PDF text lacks %q", want)
				}
			}
			if strings.Contains(text, "task:") || strings.Contains(text, "gyqc.unit") {
				t.Error("hidden keys or metadata are printed")
			}
			fonts, err := exec.Command(pdffonts, pdf).Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(fonts), "\n")[2:] {
				if f := strings.Fields(line); len(f) >= 5 && f[len(f)-5] != "yes" {
					t.Errorf("font not embedded: %s", line)
				}
			}
		})
		for _, rdr := range readers {
			t.Run("resave/"+u.Code+"/"+rdr.Name, func(t *testing.T) {
				b, err := os.ReadFile(filepath.Join(xlsxDir, name+".xlsx"))
				if err != nil {
					t.Fatal(err)
				}
				ret, probs := rdr.Read(t, b, p)
				if ret == nil || len(probs) > 0 {
					t.Fatalf("re-saved template not read cleanly: %v", probs)
				}
				if ret.Meta.Unit != u.Code || ret.Meta.Period.String() != clientPeriod || len(ret.MetaSources) != 2 {
					t.Errorf("metadata %+v from %v", ret.Meta, ret.MetaSources)
				}
				if !strings.Contains(ret.Application, "LibreOffice") {
					t.Errorf("application %q, want LibreOffice", ret.Application)
				}
				if len(ret.Tasks) != len(p.Assignments(u.Code)) || len(ret.Values) != len(p.ReportedIndicators(u.Code)) {
					t.Errorf("read %d tasks and %d values", len(ret.Tasks), len(ret.Values))
				}
			})
		}
	}

	if *render != "" {
		pdftoppm := clients.Tool(t, "pdftoppm", "poppler-utils")
		for _, code := range []string{"jxw", "cdjd"} {
			name := strings.TrimSuffix(filepath.Base(files[code]), ".xlsx")
			out, err := exec.Command(pdftoppm, "-r", "60", "-png", filepath.Join(pdfDir, name+".pdf"), filepath.Join(*render, code)).CombinedOutput()
			if err != nil {
				t.Errorf("pdftoppm: %v %s", err, out)
			}
		}
	}
}

// abs joins dir to every name.
func abs(dir string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, n)
	}
	return out
}
