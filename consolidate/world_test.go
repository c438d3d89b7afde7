package consolidate_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"go.yaml.in/yaml/v3"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/store"
)

// summaryWorld builds hand-made returns for a plan: by default every responsible unit
// returns an accepted file two days before each deadline, every task 正常推进 and every
// figure on track; test cases then change what they are about. stored passes them through a
// real workspace.
type summaryWorld struct {
	tb   testing.TB
	plan *gyqc.Plan
	subs []gyqc.Submission
}

func newSummaryWorld(tb testing.TB, plan *gyqc.Plan) *summaryWorld {
	tb.Helper()
	if plan == nil {
		plan = planfile.Default()
	}
	return &summaryWorld{tb: tb, plan: plan}
}

// planFrom loads the embedded plan with its horizon starting at first, and extra towns added
// to 各乡镇街道 (which supports tasks 6 and 24).
func planFrom(tb testing.TB, first string, extra int) *gyqc.Plan {
	tb.Helper()
	planFile := strings.Replace(string(planfile.DefaultPlanFile), `first_period: "2022-09"`, `first_period: "`+first+`"`, 1)
	unitsFile := planfile.DefaultUnitsFile
	if extra > 0 {
		var doc map[string]any
		if err := yaml.Unmarshal(planfile.DefaultUnitsFile, &doc); err != nil {
			tb.Fatal(err)
		}
		units := doc["units"].([]any)
		var codes []any
		for i := 0; i < extra; i++ {
			code := fmt.Sprintf("t%05d", i)
			units = append(units, map[string]any{"code": code, "name": fmt.Sprintf("测试镇%05d", i), "example": true})
			codes = append(codes, code)
		}
		doc["units"] = units
		for _, g := range doc["groups"].([]any) {
			if g := g.(map[string]any); g["name"] == "各乡镇街道" {
				g["members"] = append(g["members"].([]any), codes...)
			}
		}
		var err error
		if unitsFile, err = yaml.Marshal(doc); err != nil {
			tb.Fatal(err)
		}
	}
	p, probs := planfile.Load("plan.yaml", []byte(planFile), "units.yaml", unitsFile)
	if p == nil {
		tb.Fatalf("test setup: modified plan does not load:\n%s", probs.Error())
	}
	return p
}

// onTrackFigure returns a figure for ind that is on track in period p.
func onTrackFigure(plan *gyqc.Plan, ind *gyqc.Indicator, p gyqc.Period) float64 {
	switch ind.Kind {
	case gyqc.KindLevel:
		base := 0.0
		if ind.Baseline != nil {
			base = *ind.Baseline
		}
		return math.Ceil(base + plan.Horizon.Elapsed(p)*(*ind.Target-base))
	case gyqc.KindAnnual:
		return math.Ceil(*ind.Target * gyqc.YearElapsed(p))
	case gyqc.KindRank:
		return *ind.Target
	case gyqc.KindTrend:
		return 10 + float64(p.Index()%100)/4
	}
	return *ind.Target + 1.5
}

// good returns an accepted on-time return of unit for period p.
func (w *summaryWorld) good(unit string, p gyqc.Period) gyqc.Submission {
	s := gyqc.Submission{Unit: unit, Period: p, Received: w.plan.Due(p).Add(-48 * time.Hour),
		Outcome: gyqc.OutcomeAccepted, FileName: p.String() + "_" + unit + ".xlsx", Application: "Microsoft Excel",
		Filler: gyqc.Filler{Name: "张三", Phone: "023-79221234", Reviewer: "李四", Date: p.Add(1).String() + "-01"}}
	for _, a := range w.plan.Assignments(unit) {
		s.Tasks = append(s.Tasks, gyqc.TaskReport{Task: a.Task, Role: a.Role, Status: gyqc.StatusOnTrack,
			Progress: fmt.Sprintf("%s推进任务%d", p.Label(), a.Task), Issues: "无", NextPlan: "继续推进"})
	}
	for _, ind := range w.plan.ReportedIndicators(unit) {
		v := onTrackFigure(w.plan, ind, p)
		s.Values = append(s.Values, gyqc.IndicatorValue{Key: ind.Key, Value: &v, Raw: gyqc.FormatNumber(v)})
	}
	return s
}

