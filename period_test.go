package gyqc_test

import (
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{in: "2025-06", want: "2025-06"},
		{in: "2022-09", want: "2022-09"},
		{in: "2025-13", err: "01 到 12"},
		{in: "2025-00", err: "01 到 12"},
		{in: "25-6", err: "例如 2025-06"},
		{in: "2025-6", err: "例如 2025-06"},
		{in: "2025/06", err: "例如 2025-06"},
		{in: "", err: "例如 2025-06"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			p, err := gyqc.ParsePeriod(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || gyqc.ErrorCode(err) != gyqc.EInvalid {
					t.Errorf("got %v, %v; want error containing %q", p, err, tc.err)
				}
				return
			}
			if err != nil || p.String() != tc.want {
				t.Errorf("got %v, %v; want %s", p, err, tc.want)
			}
		})
	}
}

func TestPeriodArithmetic(t *testing.T) {
	p := gyqc.MustPeriod("2025-01")
	if p.Add(-1).String() != "2024-12" || p.Add(11).String() != "2025-12" || p.Add(12).String() != "2026-01" {
		t.Errorf("Add: %v %v %v", p.Add(-1), p.Add(11), p.Add(12))
	}
	if p.Label() != "2025年1月" {
		t.Errorf("Label: %s", p.Label())
	}
}

func TestDeadline(t *testing.T) {
	plan := planfile.Default()
	p := gyqc.MustPeriod("2025-06")
	due := plan.Due(p)
	loc, _ := time.LoadLocation("Asia/Shanghai")
	if !due.Equal(time.Date(2025, 7, 1, 0, 0, 0, 0, loc)) {
		t.Errorf("due %v, want 2025-07-01 00:00 Asia/Shanghai", due)
	}
	if got := plan.DueLabel(p); got != "2025年7月1日前" {
		t.Errorf("DueLabel %q", got)
	}
	if plan.DueLabel(gyqc.MustPeriod("2024-12")) != "2025年1月1日前" {
		t.Errorf("December rolls over to January: %s", plan.DueLabel(gyqc.MustPeriod("2024-12")))
	}
	if err := plan.CheckPeriod(gyqc.MustPeriod("2026-01")); err == nil || !strings.Contains(err.Error(), "不在方案的报送期范围内") {
		t.Errorf("2026-01 is outside the horizon: %v", err)
	}
	if err := plan.CheckPeriod(gyqc.MustPeriod("2022-09")); err != nil {
		t.Errorf("2022-09 is the first period: %v", err)
	}
}

func TestParseMonthText(t *testing.T) {
	cases := []struct {
		name, in string
		want     string // YYYY-MM, or "" when no month
	}{
		{"drop-down", "2025年6月", "2025-06"},
		{"with 份", "2025年6月份", "2025-06"},
		{"iso", "2025-06", "2025-06"},
		{"short dash", "2025-6", "2025-06"},
		{"slash", "2025/6", "2025-06"},
		{"dot", "2025.06", "2025-06"},
		{"span", "2025年1—6月", "2025-06"},
		{"span hyphen", "2025年1-6月", "2025-06"},
		{"full-width", "２０２５年６月", "2025-06"},
		{"spaces", " 2025 年 6 月 ", "2025-06"},
		{"month 13", "2025年13月", ""},
		{"no year", "6月", ""},
		{"text", "上月", ""},
		{"empty", "", ""},
		{"year out of range", "1999年6月", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, ok := gyqc.ParseMonthText(c.in)
			got := ""
			if ok {
				got = p.String()
			}
			if got != c.want {
				t.Errorf("ParseMonthText(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
