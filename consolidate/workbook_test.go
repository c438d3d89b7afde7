package consolidate_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/qianjiang/gyqc/internal/fixture"
	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
)

// TestSummaryWorkbookGolden compares a text dump of the consolidated workbook of the small
// world with testdata/summary.golden (go test -run TestSummaryWorkbookGolden -update
// rewrites it).
func TestSummaryWorkbookGolden(t *testing.T) {
	w := smallWorld(t)
	golden(t, "summary.golden", dumpBook(t, w.book))
}

// TestSummaryWorkbookIsDeterministic writes the workbook again, from the attempts in another
// order, and wants the same bytes: nothing depends on the wall clock or on map order.
func TestSummaryWorkbookIsDeterministic(t *testing.T) {
	w := smallWorld(t)
	shuffled := append([]gyqc.Submission(nil), w.subs...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	ev := fixture.Evaluate(t, w.plan, w.period, shuffled, w.now)
	var again bytes.Buffer
	if err := consolidate.WriteWorkbook(&again, w.plan, ev, shuffled, consolidate.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), w.book) {
		t.Errorf("the same input gave a different workbook (%d bytes, then %d)", len(w.book), again.Len())
	}
	zr, err := zip.NewReader(bytes.NewReader(w.book), int64(len(w.book)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(w.now) && f.Modified.Format("2006-01-02 15:04") != w.now.Format("2006-01-02 15:04") {
			t.Errorf("part %s dated %v, want the evaluation time %v", f.Name, f.Modified, w.now)
		}
	}
}

// TestSummaryFiguresTraceToDetail reads the workbook of the rich world back with excelize and
// checks every figure of 总览, 任务进展 and 指标完成 against 明细 (see checkTrace).
func TestSummaryFiguresTraceToDetail(t *testing.T) {
	w := richWorld(t)
	checkTrace(t, readGrid(t, w.book), w.plan, w.period)
}

// TestSummaryTextStaysText finds the texts of jxw that look like formulas, as text, where
// they belong, and no formula anywhere in the file.
func TestSummaryTextStaysText(t *testing.T) {
	w := smallWorld(t)
	g := readGrid(t, w.book)
	found := map[string][]string{}
	for sheet, rows := range g {
		for _, r := range rows {
			for _, v := range r {
				for _, s := range []string{formulaProgress, formulaIssues, formulaPlan, formulaNote} {
					if strings.Contains(v.Str, s) {
						found[s] = append(found[s], sheet)
					}
				}
			}
		}
	}
	for s, want := range map[string]string{formulaProgress: "任务进展 明细", formulaIssues: "任务进展 明细",
		formulaPlan: "任务进展 明细", formulaNote: "指标完成 明细"} {
		for _, sheet := range strings.Fields(want) {
			if !strings.Contains(strings.Join(found[s], " "), sheet) {
				t.Errorf("%q is not text in %s (found in %v)", s, sheet, found[s])
			}
		}
	}
	d := indexDetail(t, g)
	row, ok := d.taskRow(w.period, "jxw", 3)
	if !ok || d.t.get(t, row, "本月工作进展").Str != formulaProgress || d.t.get(t, row, "下月工作计划").Str != formulaPlan {
		t.Errorf("明细 does not keep jxw's texts exactly: %v", row)
	}
	if got := d.t.get(t, row, "经验做法").Str; got != jxwPractice {
		t.Errorf("明细 经验做法 of jxw task 3: %q, want %q", got, jxwPractice)
	}
	zr, err := zip.NewReader(bytes.NewReader(w.book), int64(len(w.book)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte("<f>")) || bytes.Contains(data, []byte("<f ")) {
			t.Errorf("%s holds a formula", f.Name)
		}
	}
}

// TestSummaryNoDataIsWords checks that what is missing reads as words, never as 0.
func TestSummaryNoDataIsWords(t *testing.T) {
	w := smallWorld(t)
	g := readGrid(t, w.book)
	ind := tableOf(t, g, consolidate.SheetIndicators, "序号")
	reports := tableOf(t, g, consolidate.SheetReports, "序号")
	scores := tableOf(t, g, consolidate.SheetScores, "排名")
	find := func(tab *table, col, value string) []gval {
		for _, r := range tab.rows {
			if tab.get(t, r, col).Str == value {
				return r
			}
		}
		t.Fatalf("%s has no row with %s %s", tab.name, col, value)
		return nil
	}
	tests := []struct {
		name       string
		tab        *table
		keyCol     string
		key        string
		col, words string
	}{
		{"a figure that is not a number", ind, "指标代码", "rnd-share", "本期值", "未填数字（约30）"},
		{"its completion", ind, "指标代码", "rnd-share", "完成进度", "不适用"},
		{"a unit that sent nothing", reports, "单位代码", "czj", "首次接收时间", "无"},
		{"its current version", reports, "单位代码", "czj", "当前版本", "无"},
		{"a refused unit", reports, "单位代码", "sww", "报送状态", "被退回"},
		{"progress of a unit with no data", scores, "单位代码", "czj", "任务推进扣分", "无数据"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.tab.get(t, find(tc.tab, tc.keyCol, tc.key), tc.col)
			if got.IsNum || got.Str != tc.words {
				t.Errorf("%s %s %s = %v, want the words %q", tc.tab.name, tc.key, tc.col, got, tc.words)
			}
		})
	}
}

