package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// TestNumberRanges writes runs of three or more numbers as ranges.
func TestNumberRanges(t *testing.T) {
	for _, tc := range []struct {
		Name string
		In   []int
		Want string
	}{
		{"one", []int{5}, "5"},
		{"a pair stays a pair", []int{1, 2}, "1、2"},
		{"a run of three", []int{1, 2, 3}, "1—3"},
		{"runs and singles", []int{1, 2, 3, 4, 6, 8, 9}, "1—4、6、8、9"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			if got := numberRanges(tc.In); got != tc.Want {
				t.Errorf("got %q, want %q", got, tc.Want)
			}
		})
	}
}

// TestIndicatorCell checks the terse 本期完成情况 of table 1: what the row, the column 目标
// and the paragraph above say is left out, anything else kept.
func TestIndicatorCell(t *testing.T) {
	june := gyqc.MustPeriod("2025-06")
	may := gyqc.MustPeriod("2025-05")
	f := func(v float64) *float64 { return &v }
	flow := &gyqc.Indicator{Name: "规模以上工业产值", Measure: "亿元", Target: f(400), Comparator: ">=", TargetYear: 2025}
	count := &gyqc.Indicator{Name: "市级数字化车间", Measure: "个", Target: f(8), Comparator: ">=", TargetYear: 2025}
	later := &gyqc.Indicator{Name: "市级数字化车间", Measure: "个", Target: f(8), Comparator: ">=", TargetYear: 2027}
	for _, tc := range []struct {
		Name string
		IE   gyqc.IndicatorEvaluation
		Want string
	}{
		{"year to date: the year and the rule go", gyqc.IndicatorEvaluation{Indicator: flow, Covers: may, YearTarget: f(400),
			Reason: "规模以上工业产值2025年1—5月累计165.63亿元，低于序时进度166.67亿元（2025年目标400亿元×5/12）"},
			"1—5月累计165.63亿元，低于序时进度166.67亿元"},
		{"growth stays", gyqc.IndicatorEvaluation{Indicator: flow, Covers: may, YearTarget: f(400),
			Reason: "规模以上工业产值2025年1—5月累计57.95亿元，低于序时进度58.33亿元（2025年目标400亿元×5/12）；同比增长26%"},
			"1—5月累计57.95亿元，低于序时进度58.33亿元；同比增长26%"},
		{"a year's own target other than the column's stays", gyqc.IndicatorEvaluation{Indicator: flow, Covers: may, YearTarget: f(380),
			Reason: "规模以上工业产值2025年1—5月累计150亿元，低于序时进度158.33亿元（2025年目标380亿元×5/12）"},
			"1—5月累计150亿元，低于序时进度158.33亿元（2025年目标380亿元×5/12）"},
		{"level of the month itself", gyqc.IndicatorEvaluation{Indicator: count, Covers: june,
			Reason: "市级数字化车间5个（2025年6月），低于序时进度6个（2025年目标≥8个）"},
			"5个，低于序时进度6个"},
		{"an earlier month stays named", gyqc.IndicatorEvaluation{Indicator: count, Covers: may,
			Reason: "市级数字化车间5个（2025年5月），低于序时进度6个（2025年目标≥8个）"},
			"5个（2025年5月），低于序时进度6个"},
		{"a target of a later year stays", gyqc.IndicatorEvaluation{Indicator: later, Covers: june,
			Reason: "市级数字化车间5个（2025年6月），低于序时进度6个（2027年目标≥8个）"},
			"5个，低于序时进度6个（2027年目标≥8个）"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			b := &brief{ev: &gyqc.Evaluation{Period: june}}
			if got := b.indicatorCell(&tc.IE); got != tc.Want {
				t.Errorf("got  %q\nwant %q", got, tc.Want)
			}
		})
	}
}

