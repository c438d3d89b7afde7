package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/qianjiang/gyqc"
)

// deductionGroup is the deductions of one rule in a unit's score: the items that cost
// points and those the rule's monthly cap left free.
type deductionGroup struct {
	key          gyqc.PenaltyKey
	points       float64
	paid, capped []gyqc.Deduction
}

// deductionSpans is the 扣分原因 cell of a unit, in a line or two: the points of each part of
// the score and the items that cost them, named briefly — tasks by number, indicators by
// their row of table 1, a refusal by its version — since the sections above give the
// reasons (tables 1 and 2, 报送情况) and the workbook's 单位考核 sheet every deduction in
// full. Where a part has deductions of more than one rule, each rule's points are given, so
// that every point lost can be traced to its items.
func (b *brief) deductionSpans(u *gyqc.UnitEvaluation) []Span {
	sc := u.Score
	var spans []Span
	part := func(label, text string) {
		if len(spans) > 0 {
			spans = append(spans, Span{Text: "；"})
		}
		spans = append(spans, Span{Text: label, Bold: true}, Span{Text: text})
	}
	for _, c := range gyqc.Categories {
		groups := groupDeductions(sc.Deductions, c)
		if len(groups) == 0 {
			continue
		}
		verb := "扣"
		if c == gyqc.CategoryCredit {
			verb = "加"
		}
		paying := 0
		for _, g := range groups {
			if len(g.paid) > 0 {
				paying++
			}
		}
		texts := make([]string, 0, len(groups))
		for _, g := range groups {
			text := ""
			if len(g.paid) > 0 {
				text = b.deductionItems(u, g.key, g.paid)
				if paying > 1 {
					text += verb + gyqc.FormatPoints(g.points) + "分"
				}
			}
			if len(g.capped) > 0 {
				items := b.deductionItems(u, g.key, g.capped)
				if text != "" {
					if strings.HasPrefix(items, "任务") {
						items = withoutCommonSuffix(items, text)
					}
					text += "，另"
				}
				text += items + "已达本项" + verb + "分上限，未再" + verb + "分"
			}
			texts = append(texts, text)
		}
		b.tableOnce(texts)
		label := c.Label() + verb + gyqc.FormatPoints(sc.LostIn(c)) + "分："
		if c == gyqc.CategoryCredit {
			label = "加" + gyqc.FormatPoints(sc.LostIn(c)) + "分："
		}
		part(label, strings.Join(texts, "，"))
	}
	if len(sc.NoData) > 0 {
		var labels []string
		for _, c := range sc.NoData {
			labels = append(labels, c.Label())
		}
		part(joinNames(labels)+"无数据", "，不作评价")
	}
	if len(spans) > 0 {
		spans = append(spans, Span{Text: "。"})
	}
	return spans
}

