package consolidate_test

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
)

// A consolidated workbook as a reader sees it: per sheet, rows of cells, each empty, text or
// a number (times as Excel serial numbers). Both excelize and openpyxl readings become a
// bookGrid, and the same checks run on both.
type (
	gval struct {
		Str   string
		Num   float64
		IsNum bool
	}
	bookGrid map[string][][]gval
)

func (v gval) empty() bool { return !v.IsNum && v.Str == "" }

func (v gval) String() string {
	if v.IsNum {
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	}
	return v.Str
}

// readGrid reads every sheet of a workbook with excelize, raw values, checking every error.
func readGrid(tb testing.TB, data []byte) bookGrid {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	g := bookGrid{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			tb.Fatal(err)
		}
		var out [][]gval
		for r := 1; rows.Next(); r++ {
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				tb.Fatalf("%s row %d: %v", sheet, r, err)
			}
			row := make([]gval, len(cols))
			for c, s := range cols {
				if s == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r)
				typ, err := f.GetCellType(sheet, ref)
				if err != nil {
					tb.Fatal(err)
				}
				switch typ {
				case excelize.CellTypeInlineString, excelize.CellTypeSharedString, excelize.CellTypeFormula:
					row[c] = gval{Str: s}
				default:
					n, err := strconv.ParseFloat(s, 64)
					if err != nil {
						tb.Fatalf("%s!%s: %q is not a number", sheet, ref, s)
					}
					row[c] = gval{Num: n, IsNum: true}
				}
			}
			out = append(out, row)
		}
		if err := rows.Error(); err != nil {
			tb.Fatal(err)
		}
		if err := rows.Close(); err != nil {
			tb.Fatal(err)
		}
		g[sheet] = out
	}
	return g
}

// table is one sheet of a grid as a table: its header row and the rows below it.
type table struct {
	name   string
	header map[string]int
	rows   [][]gval
}

// tableOf finds the table of a sheet: the header is the first row whose first cell is
// first.
func tableOf(tb testing.TB, g bookGrid, sheet, first string) *table {
	tb.Helper()
	rows, ok := g[sheet]
	if !ok {
		tb.Fatalf("no sheet %s", sheet)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0].Str == first {
			t := &table{name: sheet, header: map[string]int{}, rows: rows[i+1:]}
			for c, v := range r {
				t.header[v.Str] = c
			}
			return t
		}
	}
	tb.Fatalf("sheet %s has no header starting with %s", sheet, first)
	return nil
}

// get returns a row's cell in the named column.
func (t *table) get(tb testing.TB, row []gval, col string) gval {
	tb.Helper()
	c, ok := t.header[col]
	if !ok {
		tb.Fatalf("sheet %s has no column %s", t.name, col)
	}
	if c >= len(row) {
		return gval{}
	}
	return row[c]
}

// excelSerial returns the serial number Excel stores for the wall clock of t.
func excelSerial(t time.Time) float64 {
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	return wall.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
}

// detailIndex is 明细 by what other sheets refer to.
type detailIndex struct {
	current map[string]int      // period|unit → the current version
	files   map[string][][]gval // period|unit → file rows, by version
	tasks   map[string][]gval   // period|unit|version|task → row
	values  map[string]gval     // period|unit|version|key → the figure
	t       *table
}

func indexDetail(tb testing.TB, g bookGrid) *detailIndex {
	tb.Helper()
	t := tableOf(tb, g, consolidate.SheetDetail, "报送期")
	d := &detailIndex{current: map[string]int{}, files: map[string][][]gval{}, tasks: map[string][]gval{}, values: map[string]gval{}, t: t}
	for _, r := range t.rows {
		pu := t.get(tb, r, "报送期").Str + "|" + t.get(tb, r, "单位代码").Str
		version := int(t.get(tb, r, "版本").Num)
		puv := fmt.Sprintf("%s|%d", pu, version)
		switch t.get(tb, r, "类型").Str {
		case "文件":
			d.files[pu] = append(d.files[pu], r)
			if t.get(tb, r, "当前版本").Str == "是" {
				if _, dup := d.current[pu]; dup {
					tb.Errorf("明细: two current versions of %s", pu)
				}
				d.current[pu] = version
			}
		case "任务":
			d.tasks[fmt.Sprintf("%s|%d", puv, int(t.get(tb, r, "任务序号").Num))] = r
		case "指标":
			d.values[puv+"|"+t.get(tb, r, "指标代码").Str] = t.get(tb, r, "数值")
		default:
			tb.Errorf("明细: unknown row type %v", t.get(tb, r, "类型"))
		}
	}
	return d
}

// value returns what the current version of unit's file for period says of indicator key,
// and whether there is a current version.
func (d *detailIndex) value(period gyqc.Period, unit, key string) (gval, bool) {
	pu := period.String() + "|" + unit
	v, ok := d.current[pu]
	if !ok {
		return gval{}, false
	}
	return d.values[fmt.Sprintf("%s|%d|%s", pu, v, key)], true
}