// TestDeductionSpans checks the 扣分原因 cell: points by part of the score, the items named
// briefly, each rule's points where a part has more than one, capped items named as free.
func TestDeductionSpans(t *testing.T) {
	ind := func(key string) gyqc.Deduction { return gyqc.Deduction{Indicator: key} }
	refused := &gyqc.ReportState{Attempts: []*gyqc.Submission{{Version: 1, Outcome: gyqc.OutcomeRefused}}}
	for _, tc := range []struct {
		Name   string
		Report *gyqc.ReportState
		Score  gyqc.Score
		Want   string
	}{
		{"missing after a refusal", refused, gyqc.Score{
			Deductions: []gyqc.Deduction{{Penalty: gyqc.PenaltyMissing, Category: gyqc.CategoryTimeliness, Points: 35,
				Reason: "2025年7月1日前未收到可接受的报送文件（第1版文件被退回：……，未更正重报，按未报送计，退回不另扣分）"}},
			NoData: []gyqc.Category{gyqc.CategoryProgress}},
			"报送及时性扣35分：未报送（第1版被退回，未更正重报）；任务推进无数据，不作评价。"},
		{"tasks, one capped", &gyqc.ReportState{}, gyqc.Score{Deductions: []gyqc.Deduction{
			{Penalty: gyqc.PenaltyTaskBehind, Category: gyqc.CategoryProgress, Points: 1, Task: 1},
			{Penalty: gyqc.PenaltyTaskBehind, Category: gyqc.CategoryProgress, Points: 1, Task: 7},
			{Penalty: gyqc.PenaltyTaskBehind, Category: gyqc.CategoryProgress, Points: 0, Task: 11},
		}},
			"任务推进扣2分：任务1、7报告滞后（已说明原因），另任务11已达本项扣分上限，未再扣分。"},
		{"two rules in a part, indicators by row", &gyqc.ReportState{}, gyqc.Score{Deductions: []gyqc.Deduction{
			withRule(ind("a"), gyqc.PenaltyIndicatorBehind, 1), withRule(ind("b"), gyqc.PenaltyIndicatorBehind, 0.5),
			withRule(ind("c"), gyqc.PenaltyIndicatorFarBehind, 2), withRule(ind("d"), gyqc.PenaltyIndicatorFarBehind, 2),
			withRule(ind("e"), gyqc.PenaltyIndicatorFarBehind, 2),
			{Penalty: gyqc.RulePractice, Category: gyqc.CategoryCredit, Points: 1, Task: 5},
		}},
			"指标完成扣7.5分：表1第2、4项指标滞后扣1.5分，第5—7项严重滞后扣6分；加1分：任务5的经验做法被简报采用。"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			b := &brief{ev: &gyqc.Evaluation{}, indicatorTableNo: 1,
				indicatorRow: map[string]int{"a": 2, "b": 4, "c": 5, "d": 6, "e": 7}}
			var got strings.Builder
			for _, s := range b.deductionSpans(&gyqc.UnitEvaluation{Report: tc.Report, Score: tc.Score}) {
				got.WriteString(s.Text)
			}
			if got.String() != tc.Want {
				t.Errorf("got  %q\nwant %q", got.String(), tc.Want)
			}
		})
	}
}

// withRule sets the rule, its category and the points of a deduction.
func withRule(d gyqc.Deduction, key gyqc.PenaltyKey, points float64) gyqc.Deduction {
	d.Penalty, d.Category, d.Points = key, key.Category(), points
	return d
}

// TestTaskReasons checks the 亮灯原因 of table 2: the indicators table 1 lists named by row in
// one phrase where the first stood, and "上月为红灯，" left to the 亮灯 column.
func TestTaskReasons(t *testing.T) {
	ie := func(key, reason string, st gyqc.IndicatorStatus) *gyqc.IndicatorEvaluation {
		return &gyqc.IndicatorEvaluation{Key: key, Reason: reason, Status: st, Indicator: &gyqc.Indicator{Name: key}}
	}
	inds := []*gyqc.IndicatorEvaluation{ie("a", "a低于", gyqc.IndicatorBehind), ie("b", "b低于", gyqc.IndicatorFarBehind),
		ie("c", "c低于", gyqc.IndicatorBehind), ie("d", "d低于", gyqc.IndicatorBehind), ie("x", "x无可比", gyqc.IndicatorNoBasis)}
	hist := func(ls ...gyqc.Light) []gyqc.LightPoint {
		var out []gyqc.LightPoint
		for _, l := range ls {
			out = append(out, gyqc.LightPoint{Light: l})
		}
		return out
	}
	for _, tc := range []struct {
		Name string
		TE   gyqc.TaskEvaluation
		Want string
	}{
		{"indicators by row, worst first, where the first stood",
			gyqc.TaskEvaluation{Light: gyqc.LightRed, History: hist(gyqc.LightGreen, gyqc.LightRed), Indicators: inds,
				Reasons: []string{"区商务委未报送", "b低于", "区发展改革委报告滞后", "a低于", "c低于", "d低于", "x无可比",
					"配合单位区农业农村委未报送", "配合单位区生态环境局、区水利局被退回"}},
			"区商务委未报送；表1第2项指标严重滞后，第1、3、4项滞后；区发展改革委报告滞后；x无可比；" +
				"配合单位区农业农村委未报送，区生态环境局、区水利局被退回"},
		{"yellow after red: the column says 上月为红灯",
			gyqc.TaskEvaluation{Light: gyqc.LightYellow, History: hist(gyqc.LightRed, gyqc.LightYellow),
				Reasons: []string{"上月为红灯，本月已赶上进度，转为黄灯"}},
			"本月已赶上进度，转为黄灯"},
		{"red again: the column says 连续2月",
			gyqc.TaskEvaluation{Light: gyqc.LightRed, History: hist(gyqc.LightRed, gyqc.LightRed),
				Reasons: []string{"上月为红灯，尚未赶上进度", "区商务委未报送"}},
			"尚未赶上进度；区商务委未报送"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			b := &brief{indicatorTableNo: 1, indicatorRow: map[string]int{"a": 1, "b": 2, "c": 3, "d": 4}}
			if got := b.taskReasons(&tc.TE); got != tc.Want {
				t.Errorf("got  %q\nwant %q", got, tc.Want)
			}
		})
	}
}

