package gyqc

import (
	"fmt"
	"math"
	"strings"
)

// The Chinese wording that the workbook, the briefing and the evaluation's notes share: each
// phrase is written here once, so that the same count reads the same everywhere.

// Change describes a count against last month's, counting in measure (项, 个):
// 较上月增加2项, 较上月减少1个, 与上月持平.
func Change(now, previous int, measure string) string {
	switch {
	case now > previous:
		return fmt.Sprintf("较上月增加%d%s", now-previous, measure)
	case now < previous:
		return fmt.Sprintf("较上月减少%d%s", previous-now, measure)
	}
	return "与上月持平"
}

// Quote puts text in Chinese quotation marks, turning the double marks inside it into single
// ones, as a quotation inside a quotation is written: 加快推动中小企业“上云” →
// “加快推动中小企业‘上云’”.
func Quote(text string) string {
	return "“" + strings.NewReplacer("“", "‘", "”", "’").Replace(text) + "”"
}

// NameList joins unit names with 、, naming at most limit of them: 区发展改革委、区经济信息委,
// or 城东街道、城南街道、城西街道等12个单位.
func NameList(names []string, limit int) string {
	return namesOf(names[:min(len(names), limit)], len(names))
}

// namesOf joins the names shown and, when there are n > len(shown) in all, says how many.
func namesOf(shown []string, n int) string {
	s := strings.Join(shown, "、")
	if n > len(shown) {
		s += fmt.Sprintf("等%d个单位", n)
	}
	return s
}

// FormatPoints writes a number of points or percentage points with at most two decimals, as
// scores, deductions and gaps are shown to people: 2, 0.5, 0.33.
func FormatPoints(v float64) string { return FormatNumber(math.Round(v*100) / 100) }

// Gist says in one phrase what is wrong: the first problem's message without its closing 。,
// then, when there are n > 1, how many: 进展状态不在可选范围内等2个问题. Scores, reminders,
// the briefing and the audit trail all say a refusal this way.
func Gist(first string, n int) string {
	s := strings.TrimRight(first, "。")
	if n > 1 {
		s += fmt.Sprintf("等%d个问题", n)
	}
	return s
}

// Clip cuts s to its first n characters, marked with an ellipsis (…) when cut: a value quoted
// in a message, a text shown in a narrow place.
func Clip(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos] + "…"
		}
		i++
	}
	return s
}
