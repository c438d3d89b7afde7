package consolidate

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// reportColumns are the columns of 报送情况.
var reportColumns = []Column{
	{Header: "序号", Width: 5, Center: true},
	{Header: "单位代码", Width: 8, Max: 16},
	{Header: "单位", Width: 16, Max: 24, Wrap: true},
	{Header: "报送状态", Width: 12, Wrap: true},
	{Header: "审核情况", Width: 14, Max: 40, Wrap: true},
	{Header: "首次接收时间", Width: 16},
	{Header: "迟报时长", Width: 10},
	{Header: "报送次数", Width: 6, Center: true},
	{Header: "被退回次数", Width: 6, Center: true},
	{Header: "当前版本", Width: 6, Center: true},
	{Header: "当前版本接收时间", Width: 16},
	{Header: "当前文件", Width: 20, Wrap: true},
	{Header: "当前文件哈希（前12位）", Width: 14},
	{Header: "最近一次处理结果", Width: 12, Wrap: true},
	{Header: "问题", Width: 40, Wrap: true},
	{Header: "连续迟报或未报送", Width: 12},
	{Header: "累计按时", Width: 6, Center: true},
	{Header: "累计迟报", Width: 6, Center: true},
	{Header: "累计未报送", Width: 6, Center: true},
	{Header: "累计被退回", Width: 6, Center: true},
	{Header: "联系人", Width: 8},
	{Header: "电话", Width: 13},
	{Header: "审核人", Width: 8},
	{Header: "电子邮箱", Width: 18, Max: 28},
	{Header: "锁定后补报", Width: 24, Wrap: true},
}

// reports builds 报送情况: every responsible unit's state in the period, when its files
// arrived, how late, how many versions, the problems of its latest file, and its record so far.
func (s *summary) reports() *Table {
	t := &Table{Name: SheetReports, Columns: reportColumns, Freeze: 3}
	contacts := s.contacts()
	for i, u := range s.ev.Units {
		r := u.Report
		first, late := noData("无"), noData("无")
		if r.First != nil {
			first = instant(r.First.Received, s.loc, "无")
			late = text("未迟报")
			if r.Late > 0 {
				late = text(gyqc.DurationLabel(r.Late))
			}
		}
		current, currentAt, file, hash := noData("无"), noData("无"), Cell{}, Cell{}
		if c := r.Current; c != nil {
			current, currentAt, file, hash = integer(c.Version), instant(c.Received, s.loc, "无"), text(c.FileName), text(shortHash(c.Hash))
		}
		latest, problems := noData("无"), Cell{}
		if l := r.Latest; l != nil {
			latest, problems = text(l.Outcome.Label()), text(problemSummary(l.Problems, l.Outcome))
		}
		ct := contacts[u.Code]
		t.Rows = append(t.Rows, []Cell{
			integer(i + 1),
			text(u.Code),
			text(u.Name),
			text(stateLabel(r)),
			text(s.reviewLabel(r)),
			first,
			late,
			integer(r.Versions),
			integer(r.Refused),
			current,
			currentAt,
			file,
			hash,
			latest,
			problems,
			text(u.Streak.Label()),
			integer(u.Counts.OnTime),
			integer(u.Counts.Late),
			integer(u.Counts.Missing),
			integer(u.Counts.Refused),
			text(ct.Name),
			text(ct.Phone),
			text(ct.Reviewer),
			text(ct.Email),
			text(s.supplements(u)),
		})
	}
	return t
}

// contacts returns the units' contacts as of the evaluation: from their latest returns
// (the attempts given, else those the evaluation counted), the units file as the fallback.
func (s *summary) contacts() map[string]gyqc.Contact {
	subs := s.subs
	if subs == nil {
		for _, u := range s.ev.Units {
			for _, a := range u.Report.Attempts {
				subs = append(subs, *a)
			}
		}
	}
	return gyqc.Contacts(s.plan, subs, s.ev.Now)
}

