package render

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// maxProblemTasks is how many tasks section 四 quotes the units' problems of; the others
// are counted, and their texts are in the consolidated workbook's 明细 sheet.
const maxProblemTasks = 5

// problems writes 四、存在问题和需协调事项: what units wrote under 存在问题及需协调事项, by
// task, red tasks first, then yellow, then the rest, each text attributed and texts that
// say nothing (无, 暂无需协调解决的问题) left out; units writing the same text are named
// together. At most maxProblemTasks tasks are quoted; the rest are counted.
func (b *brief) problems() {
	d, ev := b.d, b.ev
	d.Heading(1, "存在问题和需协调事项")
	type taskProblems struct {
		te    *gyqc.TaskEvaluation
		parts []string
		units int
	}
	var list []taskProblems
	for _, l := range []gyqc.Light{gyqc.LightRed, gyqc.LightYellow, gyqc.LightGreen, gyqc.LightNone} {
		for _, te := range ev.Tasks {
			if te.Light != l {
				continue
			}
			var by countBy
			for _, entries := range [][]gyqc.TaskEntry{te.Leads, te.Supports} {
				for _, e := range entries {
					if e.Report != nil && !isNothing(e.Report.Issues) {
						by.add(sentence(strings.TrimSpace(e.Report.Issues)), e.Unit.Name)
					}
				}
			}
			if len(by.keys) == 0 {
				continue
			}
			tp := taskProblems{te: te}
			for _, text := range by.keys {
				tp.parts = append(tp.parts, "【"+gyqc.NameList(by.names[text], 3)+"】"+text)
				tp.units += len(by.names[text])
			}
			list = append(list, tp)
		}
	}
	if len(list) == 0 {
		if b.received() == 0 {
			d.Paragraph("本期未收到各单位报送的材料，暂无各单位反映的问题。")
		} else {
			d.Paragraph("本期各单位未反映存在问题和需要协调的事项。")
		}
		return
	}
	units := 0
	for _, tp := range list {
		units += tp.units
	}
	intro := fmt.Sprintf("本期各单位就%d项任务反映问题和需协调事项%d条", len(list), units)
	if len(list) > maxProblemTasks {
		lit := 0
		for _, tp := range list[:maxProblemTasks] {
			if tp.te.Light == gyqc.LightRed || tp.te.Light == gyqc.LightYellow {
				lit++
			}
		}
		if lit == maxProblemTasks {
			intro += fmt.Sprintf("，表%d列出其中%d项亮灯任务的，其余见汇总表“明细”工作表", b.tables+1, maxProblemTasks)
		} else {
			intro += fmt.Sprintf("，亮灯任务的问题在前，表%d列出其中%d项任务的，其余见汇总表“明细”工作表", b.tables+1, maxProblemTasks)
		}
	} else {
		intro += fmt.Sprintf("，见表%d", b.tables+1)
	}
	d.Paragraph(intro + "。")
	rows := make([][]Cell, 0, maxProblemTasks)
	for _, tp := range list[:min(len(list), maxProblemTasks)] {
		rows = append(rows, []Cell{{Light: tp.te.Light, Spans: []Span{{Text: fmt.Sprintf("\n%d．%s", tp.te.No, tp.te.Task.Title)}}},
			{Text: strings.Join(tp.parts, "\n")}})
	}
	d.Table(Table{
		Caption:  b.table("各单位反映的问题和需协调事项"),
		Columns:  []Column{{Header: "任务"}, {Header: "问题和需协调事项（【】内为反映的单位）"}},
		Rows:     rows,
		FontSize: sizeSmall,
	})
}
