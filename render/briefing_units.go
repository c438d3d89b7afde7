package render

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// reporting writes 五、报送及考核情况: the units named for late, missing and refused reports
// (通报) and for runs of them, the score ranking with every unit's lost points, and the
// units that did well.
func (b *brief) reporting() {
	d, ev, s := b.d, b.ev, b.ev.Summary
	d.Heading(1, "报送及考核情况")

	// 通报.
	d.Heading(2, "报送情况")
	var late, missing, pending, refused []string
	for _, u := range ev.Units {
		r := u.Report
		switch {
		case r.State == gyqc.StateLate:
			late = append(late, fmt.Sprintf("%s（迟报%s）", u.Name, gyqc.DurationLabel(r.Late)))
		case r.State == gyqc.StateRefused:
			refused = append(refused, u.Name+"（"+refusal(r)+"）")
		case r.Pending():
			pending = append(pending, u.Name)
		case r.State == gyqc.StateMissing:
			missing = append(missing, u.Name)
		}
	}
	head := fmt.Sprintf("本期应报送单位%d个，按时报送%d个。", s.Units, s.OnTime)
	var kinds []string
	for _, k := range []struct {
		label string
		n     int
	}{{"迟报", len(late)}, {"未报送", len(missing)}, {"报送被退回", len(refused)}} {
		if k.n > 0 {
			kinds = append(kinds, k.label)
		}
	}
	switch {
	case len(kinds) > 0:
		head += "现将" + joinNames(kinds) + "的单位通报如下。"
	case len(pending) == 0:
		head += "各单位均按时报送。"
	}
	d.Paragraph(head)
	for _, l := range []struct {
		label string
		names []string
	}{{"迟报的单位", late}, {"未报送的单位", missing}, {"报送被退回的单位", refused}, {"尚未报送的单位（未到截止时间）", pending}} {
		if len(l.names) > 0 {
			d.Spans(Span{Text: fmt.Sprintf("%s（%d个）：", l.label, len(l.names)), Bold: true}, Span{Text: joinNames(l.names) + "。"})
		}
	}
	var streaks []string
	for _, u := range ev.Units {
		if label := u.Streak.Label(); label != "" {
			streaks = append(streaks, fmt.Sprintf("%s%s（%s至%s）", u.Name, label, u.Streak.From.Label(), u.Streak.To.Label()))
		}
	}
	if len(streaks) > 0 {
		d.Spans(Span{Text: fmt.Sprintf("连续迟报或未报送的单位（%d个）：", len(streaks)), Bold: true}, Span{Text: joinNames(streaks) + "。"})
	} else {
		d.Paragraph("没有连续两个月及以上迟报或未报送的单位。")
	}

	// Scores.
	d.Heading(2, "考核得分")
	a := b.plan.Assessment
	var cats []string
	for _, c := range gyqc.Categories {
		cats = append(cats, c.Label())
	}
	d.Paragraph(fmt.Sprintf("按方案考核规则，各单位本期满分%s分，按%s扣分。各单位得分、排名及扣分情况见表%d。",
		gyqc.FormatPoints(a.FullScore), joinNames(cats), b.tables+1))
	rows := make([][]Cell, 0, len(ev.Ranking))
	for _, u := range ev.Ranking {
		rank := fmt.Sprint(u.Rank)
		if u.Tied {
			rank = "并列" + rank
		}
		rows = append(rows, []Cell{{Text: rank}, {Text: u.Name}, {Text: gyqc.FormatPoints(u.Score.Value)}, {Spans: deductionSpans(u.Score)}})
	}
	if len(rows) == 0 {
		d.Paragraph("本期没有需要考核的单位。")
	} else {
		d.Table(Table{
			Caption: b.table("各单位考核得分及扣分情况"),
			Columns: []Column{{Header: "名次", Width: 1.9, Align: AlignCenter}, {Header: "单位", Width: 4.6},
				{Header: "得分", Width: 1.4, Align: AlignRight}, {Header: "扣分情况", Width: 9.1}},
			Rows: rows,
		})
	}

	// Units that did well.
	d.Heading(2, "表现较好的单位")
	var good, always []string
	for _, u := range ev.Units {
		if u.Report.State != gyqc.StateOnTime || u.Score.Lost > 0 || len(u.Score.NoData) > 0 {
			continue
		}
		good = append(good, u.Name)
		if len(u.History) > 1 && u.Counts.Late+u.Counts.Missing+u.Counts.Refused == 0 {
			always = append(always, u.Name)
		}
	}
	if len(good) == 0 {
		d.Paragraph("本期没有按时报送且未被扣分的单位。")
		return
	}
	d.Spans(Span{Text: fmt.Sprintf("按时报送且未被扣分的单位（%d个）：", len(good)), Bold: true}, Span{Text: joinNames(good) + "。"})
	if len(always) > 0 {
		d.Paragraph(fmt.Sprintf("其中，%s自%s以来每月均按时报送，未被退回。", joinNames(always), ev.Periods[0].Label()))
	}
}

// refusal says why a unit's latest file was refused: 第2版文件：数字格式有误等3个错误.
func refusal(r *gyqc.ReportState) string {
	if r.Latest == nil {
		return "报送被退回"
	}
	s := fmt.Sprintf("第%d版文件被退回", r.Latest.Version)
	if errs := r.Latest.Problems.Errors(); len(errs) > 0 {
		s += "：" + strings.TrimSuffix(errs[0].Message, "。")
		if len(errs) > 1 {
			s += fmt.Sprintf("等%d个错误", len(errs))
		}
	}
	if r.Current != nil {
		s += "，仍以此前接收的版本为准"
	}
	return s
}

// deductionSpans is the 扣分情况 cell of a unit: the points lost in each part of the score
// with every reason, one part a line; the parts that could not be assessed; or 未扣分.
func deductionSpans(sc gyqc.Score) []Span {
	var spans []Span
	line := func(label, text string) {
		if len(spans) > 0 {
			spans = append(spans, Span{Text: "\n"})
		}
		spans = append(spans, Span{Text: label, Bold: true}, Span{Text: text})
	}
	for _, c := range gyqc.Categories {
		var ds []gyqc.Deduction
		for _, d := range sc.Deductions {
			if d.Category == c {
				ds = append(ds, d)
			}
		}
		if len(ds) == 0 {
			continue
		}
		texts := make([]string, 0, len(ds))
		for _, d := range ds {
			t := strings.TrimSuffix(d.Reason, "。")
			if len(ds) > 1 {
				t += "（扣" + gyqc.FormatPoints(d.Points) + "分）"
			}
			texts = append(texts, t)
		}
		line(c.Label()+"扣"+gyqc.FormatPoints(sc.LostIn(c))+"分：", strings.Join(texts, "；")+"。")
	}
	if len(sc.NoData) > 0 {
		var labels []string
		for _, c := range sc.NoData {
			labels = append(labels, c.Label())
		}
		line("无数据：", joinNames(labels)+"因无有效报送无法评价。")
	}
	for _, n := range sc.Notes {
		line("说明：", sentence(n))
	}
	if len(spans) == 0 {
		return []Span{{Text: "未扣分"}}
	}
	return spans
}
