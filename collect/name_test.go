package collect

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/qianjiang/gyqc/review"
)

func TestDisplayName(t *testing.T) {
	for _, tc := range []struct{ Name, In, Want string }{
		{Name: "plain", In: "收件箱/2025-06_区经济信息委.xlsx", Want: "收件箱/2025-06_区经济信息委.xlsx"},
		{Name: "space", In: "新建 报表.xlsx", Want: "新建 报表.xlsx"},
		{Name: "newline", In: "报\n表.xlsx", Want: `"报\n表.xlsx"`},
		{Name: "escape sequence", In: "\x1b[2J报表.xlsx", Want: `"\x1b[2J报表.xlsx"`},
		{Name: "right-to-left override", In: "报表\u202exslx.exe", Want: `"报表\u202exslx.exe"`},
		{Name: "invalid UTF-8", In: "\xff报表.xlsx", Want: `"\xff报表.xlsx"`},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			if got := DisplayName(tc.In); got != tc.Want {
				t.Errorf("got %s, want %s", got, tc.Want)
			}
		})
	}
}

func TestFeedbackName(t *testing.T) {
	c := &collector{names: map[string]bool{}}
	long := strings.Repeat("黔江区经济和信息化委员会", 6) + "报表"
	for _, tc := range []struct {
		Name  string
		Parts []string
		Want  string
	}{
		{Name: "short", Parts: []string{"2025-06", "jxw", "区经济信息委", "第1版"}, Want: "2025-06_jxw_区经济信息委_第1版_退回意见单.xlsx"},
		{Name: "the same again", Parts: []string{"2025-06", "jxw", "区经济信息委", "第1版"}, Want: "2025-06_jxw_区经济信息委_第1版_2_退回意见单.xlsx"},
		{Name: "unsafe characters", Parts: []string{"2025-06", "未识别", "a/b\\c:d\n.", "0123abcd"}, Want: "2025-06_未识别_a_b_c_d__0123abcd_退回意见单.xlsx"},
		{Name: "long", Parts: []string{"2025-06", "未识别", long, "0123abcd"}},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			got := c.feedbackName(tc.Parts, "_退回意见单.xlsx")
			if tc.Want != "" && got != tc.Want {
				t.Errorf("got %s, want %s", got, tc.Want)
			}
			if len(got) > review.MaxFeedbackName || !utf8.ValidString(got) || !strings.HasSuffix(got, "_0123abcd_退回意见单.xlsx") && tc.Name == "long" {
				t.Errorf("got %s (%d bytes)", got, len(got))
			}
		})
	}
}
