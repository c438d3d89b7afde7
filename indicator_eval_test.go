package gyqc_test

import (
	"math"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

// sameNumber compares optional figures: both nil, or both set and equal to 1e-9.
func sameNumber(got, want *float64) bool {
	if got == nil || want == nil {
		return got == nil && want == nil
	}
	return math.Abs(*got-*want) < 1e-9
}

func show(v *float64) string {
	if v == nil {
		return "nil"
	}
	return gyqc.FormatNumber(*v)
}

func TestIndicatorArithmetic(t *testing.T) {
	plan := string(planfile.DefaultPlanFile)
	withBaseline := mustReplace(plan, "    target: 100\n    comparator: \">=\"\n    task: 2\n",
		"    target: 100\n    comparator: \">=\"\n    task: 2\n    baseline: 60\n", 1)
	yearlyCap := mustReplace(plan, "    target: 10\n    comparator: \">=\"", "    target: 10\n    comparator: \"<=\"", 1)
	lowerIsBetter := mustReplace(plan, "    target: 140\n    comparator: \">=\"",
		"    target: 50\n    comparator: \"<=\"\n    baseline: 150", 1)

	tests := []struct {
		name   string
		plan   string // a modified plan file; empty for the embedded one
		period string
		key    string
		setup  func(w *world, p gyqc.Period)

		status                                 gyqc.IndicatorStatus
		completion, expectation, expected, gap *float64
		met                                    bool
		reason                                 string
		note                                   string // a note that must be there
		previous, yearAgo, basis               *float64
		checkHistory                           bool
	}{
		// level: (value − baseline) / (target − baseline) against the elapsed share 34/40.
		{name: "level on track without baseline", period: "2025-06", key: "scale-enterprises",
			setup:  func(w *world, p gyqc.Period) { w.value("scale-enterprises", p, num(85)) },
			status: gyqc.IndicatorOnTrack, completion: num(0.85), expectation: num(0.85), expected: num(85), gap: num(0),
			reason: "规模以上工业企业数量 85 家，达到时序进度 85 家", note: "未设定基期值"},
		{name: "level behind within the margin", period: "2025-06", key: "scale-enterprises",
			setup:  func(w *world, p gyqc.Period) { w.value("scale-enterprises", p, num(80)) },
			status: gyqc.IndicatorBehind, completion: num(0.8), expectation: num(0.85), expected: num(85), gap: num(5),
			reason: "规模以上工业企业数量 80 家，低于时序进度 85 家", note: "未设定基期值"},
		{name: "level far behind", period: "2025-06", key: "scale-enterprises",
			setup:  func(w *world, p gyqc.Period) { w.value("scale-enterprises", p, num(70)) },
			status: gyqc.IndicatorFarBehind, completion: num(0.7), expectation: num(0.85), expected: num(85), gap: num(15),
			reason: "规模以上工业企业数量 70 家，低于时序进度 85 家"},
		{name: "level from a baseline, behind exactly by the margin", plan: withBaseline, period: "2025-06", key: "scale-enterprises",
			setup:  func(w *world, p gyqc.Period) { w.value("scale-enterprises", p, num(90)) },
			status: gyqc.IndicatorBehind, completion: num(0.75), expectation: num(0.85), expected: num(94), gap: num(10),
			reason: "规模以上工业企业数量 90 家，低于时序进度 94 家"},
		{name: "level met early", period: "2025-06", key: "scale-enterprises",
			setup:  func(w *world, p gyqc.Period) { w.value("scale-enterprises", p, num(100)) },
			status: gyqc.IndicatorOnTrack, completion: num(1), expectation: num(0.85), expected: num(85), gap: num(-15), met: true,
			reason: "规模以上工业企业数量 100 家，已达到目标≥100家"},
		{name: "level at the end of the horizon must pass a strict target", period: "2025-12", key: "cloud-enterprises",
			setup:  func(w *world, p gyqc.Period) { w.value("cloud-enterprises", p, num(80)) },
			status: gyqc.IndicatorBehind, completion: num(1), expectation: num(1), expected: num(80), gap: num(0),
			reason: "“上云”企业数量 80 家，未达到目标>80家"},
		{name: "level where lower is better, from a baseline", plan: lowerIsBetter, period: "2025-06", key: "value-added",
			setup:  func(w *world, p gyqc.Period) { w.value("value-added", p, num(70)) },
			status: gyqc.IndicatorBehind, completion: num(0.8), expectation: num(0.85), expected: num(65), gap: num(5),
			reason: "规模以上工业增加值 70 亿元，高于时序进度 65 亿元"},

		// annual: this year's figure over the yearly target against month/12.
		{name: "annual on track at mid-year", period: "2025-06", key: "new-projects",
			setup:  func(w *world, p gyqc.Period) { w.value("new-projects", p, num(10)) },
			status: gyqc.IndicatorOnTrack, completion: num(0.5), expectation: num(0.5), expected: num(10), gap: num(0),
			reason: "新开工投资5000万元及以上的工业项目 10 个，达到时序进度 10 个（全年目标20个）"},
		{name: "annual behind within the margin", period: "2025-06", key: "new-projects",
			setup:  func(w *world, p gyqc.Period) { w.value("new-projects", p, num(9)) },
			status: gyqc.IndicatorBehind, completion: num(0.45), expectation: num(0.5), expected: num(10), gap: num(5),
			reason: "新开工投资5000万元及以上的工业项目 9 个，低于时序进度 10 个（全年目标20个）"},
		{name: "annual far behind the elapsed year", period: "2025-07", key: "new-projects",
			setup:  func(w *world, p gyqc.Period) { w.value("new-projects", p, num(8)) },
			status: gyqc.IndicatorFarBehind, completion: num(0.4), expectation: num(7.0 / 12), expected: num(20 * 7.0 / 12), gap: num((7.0/12 - 0.4) * 100),
			reason: "新开工投资5000万元及以上的工业项目 8 个，低于时序进度 11.7 个（全年目标20个）"},
		{name: "annual met before December", period: "2025-07", key: "completed-projects",
			setup:  func(w *world, p gyqc.Period) { w.value("completed-projects", p, num(10)) },
			status: gyqc.IndicatorOnTrack, completion: num(1), expectation: num(7.0 / 12), expected: num(10 * 7.0 / 12), gap: num((7.0/12 - 1) * 100), met: true,
			reason: "新竣工投产项目 10 个，已达到目标≥10个"},

		{name: "annual cap under the elapsed share", plan: yearlyCap, period: "2025-06", key: "completed-projects",
			setup:  func(w *world, p gyqc.Period) { w.value("completed-projects", p, num(4)) },
			status: gyqc.IndicatorOnTrack, completion: num(0.4), expectation: num(0.5), expected: num(5), gap: num(-10), met: true,
			reason: "新竣工投产项目 4 个，达到时序进度 5 个（全年目标10个）"},
		{name: "annual cap used up too fast", plan: yearlyCap, period: "2025-06", key: "completed-projects",
			setup:  func(w *world, p gyqc.Period) { w.value("completed-projects", p, num(7)) },
			status: gyqc.IndicatorFarBehind, completion: num(0.7), expectation: num(0.5), expected: num(5), gap: num(20), met: true,
			reason: "新竣工投产项目 7 个，高于时序进度 5 个（全年目标10个）"},

		// share, growth, reduction: percentage points against the target.
		{name: "share below the target", period: "2025-06", key: "emerging-share",
			setup:  func(w *world, p gyqc.Period) { w.value("emerging-share", p, num(15)) },
			status: gyqc.IndicatorBehind, completion: num(15), expectation: num(20), gap: num(5),
			reason: "战略性新兴产业产值占规上工业总产值比重 15%，低于目标 20%，相差 5 个百分点"},
		{name: "share far below the target", period: "2025-06", key: "emerging-share",
			setup:  func(w *world, p gyqc.Period) { w.value("emerging-share", p, num(8)) },
			status: gyqc.IndicatorFarBehind, completion: num(8), expectation: num(20), gap: num(12),
			reason: "战略性新兴产业产值占规上工业总产值比重 8%，低于目标 20%，相差 12 个百分点"},
		{name: "share equal to a strict target is not met", period: "2025-06", key: "rnd-share",
			setup:  func(w *world, p gyqc.Period) { w.value("rnd-share", p, num(40)) },
			status: gyqc.IndicatorBehind, completion: num(40), expectation: num(40), gap: num(0),
			reason: "建有研发机构的规模以上工业企业占比 40%，未达到目标>40%"},
		{name: "growth above the target", period: "2025-06", key: "chain-leader-growth",
			setup:  func(w *world, p gyqc.Period) { w.value("chain-leader-growth", p, num(25)) },
			status: gyqc.IndicatorOnTrack, completion: num(25), expectation: num(20), gap: num(-5), met: true,
			reason: "链主企业年产值增长率 25%，达到目标≥20%"},
		{name: "reduction far below the target", period: "2025-06", key: "energy-intensity-reduction",
			setup:  func(w *world, p gyqc.Period) { w.value("energy-intensity-reduction", p, num(2)) },
			status: gyqc.IndicatorFarBehind, completion: num(2), expectation: num(13.5), gap: num(11.5),
			reason: "规上工业增加值能耗强度降低率 2%，低于目标 13.5%，相差 11.5 个百分点"},

		// rank: met when at or better than the target; places behind against rank_margin.
		{name: "rank at the target", period: "2025-06", key: "index-rank-city",
			setup:  func(w *world, p gyqc.Period) { w.value("index-rank-city", p, num(15)) },
			status: gyqc.IndicatorOnTrack, completion: num(15), expectation: num(15), gap: num(0), met: true,
			reason: "工业经济运行综合指数全市排位 第15位，达到目标前15位"},
		{name: "rank behind within the places margin", period: "2025-06", key: "index-rank-city",
			setup:  func(w *world, p gyqc.Period) { w.value("index-rank-city", p, num(18)) },
			status: gyqc.IndicatorBehind, completion: num(18), expectation: num(15), gap: num(3),
			reason: "工业经济运行综合指数全市排位 第18位，未达到目标前15位，落后 3 位"},
		{name: "rank far behind", period: "2025-06", key: "index-rank-southeast",
			setup:  func(w *world, p gyqc.Period) { w.value("index-rank-southeast", p, num(5)) },
			status: gyqc.IndicatorFarBehind, completion: num(5), expectation: num(1), gap: num(4),
			reason: "工业经济运行综合指数渝东南排位 第5位，未达到目标首位，落后 4 位"},

		// trend: rose against a year earlier, or the previous December.
		{name: "trend rose against a year earlier", period: "2025-06", key: "industrial-loan-share",
			setup: func(w *world, p gyqc.Period) {
				w.value("industrial-loan-share", p, num(12.5)).value("industrial-loan-share", p.Add(-12), num(12))
			},
			status: gyqc.IndicatorOnTrack, completion: num(12.5), expectation: num(12), gap: num(-0.5), met: true, basis: num(12), yearAgo: num(12),
			reason: "工业贷款占全部贷款的比重 12.5%，较2024年6月（12%）上升 0.5 个百分点"},
		{name: "trend that fell is behind but never far behind", period: "2025-06", key: "industrial-loan-share",
			setup: func(w *world, p gyqc.Period) {
				w.value("industrial-loan-share", p, num(2)).value("industrial-loan-share", p.Add(-12), num(14))
			},
			status: gyqc.IndicatorBehind, completion: num(2), expectation: num(14), gap: num(12), basis: num(14), yearAgo: num(14),
			reason: "工业贷款占全部贷款的比重 2%，较2024年6月（14%）下降 12 个百分点"},
		{name: "trend that stayed flat is behind", period: "2025-06", key: "industrial-loan-share",
			setup: func(w *world, p gyqc.Period) {
				w.value("industrial-loan-share", p, num(12)).value("industrial-loan-share", p.Add(-12), num(12))
			},
			status: gyqc.IndicatorBehind, completion: num(12), expectation: num(12), gap: num(0), basis: num(12), yearAgo: num(12),
			reason: "工业贷款占全部贷款的比重 12%，与2024年6月持平，未提升"},
		{name: "trend against the previous December when there is no year earlier", period: "2023-06", key: "industrial-loan-share",
			setup: func(w *world, p gyqc.Period) {
				w.value("industrial-loan-share", p, num(11.5)).value("industrial-loan-share", per("2022-12"), num(11))
			},
			status: gyqc.IndicatorOnTrack, completion: num(11.5), expectation: num(11), gap: num(-0.5), met: true, basis: num(11),
			reason: "工业贷款占全部贷款的比重 11.5%，较2022年12月（11%）上升 0.5 个百分点"},
		{name: "trend with nothing to compare with", period: "2022-10", key: "industrial-loan-share",
			setup:  func(w *world, p gyqc.Period) { w.value("industrial-loan-share", p, num(11)) },
			status: gyqc.IndicatorNoBasis,
			reason: "工业贷款占全部贷款的比重 11%，无上年同期及上年12月数据，暂无法判断是否提升"},

		// No data is never zero.
		{name: "no data: the reporting unit did not report", period: "2025-06", key: "new-projects",
			setup:  func(w *world, p gyqc.Period) { w.drop("fgw", p) },
			status: gyqc.IndicatorNoData, reason: "新开工投资5000万元及以上的工业项目无数据（区发展改革委未报送）"},
		{name: "no data: the cell was left empty", period: "2025-06", key: "new-projects",
			setup:  func(w *world, p gyqc.Period) { w.value("new-projects", p, nil) },
			status: gyqc.IndicatorNoData, reason: "新开工投资5000万元及以上的工业项目无数据（区发展改革委未填报）"},
		{name: "no data: the file was refused", period: "2025-06", key: "new-projects",
			setup:  func(w *world, p gyqc.Period) { w.latest("fgw", p).Outcome = gyqc.OutcomeRefused },
			status: gyqc.IndicatorNoData, reason: "新开工投资5000万元及以上的工业项目无数据（区发展改革委报送被退回）"},
		{name: "no data: not a number", period: "2025-06", key: "new-projects",
			setup:  func(w *world, p gyqc.Period) { w.value("new-projects", p, num(math.NaN())) },
			status: gyqc.IndicatorNoData, reason: "新开工投资5000万元及以上的工业项目无数据（区发展改革委未填报）"},

		// Earlier figures come from the current submissions of those periods.
		{name: "previous period and a year earlier", period: "2025-06", key: "scale-enterprises",
			setup: func(w *world, p gyqc.Period) {
				w.value("scale-enterprises", p, num(86)).value("scale-enterprises", p.Add(-1), num(84)).value("scale-enterprises", p.Add(-12), num(70))
			},
			status: gyqc.IndicatorOnTrack, completion: num(0.86), expectation: num(0.85), expected: num(85), gap: num(-1),
			reason: "规模以上工业企业数量 86 家，达到时序进度 85 家", previous: num(84), yearAgo: num(70), checkHistory: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var plan *gyqc.Plan
			if tc.plan != "" {
				plan = loadPlan(t, tc.plan)
			}
			w := newWorld(t, plan)
			p := per(tc.period)
			from := p.Add(-12)
			if from.Before(w.plan.Horizon.First) {
				from = w.plan.Horizon.First
			}
			w.fill(from, p)
			tc.setup(w, p)
			ie := w.evaluate(p).Indicator(tc.key)
			if ie == nil {
				t.Fatalf("no evaluation of %s", tc.key)
			}
			if ie.Status != tc.status {
				t.Errorf("status: got %s want %s (%s)", ie.Status, tc.status, ie.Reason)
			}
			if ie.Reason != tc.reason {
				t.Errorf("reason:\ngot  %s\nwant %s", ie.Reason, tc.reason)
			}
			if ie.Met != tc.met {
				t.Errorf("met: got %v want %v", ie.Met, tc.met)
			}
			for _, f := range []struct {
				name      string
				got, want *float64
			}{
				{"completion", ie.Completion, tc.completion},
				{"expectation", ie.Expectation, tc.expectation},
				{"expected", ie.Expected, tc.expected},
				{"gap", ie.Gap, tc.gap},
				{"basis", ie.Basis, tc.basis},
			} {
				if !sameNumber(f.got, f.want) {
					t.Errorf("%s: got %s want %s", f.name, show(f.got), show(f.want))
				}
			}
			if tc.previous != nil && !sameNumber(ie.Previous, tc.previous) {
				t.Errorf("previous: got %s want %s", show(ie.Previous), show(tc.previous))
			}
			if tc.yearAgo != nil && !sameNumber(ie.YearAgo, tc.yearAgo) {
				t.Errorf("year ago: got %s want %s", show(ie.YearAgo), show(tc.yearAgo))
			}
			if tc.note != "" && !strings.Contains(strings.Join(ie.Notes, "；"), tc.note) {
				t.Errorf("notes %q lack %q", ie.Notes, tc.note)
			}
			if tc.status == gyqc.IndicatorNoData && (ie.Value != nil || ie.Completion != nil) {
				t.Errorf("no data must have no value and no completion: value %s completion %s", show(ie.Value), show(ie.Completion))
			}
			if tc.checkHistory {
				n := len(ie.History)
				// The history runs from the first period the workspace holds anything for.
				first := p
				for _, s := range w.subs {
					if s.Period.Before(first) {
						first = s.Period
					}
				}
				if want := p.Index() - first.Index() + 1; n != want {
					t.Fatalf("history has %d points, want %d", n, want)
				}
				if h := ie.History[n-1]; h.Period != p || !sameNumber(h.Value, ie.Value) || h.Status != ie.Status {
					t.Errorf("last history point %+v does not match the period", h)
				}
				if h := ie.History[n-2]; !sameNumber(h.Value, tc.previous) {
					t.Errorf("history of the period before: got %s want %s", show(h.Value), show(tc.previous))
				}
				if h := ie.History[0]; h.Period != first {
					t.Errorf("history starts at %v, want the first period with data %v", h.Period, first)
				}
			}
		})
	}
}

func TestElapsed(t *testing.T) {
	h := planfile.Default().Horizon
	tests := []struct {
		period string
		want   float64
	}{
		{"2022-08", 0}, {"2022-09", 1.0 / 40}, {"2023-08", 12.0 / 40}, {"2025-06", 34.0 / 40},
		{"2025-12", 1}, {"2026-06", 1}, {"2021-01", 0},
	}
	for _, tc := range tests {
		if got := h.Elapsed(per(tc.period)); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Elapsed(%s) = %v, want %v", tc.period, got, tc.want)
		}
	}
	if got := gyqc.YearElapsed(per("2025-03")); got != 0.25 {
		t.Errorf("YearElapsed(2025-03) = %v, want 0.25", got)
	}
}