// groupDeductions returns the deductions of category c by rule, in the order of
// gyqc.PenaltyKeys.
func groupDeductions(all []gyqc.Deduction, c gyqc.Category) []deductionGroup {
	var groups []deductionGroup
	for _, key := range gyqc.PenaltyKeys {
		g := deductionGroup{key: key}
		for _, d := range all {
			if d.Category != c || d.Penalty != key {
				continue
			}
			if d.Points == 0 {
				g.capped = append(g.capped, d)
			} else {
				g.paid = append(g.paid, d)
				g.points += d.Points
			}
		}
		if len(g.paid)+len(g.capped) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// deductionItems names the items of deductions under one rule briefly: 任务1、7报告滞后（已说明
// 原因）, 表1第2、5项指标滞后, 未报送（第1版被退回，未更正重报）. Rules without a short form
// keep the evaluation's reasons.
func (b *brief) deductionItems(u *gyqc.UnitEvaluation, key gyqc.PenaltyKey, ds []gyqc.Deduction) string {
	tasks := func() string {
		var nos []string
		for _, d := range ds {
			if s := fmt.Sprint(d.Task); d.Task > 0 && !slices.Contains(nos, s) {
				nos = append(nos, s)
			}
		}
		return "任务" + joinNames(nos)
	}
	switch key {
	case gyqc.PenaltyMissing:
		if v := refusedVersions(u.Report); v != "" {
			return gyqc.StateMissing.Label() + "（" + v + "，未更正重报）"
		}
		return gyqc.StateMissing.Label()
	case gyqc.PenaltyUnexplainedWarning:
		// A task's warning is explained in 存在问题及需协调事项, or corrected (a copied
		// progress): 情况说明 is an indicator's column only.
		return fmt.Sprintf("报送文件中有%d处警告未改正或说明", len(ds))
	case gyqc.PenaltyTaskBehind:
		return tasks() + "报告滞后（已说明原因）"
	case gyqc.RuleTaskBehindUnexplained:
		return tasks() + "报告滞后，未说明原因"
	case gyqc.PenaltyTaskNotBegun:
		return tasks() + "报告未启动"
	case gyqc.PenaltyTaskRed:
		return tasks() + "亮红灯"
	case gyqc.RuleSupportBehind:
		return "配合" + tasks() + "的本单位工作报告滞后"
	case gyqc.RulePractice:
		return tasks() + "的经验做法被简报采用"
	case gyqc.PenaltyIndicatorBehind, gyqc.PenaltyIndicatorFarBehind:
		if s := b.indicatorRows(ds); s != "" {
			status := gyqc.IndicatorBehind
			if key == gyqc.PenaltyIndicatorFarBehind {
				status = gyqc.IndicatorFarBehind
			}
			return s + "指标" + status.Label()
		}
	case gyqc.PenaltyIndicatorEmpty:
		var names []string
		for _, d := range ds {
			if ie := b.ev.Indicator(d.Indicator); ie != nil {
				names = append(names, quote(ie.Indicator.Name))
			}
		}
		if len(names) == len(ds) {
			return "未填报指标" + joinNames(names)
		}
	}
	texts := make([]string, len(ds))
	for i, d := range ds {
		texts[i] = strings.TrimSuffix(tight(d.Reason), "。")
	}
	return strings.Join(texts, "；")
}

// indicatorRows names the indicators of ds by their rows in table 1 (表1第2、5项), or returns
// "" when one of them is not there.
func (b *brief) indicatorRows(ds []gyqc.Deduction) string {
	if b.indicatorTableNo == 0 {
		return ""
	}
	var rows []int
	for _, d := range ds {
		n, ok := b.indicatorRow[d.Indicator]
		if !ok {
			return ""
		}
		if !slices.Contains(rows, n) {
			rows = append(rows, n)
		}
	}
	slices.Sort(rows)
	return fmt.Sprintf("表%d第%s项", b.indicatorTableNo, numberRanges(rows))
}

// numberRanges writes sorted numbers with runs of three or more as ranges: 1—4、6.
func numberRanges(nos []int) string {
	var parts []string
	for i := 0; i < len(nos); {
		j := i
		for j+1 < len(nos) && nos[j+1] == nos[j]+1 {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, fmt.Sprintf("%d—%d", nos[i], nos[j]))
		default:
			for k := i; k <= j; k++ {
				parts = append(parts, fmt.Sprint(nos[k]))
			}
		}
		i = j + 1
	}
	return joinNames(parts)
}

// refusedVersions names the files of r that were refused, for a unit charged as not
// reporting: 第1版被退回, 第1、2版被退回, 第2版经审核退回.
func refusedVersions(r *gyqc.ReportState) string {
	if r == nil {
		return ""
	}
	var nos []string
	for _, at := range r.Attempts {
		if !at.Outcome.Acceptable() {
			nos = append(nos, fmt.Sprintf("%d", at.Version))
		}
	}
	var parts []string
	if len(nos) > 0 {
		parts = append(parts, "第"+joinNames(nos)+"版被退回")
	}
	if rv := r.Review; rv != nil && rv.Return != nil {
		parts = append(parts, fmt.Sprintf("第%d版经审核退回", rv.Return.Version))
	}
	return strings.Join(parts, "、")
}

// withoutCommonSuffix returns s without the words it ends with that other has before its
// points (任务21报告滞后（已说明原因） after 任务1、7报告滞后（已说明原因）扣3分 → 任务21).
func withoutCommonSuffix(s, other string) string {
	if i := strings.LastIndex(other, "扣"); i > 0 {
		other = other[:i]
	}
	rs, ro := []rune(s), []rune(other)
	n := 0
	for n < len(rs) && n < len(ro) && rs[len(rs)-1-n] == ro[len(ro)-1-n] {
		n++
	}
	if n == 0 || n == len(rs) {
		return s
	}
	return string(rs[:len(rs)-n])
}

// tableOnce names table 1 once in a part's texts: "表1第2项指标滞后扣1分，表1第5项指标严重
// 滞后扣2分" → "表1第2项指标滞后扣1分，第5项严重滞后扣2分".
func (b *brief) tableOnce(texts []string) {
	prefix := fmt.Sprintf("表%d第", b.indicatorTableNo)
	seen := false
	for i, t := range texts {
		if rest, ok := strings.CutPrefix(t, prefix); ok && b.indicatorTableNo > 0 {
			if seen {
				texts[i] = "第" + strings.Replace(rest, "项指标", "项", 1)
			}
			seen = true
		}
	}
}
