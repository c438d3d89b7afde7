package consolidate

import (
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

func TestClipCell(t *testing.T) {
	units := func(s string) int { return len(utf16.Encode([]rune(s))) }
	tests := []struct {
		name    string
		in      string
		clipped bool
	}{
		{"short", "本月推进顺利", false},
		{"exactly the limit", strings.Repeat("a", maxCellUnits), false},
		{"one over the limit", strings.Repeat("a", maxCellUnits+1), true},
		{"Chinese over the limit", strings.Repeat("进展", 20000), true},
		{"characters beyond U+FFFF count twice", strings.Repeat("𠮷", maxCellUnits/2+1), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := clipCell(tc.in)
			if n := units(got); n > maxCellUnits {
				t.Errorf("%d UTF-16 units, over the cell limit", n)
			}
			if clipped := got != tc.in; clipped != tc.clipped || clipped && !strings.HasSuffix(got, clipNote) {
				t.Errorf("clipped %v (want %v), ends %q", clipped, tc.clipped, got[max(0, len(got)-30):])
			}
		})
	}
	if got := clipCell("a\xffb"); got != "a\uFFFDb" {
		t.Errorf("invalid UTF-8 became %q", got)
	}
}

func TestNumberFormat(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		f    Format
		want string
	}{
		{"a whole figure", 85, FormatFigure, "#,##0"},
		{"a figure with one decimal", 4.5, FormatFigure, "#,##0.0"},
		{"a figure with two decimals", 11.25, FormatFigure, "#,##0.00"},
		{"floating-point noise", 0.1 + 0.2, FormatFigure, "#,##0.0"},
		{"a third", 1.0 / 3, FormatFigure, "#,##0.0000"},
		{"a count", 36, FormatInt, "0"},
		{"a completion", 0.456, FormatPercent, "0.0%"},
		{"a gap", 2.5, FormatPoints, `0.0"个百分点"`},
		{"places", 4, FormatPlaces, `0"位"`},
		{"a score", 97.25, FormatScore, "0.0#"},
		{"an expected figure", 11.666, FormatDecimal1, "#,##0.0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := numberFormat(tc.v, tc.f); got != tc.want {
				t.Errorf("numberFormat(%v, %d) = %q, want %q", tc.v, tc.f, got, tc.want)
			}
		})
	}
}

func TestCSVCell(t *testing.T) {
	tests := []struct {
		name string
		cell Cell
		want string
	}{
		{"a formula", text("=1+1"), "'=1+1"},
		{"a hyperlink", text(`=HYPERLINK("http://x","y")`), `'=HYPERLINK("http://x","y")`},
		{"plus", text("+1 项目"), "'+1 项目"},
		{"minus", text("-2"), "'-2"},
		{"at", text("@SUM(A1)"), "'@SUM(A1)"},
		{"tab", text("\t=1"), "'\t=1"},
		{"carriage return", text("\r=1"), "'\r=1"},
		{"plain text", text("本月推进顺利"), "本月推进顺利"},
		{"an equals sign inside", text("a=b"), "a=b"},
		{"a full-width equals sign", text("＝1"), "＝1"},
		{"no data that looks like a formula", noData("-"), "'-"},
		{"a negative number", number(-2, FormatFigure), "-2"},
		{"a ratio", number(0.456, FormatPercent), "0.456"},
		{"a time", instant(time.Date(2025, 7, 1, 16, 30, 0, 0, time.UTC), time.FixedZone("CST", 8*3600), "无"), "2025-07-02 00:30:00"},
		{"empty", Cell{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := csvCell(tc.cell); got != tc.want {
				t.Errorf("csvCell(%+v) = %q, want %q", tc.cell, got, tc.want)
			}
		})
	}
}
