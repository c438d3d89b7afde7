package consolidate_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// newSummaryWorld is the fixture's world with the figures and texts the golden file was
// made with: every responsible unit returns an accepted file two days before each deadline,
// every task 正常推进 and every figure on track; test cases then change what they are about.
func newSummaryWorld(tb testing.TB, plan *gyqc.Plan) *fixture.World {
	tb.Helper()
	w := fixture.New(tb, plan)
	w.Figures = fixture.Figures{TrendBase: 10, TrendDiv: 4, TrendCycle: 100, Other: 1.5}
	w.Dress = func(w *fixture.World, s *gyqc.Submission) {
		p := s.Period
		s.FileName, s.Application = p.String()+"_"+s.Unit+".xlsx", "Microsoft Excel"
		s.Filler = gyqc.Filler{Name: "张三", Phone: "023-79221234", Reviewer: "李四", Date: p.Add(1).String() + "-01"}
		for i := range s.Tasks {
			t := &s.Tasks[i]
			t.Progress, t.Issues, t.NextPlan = fmt.Sprintf("%s推进任务%d", p.Label(), t.Task), "无", "继续推进"
		}
	}
	return w
}

func fnum(v float64) *float64 { return &v }

func per(s string) gyqc.Period { return gyqc.MustPeriod(s) }

// Texts a spreadsheet would take for formulas, as units may type them.
const (
	formulaProgress = `=HYPERLINK("http://example.com","点击查看")`
	formulaIssues   = "+1 项目待协调"
	formulaPlan     = "-2 下月开工"
	formulaNote     = "@SUM(A1:A3)"
)

// jxwPractice is the 经验做法 jxw reports on task 3 in 2025-06.
const jxwPractice = "推行“链长+链主”双牵头机制，每月一次企业服务日"

// scenario fills every period of plan's horizon up to 2025-06 and gives 2025-06 a bit of
// everything: late files (fgw, swj), a refusal corrected on time (jxw, whose texts look like
// formulas and one of whose figures is not a number), a unit missing two months running
// (czj), one refused (sww), a lagging task (dsjj), a correction that arrives after the
// evaluation time (zyyq), a unit that is not in the plan, and figures behind and far behind.
// It returns the evaluation time.
func scenario(w *fixture.World) time.Time {
	plan := w.Plan
	june, may := per("2025-06"), per("2025-05")
	w.Fill(plan.Horizon.First, june)
	due := plan.Due(june)

	w.Latest("fgw", june).Received = due.Add(38 * time.Hour)
	w.Latest("swj", june).Received = due.Add(3 * time.Hour)
	w.SetFigure("new-projects", june, fnum(6), "6")
	w.SetFigure("completed-projects", june, fnum(4.5), "4.5")

	jxw := w.Latest("jxw", june)
	refused := *jxw
	refused.Tasks, refused.Values = nil, nil
	refused.Outcome = gyqc.OutcomeRefused
	refused.Received = due.Add(-72 * time.Hour)
	refused.FileName = "经信委-6月-初稿.xlsx"
	refused.Problems = gyqc.Problems{{Severity: gyqc.SevError, Sheet: "指标填报", Cell: "F5", Rule: "number", Value: "约120",
		Message: "不是数字", Fix: "请填写数字，不要加“约”"}}
	corrected := w.Good("jxw", june)
	corrected.Outcome = gyqc.OutcomeWarned
	corrected.Problems = gyqc.Problems{
		{Severity: gyqc.SevWarning, Sheet: "指标填报", Cell: "F14", Rule: "not-number", Value: "约30", Message: "不是数字，按未填报处理", Indicator: "rnd-share"},
		{Severity: gyqc.SevWarning, Sheet: "任务进展", Cell: "E6", Rule: "copied", Message: "与上月内容相同", Task: 3, Explained: true},
	}
	w.Drop("jxw", june).Add(refused).Add(corrected)
	tr := w.Latest("jxw", june).Task(3)
	tr.Progress, tr.Issues, tr.NextPlan = formulaProgress, formulaIssues, formulaPlan
	tr.Practice = jxwPractice
	w.SetFigure("rnd-share", june, nil, "约30")
	w.Latest("jxw", june).Value("emerging-share").Note = formulaNote
	w.SetFigure("index-rank-city", june, fnum(19), "19")

	w.Drop("czj", may).Drop("czj", june)

	sww := w.Latest("sww", june)
	sww.Outcome, sww.Tasks, sww.Values = gyqc.OutcomeRefused, nil, nil
	sww.Problems = gyqc.Problems{{Severity: gyqc.SevError, Rule: "not-template", Message: "不是本系统下发的模板"}}

	dsjj := w.Latest("dsjj", june)
	dsjj.Task(16).Status, dsjj.Task(16).Issues = gyqc.StatusBehind, "资金未到位，“上云”补助尚未拨付"
	w.SetFigure("cloud-enterprises", june, fnum(1), "1")

	later := w.Good("zyyq", june)
	later.Received = due.Add(4 * 24 * time.Hour)
	w.Add(later)

	stray := w.Good("fgw", june)
	stray.Unit, stray.FileName, stray.Tasks, stray.Values = "nobody", "来历不明.xlsx", nil, nil
	w.Add(stray)

	return due.Add(2*24*time.Hour + 10*time.Hour) // 2025-07-03 10:00
}