// TestSummaryContacts checks that 报送情况 carries each unit's 填报人, 联系电话 and 审核人 from
// its latest return (the small world's returns are filled by 张三, 023-79221234, 李四).
func TestSummaryContacts(t *testing.T) {
	w := smallWorld(t)
	reports := tableOf(t, readGrid(t, w.book), consolidate.SheetReports, "序号")
	for _, r := range reports.rows {
		if reports.get(t, r, "单位代码").Str != "jrb" {
			continue
		}
		for col, want := range map[string]string{"联系人": "张三", "电话": "023-79221234", "审核人": "李四"} {
			if got := reports.get(t, r, col).Str; got != want {
				t.Errorf("jrb %s = %q, want %q", col, got, want)
			}
		}
		return
	}
	t.Fatal("报送情况 has no row for jrb")
}

// TestSummaryClipsLongText checks that a text longer than a cell holds is cut with a note,
// not silently, and that the rest of the row survives.
func TestSummaryClipsLongText(t *testing.T) {
	w := richWorld(t)
	d := indexDetail(t, readGrid(t, w.book))
	row, ok := d.taskRow(w.period, "kjj", 11)
	if !ok {
		t.Fatal("no row of kjj's task 11 in 明细")
	}
	got := d.t.get(t, row, "本月工作进展").Str
	if n := len(utf16.Encode([]rune(got))); n > 32767 || !strings.HasSuffix(got, "（内容过长，已截断，全文见报送文件）") || !strings.HasPrefix(got, "研发平台建设进展顺利。") {
		t.Errorf("a text of 44,000 characters became %d UTF-16 units ending %q", n, got[max(0, len(got)-60):])
	}
	if s := d.t.get(t, row, "下月工作计划").Str; s != "继续推进" {
		t.Errorf("the rest of the row: 下月工作计划 %q", s)
	}
}

// TestSummaryTablesRefuseNothingToSummarise checks the errors for missing input.
func TestSummaryTablesRefuseNothingToSummarise(t *testing.T) {
	plan := planfile.Default()
	ev := fixture.Evaluate(t, plan, per("2025-06"), nil, time.Time{})
	tests := []struct {
		name string
		plan *gyqc.Plan
		ev   *gyqc.Evaluation
		msg  string
	}{
		{"no evaluation", plan, nil, "没有可汇总的评价结果"},
		{"no plan", nil, &gyqc.Evaluation{}, "没有可用的方案"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := consolidate.Tables(tc.plan, tc.ev, nil, consolidate.Options{})
			if gyqc.ErrorCode(err) != gyqc.EInternal || !strings.Contains(gyqc.ErrorMessage(err), tc.msg) {
				t.Errorf("got %v, want an internal error saying %q", err, tc.msg)
			}
		})
	}
	// An empty workspace is no error: everybody is missing, said in words.
	tables, err := consolidate.Tables(plan, ev, nil, consolidate.Options{})
	if err != nil || len(tables) != 8 {
		t.Fatalf("empty workspace: %d tables, %v", len(tables), err)
	}
	if d := tables[6]; d.Name != consolidate.SheetDetail || len(d.Rows) != 0 {
		t.Errorf("empty workspace: 明细 %s has %d rows", d.Name, len(d.Rows))
	}
}

