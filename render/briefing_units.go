package render

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// maxScoreRows limits the score table of section 五 for large registries to the lowest
// scores; the rest are counted and are in the workbook.
const maxScoreRows = 15

// reporting writes 五、报送及考核情况: the units named for late, missing and refused reports
// (通报) and for runs of them; then the scores: the units that lost no points counted in one
// line, and a table of the units that lost points, lowest first, with the evaluation's
// reasons in words.
func (b *brief) reporting() {
	d, ev := b.d, b.ev
	d.Heading(1, "报送及考核情况")

	// 通报.
	d.Heading(2, "报送情况")
	var late, missing, pending, refused []string
	for _, u := range ev.Units {
		r := u.Report
		switch r.Shown() {
		case gyqc.StateNotYetDue:
			pending = append(pending, u.Name)
		case gyqc.StateLate:
			late = append(late, fmt.Sprintf("%s（%s）", u.Name, r.Label()))
		case gyqc.StateRefused:
			refused = append(refused, u.Name+"（"+refusal(r)+"）")
		case gyqc.StateMissing:
			missing = append(missing, u.Name)
		}
	}
	if len(late)+len(missing)+len(refused)+len(pending) == 0 {
		d.Paragraph("各单位均按时报送。")
	}
	for _, l := range []struct {
		label string
		names []string
	}{{gyqc.StateLate.Label() + "的单位", late}, {gyqc.StateMissing.Label() + "的单位", missing},
		{gyqc.StateRefused.Label() + "的单位", refused}, {pendingLabel + "的单位", pending}} {
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
	}
	b.supplements()
	b.scores()
}

// scores writes the score part of section 五.
func (b *brief) scores() {
	d, ev := b.d, b.ev
	d.Heading(2, "考核得分")
	if len(ev.Ranking) == 0 {
		d.Paragraph("本期没有需要考核的单位。")
		return
	}
	var cats []string
	for _, c := range gyqc.Categories {
		if c != gyqc.CategoryCredit {
			cats = append(cats, c.Label())
		}
	}
	rules := joinNames(cats) + "扣分"
	if r, ok := b.plan.Assessment.Penalty(gyqc.RulePractice); ok && r.Points > 0 {
		rules += "，经验做法被简报采用的加分"
	}
	var full, lost []*gyqc.UnitEvaluation
	for _, u := range ev.Ranking {
		if u.Score.Lost == 0 {
			full = append(full, u)
		} else {
			lost = append(lost, u)
		}
	}
	var p strings.Builder
	fmt.Fprintf(&p, "按“工业强城”专项考核规则，各单位本期满分%s分，按%s。%d个单位中，", gyqc.FormatPoints(b.plan.Assessment.FullScore), rules, len(ev.Ranking))
	fmt.Fprintf(&p, "未扣分的%d个", len(full))
	switch {
	case len(lost) == 0:
		p.WriteString("，各单位均未扣分。")
	case len(lost) > maxScoreRows:
		fmt.Fprintf(&p, "；扣分的%d个，得分最低的%d个单位及扣分原因见表%d，其余见汇总表“单位考核”工作表。", len(lost), maxScoreRows, b.tables+1)
	default:
		fmt.Fprintf(&p, "；扣分的%d个，其得分和扣分原因见表%d。", len(lost), b.tables+1)
	}
	d.Paragraph(p.String())
	if len(lost) == 0 {
		return
	}
	shown := lost[max(0, len(lost)-maxScoreRows):]
	rows := make([][]Cell, 0, len(shown))
	for _, u := range shown {
		rank := fmt.Sprint(u.Rank)
		if u.Tied {
			rank = "并列" + rank
		}
		rows = append(rows, []Cell{{Text: rank}, {Text: u.Name}, {Text: gyqc.FormatPoints(u.Score.Value)}, {Spans: b.deductionSpans(u)}})
	}
	d.Table(Table{
		Caption: b.table("扣分单位得分及扣分原因"),
		Note:    b.scoreNote(shown),
		Columns: []Column{{Header: "名次", Align: AlignCenter, NoWrap: true}, {Header: "单位"},
			{Header: "得分", Align: AlignRight, NoWrap: true}, {Header: "扣分原因"}},
		Rows:     rows,
		FontSize: sizeSmall,
	})
}

// refusal says why a unit's latest file was refused: 第2版文件被退回：数字格式有误等3个问题.
func refusal(r *gyqc.ReportState) string {
	if ret := r.Returned; ret != nil {
		return fmt.Sprintf("第%d版经审核退回：%s", ret.Version, strings.TrimSuffix(tight(ret.Reason), "。"))
	}
	if r.Latest == nil {
		return "报送被退回"
	}
	s := fmt.Sprintf("第%d版文件被退回", r.Latest.Version)
	if g := r.Latest.Problems.Gist(); g != "" {
		s += "：" + tight(g)
	}
	if r.Current != nil {
		s += "，仍以此前接收的版本为准"
	}
	return s
}

// scoreNote says where the items a deduction names are explained, that refused files of a
// unit charged as not reporting cost nothing more, and that every deduction is in the
// summary workbook in full.
func (b *brief) scoreNote(shown []*gyqc.UnitEvaluation) string {
	var parts []string
	if b.taskTable > 0 {
		parts = append(parts, fmt.Sprintf("亮红灯任务的原因见表%d", b.taskTable))
	}
	if b.indicatorTableNo > 0 {
		parts = append(parts, fmt.Sprintf("“表%d第N项”指表%d中序号为N的指标", b.indicatorTableNo, b.indicatorTableNo))
	}
	for _, u := range shown {
		if u.Report != nil && u.Report.Current == nil && refusedVersions(u.Report) != "" {
			parts = append(parts, "被退回后未更正重报的按未报送计，退回不另扣分")
			break
		}
	}
	parts = append(parts, "每项扣分的规则、分值和原因见汇总表“单位考核”工作表的“扣分明细”列")
	return "注：" + strings.Join(parts, "；") + "。"
}

// supplements names the returns for earlier, locked periods collected after their sign-off
// (补报): they change nothing of those periods, and the briefing says so.
func (b *brief) supplements() {
	var parts []string
	loc := b.plan.Location()
	for _, sp := range b.ev.Supplements {
		s := sp.Submission
		name := s.Unit
		if u := b.plan.Registry.Unit(s.Unit); u != nil {
			name = u.Name
		}
		parts = append(parts, fmt.Sprintf("%s补报%s的报送材料（%d月%d日收到，%s）", name, s.Period.Label(),
			int(s.Received.In(loc).Month()), s.Received.In(loc).Day(), s.Outcome.Label()))
	}
	if len(parts) == 0 {
		return
	}
	b.d.Spans(Span{Text: fmt.Sprintf("锁定后补报（%d份）：", len(parts)), Bold: true},
		Span{Text: joinNames(parts) + "。相关报送期已签发锁定，补报材料存档备查，不改变已印发的结果。"})
}
