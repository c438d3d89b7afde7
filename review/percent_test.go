package review

import (
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/templates"
)

// TestCheckPercentAndKinds: a value is read as the unit saw it on the screen — a percent
// format on a % indicator gives the percentage, a number in E-notation is a number — and a
// fraction typed for a percentage, against the previous value or the target, is questioned.
func TestCheckPercentAndKinds(t *testing.T) {
	plan := planfile.Default()
	tests := []struct {
		name  string
		unit  string
		key   string
		in    templates.Input
		prev  *float64
		want  *float64  // the value stored; nil: none
		rule  gyqc.Rule // a problem with this rule, "" for none but notes
		sev   gyqc.Severity
		other gyqc.Rule // a rule that must not be reported
	}{
		{name: "percent format", unit: "jxw", key: "emerging-share", in: templates.Input{Text: "0.112", Kind: templates.KindPercent},
			want: fp(11.2), rule: "percent-format", sev: gyqc.SevNote},
		{name: "percent format, 100%", unit: "jxw", key: "rnd-share", in: templates.Input{Text: "1", Kind: templates.KindPercent},
			want: fp(100), rule: "percent-format", sev: gyqc.SevNote},
		{name: "percent text", unit: "jxw", key: "emerging-share", in: templates.Input{Text: "11.2%", Kind: templates.KindText}, want: fp(11.2)},
		{name: "full-width percent text", unit: "jxw", key: "emerging-share", in: templates.Input{Text: "11.2％", Kind: templates.KindText}, want: fp(11.2)},
		{name: "E-notation", unit: "jxw", key: "output-value", in: templates.Input{Text: "1.2345E+2", Kind: templates.KindNumber}, want: fp(123.45)},
		{name: "E-notation, tiny", unit: "jxw", key: "output-value", in: templates.Input{Text: "1.0000000000000001E-5", Kind: templates.KindNumber}, want: fp(1.0000000000000001e-5)},
		{name: "fraction for a percentage, previous 13", unit: "fgw", key: "energy-intensity-reduction", in: templates.Input{Text: "0.13", Kind: templates.KindNumber},
			prev: fp(13), want: fp(0.13), rule: "percent-below-one", sev: gyqc.SevWarning, other: "jump"},
		{name: "fraction for a percentage, target 13.5", unit: "fgw", key: "energy-intensity-reduction", in: templates.Input{Text: "0.13", Kind: templates.KindNumber},
			want: fp(0.13), rule: "percent-below-one", sev: gyqc.SevWarning},
		{name: "small growth, previous small too, target 20", unit: "jxw", key: "chain-leader-growth", in: templates.Input{Text: "0.5", Kind: templates.KindNumber},
			prev: fp(0.4), want: fp(0.5), rule: "percent-below-one", sev: gyqc.SevWarning},
		{name: "rate ×100 against the previous", unit: "jxw", key: "chain-leader-growth", in: templates.Input{Text: "15", Kind: templates.KindNumber},
			prev: fp(0.15), want: fp(15), rule: "jump", sev: gyqc.SevWarning},
		{name: "rate moves, no slip", unit: "jxw", key: "chain-leader-growth", in: templates.Input{Text: "15", Kind: templates.KindNumber},
			prev: fp(3), want: fp(15), other: "jump"},
		{name: "rank ×100", unit: "jxw", key: "index-rank-city", in: templates.Input{Text: "300", Kind: templates.KindNumber},
			prev: fp(3), want: fp(300), rule: "jump", sev: gyqc.SevWarning},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Sheet, tc.in.Cell = "指标填报", "H9"
			in := CheckInput{File: "x.xlsx", Unit: tc.unit, Period: gyqc.MustPeriod("2025-06"),
				Values: []templates.ValueInput{{Key: tc.key, Value: tc.in}}}
			if tc.prev != nil {
				in.Previous = &gyqc.Submission{Unit: tc.unit, Period: gyqc.MustPeriod("2025-05"),
					Values: []gyqc.IndicatorValue{{Key: tc.key, Value: tc.prev}}}
			}
			_, values, probs := Check(plan, in, Options{})
			if len(values) != 1 {
				t.Fatalf("%d values", len(values))
			}
			switch got := values[0].Value; {
			case (got == nil) != (tc.want == nil), got != nil && *got != *tc.want:
				t.Fatalf("value %v, want %v; problems %v", deref(got), deref(tc.want), probs)
			}
			if values[0].Raw != tc.in.Text {
				t.Errorf("raw %q, want the cell's %q", values[0].Raw, tc.in.Text)
			}
			found := false
			for _, p := range probs {
				if p.Rule == tc.other {
					t.Errorf("unwanted %s: %s", p.Rule, p.Message)
				}
				if p.Rule == tc.rule {
					found = true
					if p.Severity != tc.sev || p.Cell != "H9" {
						t.Errorf("got %+v, want severity %s at H9", p, tc.sev)
					}
				} else if p.Severity != gyqc.SevNote {
					t.Errorf("unexpected %s", p)
				}
			}
			if tc.rule != "" && !found {
				t.Errorf("no %s among %v", tc.rule, probs)
			}
		})
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
