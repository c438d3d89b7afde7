package review

import (
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		name, raw, measure string
		want               float64
		ok, empty          bool
		note, reason       string
		approx             string
	}{
		{name: "plain", raw: "56", measure: "家", want: 56, ok: true},
		{name: "decimal", raw: "12.5", measure: "亿元", want: 12.5, ok: true},
		{name: "spaces", raw: "  30 ", measure: "个", want: 30, ok: true},
		{name: "full-width digits", raw: "１２", measure: "家", want: 12, ok: true, note: "全角"},
		{name: "thousands", raw: "1,200", measure: "家", want: 1200, ok: true},
		{name: "full-width comma", raw: "1，200.5", measure: "亿元", want: 1200.5, ok: true},
		{name: "measure suffix", raw: "30家", measure: "家", want: 30, ok: true, note: "单位"},
		{name: "short measure", raw: "12.5亿", measure: "亿元", want: 12.5, ok: true, note: "亿"},
		{name: "percent", raw: "15%", measure: "%", want: 15, ok: true},
		{name: "full-width percent", raw: "15％", measure: "%", want: 15, ok: true},
		{name: "estimate", raw: "约30", measure: "个", want: 30, ok: true, approx: "约"},
		{name: "estimate suffix", raw: "30左右", measure: "个", want: 30, ok: true, approx: "左右"},
		{name: "estimate with measure", raw: "约30家", measure: "家", want: 30, ok: true, approx: "约", note: "单位"},
		{name: "more than", raw: "30余家", measure: "家", want: 30, ok: true, approx: "余"},
		{name: "at least", raw: "≥30", measure: "家", want: 30, ok: true, approx: "≥"},
		{name: "full-width at least", raw: "＞30", measure: "家", want: 30, ok: true, approx: ">"},
		{name: "and above", raw: "30家以上", measure: "家", want: 30, ok: true, approx: "以上"},
		{name: "about, percent", raw: "约11.2%", measure: "%", want: 11.2, ok: true, approx: "约"},
		{name: "negative", raw: "-2", measure: "%", want: -2, ok: true},
		{name: "zero stays zero", raw: "0", measure: "家", want: 0, ok: true},
		{name: "empty", raw: "", measure: "家", empty: true},
		{name: "blank", raw: "   ", measure: "家", empty: true},
		{name: "not applicable", raw: "不适用", measure: "家", reason: "不是数字"},
		{name: "to be counted", raw: "待统计", measure: "家", reason: "不是数字"},
		{name: "wrong measure", raw: "2000万", measure: "亿元", reason: "单位是“万”"},
		{name: "wrong measure 2", raw: "12.5亿元", measure: "家", reason: "单位是“亿元”"},
		{name: "text", raw: "三十", measure: "家", reason: "不是数字"},
		{name: "bad commas", raw: "1,20", measure: "家", reason: "逗号"},
		{name: "formula-like", raw: "=1+2", measure: "家", reason: "不是数字"},
		{name: "exponent", raw: "1e3", measure: "家", reason: "不是数字"},
		{name: "infinity", raw: "Inf", measure: "家", reason: "不是数字"},
		{name: "hex", raw: "0x10", measure: "家", reason: "不是数字"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ParseNumber(tc.raw, tc.measure)
			if got.OK != tc.ok || got.Empty != tc.empty || (tc.ok && got.Value != tc.want) {
				t.Fatalf("ParseNumber(%q, %q) = %+v; want value %v ok %v empty %v", tc.raw, tc.measure, got, tc.want, tc.ok, tc.empty)
			}
			if !strings.Contains(got.Note, tc.note) {
				t.Errorf("note %q does not mention %q", got.Note, tc.note)
			}
			if got.Approx != tc.approx {
				t.Errorf("approx %q, want %q", got.Approx, tc.approx)
			}
			if tc.reason != "" && !strings.Contains(got.Reason, tc.reason) {
				t.Errorf("reason %q does not mention %q", got.Reason, tc.reason)
			}
			if !got.OK && got.Value != 0 {
				t.Errorf("a non-number carries value %v", got.Value)
			}
		})
	}
}