// TestPracticesTable checks 经验做法: a sentence counting the adopted practices and naming
// their table, and a row for each with the unit, the task by number and title, and the
// practice in the unit's words.
func TestPracticesTable(t *testing.T) {
	plan := fixture.PlanFrom(t, "", 0)
	w := busyBriefWorld(t, plan)
	ev := adoptedEvaluation(t, w, gyqc.MustPeriod("2025-06"), 2, 16, 17)
	var want [][]string
	for _, no := range []int{16, 17} {
		for _, u := range ev.Units {
			if slices.Contains(u.Adopted, no) {
				want = append(want, []string{u.Name, fmt.Sprintf("%d．%s", no, plan.Task(no).Title), u.Report.Current.Task(no).Practice})
			}
		}
	}
	if len(want) == 0 {
		t.Fatal("no practice adopted")
	}
	dr, err := BriefingDraft(plan, ev, BriefOptions{Annex: AnnexNone})
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range dr.blocks {
		if b.kind != kindTable || !strings.HasSuffix(b.table.Caption, "本期采用的经验做法") {
			continue
		}
		no := strings.TrimPrefix(strings.Fields(b.table.Caption)[0], "表")
		if intro := dr.blocks[i-1]; intro.kind != kindSpans || spansText(intro.spans) != fmt.Sprintf("经审核采用的%d条做法见表%s，供各单位学习借鉴。", len(want), no) {
			t.Errorf("the sentence before the table: %q", spansText(intro.spans))
		}
		var got [][]string
		for _, row := range b.table.Rows {
			got = append(got, []string{row[0].Text, row[1].Text, row[2].Text})
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("rows\n%q\nwant\n%q", got, want)
		}
		return
	}
	t.Error("no table of practices")
}

// TestSummarized checks which red and yellow tasks section 三 says in a sentence rather than
// in table 2: yellow ones whose only reasons are having caught up after a red month and
// supporting units that did not report or were refused.
func TestSummarized(t *testing.T) {
	task := func(no int, l gyqc.Light, reasons ...string) *gyqc.TaskEvaluation {
		return &gyqc.TaskEvaluation{No: no, Light: l, Reasons: reasons}
	}
	const up, missing, refused = caughtUpReason, "配合单位区商务委未报送", "配合单位区生态环境局被退回"
	for _, tc := range []struct {
		Name   string
		Tasks  []*gyqc.TaskEvaluation
		Listed []int
		Said   string
	}{
		{"red stays in the table whatever its reasons",
			[]*gyqc.TaskEvaluation{task(1, gyqc.LightRed, up), task(2, gyqc.LightRed, missing)}, []int{1, 2}, ""},
		{"caught up only",
			[]*gyqc.TaskEvaluation{task(5, gyqc.LightYellow, up), task(6, gyqc.LightYellow, up)}, nil,
			"任务5、6上月为红灯，本月已赶上进度，转为黄灯"},
		{"caught up, some with supporting units missing",
			[]*gyqc.TaskEvaluation{task(5, gyqc.LightYellow, up), task(6, gyqc.LightYellow, up, missing, refused)}, nil,
			"任务5、6上月为红灯，本月已赶上进度，转为黄灯，其中任务6另有配合单位未报送或被退回（单位见报送情况）"},
		{"supporting units only, and one with another reason",
			[]*gyqc.TaskEvaluation{task(13, gyqc.LightYellow, refused), task(14, gyqc.LightYellow, up, "区科技局报告滞后"),
				task(15, gyqc.LightYellow, missing, "区科技局报告滞后")}, []int{14, 15},
			"任务13仅因配合单位未报送或被退回亮黄灯（单位见报送情况）"},
		{"both kinds",
			[]*gyqc.TaskEvaluation{task(5, gyqc.LightYellow, up, missing), task(13, gyqc.LightYellow, missing)}, nil,
			"任务5上月为红灯，本月已赶上进度，转为黄灯，另有配合单位未报送或被退回；任务13仅因配合单位未报送或被退回亮黄灯（单位见报送情况）"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			listed, said := summarized(tc.Tasks)
			var nos []int
			for _, te := range listed {
				nos = append(nos, te.No)
			}
			if !slices.Equal(nos, tc.Listed) || strings.Join(said, "；") != tc.Said {
				t.Errorf("got %v, %q\nwant %v, %q", nos, strings.Join(said, "；"), tc.Listed, tc.Said)
			}
		})
	}
}

// spansText is the text of spans.
func spansText(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}
