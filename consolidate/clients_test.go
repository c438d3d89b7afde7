package consolidate_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/internal/clients"
)

// openpyxlView is what testdata/summary_read.py prints.
type openpyxlView struct {
	Normal   map[string][][]any `json:"normal"`
	ReadOnly map[string][][]any `json:"read_only"`
	Formulas []string           `json:"formulas"`
	Setup    map[string]struct {
		Freeze      string `json:"freeze"`
		Filter      string `json:"filter"`
		PrintTitles string `json:"print_titles"`
		Orientation string `json:"orientation"`
		Paper       string `json:"paper"`
		FitWidth    string `json:"fit_width"`
		FitHeight   string `json:"fit_height"`
		FitToPage   string `json:"fit_to_page"`
		Footer      string `json:"footer"`
		Dimension   string `json:"dimension"`
	} `json:"setup"`
	Pandas map[string]struct {
		Columns          []string `json:"columns"`
		Rows             int      `json:"rows"`
		EmptyFirstColumn int      `json:"empty_first_column"`
	} `json:"pandas"`
}

// gridOf turns openpyxl's rows into a grid.
func gridOf(sheets map[string][][]any) bookGrid {
	g := bookGrid{}
	for name, rows := range sheets {
		var out [][]gval
		for _, r := range rows {
			row := make([]gval, len(r))
			for c, v := range r {
				switch v := v.(type) {
				case float64:
					row[c] = gval{Num: v, IsNum: true}
				case string:
					row[c] = gval{Str: v}
				}
			}
			out = append(out, row)
		}
		g[name] = out
	}
	return g
}

