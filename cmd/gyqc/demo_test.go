package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/store"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/samples"
)

// TestDemoEndToEnd runs the demo over three months and holds every output against what the
// sample generator made: one template per responsible unit; the late, missing and refused
// units of the manifest exactly those that status, the consolidated workbook and the briefing
// report; every figure in the workbook the one the generator wrote.
func TestDemoEndToEnd(t *testing.T) {
	clients.Tool(t, "pdftotext", "poppler-utils")
	plan := planfile.Default()
	dir := filepath.Join(t.TempDir(), "demo")
	var out strings.Builder
	opts := demoOptions{Dir: dir, Period: gyqc.MustPeriod("2025-06"), Periods: 3, Seed: defaultSampleSeed}
	if err := runDemo(context.Background(), plan, opts, &out); err != nil {
		t.Fatalf("demo: %v\n%s", err, out.String())
	}
	// The closing lines account for every task and indicator.
	for _, line := range strings.Split(out.String(), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "任务：") && !strings.HasPrefix(line, "指标：") {
			continue
		}
		total, parts := closingCounts(t, line)
		if sum := func() int {
			n := 0
			for _, p := range parts {
				n += p
			}
			return n
		}(); sum != total || len(parts) < 2 {
			t.Errorf("%q: the parts add up to %d of %d", line, sum, total)
		}
	}
	lay := demoLayout{dir: dir}
	units := plan.ResponsibleUnits()
	for _, p := range demoPeriods(plan, opts) {
		m, _ := filepath.Glob(filepath.Join(lay.templates(p), "*.xlsx"))
		if len(m) != len(units) {
			t.Errorf("%s: %d templates for %d responsible units", p, len(m), len(units))
		}
	}

	// The manifest of the last month says who is late, missing and refused.
	last := opts.Period
	var man samples.Manifest
	b, err := os.ReadFile(lay.manifest(last))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &man); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{} // unit code → state
	for _, u := range man.Units {
		want[u.Code] = string(u.State)
	}
	for _, s := range []samples.State{samples.StateLate, samples.StateMissing, samples.StateRefused} {
		if len(man.InState(s)) == 0 {
			t.Fatalf("the demo month has no %s unit: %+v", s, man.Units)
		}
	}

	// status
	var sout strings.Builder
	if err := runStatus(context.Background(), plan, statusOptions{Workspace: lay.workspace(), Period: last, JSON: true, Now: time.Now()}, &sout); err != nil {
		t.Fatal(err)
	}
	var st struct {
		Units []struct{ Code, State string } `json:"units"`
	}
	json.Unmarshal([]byte(sout.String()), &st)
	if len(st.Units) != len(units) {
		t.Fatalf("status lists %d units", len(st.Units))
	}
	for _, u := range st.Units {
		if u.State != want[u.Code] {
			t.Errorf("status: %s is %s, the generator made it %s", u.Code, u.State, want[u.Code])
		}
	}

	checkDemoDoorCases(t, plan, lay, last, &man, sout.String())
	checkDemoRanking(t, plan, lay, last)

	checkDemoWorkbook(t, plan, lay, last, want, opts.Seed)

	text := checkDemoBriefing(t, plan, lay, last, &man)
	checkDemoOffice(t, plan, lay, demoPeriods(plan, opts), text)

	checkDemoRemind(t, plan, lay, last, &man)
}

