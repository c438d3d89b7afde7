package render

import (
	gocontext "context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/store"
)

// briefWorld builds what units returned, for briefing tests: by default every responsible
// unit returns an accepted file two days before each deadline, every task 正常推进 with a
// progress text, and every indicator on track; scenarios then change what they are about.
// The attempts go through a real workspace (store) before they are evaluated.
type briefWorld struct {
	tb   testing.TB
	plan *gyqc.Plan
	subs []gyqc.Submission
}

// Texts units write that the briefing must carry whole.
const (
	// Latin letters, digits, a web address and a Windows path.
	latinProgress = "本月完成工业投资3.25亿元，同比增长12.5%；ABC Materials Co., Ltd.年产20万吨玻纤项目完成设备安装，" +
		"PMI为51.3，R&D投入强度2.15%。项目资料见https://www.qianjiang.gov.cn/zwgk/2025/06/industrial-project-list.xlsx，" +
		"原件存于D:\\工业强城\\2025\\(6月)进展.docx。"
	// Quotation marks, brackets and book-title marks at every place of a line.
	quoteProgress = "对照《黔江区“工业强城”建设实施方案》（2022—2025年）“到2025年，全区规模以上工业企业达到100家及以上”的要求，" +
		"本月新增“升规”企业2家（黔江区某某食品有限公司、重庆某某新材料有限公司），《入库培育清单》动态调整至35家；" +
		"“专精特新”企业申报材料已报市经济信息委（第一批）。"
	// A character above U+FFFF and one no installed font has.
	rareProgress = "组织“𠮷祥如意”文化消费品企业参加展销会，彝绣企业“ꀀ”字号产品订单增加；其他工作按计划推进。"
	// A text a spreadsheet would take for a formula, and several lines.
	formulaProgress = "=SUM(B2:B9)家企业完成“上云”改造。\n一是完成供应链平台需求调研；\n二是召开工作推进会1次；\n三是+2家企业上线试运行。"
)

// longProgress is a progress text taller than a page in the annex's table.
func longProgress(plan *gyqc.Plan) string {
	var b strings.Builder
	b.WriteString("本月重点工作如下。")
	for i, t := range plan.Tasks[:9] {
		fmt.Fprintf(&b, "（%d）对照“%s”的要求：%s", i+1, t.Title, t.Text)
	}
	return b.String()
}

func newBriefWorld(tb testing.TB, plan *gyqc.Plan) *briefWorld {
	tb.Helper()
	if plan == nil {
		plan = planfile.Default()
	}
	return &briefWorld{tb: tb, plan: plan}
}

// onTrackValue returns a figure for ind that is on track in period p without being met early.
func onTrackValue(plan *gyqc.Plan, ind *gyqc.Indicator, p gyqc.Period) float64 {
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
		return 30 + float64(p.Index()-plan.Horizon.First.Index())/10
	}
	return *ind.Target + 1
}

// good returns an accepted on-time return of unit for period p, with texts that differ by
// unit, task and period.
func (w *briefWorld) good(unit string, p gyqc.Period) gyqc.Submission {
	u := w.plan.Registry.Unit(unit)
	s := gyqc.Submission{Unit: unit, Period: p, Received: w.plan.Due(p).Add(-48 * time.Hour),
		Outcome: gyqc.OutcomeAccepted, FileName: fmt.Sprintf("%s_%s_工业强城月报.xlsx", p, u.Name),
		Application: "Microsoft Excel", Filler: gyqc.Filler{Name: "张敏", Phone: "023-79221234", Reviewer: "李强", Date: p.Add(1).String() + "-01"}}
	for _, a := range w.plan.Assignments(unit) {
		t := w.plan.Task(a.Task)
		s.Tasks = append(s.Tasks, gyqc.TaskReport{Task: a.Task, Role: a.Role, Status: gyqc.StatusOnTrack,
			Progress: fmt.Sprintf("%s本月围绕“%s”召开专题会议%d次，走访企业%d家，协调解决用地、用电、融资等问题%d个（%s）。",
				u.Name, t.Title, 1+a.Task%3, 5+a.Task, 2+int(p.Month)%4, p.Label()),
			Issues:   "无",
			NextPlan: fmt.Sprintf("继续推进%s相关工作，确保完成%d年度目标。", t.Title, p.Year)})
	}
	for _, ind := range w.plan.ReportedIndicators(unit) {
		v := onTrackValue(w.plan, ind, p)
		s.Values = append(s.Values, gyqc.IndicatorValue{Key: ind.Key, Value: &v, Raw: gyqc.FormatNumber(v)})
	}
	return s
}

// fill adds a good return of every responsible unit for every period from..to.
func (w *briefWorld) fill(from, to gyqc.Period) *briefWorld {
	for p := from; !p.After(to); p = p.Add(1) {
		for _, u := range w.plan.ResponsibleUnits() {
			w.subs = append(w.subs, w.good(u.Code, p))
		}
	}
	return w
}

