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

// TestGist: a refusal is said one way everywhere. The briefing's 被退回 line and the audit
// trail said 等N个错误 before they used Gist; they now say 等N个问题 like the scores and the
// reminders, and the score's reason drops the message's closing 。 as they did.
func TestGist(t *testing.T) {
	bad := func(msg string) gyqc.Problem { return gyqc.Problem{Severity: gyqc.SevError, Message: msg} }
	warn := gyqc.Problem{Severity: gyqc.SevWarning, Message: "较上月下降"}
	for _, tc := range []struct {
		Name     string
		Problems gyqc.Problems
		Want     string
	}{
		{"none", nil, ""},
		{"warnings only", gyqc.Problems{warn}, ""},
		{"one error", gyqc.Problems{warn, bad("进展状态不在可选范围内。")}, "进展状态不在可选范围内"},
		{"counted", gyqc.Problems{bad("进展状态不在可选范围内"), warn, bad("联系电话为空")}, "进展状态不在可选范围内等2个问题"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			if got := tc.Problems.Gist(); got != tc.Want {
				t.Errorf("Gist() = %q, want %q", got, tc.Want)
			}
		})
	}
	if got := gyqc.Gist("本期值不是数字。", 3); got != "本期值不是数字等3个问题" {
		t.Errorf("Gist(3) = %q", got)
	}
}

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		Name, S string
		N       int
		Want    string
	}{
		{"empty", "", 3, ""},
		{"shorter", "区财政局", 5, "区财政局"},
		{"exactly n characters", "区财政局", 4, "区财政局"},
		{"cut by characters, not bytes", "区发展改革委员会", 4, "区发展改…"},
		{"mixed", "PMI为51.3", 4, "PMI为…"},
		{"nothing kept", "文字", 0, "…"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			if got := gyqc.Clip(tc.S, tc.N); got != tc.Want {
				t.Errorf("Clip(%q, %d) = %q, want %q", tc.S, tc.N, got, tc.Want)
			}
		})
	}
}

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ Name, In, Want string }{
		{"plain", "强化人才保障", "“强化人才保障”"},
		{"a quotation inside", "加快推动中小企业“上云”", "“加快推动中小企业‘上云’”"},
		{"two inside", "深化“5G+工业互联网”和“上云”", "“深化‘5G+工业互联网’和‘上云’”"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			if got := gyqc.Quote(tc.In); got != tc.Want {
				t.Errorf("Quote(%q) = %q, want %q", tc.In, got, tc.Want)
			}
		})
	}
}