// checkDemoWorkbook: the consolidated workbook's 报送情况 shows each unit in the state the
// generator made it (want), and 指标完成 each figure the generator wrote (seed).
func checkDemoWorkbook(t *testing.T, plan *gyqc.Plan, lay demoLayout, last gyqc.Period, want map[string]string, seed int64) {
	t.Helper()
	units := plan.ResponsibleUnits()
	book := lay.output("汇总表_" + last.String() + ".xlsx")
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := sheetRows(t, f, "报送情况")
	col := header(rows[0])
	labels := map[string]string{"on_time": "按时报送", "late": "迟报", "missing": "未报送", "refused": "被退回"}
	seen := 0
	for _, r := range rows[1:] {
		code := at(r, col["单位代码"])
		if code == "" {
			continue
		}
		seen++
		if got := at(r, col["报送状态"]); !strings.HasPrefix(got, labels[want[code]]) {
			t.Errorf("workbook: %s is %q, the generator made it %s", code, got, want[code])
		}
	}
	if seen != len(units) {
		t.Errorf("报送情况 lists %d units, want %d", seen, len(units))
	}
	gen, err := samples.New(plan, seed)
	if err != nil {
		t.Fatal(err)
	}
	rows = sheetRows(t, f, "指标完成")
	col = header(rows[0])
	checked := 0
	for _, r := range rows[1:] {
		key := at(r, col["指标代码"])
		ind := plan.Indicator(key)
		if ind == nil {
			continue
		}
		state := want[ind.UnitCode]
		got := at(r, col["本期值"])
		if state == "missing" || state == "refused" {
			if got != "" && !strings.Contains(got, "无数据") && !strings.Contains(got, "未报送") {
				if _, err := strconv.ParseFloat(got, 64); err == nil {
					t.Errorf("%s: reporter %s is %s, yet the workbook shows %s", key, ind.UnitCode, state, got)
				}
			}
			continue
		}
		v, ok := gen.Value(key, last)
		if !ok {
			t.Fatalf("generator has no value for %s", key)
		}
		if g, err := strconv.ParseFloat(got, 64); err != nil || !near(g, v) {
			t.Errorf("%s: workbook %q, generator %v", key, got, v)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d indicator values compared", checked)
	}

}

// checkDemoBriefing: the briefing names every late, missing and refused unit of the manifest,
// counts them in its overview and writes no credit as a deduction; it returns the text.
func checkDemoBriefing(t *testing.T, plan *gyqc.Plan, lay demoLayout, last gyqc.Period, man *samples.Manifest) string {
	t.Helper()
	pdf := lay.output("工作简报_" + last.String() + ".pdf")
	txt, err := exec.Command("pdftotext", "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// The text in the order it was written (a table cell's lines together, not side by side
	// with its row's other cells), without white space and page numbers, so that a paragraph
	// broken across pages reads whole.
	text := pageNumberText.ReplaceAllString(strings.Join(strings.Fields(string(txt)), ""), "")
	for _, s := range []samples.State{samples.StateLate, samples.StateMissing, samples.StateRefused} {
		for _, code := range man.InState(s) {
			name := plan.Registry.Unit(code).Name
			if !strings.Contains(text, name) {
				t.Errorf("the briefing does not name %s (%s)", name, s)
			}
		}
	}
	overview := "迟报" + strconv.Itoa(len(man.InState(samples.StateLate))) + "个、未报送" + strconv.Itoa(len(man.InState(samples.StateMissing))) + "个"
	if !strings.Contains(text, overview) {
		t.Errorf("the briefing's overview lacks %q", overview)
	}
	if strings.Contains(text, "加分扣") {
		t.Error("the briefing writes credit for adopted practice as a deduction (加分扣…分)")
	}
	return text
}

// checkDemoRemind: part of the returns came by e-mail, and the 催报名单 lists the missing and
// refused units with contacts taken from their returns.
func checkDemoRemind(t *testing.T, plan *gyqc.Plan, lay demoLayout, last gyqc.Period, man *samples.Manifest) {
	t.Helper()
	// with contacts taken from their returns.
	mailed := 0
	for _, f := range man.Files {
		if f.Mail != "" {
			mailed++
			if _, err := os.Stat(filepath.Join(lay.inbox(last), f.Mail)); err != nil {
				t.Errorf("mail file %s: %v", f.Mail, err)
			}
		}
	}
	if mailed == 0 || mailed == len(man.Files) {
		t.Errorf("%d of %d returns came by e-mail; the demo should deliver part of them so", mailed, len(man.Files))
	}
	rf, err := excelize.OpenFile(filepath.Join(lay.output("催报_"+last.String()), remindBook))
	if err != nil {
		t.Fatal(err)
	}
	defer rf.Close()
	rows := sheetRows(t, rf, "催报名单")
	col := header(rows[3])
	chased := map[string]bool{}
	for _, r := range rows[4:] {
		chased[at(r, col["单位"])] = true
		if c, p := at(r, col["联系人"]), at(r, col["联系电话"]); c == "" || c == "未登记" || p == "" || p == "未登记" {
			t.Errorf("催报名单: %s has no contact (%q %q)", at(r, col["单位"]), c, p)
		}
	}
	for _, s := range []samples.State{samples.StateMissing, samples.StateRefused} {
		for _, code := range man.InState(s) {
			if name := plan.Registry.Unit(code).Name; !chased[name] {
				t.Errorf("催报名单 lacks %s (%s)", name, s)
			}
		}
	}
	if len(chased) != len(man.InState(samples.StateMissing))+len(man.InState(samples.StateRefused)) {
		t.Errorf("催报名单 lists %d units: %v", len(chased), chased)
	}
}

func near(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d < 1e-6*(1+b)
}

// sheetRows reads a sheet with the row iterator, checking its errors.
func sheetRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, cols)
	}
	if err := rows.Error(); err != nil {
		t.Fatal(err)
	}
	return out
}

