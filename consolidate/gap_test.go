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