// TestSummaryOpenpyxlAndPandas reads the rich world's workbook with openpyxl, in normal and
// read-only mode, and with pandas: both modes see every row and the same cells as excelize,
// every figure traces to 明细, no cell is a formula, each sheet is set up for printing, and
// pandas gets clean tables from 指标完成, 报送情况 and 明细.
func TestSummaryOpenpyxlAndPandas(t *testing.T) {
	py := clients.Python(t)
	w := richWorld(t)
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	if err := os.WriteFile(path, w.book, 0o644); err != nil {
		t.Fatal(err)
	}
	clean := []string{consolidate.SheetIndicators, consolidate.SheetReports, consolidate.SheetDetail}
	cmd := exec.Command(py, append([]string{"testdata/summary_read.py", path}, clean...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("summary_read.py: %v\n%s", err, stderr.String())
	}
	var view openpyxlView
	if err := json.Unmarshal(out, &view); err != nil {
		t.Fatal(err)
	}

	// The same cells for excelize, openpyxl and openpyxl read-only (the <dimension> trap).
	want := readGrid(t, w.book)
	for mode, sheets := range map[string]map[string][][]any{"normal": view.Normal, "read-only": view.ReadOnly} {
		got := gridOf(sheets)
		if len(got) != len(want) {
			t.Errorf("openpyxl %s sees %d sheets, excelize %d", mode, len(got), len(want))
		}
		for name, rows := range want {
			if len(got[name]) != len(rows) {
				t.Errorf("openpyxl %s sees %d rows in %s, excelize %d", mode, len(got[name]), name, len(rows))
				continue
			}
			for r := range rows {
				if diff := rowDiff(got[name][r], rows[r]); diff != "" {
					t.Errorf("openpyxl %s, %s row %d: %s", mode, name, r+1, diff)
					break
				}
			}
		}
		t.Run("trace "+mode, func(t *testing.T) { checkTrace(t, got, w.plan, w.period) })
	}
	checkGaps(t, view.Normal[consolidate.SheetIndicators])
	if len(view.Formulas) > 0 {
		t.Errorf("openpyxl finds formulas in %v", view.Formulas)
	}

	// Printing and viewing.
	tables, err := consolidate.Tables(w.plan, w.ev, w.subs, consolidate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tab := range tables {
		s, ok := view.Setup[tab.Name]
		if !ok {
			t.Errorf("openpyxl does not see sheet %s", tab.Name)
			continue
		}
		header := 1
		if len(tab.Intro) > 0 {
			header = len(tab.Intro) + 2
		}
		if want := fmt.Sprintf("%c%d", 'A'+tab.Freeze, header+1); s.Freeze != want {
			t.Errorf("%s: frozen at %q, want %s (below the header, right of the key columns)", tab.Name, s.Freeze, want)
		}
		if !strings.HasPrefix(strings.ReplaceAll(s.Filter, "$", ""), fmt.Sprintf("A%d:", header)) || !strings.Contains(s.PrintTitles, fmt.Sprint(header)) ||
			s.Orientation != "landscape" || s.Paper != "9" || s.FitWidth != "1" || s.FitHeight != "0" || s.FitToPage != "True" ||
			!strings.Contains(s.Footer, "&P") || !strings.Contains(s.Footer, "&N") {
			t.Errorf("%s is not set up for printing and filtering: %+v", tab.Name, s)
		}
	}

	// pandas: the header row as columns, one row per table row, no junk above.
	for _, tab := range tables {
		p, ok := view.Pandas[tab.Name]
		if !ok {
			continue
		}
		var headers []string
		for _, c := range tab.Columns {
			headers = append(headers, c.Header)
		}
		if strings.Join(p.Columns, "|") != strings.Join(headers, "|") {
			t.Errorf("pandas %s columns %v, want %v", tab.Name, p.Columns, headers)
		}
		if p.Rows != len(tab.Rows) || p.EmptyFirstColumn != 0 {
			t.Errorf("pandas %s: %d rows (%d without a first cell), want %d full rows", tab.Name, p.Rows, p.EmptyFirstColumn, len(tab.Rows))
		}
	}
}

// rowDiff describes how two readings of a row differ, or returns "".
func rowDiff(got, want []gval) string {
	for len(got) > 0 && got[len(got)-1].empty() {
		got = got[:len(got)-1]
	}
	for len(want) > 0 && want[len(want)-1].empty() {
		want = want[:len(want)-1]
	}
	if len(got) != len(want) {
		return "lengths differ: " + short(strings.TrimSpace(formatRow(got))) + " / " + short(formatRow(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.IsNum != w.IsNum || g.Str != w.Str || (g.IsNum && !near(g.Num, w.Num) && !(w.Num > 40000 && abs(g.Num-w.Num) < 1e-6)) {
			return "cell " + string(rune('A'+i%26)) + ": " + short(g.String()) + " / " + short(w.String())
		}
	}
	return ""
}

func formatRow(r []gval) string {
	var parts []string
	for _, v := range r {
		parts = append(parts, v.String())
	}
	return strings.Join(parts, "|")
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestSummaryLibreOffice converts the small world's workbook with LibreOffice: to PDF, which
// must show every sheet on A4 landscape pages with the texts of units as text, and to CSV,
// one file per sheet, which must hold every row. Set GYQC_LOOK_DIR to keep the PDF and PNGs
// of its first pages there.
func TestSummaryLibreOffice(t *testing.T) {
	w := smallWorld(t)
	dir := t.TempDir()
	book := filepath.Join(dir, "summary.xlsx")
	if err := os.WriteFile(book, w.book, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := clients.SofficeRun(t, dir, "--convert-to", "pdf", "--outdir", dir, book); err != nil {
		t.Fatalf("soffice pdf: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "summary.pdf")
	info, err := exec.Command(clients.Tool(t, "pdfinfo", "poppler-utils"), pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(info), "Page size:       841.89 x 595.") {
		t.Errorf("not A4 landscape:\n%s", info)
	}
	text, err := exec.Command(clients.Tool(t, "pdftotext", "poppler-utils"), "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), "")
	for _, s := range []string{consolidate.SheetOverview, consolidate.SheetTasks, consolidate.SheetIndicators, consolidate.SheetReports,
		consolidate.SheetScores, consolidate.SheetHistory, consolidate.SheetDetail, "第1页，共", "绿灯", "红灯", "黄灯",
		`=HYPERLINK("http://example.com"`, "@SUM(A1:A3)", "未填数字（约30）", "区财政局"} {
		if !strings.Contains(flat, strings.Join(strings.Fields(s), "")) {
			t.Errorf("the PDF does not show %q", s)
		}
	}
	if look := os.Getenv("GYQC_LOOK_DIR"); look != "" {
		os.MkdirAll(look, 0o755)
		os.WriteFile(filepath.Join(look, "summary.pdf"), mustRead(t, pdf), 0o644)
		exec.Command(clients.Tool(t, "pdftoppm", "poppler-utils"), "-r", "60", "-png", "-l", "8", pdf, filepath.Join(look, "summary")).Run()
	}

	// LibreOffice's reading of every sheet, as CSV.
	csvDir := filepath.Join(dir, "csv")
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
	if out, err := clients.SofficeRun(t, dir, "--convert-to", filter, "--outdir", csvDir, book); err != nil {
		t.Fatalf("soffice csv: %v\n%s", err, out)
	}
	tables, err := consolidate.Tables(w.plan, w.ev, w.subs, consolidate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tab := range tables {
		data, err := os.ReadFile(filepath.Join(csvDir, "summary-"+tab.Name+".csv"))
		if err != nil {
			t.Errorf("LibreOffice wrote no CSV for %s: %v", tab.Name, err)
			continue
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		records, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", tab.Name, err)
		}
		want := len(tab.Rows) + 1
		if len(tab.Intro) > 0 {
			want += len(tab.Intro) + 1
		}
		if len(records) != want {
			t.Errorf("LibreOffice reads %d rows of %s, want %d", len(records), tab.Name, want)
		}
	}
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// checkGaps: as openpyxl reads 指标完成, 落后幅度 is a positive number (behind) or words
// (超前, 持平, 本期不考核, why there is none), never a negative number.
func checkGaps(t *testing.T, rows [][]any) {
	t.Helper()
	if len(rows) < 2 {
		t.Fatalf("指标完成 has %d rows", len(rows))
	}
	col := -1
	for c, h := range rows[0] {
		if h == "落后幅度" {
			col = c
		}
	}
	if col < 0 {
		t.Fatalf("指标完成 has no column 落后幅度: %v", rows[0])
	}
	words := map[string]int{}
	for r, row := range rows[1:] {
		switch v := row[col].(type) {
		case float64:
			if v <= 0 {
				t.Errorf("指标完成 row %d: 落后幅度 %v", r+2, v)
			}
			words["behind"]++
		case string:
			words[v]++
		}
	}
	if words["超前"]+words["持平"] == 0 || words["behind"] == 0 {
		t.Errorf("the world has no indicator both ahead and behind to show: %v", words)
	}
}
