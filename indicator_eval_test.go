package gyqc_test

import (
	"math"
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
