package render

import (
	"fmt"
	"sort"
	"strings"
)

// practices writes 经验做法: the practices the office adopted from the units' reports (gyqc
// Review, UnitEvaluation.Adopted), each with its unit and task, in task order; nothing when
// none was adopted.
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
	b.d.Paragraph(fmt.Sprintf("经领导小组办公室审核，以下%d条做法予以采用，供各单位学习借鉴。", len(items)))
	for _, it := range items {
		// The task by number, and by title unless the practice names it itself
		// (建立做大做强主导产业周调度… for 做大做强主导产业).
		head := fmt.Sprintf("%s（任务%d", it.unit, it.task)
		if t := b.plan.Task(it.task); t != nil && !strings.Contains(tight(it.text), tight(t.Title)) {
			head += quote(t.Title)
		}
		b.d.Spans(Span{Text: head + "）：", Bold: true}, Span{Text: tight(it.text)})
	}
}
