package gyqc_test

import (
	"testing"

	"github.com/qianjiang/gyqc"
)

func TestNameList(t *testing.T) {
	names := []string{"甲", "乙", "丙"}
	for _, tc := range []struct {
		Name  string
		Limit int
		Want  string
	}{
		{"all named", 3, "甲、乙、丙"},
		{"room to spare", 5, "甲、乙、丙"},
		{"cut with a count", 2, "甲、乙等3个单位"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			if got := gyqc.NameList(names, tc.Limit); got != tc.Want {
				t.Errorf("NameList(%d) = %q, want %q", tc.Limit, got, tc.Want)
			}
		})
	}
	if got := gyqc.NameList(nil, 5); got != "" {
		t.Errorf("NameList(nil) = %q, want empty", got)
	}
}

// TestFormatPoints holds the one rounding of points for the workbook and the briefing: two
// decimals. The workbook used to round points to six decimals (1/3 point read 0.333333 in
// 单位考核 while the briefing said 0.33); both now say 0.33.
func TestFormatPoints(t *testing.T) {
	for _, tc := range []struct {
		Name string
		V    float64
		Want string
	}{
		{"whole", 2, "2"},
		{"half", 0.5, "0.5"},
		{"third: was 0.333333 in the workbook", 1.0 / 3, "0.33"},
		{"rounds half up", 2.675000001, "2.68"},
		{"float noise", 0.1 + 0.2, "0.3"},
		{"zero", 0, "0"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			if got := gyqc.FormatPoints(tc.V); got != tc.Want {
				t.Errorf("FormatPoints(%v) = %q, want %q", tc.V, got, tc.Want)
			}
		})
	}
}