// add stores an attempt, numbering its version after the unit's earlier attempts of the
// period, and gives it a hash of its own.
func (w *summaryWorld) add(s gyqc.Submission) *summaryWorld {
	s.Version = 1
	for _, o := range w.subs {
		if o.Unit == s.Unit && o.Period == s.Period && o.Version >= s.Version {
			s.Version = o.Version + 1
		}
	}
	s.ID = int64(len(w.subs) + 1)
	s.Hash = fmt.Sprintf("%064x", s.ID)
	w.subs = append(w.subs, s)
	return w
}

// fill adds a good return of every responsible unit for every period from..to.
func (w *summaryWorld) fill(from, to gyqc.Period) *summaryWorld {
	for p := from; !p.After(to); p = p.Add(1) {
		for _, u := range w.plan.ResponsibleUnits() {
			w.add(w.good(u.Code, p))
		}
	}
	return w
}

// latest returns the unit's latest attempt of period p.
func (w *summaryWorld) latest(unit string, p gyqc.Period) *gyqc.Submission {
	w.tb.Helper()
	var out *gyqc.Submission
	for i := range w.subs {
		if s := &w.subs[i]; s.Unit == unit && s.Period == p && (out == nil || s.Version > out.Version) {
			out = s
		}
	}
	if out == nil {
		w.tb.Fatalf("test setup: no return of %s for %s", unit, p)
	}
	return out
}

// drop removes every attempt of the unit for period p.
func (w *summaryWorld) drop(unit string, p gyqc.Period) *summaryWorld {
	out := w.subs[:0]
	for _, s := range w.subs {
		if s.Unit != unit || s.Period != p {
			out = append(out, s)
		}
	}
	w.subs = out
	return w
}

// value sets (or with nil clears) indicator key in the reporting unit's latest return of p.
func (w *summaryWorld) value(key string, p gyqc.Period, v *float64, raw string) *summaryWorld {
	w.tb.Helper()
	ind := w.plan.Indicator(key)
	if ind == nil {
		w.tb.Fatalf("test setup: no indicator %s", key)
	}
	iv := w.latest(ind.UnitCode, p).Value(key)
	if iv == nil {
		w.tb.Fatalf("test setup: %s does not report %s", ind.UnitCode, key)
	}
	iv.Value, iv.Raw = v, raw
	return w
}

// stored records every attempt in a fresh workspace (archiving a file for each) and returns
// what the workspace gives back for the horizon up to period, as `gyqc consolidate` loads it.
func (w *summaryWorld) stored(period gyqc.Period) []gyqc.Submission {
	w.tb.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, w.tb.TempDir(), store.ReadWrite)
	if err != nil {
		w.tb.Fatal(err)
	}
	defer st.Close()
	for i := range w.subs {
		s := w.subs[i]
		hash, err := st.Archive(ctx, s.FileName, []byte(fmt.Sprintf("%s|%s|%d|%d", s.Unit, s.Period, s.Version, s.ID)))
		if err != nil {
			w.tb.Fatal(err)
		}
		s.Hash = hash
		if _, _, err := st.Record(ctx, &s); err != nil {
			w.tb.Fatal(err)
		}
	}
	subs, err := st.Submissions(ctx, w.plan.Horizon.First, period)
	if err != nil {
		w.tb.Fatal(err)
	}
	return subs
}

