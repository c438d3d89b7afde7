package main

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// stateLine counts the units by the state they are shown in, in the one vocabulary of
// states that status, the workbook and the briefing share: 应报 36 个单位，按时报送 34，迟报 1，
// 未报送 1，被退回 0, and 尚未报送 N（截止时间未到） before the deadline; the counts add up to
// the units.
func stateLine(s gyqc.Summary) string {
	parts := []string{fmt.Sprintf("应报 %d 个单位", s.Units)}
	for _, st := range gyqc.States {
		parts = append(parts, fmt.Sprintf("%s %d", st.Label(), s.StateCount(st)))
	}
	if n := s.NotYetDue; n > 0 {
		parts = append(parts, fmt.Sprintf("%s %d（截止时间未到）", gyqc.StateNotYetDue.Label(), n))
	}
	return strings.Join(parts, "，")
}

// taskLine counts the tasks by light: 24 项中绿灯 14 项，黄灯 7 项，红灯 3 项.
func taskLine(s gyqc.Summary, tasks int) string {
	return fmt.Sprintf("%d 项中%s", tasks, countLine(s.LightParts(), "项"))
}

// indicatorLine counts the indicators by status, every one in exactly one: 33 个中符合进度 19
// 个，滞后 13 个，无可比数据 1 个.
func indicatorLine(s gyqc.Summary) string {
	return fmt.Sprintf("%d 个中%s", s.Indicators, countLine(s.IndicatorCounts(), "个"))
}

// countLine joins counts: 绿灯 14 项，黄灯 7 项.
func countLine(parts []gyqc.Count, measure string) string {
	out := make([]string, len(parts))
	for i, c := range parts {
		out[i] = fmt.Sprintf("%s %d %s", c.Label, c.N, measure)
	}
	return strings.Join(out, "，")
}
