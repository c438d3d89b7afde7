package render

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// overview writes 一、总体情况: how the units reported, the tasks by light against last
// month, the indicators against the expectation, the scores, and files left out.
func (b *brief) overview() {
	d, ev, s := b.d, b.ev, b.ev.Summary
	d.Heading(1, "总体情况")
	prev := len(ev.Periods) - 2 // the period before, -1 in the first period

	// Reporting.
	var p strings.Builder
	fmt.Fprintf(&p, "本期应报送单位%d个，报送截止时间为%s。", s.Units, b.plan.DueLabel(ev.Period))
	if b.received() == 0 {
		p.WriteString("截至统计时，各单位均未报送本期材料。")
	} else {
		pending := 0 // of the missing, those whose deadline has not passed
		for _, u := range ev.Units {
			if u.Report.State == gyqc.StateMissing && u.Report.Pending() {
				pending++
			}
		}
		fmt.Fprintf(&p, "按时报送%d个，迟报%d个，未报送%d个，被退回%d个", s.OnTime, s.Late, s.Missing-pending, s.Refused)
		if pending > 0 {
			fmt.Fprintf(&p, "，尚未报送（未到截止时间）%d个", pending)
		}
		if r := share(s.OnTime, s.Units); r != "" {
			p.WriteString("，按时报送率" + r)
		}
		if prev >= 0 {
			before := 0
			for _, u := range ev.Units {
				if u.History[prev].State == gyqc.StateOnTime {
					before++
				}
			}
			p.WriteString("，按时报送单位数" + gyqc.Change(s.OnTime, before, "个"))
		}
		p.WriteString("。")
	}
	if ev.Provisional {
		p.WriteString("统计时尚未到报送截止时间，以上为初步统计。")
	}
	d.Paragraph(p.String())

	// Tasks by light.
	p.Reset()
	fmt.Fprintf(&p, "方案确定的%d项重点任务中，", len(ev.Tasks))
	var parts []string
	for _, l := range gyqc.LightOrder {
		n := s.Lights.Of(l)
		if l == gyqc.LightNone && n == 0 {
			continue
		}
		part := fmt.Sprintf("%s%d项", l.Label(), n)
		if c := s.LightChange(l); c != "" {
			part += "（" + c + "）"
		}
		parts = append(parts, part)
	}
	p.WriteString(joinNames(parts) + "。")
	if s.PreviousLights == nil {
		p.WriteString("本期为方案实施后的首个报送期，暂无上月亮灯情况可比。")
	}
	switch red := b.tasksWith(gyqc.LightRed); {
	case len(red) > 1 && len(red) == len(ev.Tasks):
		p.WriteString("各项任务均亮红灯。")
	case len(red) > 0:
		p.WriteString("亮红灯的任务：" + joinNames(red) + "。")
	}
	d.Paragraph(p.String())

	// Indicators.
	p.Reset()
	fmt.Fprintf(&p, "%d项主要指标中，符合时序进度%d项", s.Indicators, s.OnTrack)
	if prev >= 0 {
		before := 0
		for _, ie := range ev.Indicators {
			if prev < len(ie.History) && ie.History[prev].Status == gyqc.IndicatorOnTrack {
				before++
			}
		}
		p.WriteString("（" + gyqc.Change(s.OnTrack, before, "项") + "）")
	}
	fmt.Fprintf(&p, "，滞后%d项，严重滞后%d项，无数据%d项", s.Behind, s.FarBehind, s.NoData)
	if s.NoBasis > 0 {
		fmt.Fprintf(&p, "，无可比数据%d项", s.NoBasis)
	}
	p.WriteString("。")
	d.Paragraph(p.String())

	// Scores.
	if len(ev.Ranking) > 0 {
		p.Reset()
		total, full := 0.0, 0
		for _, u := range ev.Ranking {
			total += u.Score.Value
			if u.Score.Lost == 0 {
				full++
			}
		}
		fmt.Fprintf(&p, "单位考核平均得分%s分，未扣分的单位%d个", gyqc.FormatPoints(total/float64(len(ev.Ranking))), full)
		worst := ev.Ranking[len(ev.Ranking)-1]
		if worst.Score.Lost > 0 {
			var last []string
			for _, u := range ev.Ranking {
				if u.Rank == worst.Rank {
					last = append(last, u.Name)
				}
			}
			fmt.Fprintf(&p, "；得分最低的是%s（%s分）", gyqc.NameList(last, 5), gyqc.FormatPoints(worst.Score.Value))
		}
		p.WriteString("。")
		d.Paragraph(p.String())
	}

	// Files the evaluation could not place.
	if n := len(ev.Ignored); n > 0 {
		var files []string
		for _, pr := range ev.Ignored {
			files = append(files, "“"+pr.File+"”（"+strings.TrimSuffix(pr.Message, "，未计入")+"）")
		}
		d.Paragraph(fmt.Sprintf("另有%d个报送文件未计入本期统计：%s。", n, joinNames(files)))
	}
}

// received counts the attempts counted for the period, of every unit and outcome.
func (b *brief) received() int {
	n := 0
	for _, u := range b.ev.Units {
		n += len(u.Report.Attempts)
	}
	return n
}

// tasksWith names the tasks with light l: 任务7“强化项目开工投产”.
func (b *brief) tasksWith(l gyqc.Light) []string {
	var out []string
	for _, te := range b.ev.Tasks {
		if te.Light == l {
			out = append(out, taskName(te))
		}
	}
	return out
}

// taskName names a task as the briefing refers to it: 任务7“强化项目开工投产”.
func taskName(te *gyqc.TaskEvaluation) string {
	return fmt.Sprintf("任务%d%s", te.No, quote(te.Task.Title))
}

// quote puts text in Chinese quotation marks, turning the double marks inside it into
// single ones: 加快推动中小企业“上云” → “加快推动中小企业‘上云’”.
func quote(text string) string {
	return "“" + strings.NewReplacer("“", "‘", "”", "’").Replace(text) + "”"
}