// Worlds shared by the tests, built once: the store makes them slowly.
var (
	smallOnce, richOnce sync.Once
	small, rich         *builtWorld
)

// builtWorld is a workspace's history, its evaluation and the workbook written from it.
type builtWorld struct {
	plan   *gyqc.Plan
	period gyqc.Period
	now    time.Time
	subs   []gyqc.Submission
	ev     *gyqc.Evaluation
	book   []byte
}

// build evaluates period and writes the workbook, from the attempts as a workspace gives
// them back when stored, else as they are.
func build(tb testing.TB, w *fixture.World, period gyqc.Period, now time.Time, stored bool) *builtWorld {
	tb.Helper()
	b := &builtWorld{plan: w.Plan, period: period, now: now, subs: w.Subs}
	if stored {
		b.subs = w.Stored(period)
	}
	b.ev = fixture.Evaluate(tb, w.Plan, period, b.subs, now)
	var buf bytes.Buffer
	if err := consolidate.WriteWorkbook(&buf, w.Plan, b.ev, b.subs, consolidate.Options{}); err != nil {
		tb.Fatal(err)
	}
	b.book = buf.Bytes()
	return b
}

// smallWorld is the scenario over two periods (2025-05 and 2025-06), passed through a real
// workspace: the golden file and the LibreOffice tests use it.
func smallWorld(tb testing.TB) *builtWorld {
	tb.Helper()
	smallOnce.Do(func() {
		w := newSummaryWorld(tb, fixture.PlanFrom(tb, "2025-05", 0))
		now := scenario(w)
		small = build(tb, w, per("2025-06"), now, true)
	})
	if small == nil {
		tb.Fatal("the small world could not be built (see the first test that tried)")
	}
	return small
}

// richWorld is the scenario over thirteen periods (2024-06 to 2025-06), so that every
// figure has a value a year earlier, with one text too long for a cell and one with control
// characters. It is kept in memory:
// storing its 470 attempts would take seconds.
func richWorld(tb testing.TB) *builtWorld {
	tb.Helper()
	richOnce.Do(func() {
		w := newSummaryWorld(tb, fixture.PlanFrom(tb, "2024-06", 0))
		now := scenario(w)
		w.Latest("kjj", per("2025-06")).Task(11).Progress = strings.Repeat("研发平台建设进展顺利。", 4000)
		w.Latest("kjj", per("2025-06")).Task(12).Progress = "控制字符\x01\x00和\r\n换行"
		rich = build(tb, w, per("2025-06"), now, false)
	})
	if rich == nil {
		tb.Fatal("the rich world could not be built (see the first test that tried)")
	}
	return rich
}