// problemSummary counts a file's errors and warnings and lists the first few, with where
// they are, sending the reader for the rest to the 意见单 of its outcome o.
func problemSummary(ps gyqc.Problems, o gyqc.Outcome) string {
	errs, warns := ps.Errors(), ps.Warnings()
	if len(errs)+len(warns) == 0 {
		return ""
	}
	explained := 0
	for _, w := range warns {
		if w.Explained {
			explained++
		}
	}
	var head []string
	if len(errs) > 0 {
		head = append(head, fmt.Sprintf("错误%d个", len(errs)))
	}
	if len(warns) > 0 {
		h := fmt.Sprintf("警告%d个", len(warns))
		if explained > 0 {
			h += fmt.Sprintf("（已说明%d个）", explained)
		}
		head = append(head, h)
	}
	lines := []string{strings.Join(head, "，")}
	for i, p := range append(errs, warns...) {
		if i == 5 {
			lines = append(lines, fmt.Sprintf("……共%d个问题，详见%s", len(errs)+len(warns), o.FeedbackTitle()))
			break
		}
		where := strings.TrimSpace(p.Sheet + " " + p.Cell)
		if where != "" {
			where += "："
		}
		lines = append(lines, p.Severity.Label()+"："+where+p.Message)
	}
	return strings.Join(lines, "\n")
}

// scoreColumns are the columns of 单位考核.
var scoreColumns = []Column{
	{Header: "排名", Width: 5, Center: true},
	{Header: "名次", Width: 10},
	{Header: "单位代码", Width: 8, Max: 16},
	{Header: "单位", Width: 16, Max: 24, Wrap: true},
	{Header: "得分", Width: 7},
	{Header: "满分", Width: 6},
	{Header: "扣分合计", Width: 7},
	{Header: "报送及时性扣分", Width: 8},
	{Header: "报送质量扣分", Width: 8},
	{Header: "任务推进扣分", Width: 8},
	{Header: "指标完成扣分", Width: 8},
	{Header: "加分", Width: 6}, // gyqc.CategoryCredit: adopted 经验做法
	{Header: "扣分明细", Width: 60, Wrap: true},
	{Header: "说明", Width: 24, Wrap: true},
	{Header: "本期报送状态", Width: 12, Wrap: true},
	{Header: "连续迟报或未报送", Width: 12},
}

// scores builds 单位考核: the units by score, best first, each with its breakdown by part and
// every deduction with its rule and reason.
func (s *summary) scores() *Table {
	t := &Table{Name: SheetScores, Columns: scoreColumns, Freeze: 4}
	for _, u := range s.ev.Ranking {
		sc := u.Score
		row := []Cell{
			integer(u.Rank),
			text(u.RankLabel()),
			text(u.Code),
			text(u.Name),
			number(sc.Value, FormatScore),
			number(sc.Full, FormatScore),
			number(sc.Lost, FormatScore),
		}
		for _, c := range gyqc.Categories {
			if sc.Assessed(c) {
				row = append(row, number(sc.LostIn(c), FormatScore))
			} else {
				row = append(row, noData("无数据"))
			}
		}
		var lines []string
		for _, d := range sc.Deductions {
			line := "【" + d.Category.Label() + "】" + d.Penalty.Label() + "：" + d.Reason
			verb := "扣"
			if d.Category == gyqc.CategoryCredit {
				verb = "加"
			}
			if d.Points > 0 {
				line += "，" + verb + gyqc.FormatPoints(d.Points) + "分"
			} else {
				line += "，不再" + verb + "分"
			}
			lines = append(lines, line)
		}
		notes := append([]string(nil), sc.Notes...)
		for _, c := range sc.NoData {
			notes = append(notes, c.Label()+"无数据（未收到可接受的报送文件），不作评价")
		}
		row = append(row, text(strings.Join(lines, "\n")), text(strings.Join(notes, "\n")),
			text(stateLabel(u.Report)), text(u.Streak.Label()))
		t.Rows = append(t.Rows, row)
	}
	return t
}

// supplements lists the unit's returns for locked periods collected after the lock (补报),
// across the periods evaluated: 2025-05第2版（2025-06-12 10:00收到）.
func (s *summary) supplements(u *gyqc.UnitEvaluation) string {
	var parts []string
	for _, r := range u.History {
		for _, sub := range r.Supplements {
			parts = append(parts, fmt.Sprintf("%s第%d版（%s收到）", sub.Period, sub.Version, sub.Received.In(s.loc).Format("2006-01-02 15:04")))
		}
	}
	return strings.Join(parts, "；")
}
