package gyqc_test

import (
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestProblemString: a line for people adds what was written in the cell (填写的是“…”) when
// the message does not already say it, and never says it twice.
func TestProblemString(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    gyqc.Problem
		want string
	}{
		{name: "value not in the message", p: gyqc.Problem{Severity: gyqc.SevError, File: "a.xlsx", Sheet: "指标填报", Cell: "H6", Value: "五十",
			Message: "指标“卷烟及配套产业产值”的本期值不是数字", Fix: "请只填写数字"},
			want: "错误：a.xlsx 工作表“指标填报” H6单元格：指标“卷烟及配套产业产值”的本期值不是数字（填写的是“五十”）。请只填写数字"},
		{name: "value in the message", p: gyqc.Problem{Severity: gyqc.SevWarning, File: "a.xlsx", Sheet: "指标填报", Cell: "H4", Value: "约30家",
			Message: "指标“规模以上工业企业数量”的本期值“约30家”是约数或范围（约），按 30家 记录", Fix: "请在“情况说明”中注明"},
			want: "警告：a.xlsx 工作表“指标填报” H4单元格：指标“规模以上工业企业数量”的本期值“约30家”是约数或范围（约），按 30家 记录。请在“情况说明”中注明"},
		{name: "no value", p: gyqc.Problem{Severity: gyqc.SevError, File: "a.xlsx", Message: "文件已损坏"}, want: "错误：a.xlsx：文件已损坏"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.String(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