// TestWriteCSV writes the small world's tables as CSV and reads them back: a BOM, the same
// header and rows as the workbook's tables, and formula-like text escaped.
func TestWriteCSV(t *testing.T) {
	w := smallWorld(t)
	dir := filepath.Join(t.TempDir(), "csv")
	paths, err := consolidate.WriteCSV(dir, w.plan, w.ev, w.subs, consolidate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tables, err := consolidate.Tables(w.plan, w.ev, w.subs, consolidate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(tables) {
		t.Fatalf("%d files for %d tables", len(paths), len(tables))
	}
	escaped := 0
	for i, tab := range tables {
		if want := filepath.Join(dir, "2025-06_"+tab.Name+".csv"); paths[i] != want {
			t.Errorf("file %s, want %s", paths[i], want)
		}
		data, err := os.ReadFile(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
			t.Errorf("%s has no UTF-8 byte-order mark", paths[i])
		}
		records, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", paths[i], err)
		}
		if len(records) != len(tab.Rows)+1 || records[0][0] != tab.Columns[0].Header {
			t.Errorf("%s: %d records starting %v; want a header and %d rows", paths[i], len(records), records[0], len(tab.Rows))
		}
		for _, rec := range records[1:] {
			for _, s := range rec {
				switch {
				case s == "'"+formulaProgress, s == "'"+formulaIssues, s == "'"+formulaPlan, s == "'"+formulaNote:
					escaped++
				case s != "" && strings.ContainsRune("=+@", rune(s[0])):
					t.Errorf("%s: unescaped formula-like text %q", paths[i], s)
				}
			}
		}
	}
	if escaped < 4 {
		t.Errorf("found %d escaped formula-like texts, want jxw's four in 明细 at least", escaped)
	}
}

// TestSummaryDetailMarksWhatWasNotCounted checks that 明细 lists every attempt and says which
// one is current and why others were left out.
func TestSummaryDetailMarksWhatWasNotCounted(t *testing.T) {
	w := smallWorld(t)
	d := indexDetail(t, readGrid(t, w.book))
	tests := []struct {
		name, unit string
		version    int
		use        string
	}{
		{"a refused first version", "jxw", 1, "否"},
		{"its correction", "jxw", 2, "是"},
		{"a correction after the evaluation time", "zyyq", 2, "未计入：统计时间之后收到"},
		{"a unit that is not in the plan", "nobody", 1, "未计入：不是本方案的责任单位"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := d.files["2025-06|"+tc.unit]
			for _, f := range files {
				if int(d.t.get(t, f, "版本").Num) == tc.version {
					if got := d.t.get(t, f, "当前版本").Str; got != tc.use {
						t.Errorf("%s version %d: 当前版本 %q, want %q", tc.unit, tc.version, got, tc.use)
					}
					return
				}
			}
			t.Errorf("明细 has no version %d of %s (%d files)", tc.version, tc.unit, len(files))
		})
	}
}

// TestSummaryBeforeTheDeadline evaluates the small world before the deadline: units that have
// not reported are pending, not missing, and 总览 says the results are provisional.
func TestSummaryBeforeTheDeadline(t *testing.T) {
	w := smallWorld(t)
	ev := fixture.Evaluate(t, w.plan, w.period, w.subs, w.plan.Due(w.period).Add(-time.Hour))
	tables, err := consolidate.Tables(w.plan, ev, w.subs, consolidate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	overview, reports := tables[0], tables[3]
	if !strings.Contains(strings.Join(overview.Intro, "\n"), "本表为初步结果") {
		t.Errorf("总览 does not say it is provisional: %q", overview.Intro)
	}
	seen := 0
	for _, r := range reports.Rows {
		switch r[1].Text {
		case "czj", "fgw": // nothing yet; fgw's late file is not in yet either
			seen++
			if r[3].Text != gyqc.StateNotYetDue.Label() {
				t.Errorf("%s before the deadline: %q", r[1].Text, r[3].Text)
			}
		}
	}
	if seen != 2 {
		t.Errorf("报送情况 lists %d of czj and fgw", seen)
	}
	// 总览 counts them as 尚未报送, not as 未报送, with swj (whose file comes 3 hours after
	// the deadline).
	counts := map[string]float64{}
	for _, r := range overview.Rows {
		if r[0].Text == "报送情况" {
			counts[r[1].Text] = r[2].Num
		}
	}
	if n, ok := counts["尚未报送（未到截止时间）"]; counts["未报送"] != 0 || !ok || n != 3 {
		t.Errorf("总览 counts before the deadline: %v", counts)
	}
}