// header maps the headers of a row to their column index.
func header(row []string) map[string]int {
	m := map[string]int{}
	for i, h := range row {
		m[h] = i
	}
	return m
}

// at returns the cell i of a row, or "" where the row is shorter (trailing empty cells).
func at(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// closingCounts reads a closing line of the demo, "指标：33 个中符合进度 19 个，滞后 6 个": the
// total and the counts of its parts.
func closingCounts(t *testing.T, line string) (int, []int) {
	t.Helper()
	_, rest, _ := strings.Cut(line, "：")
	head, tail, ok := strings.Cut(rest, "中")
	if !ok {
		t.Fatalf("no total in %q", line)
	}
	total, err := strconv.Atoi(strings.Fields(head)[0])
	if err != nil {
		t.Fatalf("total in %q: %v", line, err)
	}
	var parts []int
	for _, part := range strings.Split(tail, "，") {
		f := strings.Fields(part)
		if len(f) < 2 {
			t.Fatalf("part %q of %q", part, line)
		}
		n, err := strconv.Atoi(f[len(f)-2])
		if err != nil {
			t.Fatalf("part %q of %q: %v", part, line, err)
		}
		parts = append(parts, n)
	}
	return total, parts
}

// checkDemoDoorCases checks how the demo's last month handled the returns a careless unit
// makes: a percentage typed the Excel way is read as the percentage (and accepted), the
// template sent back untouched is refused once as 未填写, and the return saved as an old
// .xls is recorded against its unit as an unreadable file, which status shows.
func checkDemoDoorCases(t *testing.T, plan *gyqc.Plan, lay demoLayout, p gyqc.Period, man *samples.Manifest, statusJSON string) {
	t.Helper()
	st, err := store.Open(context.Background(), lay.workspace(), store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	subs, err := st.Submissions(context.Background(), p, p)
	if err != nil {
		t.Fatal(err)
	}
	of := func(code string) []gyqc.Submission {
		var out []gyqc.Submission
		for _, s := range subs {
			if s.Unit == code {
				out = append(out, s)
			}
		}
		return out
	}
	rules := func(s gyqc.Submission, sev gyqc.Severity) []string {
		var out []string
		for _, pr := range s.Problems {
			if pr.Severity == sev {
				out = append(out, string(pr.Rule))
			}
		}
		return out
	}
	cases := map[samples.Mess]func(code string, ss []gyqc.Submission){
		samples.MessPercent: func(code string, ss []gyqc.Submission) {
			if len(ss) != 1 || !ss[0].Outcome.Acceptable() || !slices.Contains(rules(ss[0], gyqc.SevNote), "percent-format") {
				t.Errorf("%s typed percentages the Excel way: %+v", code, ss)
			}
		},
		samples.MessUntouched: func(code string, ss []gyqc.Submission) {
			if len(ss) != 1 || ss[0].Outcome != gyqc.OutcomeRefused || !slices.Equal(rules(ss[0], gyqc.SevError), []string{"untouched"}) {
				t.Errorf("%s sent its template back untouched: %+v", code, ss)
			}
		},
		samples.MessLegacy: func(code string, ss []gyqc.Submission) {
			if len(ss) != 1 || !ss[0].ByFileName || ss[0].Outcome != gyqc.OutcomeRefused || !strings.HasSuffix(ss[0].FileName, ".xls") {
				t.Errorf("%s sent an old .xls: %+v", code, ss)
			}
			var js struct {
				Units []statusUnit `json:"units"`
			}
			json.Unmarshal([]byte(statusJSON), &js)
			for _, u := range js.Units {
				if u.Code == code && (len(u.Unreadable) != 1 || u.State != gyqc.StateRefused) {
					t.Errorf("status of %s: %+v, want 被退回 with its unreadable file", code, u)
				}
			}
		},
	}
	for mess, check := range cases {
		codes := man.WithMess(mess)
		if len(codes) == 0 {
			if _, err := exec.LookPath("soffice"); mess != samples.MessLegacy || err == nil {
				t.Errorf("the demo month has no unit with %s", mess.Label())
			}
		}
		for _, code := range codes {
			check(code, of(code))
		}
	}
}

// pageNumberText is a page number of the briefing once white space is removed: —6—.
var pageNumberText = regexp.MustCompile(`—\d+—`)
