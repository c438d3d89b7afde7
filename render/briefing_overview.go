package render

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// overview writes 一、总体情况: four short paragraphs, each with totals that account for
// every unit, task and indicator — how the units reported, the tasks by light, the
// indicators by status, and the scores — each against last month where there is one.
func (b *brief) overview() {
	d := b.d
	d.Heading(1, "总体情况")
	d.Paragraph(b.reportingSentence())
	d.Paragraph(b.lightsSentence())
	if len(b.ev.Indicators) > 0 {
		d.Paragraph(b.indicatorsSentence())
	}
	if s := b.scoresSentence(); s != "" {
		d.Paragraph(s)
	}
	// Files the evaluation could not place.
	if n := len(b.ev.Ignored); n > 0 {
		d.Paragraph(fmt.Sprintf("另有%d个报送文件不属于本期应报送单位或报送期，未计入本期统计，详见汇总表“总览”工作表。", n))
	}
}

// pendingLabel is how a unit with nothing received before the deadline is shown, with why
// it is not yet counted as missing.
var pendingLabel = gyqc.StateNotYetDue.Label() + "（未到截止时间）"

// reportingSentence says how the units reported: every unit in exactly one state, as the
// evaluation's Summary counts them (the counts of `gyqc status` and the workbook's 总览).
func (b *brief) reportingSentence() string {
	ev, c := b.ev, b.ev.Summary
	var p strings.Builder
	fmt.Fprintf(&p, "本期应报送单位%d个，报送截止时间为%s。", c.Units, b.plan.DueLabel(ev.Period))
	switch {
	case c.Units == 0:
		p.WriteString("本期没有应报送的单位。")
	case b.received() == 0:
		p.WriteString("截至统计时，各单位均未报送本期材料。")
	case c.OnTime == c.Units:
		p.WriteString("各单位均按时报送。")
	default:
		var parts []string
		for _, k := range c.StateCounts() {
			parts = append(parts, fmt.Sprintf("%s%d个", k.Label, k.N))
		}
		p.WriteString("其中" + joinNames(parts))
		if r := share(c.OnTime, c.Units); r != "" {
			p.WriteString("，按时报送率" + r)
		}
		if prev := len(ev.Periods) - 2; prev >= 0 {
			before := 0
			for _, u := range ev.Units {
				if u.History[prev].State == gyqc.StateOnTime {
					before++
				}
			}
			p.WriteString("，按时报送单位数" + gyqc.Change(c.OnTime, before, "个"))
		}
		p.WriteString("。")
	}
	if ev.Provisional {
		p.WriteString("统计时尚未到报送截止时间，以上为初步统计。")
	}
	return p.String()
}

// lightsSentence says how many tasks have each light, against last month.
func (b *brief) lightsSentence() string {
	ev, s := b.ev, b.ev.Summary
	if len(ev.Tasks) == 0 {
		return "方案未列出重点任务。"
	}
	var parts []string
	for _, l := range gyqc.LightOrder {
		n := s.Lights.Of(l)
		if n == 0 {
			continue
		}
		part := fmt.Sprintf("%s%d项", l.Label(), n)
		if c := s.LightChange(l); c != "" {
			part += "（" + c + "）"
		}
		parts = append(parts, part)
	}
	text := fmt.Sprintf("方案确定的%d项重点任务中，%s。", len(ev.Tasks), joinNames(parts))
	if s.PreviousLights == nil {
		text += "本期为开始监测后的首个报送期，暂无上月亮灯情况可比。"
	}
	return text
}

// indicatorsSentence says how many indicators have each status; the counts add up to all.
func (b *brief) indicatorsSentence() string {
	ev := b.ev
	var parts []string
	for _, sc := range statusCounts(ev.Indicators) {
		part := fmt.Sprintf("%s%d项", sc.status.Label(), sc.n)
		if sc.status == gyqc.IndicatorOnTrack {
			if prev := len(ev.Periods) - 2; prev >= 0 {
				before := 0
				for _, ie := range ev.Indicators {
					if prev < len(ie.History) && ie.History[prev].Status == gyqc.IndicatorOnTrack {
						before++
					}
				}
				part += "（" + gyqc.Change(sc.n, before, "项") + "）"
			}
		}
		parts = append(parts, part)
	}
	return fmt.Sprintf("%d项主要指标中，%s。", len(ev.Indicators), joinNames(parts))
}

// statusCount is how many indicators have a status.
type statusCount struct {
	status gyqc.IndicatorStatus
	n      int
}

// statusOrder is the order statuses are counted in: best first, then what has no judgement.
var statusOrder = []gyqc.IndicatorStatus{gyqc.IndicatorOnTrack, gyqc.IndicatorBehind, gyqc.IndicatorFarBehind,
	gyqc.IndicatorNoData, gyqc.IndicatorNoBasis, gyqc.IndicatorNotDue}

// statusCounts counts indicators by status, in statusOrder and then any other status in the
// order first met, leaving out the statuses no indicator has. The counts add up to
// len(inds).
func statusCounts(inds []*gyqc.IndicatorEvaluation) []statusCount {
	counts := map[gyqc.IndicatorStatus]int{}
	order := append([]gyqc.IndicatorStatus(nil), statusOrder...)
	for _, ie := range inds {
		if _, ok := counts[ie.Status]; !ok && !containsStatus(order, ie.Status) {
			order = append(order, ie.Status)
		}
		counts[ie.Status]++
	}
	var out []statusCount
	for _, st := range order {
		if counts[st] > 0 {
			out = append(out, statusCount{st, counts[st]})
		}
	}
	return out
}

func containsStatus(list []gyqc.IndicatorStatus, s gyqc.IndicatorStatus) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scoresSentence sums up the scores: the average, how many units lost points and how many
// did not (adding up to all), and the lowest.
func (b *brief) scoresSentence() string {
	ev := b.ev
	if len(ev.Ranking) == 0 {
		return ""
	}
	total, full := 0.0, 0
	for _, u := range ev.Ranking {
		total += u.Score.Value
		if u.Score.Lost == 0 {
			full++
		}
	}
	text := fmt.Sprintf("%d个单位考核平均得分%s分，其中未扣分的%d个，扣分的%d个", len(ev.Ranking),
		gyqc.FormatPoints(total/float64(len(ev.Ranking))), full, len(ev.Ranking)-full)
	if worst := ev.Ranking[len(ev.Ranking)-1]; worst.Score.Lost > 0 {
		var last []string
		for _, u := range ev.Ranking {
			if u.Rank == worst.Rank {
				last = append(last, u.Name)
			}
		}
		text += fmt.Sprintf("；得分最低的是%s（%s分）", gyqc.NameList(last, 5), gyqc.FormatPoints(worst.Score.Value))
	}
	return text + "。"
}

// received counts the attempts counted for the period, of every unit and outcome.
func (b *brief) received() int {
	n := 0
	for _, u := range b.ev.Units {
		n += len(u.Report.Attempts)
	}
	return n
}

// quote is gyqc.Quote: “加快推动中小企业‘上云’”.
func quote(text string) string { return gyqc.Quote(text) }