// checkTrace checks that every figure of 总览, 任务进展 and 指标完成 is the figure of the file
// it comes from in 明细 (or a count of them), that no missing figure reads as a number, and
// that the sheets agree with each other.
func checkTrace(t *testing.T, g bookGrid, plan *gyqc.Plan, period gyqc.Period) {
	t.Helper()
	d := indexDetail(t, g)
	if len(d.current) == 0 {
		t.Fatal("明细 has no current version at all")
	}

	statuses := traceIndicators(t, g, d, plan, period)
	lights := traceTasks(t, g, d, plan, period)
	traceOverview(t, g, d, plan, period, lights, statuses)
}

// traceIndicators checks 指标完成: this period's, last period's and last year's figures
// against 明细; it returns how many indicators have each 进度判断.
func traceIndicators(t *testing.T, g bookGrid, d *detailIndex, plan *gyqc.Plan, period gyqc.Period) map[string]int {
	t.Helper()
	ind := tableOf(t, g, consolidate.SheetIndicators, "序号")
	statuses := map[string]int{}
	if len(ind.rows) != len(plan.Indicators) {
		t.Errorf("指标完成 has %d rows, want %d", len(ind.rows), len(plan.Indicators))
	}
	for _, r := range ind.rows {
		key := ind.get(t, r, "指标代码").Str
		pi := plan.Indicator(key)
		if pi == nil {
			t.Errorf("指标完成: unknown indicator %q", key)
			continue
		}
		statuses[ind.get(t, r, "进度判断").Str]++
		for _, c := range []struct {
			col string
			p   gyqc.Period
		}{{"本期值", period}, {"上期值", period.Add(-1)}, {"上年同期值", period.Add(-12)}} {
			got := ind.get(t, r, c.col)
			want, ok := d.value(c.p, pi.UnitCode, key)
			switch {
			case !ok || !want.IsNum:
				if got.IsNum || got.Str == "" {
					t.Errorf("指标完成 %s %s = %v; 明细 has no figure (%v), so it must say why in words", key, c.col, got, want)
				}
			case !got.IsNum || got.Num != want.Num:
				t.Errorf("指标完成 %s %s = %v, 明细 says %v", key, c.col, got, want)
			}
		}
		if v, ok := d.current[period.String()+"|"+pi.UnitCode]; ok {
			if got := ind.get(t, r, "来源版本"); !got.IsNum || int(got.Num) != v {
				t.Errorf("指标完成 %s 来源版本 = %v, 明细's current version is %d", key, got, v)
			}
		}
	}
	return statuses
}

// traceTasks checks 任务进展: the lead units' statuses and everybody's texts against 明细; it
// returns how many tasks have each light.
func traceTasks(t *testing.T, g bookGrid, d *detailIndex, plan *gyqc.Plan, period gyqc.Period) map[string]int {
	t.Helper()
	tasks := tableOf(t, g, consolidate.SheetTasks, "所属工程")
	lights := map[string]int{}
	if len(tasks.rows) != len(plan.Tasks) {
		t.Errorf("任务进展 has %d rows, want %d", len(tasks.rows), len(plan.Tasks))
	}
	for _, r := range tasks.rows {
		no := int(tasks.get(t, r, "任务序号").Num)
		lights[tasks.get(t, r, "亮灯").Str]++
		lead, support := plan.TaskUnits(no)
		statusText := tasks.get(t, r, "牵头单位进展状态").Str
		for _, code := range lead {
			name := plan.Registry.Unit(code).Name
			row, has := d.taskRow(period, code, no)
			want := "未报送|被退回|尚未报送"
			if _, current := d.current[period.String()+"|"+code]; current {
				want = "未填报"
			}
			if has {
				want = d.t.get(t, row, "进展状态").Str
			}
			if !lineMatches(statusText, name+"：", want) {
				t.Errorf("任务%d 牵头单位进展状态 %q: %s should read %s as in 明细", no, statusText, name, want)
			}
		}
		progress := tasks.get(t, r, "本月工作进展").Str
		reported, absent := 0, 0
		for i, code := range append(append([]string(nil), lead...), support...) {
			row, has := d.taskRow(period, code, no)
			if !has {
				continue
			}
			if i >= len(lead) {
				reported++
			}
			text := strings.TrimSpace(d.t.get(t, row, "本月工作进展").Str)
			tag := "【" + plan.Registry.Unit(code).Name + "】"
			if i >= len(lead) {
				tag = "【" + plan.Registry.Unit(code).Name + "（配合）】"
			}
			if r := []rune(text); len(r) > 100 { // long texts are cut: their start must be there
				text = string(r[:100])
			}
			if text != "" && !strings.Contains(progress, tag+text) {
				absent++
				if !strings.Contains(progress, "另有") {
					t.Errorf("任务%d 本月工作进展 lacks %s%s from 明细", no, tag, short(text))
				}
			}
		}
		if absent > 0 && !strings.Contains(progress, fmt.Sprintf("另有%d个单位的内容见", absent)) {
			t.Errorf("任务%d 本月工作进展 leaves out %d units without saying so: %s", no, absent, short(progress))
		}
		if len(support) > 0 {
			want := fmt.Sprintf("配合单位%d个，已报送%d个", len(support), reported)
			if got := tasks.get(t, r, "配合单位报送情况").Str; !strings.HasPrefix(got, want) {
				t.Errorf("任务%d 配合单位报送情况 %q, want it to start %q", no, got, want)
			}
		}
	}
	return lights
}

