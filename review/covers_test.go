package review

import (
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/templates"
)

// TestCheckCoversAndGrowth: 数据截至 is read as the month the unit chose (or typed), the
// default stands when it is empty; a month after the period or a text that names no month
// refuses the return. A flow may be reported by its 同比增长 alone; other kinds carry none.
func TestCheckCoversAndGrowth(t *testing.T) {
	plan := planfile.Default()
	cell := func(text string, kind templates.Kind) templates.Input {
		return templates.Input{Sheet: "指标填报", Cell: "I5", Text: text, Kind: kind}
	}
	tests := []struct {
		name          string
		key           string
		value, covers templates.Input
		growth        templates.Input
		wantValue     *float64
		wantCovers    string // YYYY-MM, "" for the default
		wantGrowth    *float64
		rule          gyqc.Rule
		sev           gyqc.Severity
	}{
		{name: "drop-down month", key: "output-value", value: cell("200", templates.KindNumber), covers: cell("2025年5月", templates.KindText),
			wantValue: fp(200), wantCovers: "2025-05"},
		{name: "older month chosen", key: "output-value", value: cell("160", templates.KindNumber), covers: cell("2025年4月", templates.KindText),
			wantValue: fp(160), wantCovers: "2025-04"},
		{name: "typed span", key: "output-value", value: cell("160", templates.KindNumber), covers: cell("2025年1-4月", templates.KindText),
			wantValue: fp(160), wantCovers: "2025-04"},
		{name: "date cell", key: "output-value", value: cell("160", templates.KindNumber), covers: templates.Input{Sheet: "指标填报", Cell: "I5", Text: "45807", Kind: templates.KindDate, Date: "2025-05-31"},
			wantValue: fp(160), wantCovers: "2025-05"},
		{name: "emptied", key: "output-value", value: cell("200", templates.KindNumber), covers: cell("", templates.KindUnknown),
			wantValue: fp(200), rule: RuleCoversEmpty, sev: gyqc.SevNote},
		{name: "after the period", key: "output-value", value: cell("200", templates.KindNumber), covers: cell("2025年7月", templates.KindText),
			wantValue: fp(200), rule: RuleCoversFuture, sev: gyqc.SevError},
		{name: "no month", key: "output-value", value: cell("200", templates.KindNumber), covers: cell("上月", templates.KindText),
			wantValue: fp(200), rule: RuleCoversInvalid, sev: gyqc.SevError},
		{name: "more than a year old", key: "output-value", value: cell("200", templates.KindNumber), covers: cell("2024年5月", templates.KindText),
			wantValue: fp(200), wantCovers: "2024-05", rule: RuleCoversOld, sev: gyqc.SevWarning},
		{name: "growth beside the amount", key: "value-added", value: cell("60", templates.KindNumber), covers: cell("2025年5月", templates.KindText),
			growth: cell("8.5", templates.KindNumber), wantValue: fp(60), wantCovers: "2025-05", wantGrowth: fp(8.5)},
		{name: "growth alone", key: "value-added", value: cell("", templates.KindUnknown), covers: cell("2025年5月", templates.KindText),
			growth: cell("8.5", templates.KindNumber), wantCovers: "2025-05", wantGrowth: fp(8.5), rule: RuleGrowthOnly, sev: gyqc.SevNote},
		{name: "growth typed as percent text", key: "value-added", value: cell("", templates.KindUnknown), covers: cell("2025年5月", templates.KindText),
			growth: cell("-3.2％", templates.KindText), wantCovers: "2025-05", wantGrowth: fp(-3.2), rule: RuleGrowthOnly, sev: gyqc.SevNote},
		{name: "growth percent-formatted", key: "value-added", value: cell("60", templates.KindNumber), covers: cell("2025年5月", templates.KindText),
			growth: cell("0.085", templates.KindPercent), wantValue: fp(60), wantCovers: "2025-05", wantGrowth: fp(8.5)},
		{name: "growth not a number", key: "value-added", value: cell("60", templates.KindNumber), covers: cell("2025年5月", templates.KindText),
			growth: cell("待统计", templates.KindText), wantValue: fp(60), wantCovers: "2025-05", rule: RuleGrowthInvalid, sev: gyqc.SevError},
		{name: "growth an exponent is not a percentage", key: "value-added", value: cell("60", templates.KindNumber), covers: cell("2025年5月", templates.KindText),
			growth: cell("1e2", templates.KindText), wantValue: fp(60), wantCovers: "2025-05", rule: RuleGrowthInvalid, sev: gyqc.SevError},
		{name: "growth in full-width digits", key: "value-added", value: cell("60", templates.KindNumber), covers: cell("2025年5月", templates.KindText),
			growth: cell("８．５％", templates.KindText), wantValue: fp(60), wantCovers: "2025-05", wantGrowth: fp(8.5)},
		{name: "growth an estimate is kept with a warning", key: "value-added", value: cell("60", templates.KindNumber), covers: cell("2025年5月", templates.KindText),
			growth: cell("约8%", templates.KindText), wantValue: fp(60), wantCovers: "2025-05", wantGrowth: fp(8), rule: RuleApproximate, sev: gyqc.SevWarning},
		{name: "growth below -100%", key: "value-added", value: cell("60", templates.KindNumber), covers: cell("2025年5月", templates.KindText),
			growth: cell("-120", templates.KindNumber), wantValue: fp(60), wantCovers: "2025-05", rule: RuleGrowthInvalid, sev: gyqc.SevError},
		{name: "neither amount nor growth", key: "value-added", value: cell("", templates.KindUnknown), covers: cell("2025年5月", templates.KindText),
			wantCovers: "2025-05", rule: RuleValueRequired, sev: gyqc.SevError},
		{name: "growth on a stock is ignored", key: "scale-enterprises", value: cell("90", templates.KindNumber), covers: cell("2025年6月", templates.KindText),
			growth: cell("5", templates.KindNumber), wantValue: fp(90), wantCovers: "2025-06"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Another row filled, so that the return is not refused as untouched.
			other := templates.ValueInput{Key: "scale-enterprises", Value: cell("90", templates.KindNumber)}
			if tc.key == other.Key {
				other = templates.ValueInput{Key: "output-value", Value: cell("200", templates.KindNumber)}
			}
			in := CheckInput{File: "x.xlsx", Unit: "jxw", Period: gyqc.MustPeriod("2025-06"),
				Values: []templates.ValueInput{{Key: tc.key, Value: tc.value, Covers: tc.covers, Growth: tc.growth}, other}}
			_, values, probs := Check(plan, in, Options{})
			if len(values) != 2 {
				t.Fatalf("%d values; problems %v", len(values), probs)
			}
			v := values[0]
			if (v.Value == nil) != (tc.wantValue == nil) || v.Value != nil && *v.Value != *tc.wantValue {
				t.Errorf("value %v, want %v", deref(v.Value), deref(tc.wantValue))
			}
			if (v.Growth == nil) != (tc.wantGrowth == nil) || v.Growth != nil && *v.Growth != *tc.wantGrowth {
				t.Errorf("growth %v, want %v", deref(v.Growth), deref(tc.wantGrowth))
			}
			got := ""
			if !v.Covers.IsZero() {
				got = v.Covers.String()
			}
			if got != tc.wantCovers {
				t.Errorf("covers %q, want %q", got, tc.wantCovers)
			}
			found := false
			for _, p := range probs {
				switch {
				case p.Rule == tc.rule:
					found = true
					if p.Severity != tc.sev {
						t.Errorf("%s: severity %s, want %s", p.Rule, p.Severity, tc.sev)
					}
				case p.Severity != gyqc.SevNote:
					t.Errorf("unexpected %s", p)
				}
			}
			if tc.rule != "" && !found {
				t.Errorf("no %s problem; got %v", tc.rule, probs)
			}
		})
	}
}
