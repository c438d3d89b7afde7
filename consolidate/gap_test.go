package consolidate

import (
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestGapCell: 落后幅度 shows how far an indicator is behind its path, only for one behind it.
// A count far ahead of its path used to show −200 (个百分点): right, but the office read it as
// a figure to worry about. Ahead says 超前, on the path 持平, not judged this period says so.
func TestGapCell(t *testing.T) {
	gap := func(g float64) *float64 { return &g }
	tests := []struct {
		name   string
		status gyqc.IndicatorStatus
		gap    *float64
		want   Cell
	}{
		{name: "a count far ahead", status: gyqc.IndicatorOnTrack, gap: gap(-200), want: text("超前")},
		{name: "a flow a little ahead", status: gyqc.IndicatorOnTrack, gap: gap(-0.4), want: text("超前")},
		{name: "on the path", status: gyqc.IndicatorOnTrack, gap: gap(0), want: text("持平")},
		{name: "floating-point noise", status: gyqc.IndicatorOnTrack, gap: gap(-1e-12), want: text("持平")},
		{name: "behind", status: gyqc.IndicatorBehind, gap: gap(33.3333333), want: number(33.333333, FormatPoints)},
		{name: "far behind", status: gyqc.IndicatorFarBehind, gap: gap(14.3), want: number(14.3, FormatPoints)},
		{name: "a trend that did not rise", status: gyqc.IndicatorBehind, gap: gap(0), want: text("持平")},
		{name: "not due", status: gyqc.IndicatorNotDue, want: noData("本期不考核")},
		{name: "no figure", status: gyqc.IndicatorNoData, want: noData("无数据")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ie := &gyqc.IndicatorEvaluation{Status: tc.status, Gap: tc.gap}
			if got := gapCell(ie, FormatPoints, "无数据"); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestLevelShortfall: a level behind its path shows what it lacks in its own measure (the
// row's 完成进度 62.5% and 序时进度 75.0% of a target of 8 workshops, 本期值 5, 进度要求值 6:
// 1个, not the 33.3个百分点 of the distance from the baseline 5 to the target that the row
// cannot add up to); flows keep percentage points of the year's target, which it can.
func TestLevelShortfall(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	workshops := &gyqc.Indicator{Name: "市级数字化车间", Kind: gyqc.KindLevel, Measure: "个", Comparator: ">=", Target: f(8)}
	debt := &gyqc.Indicator{Name: "工业企业负债", Kind: gyqc.KindLevel, Measure: "亿元", Comparator: "<=", Target: f(2)}
	flow := &gyqc.Indicator{Name: "新能源产业产值", Kind: gyqc.KindFlow, Measure: "亿元", Comparator: ">=", Target: f(30)}
	tests := []struct {
		name         string
		ie           gyqc.IndicatorEvaluation
		want, wantRq Cell
	}{
		{name: "one workshop short", ie: gyqc.IndicatorEvaluation{Indicator: workshops, Status: gyqc.IndicatorBehind,
			Value: f(5), Expected: f(6), Gap: f(100.0 / 3), Completion: f(0.625), Expectation: f(0.75)},
			want: Cell{Kind: CellNumber, Num: 1, Format: FormatFigure, Unit: "个"}, wantRq: number(6, FormatFigure)},
		{name: "a level where less is better", ie: gyqc.IndicatorEvaluation{Indicator: debt, Status: gyqc.IndicatorBehind,
			Value: f(3.5), Expected: f(3), Gap: f(25)},
			want: Cell{Kind: CellNumber, Num: 0.5, Format: FormatFigure, Unit: "亿元"}, wantRq: number(3, FormatDecimal1)},
		{name: "a level ahead", ie: gyqc.IndicatorEvaluation{Indicator: workshops, Status: gyqc.IndicatorOnTrack,
			Value: f(7), Expected: f(6), Gap: f(-33)}, want: text("超前"), wantRq: number(6, FormatFigure)},
		{name: "a flow keeps points", ie: gyqc.IndicatorEvaluation{Indicator: flow, Status: gyqc.IndicatorFarBehind,
			Value: f(8.2), Expected: f(12.5), Gap: f(14.333333)}, want: number(14.333333, FormatPoints), wantRq: number(12.5, FormatDecimal1)},
	}
	s := &summary{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.ie.Scale = gyqc.ScaleOf(tc.ie.Indicator.Kind)
			_, _, required, gap := s.progress(&tc.ie)
			if gap != tc.want {
				t.Errorf("落后幅度 %+v, want %+v", gap, tc.want)
			}
			if required != tc.wantRq {
				t.Errorf("进度要求值 %+v, want %+v", required, tc.wantRq)
			}
		})
	}
}