// traceOverview checks 总览's counts against 明细's files, 任务进展's lights and 指标完成's
// statuses, and its best and worst five against 单位考核.
func traceOverview(t *testing.T, g bookGrid, d *detailIndex, plan *gyqc.Plan, period gyqc.Period, lights, statuses map[string]int) {
	t.Helper()
	ov := tableOf(t, g, consolidate.SheetOverview, "类别")
	got := map[string]gval{}
	var best, worst []string
	for _, r := range ov.rows {
		cat, item, value := ov.get(t, r, "类别").Str, ov.get(t, r, "项目").Str, ov.get(t, r, "数值")
		switch cat {
		case "考核得分前五名":
			best = append(best, item+"="+value.String())
		case "考核得分后五名":
			worst = append(worst, item+"="+value.String())
		default:
			got[cat+"/"+item] = value
		}
	}
	want := map[string]int{"报送情况/应报单位": len(plan.ResponsibleUnits())}
	due := excelSerial(plan.Due(period))
	for _, u := range plan.ResponsibleUnits() {
		want["报送情况/"+d.state(t, period, u.Code, due)]++
	}
	for l, n := range lights {
		want["任务亮灯/"+l] = n
	}
	for s, n := range statuses {
		want["指标完成/"+s] = n
	}
	want["指标完成/指标总数"] = len(plan.Indicators)
	for k, n := range want {
		if v := got[k]; !v.IsNum || int(v.Num) != n {
			t.Errorf("总览 %s = %v, want %d (from the other sheets)", k, v, n)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok && v.IsNum && v.Num != 0 && !strings.HasPrefix(k, "未计入") {
			t.Errorf("总览 %s = %v, but the other sheets have none", k, v)
		}
	}
	scores := tableOf(t, g, consolidate.SheetScores, "排名")
	var ranked []string
	places := map[float64][]string{} // 排名 → units, in order
	for _, r := range scores.rows {
		entry := scores.get(t, r, "单位").Str + "=" + scores.get(t, r, "得分").String()
		ranked = append(ranked, entry)
		place := scores.get(t, r, "排名").Num
		places[place] = append(places[place], entry)
	}
	if want := topRows(ranked, places, 5); len(ranked) < 10 || strings.Join(best, ",") != strings.Join(want, ",") {
		t.Errorf("总览 前五名 %v, want %v from 单位考核 (which starts %v)", best, want, ranked[:min(5, len(ranked))])
	}
	for i, w := range worst {
		if w != ranked[len(ranked)-1-i] {
			t.Errorf("总览 后五名 %v, 单位考核 ends %v", worst, ranked[len(ranked)-len(worst):])
			break
		}
	}
}

// taskRow returns the 明细 row of the current version's report on task no.
func (d *detailIndex) taskRow(period gyqc.Period, unit string, no int) ([]gval, bool) {
	pu := period.String() + "|" + unit
	v, ok := d.current[pu]
	if !ok {
		return nil, false
	}
	r, ok := d.tasks[fmt.Sprintf("%s|%d|%d", pu, v, no)]
	return r, ok
}

// state judges a unit's reporting state from its file rows in 明细, independently of the
// evaluation: the first acceptable version decides lateness, a refused latest attempt
// makes it 被退回.
func (d *detailIndex) state(tb testing.TB, period gyqc.Period, unit string, due float64) string {
	files := append([][]gval(nil), d.files[period.String()+"|"+unit]...)
	sort.SliceStable(files, func(i, j int) bool { return d.t.get(tb, files[i], "版本").Num < d.t.get(tb, files[j], "版本").Num })
	var counted [][]gval
	for _, f := range files {
		if u := d.t.get(tb, f, "当前版本").Str; u == "是" || u == "否" {
			counted = append(counted, f)
		}
	}
	if len(counted) == 0 {
		return "未报送"
	}
	if d.t.get(tb, counted[len(counted)-1], "处理结果").Str == gyqc.OutcomeRefused.Label() {
		return "被退回"
	}
	for _, f := range counted {
		if d.t.get(tb, f, "处理结果").Str != gyqc.OutcomeRefused.Label() {
			if d.t.get(tb, f, "收到时间").Num > due+1e-9 {
				return "迟报"
			}
			return "按时报送"
		}
	}
	return "未报送"
}

// lineMatches reports whether text has a line prefix+one of the |-separated alternatives.
func lineMatches(text, prefix, alternatives string) bool {
	for _, line := range strings.Split(text, "\n") {
		for _, a := range strings.Split(alternatives, "|") {
			if line == prefix+a {
				return true
			}
		}
	}
	return false
}

// near reports whether two numbers are equal within rounding.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// short returns the start of a long text, for messages.
func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