// latest returns the unit's last attempt of period p.
func (w *briefWorld) latest(unit string, p gyqc.Period) *gyqc.Submission {
	w.tb.Helper()
	for i := len(w.subs) - 1; i >= 0; i-- {
		if s := &w.subs[i]; s.Unit == unit && s.Period == p {
			return s
		}
	}
	w.tb.Fatalf("test setup: no return of %s for %s", unit, p)
	return nil
}

// task returns the unit's report on task no in its last attempt of period p.
func (w *briefWorld) task(unit string, p gyqc.Period, no int) *gyqc.TaskReport {
	w.tb.Helper()
	tr := w.latest(unit, p).Task(no)
	if tr == nil {
		w.tb.Fatalf("test setup: %s does not report task %d", unit, no)
	}
	return tr
}

// value returns the reporting unit's figure for indicator key in its last attempt of p.
func (w *briefWorld) value(key string, p gyqc.Period) *gyqc.IndicatorValue {
	w.tb.Helper()
	ind := w.plan.Indicator(key)
	if ind == nil {
		w.tb.Fatalf("test setup: no indicator %s", key)
	}
	v := w.latest(ind.UnitCode, p).Value(key)
	if v == nil {
		w.tb.Fatalf("test setup: %s does not report %s", ind.UnitCode, key)
	}
	return v
}

// drop removes every attempt of the unit for period p.
func (w *briefWorld) drop(unit string, p gyqc.Period) *briefWorld {
	out := w.subs[:0]
	for _, s := range w.subs {
		if s.Unit != unit || s.Period != p {
			out = append(out, s)
		}
	}
	w.subs = out
	return w
}

// late makes the unit's return of period p arrive d after the deadline.
func (w *briefWorld) late(unit string, p gyqc.Period, d time.Duration) *briefWorld {
	w.tb.Helper()
	w.latest(unit, p).Received = w.plan.Due(p).Add(d)
	return w
}

// refuse adds a refused attempt of the unit for period p after its last one; with
// thenAccept the unit's good return moves after it, as a corrected second version.
func (w *briefWorld) refuse(unit string, p gyqc.Period, msg string, thenAccept bool) *briefWorld {
	w.tb.Helper()
	s := w.good(unit, p)
	s.Outcome = gyqc.OutcomeRefused
	s.Received = w.plan.Due(p).Add(-72 * time.Hour)
	s.FileName = "初稿_" + s.FileName
	s.Problems = gyqc.Problems{{Severity: gyqc.SevError, Sheet: "指标填报", Cell: "E5", Rule: "number", Value: "约30", Message: msg, Fix: "请填写数字"}}
	if !thenAccept {
		w.subs = append(w.subs, s)
		return w
	}
	good := *w.latest(unit, p)
	w.drop(unit, p)
	w.subs = append(w.subs, s, good)
	return w
}

// stored records every attempt in a new workspace and returns them as the workspace gives
// them back, the way `gyqc brief` reads them.
func (w *briefWorld) stored() []gyqc.Submission {
	w.tb.Helper()
	ctx := gocontext.Background()
	st, err := store.Open(ctx, w.tb.TempDir(), store.ReadWrite)
	if err != nil {
		w.tb.Fatal(err)
	}
	defer st.Close()
	st.Now = func() time.Time { return time.Date(2025, 7, 2, 9, 0, 0, 0, time.UTC) }
	for i := range w.subs {
		s := w.subs[i]
		hash, err := st.Archive(ctx, s.FileName, []byte(fmt.Sprintf("%d:%s:%s:%s", i, s.Unit, s.Period, s.FileName)))
		if err != nil {
			w.tb.Fatal(err)
		}
		s.Hash = hash
		if _, _, err := st.Record(ctx, &s); err != nil {
			w.tb.Fatal(err)
		}
	}
	subs, err := st.Submissions(ctx, w.plan.Horizon.First, w.plan.Horizon.Last)
	if err != nil {
		w.tb.Fatal(err)
	}
	if len(subs) != len(w.subs) {
		w.tb.Fatalf("workspace gave back %d attempts of %d", len(subs), len(w.subs))
	}
	return subs
}

// evaluate evaluates period p from subs after every deadline.
func evaluate(tb testing.TB, plan *gyqc.Plan, p gyqc.Period, subs []gyqc.Submission) *gyqc.Evaluation {
	tb.Helper()
	ev, err := gyqc.Evaluate(plan, p, subs, time.Time{})
	if err != nil {
		tb.Fatal(err)
	}
	return ev
}

// planWithTowns is the embedded plan with extra synthetic towns in 各乡镇街道 (which supports
// tasks 6 and 24), so that it has 36+extra responsible units; samples.ScalePlan builds it.
func planWithTowns(tb testing.TB, extra int) *gyqc.Plan {
	tb.Helper()
	towns := len(planfile.Default().Registry.Group("各乡镇街道").Members) + extra
	p, err := samples.ScalePlan(towns)
	if err != nil {
		tb.Fatal(err)
	}
	if n := len(p.ResponsibleUnits()); n != 36+extra {
		tb.Fatalf("%d responsible units, want %d", n, 36+extra)
	}
	return p
}