// evaluate evaluates period p as of now.
func evaluate(tb testing.TB, plan *gyqc.Plan, p gyqc.Period, subs []gyqc.Submission, now time.Time) *gyqc.Evaluation {
	tb.Helper()
	ev, err := gyqc.Evaluate(plan, p, subs, now)
	if err != nil {
		tb.Fatalf("Evaluate(%s): %v", p, err)
	}
	return ev
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

// scenario fills every period of plan's horizon up to 2025-06 and gives 2025-06 a bit of
// everything: late files (fgw, swj), a refusal corrected on time (jxw, whose texts look like
// formulas and one of whose figures is not a number), a unit missing two months running
// (czj), one refused (sww), a lagging task (dsjj), a correction that arrives after the
// evaluation time (zyyq), a unit that is not in the plan, and figures behind and far behind.
// It returns the evaluation time.
func (w *summaryWorld) scenario() time.Time {
	plan := w.plan
	june, may := per("2025-06"), per("2025-05")
	w.fill(plan.Horizon.First, june)
	due := plan.Due(june)

	w.latest("fgw", june).Received = due.Add(38 * time.Hour)
	w.latest("swj", june).Received = due.Add(3 * time.Hour)
	w.value("new-projects", june, fnum(6), "6")
	w.value("completed-projects", june, fnum(4.5), "4.5")

	jxw := w.latest("jxw", june)
	refused := *jxw
	refused.Tasks, refused.Values = nil, nil
	refused.Outcome = gyqc.OutcomeRefused
	refused.Received = due.Add(-72 * time.Hour)
	refused.FileName = "经信委-6月-初稿.xlsx"
	refused.Problems = gyqc.Problems{{Severity: gyqc.SevError, Sheet: "指标填报", Cell: "F5", Rule: "number", Value: "约120",
		Message: "不是数字", Fix: "请填写数字，不要加“约”"}}
	corrected := w.good("jxw", june)
	corrected.Outcome = gyqc.OutcomeWarned
	corrected.Problems = gyqc.Problems{
		{Severity: gyqc.SevWarning, Sheet: "指标填报", Cell: "F14", Rule: "not-number", Value: "约30", Message: "不是数字，按未填报处理", Indicator: "rnd-share"},
		{Severity: gyqc.SevWarning, Sheet: "任务进展", Cell: "E6", Rule: "copied", Message: "与上月内容相同", Task: 3, Explained: true},
	}
	w.drop("jxw", june).add(refused).add(corrected)
	tr := w.latest("jxw", june).Task(3)
	tr.Progress, tr.Issues, tr.NextPlan = formulaProgress, formulaIssues, formulaPlan
	w.value("rnd-share", june, nil, "约30")
	w.latest("jxw", june).Value("emerging-share").Note = formulaNote
	w.value("index-rank-city", june, fnum(19), "19")

	w.drop("czj", may).drop("czj", june)

	sww := w.latest("sww", june)
	sww.Outcome, sww.Tasks, sww.Values = gyqc.OutcomeRefused, nil, nil
	sww.Problems = gyqc.Problems{{Severity: gyqc.SevError, Rule: "not-template", Message: "不是本系统下发的模板"}}

	dsjj := w.latest("dsjj", june)
	dsjj.Task(16).Status, dsjj.Task(16).Issues = gyqc.StatusBehind, "资金未到位，“上云”补助尚未拨付"
	w.value("cloud-enterprises", june, fnum(1), "1")

	later := w.good("zyyq", june)
	later.Received = due.Add(4 * 24 * time.Hour)
	w.add(later)

	stray := w.good("fgw", june)
	stray.Unit, stray.FileName, stray.Tasks, stray.Values = "nobody", "来历不明.xlsx", nil, nil
	w.add(stray)

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
func build(tb testing.TB, w *summaryWorld, period gyqc.Period, now time.Time, stored bool) *builtWorld {
	tb.Helper()
	b := &builtWorld{plan: w.plan, period: period, now: now, subs: w.subs}
	if stored {
		b.subs = w.stored(period)
	}
	b.ev = evaluate(tb, w.plan, period, b.subs, now)
	var buf bytes.Buffer
	if err := consolidate.WriteWorkbook(&buf, w.plan, b.ev, b.subs, consolidate.Options{}); err != nil {
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
		w := newSummaryWorld(tb, planFrom(tb, "2025-05", 0))
		now := w.scenario()
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
		w := newSummaryWorld(tb, planFrom(tb, "2024-06", 0))
		now := w.scenario()
		w.latest("kjj", per("2025-06")).Task(11).Progress = strings.Repeat("研发平台建设进展顺利。", 4000)
		w.latest("kjj", per("2025-06")).Task(12).Progress = "控制字符\x01\x00和\r\n换行"
		rich = build(tb, w, per("2025-06"), now, false)
	})
	if rich == nil {
		tb.Fatal("the rich world could not be built (see the first test that tried)")
	}
	return rich
}
