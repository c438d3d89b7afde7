package render

import (
	"fmt"
	"sort"
	"strings"
)

// practices writes 经验做法: a table of the practices the office adopted from the units'
// reports (gyqc Review, UnitEvaluation.Adopted), each in the unit's words with its unit and
// task, in task order — a row of 五号 takes a third of the height of a paragraph of 三号;
// nothing when none was adopted.
func (b *brief) practices() {
	type item struct {
		task       int
		unit, text string
	}
	var items []item
	for _, u := range b.ev.Units {
		if u.Report == nil || u.Report.Current == nil {
			continue
		}
		for _, no := range u.Adopted {
			if tr := u.Report.Current.Task(no); tr != nil && strings.TrimSpace(tr.Practice) != "" {
				items = append(items, item{no, u.Name, tr.Practice})
			}
		}
	}
	if len(items) == 0 {
		return
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].task < items[j].task })
	b.d.Heading(1, "经验做法")
	b.d.Paragraph(fmt.Sprintf("经审核采用的%d条做法见表%d，供各单位学习借鉴。", len(items), b.tables+1))
	rows := make([][]Cell, 0, len(items))
	for _, it := range items {
		task := fmt.Sprintf("%d", it.task)
		if t := b.plan.Task(it.task); t != nil {
			task = fmt.Sprintf("%d．%s", it.task, t.Title)
		}
		rows = append(rows, []Cell{{Text: it.unit}, {Text: task}, {Text: tight(it.text)}})
	}
	b.d.Table(Table{Caption: b.table("本期采用的经验做法"), Columns: []Column{{Header: "单位"}, {Header: "任务"}, {Header: "做法"}},
		Rows: rows, FontSize: sizeSmall})
}
