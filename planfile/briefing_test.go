package planfile

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestBriefingSection checks the briefing's issuer and 报尾 lines: the embedded plan names
// 区委考核办 among the recipients, and a wrong label or an empty text is reported.
func TestBriefingSection(t *testing.T) {
	p := Default()
	found := false
	for _, r := range p.Briefing.BriefingRecipients() {
		found = found || strings.Contains(r.Text, "区委考核办")
	}
	if !found || p.Briefing.Issuer == "" {
		t.Errorf("issuer %q, recipients %v: want the 领导小组办公室 and 区委考核办", p.Briefing.Issuer, p.Briefing.Recipients)
	}
	tests := []struct {
		Name, Old, New string
		Rule           gyqc.Rule
	}{
		{"a label that is not 报、送、发", "    - label: 报\n", "    - label: 呈\n", "briefing-recipient-label"},
		{"a line without text", "      text: 方案确定的各责任单位\n", "      text: \"\"\n", "briefing-recipient-text"},
		{"no issuer", "  issuer: 区“工业强城”建设工作领导小组办公室   #", "  issuer: \"\"   #", "briefing-issuer"},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			data := strings.Replace(string(DefaultPlanFile), tt.Old, tt.New, 1)
			if data == string(DefaultPlanFile) {
				t.Fatalf("%q not in the plan file", tt.Old)
			}
			_, probs := Load(DefaultPlanName, []byte(data), DefaultUnitsName, DefaultUnitsFile)
			for _, pr := range probs {
				if pr.Rule == tt.Rule {
					return
				}
			}
			t.Errorf("no %s problem in %v", tt.Rule, probs)
		})
	}
}
