package render

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// problems writes 四、存在问题: the problems and matters to coordinate that units reported,
// grouped by task and attributed, then the tasks with a red or yellow light and the
// indicators behind their expectation.
func (b *brief) problems() {
	d, ev := b.d, b.ev
	d.Heading(1, "存在问题")

	// What the units reported.
	d.Heading(2, "各单位反映的问题和需协调事项")
	n := 0
	for _, te := range ev.Tasks {
		var parts []string
		for _, list := range [][]gyqc.TaskEntry{te.Leads, te.Supports} {
			for _, e := range list {
				if e.Report == nil || isNothing(e.Report.Issues) {
					continue
				}
				parts = append(parts, "【"+e.Unit.Name+"】"+sentence(e.Report.Issues))
			}
		}
		if len(parts) == 0 {
			continue
		}
		n++
		d.Spans(Span{Text: fmt.Sprintf("%d．%s：", te.No, te.Task.Title), Bold: true}, Span{Text: strings.Join(parts, "")})
	}
	if n == 0 {
		if b.received() == 0 {
			d.Paragraph("本期未收到各单位报送的材料，暂无各单位反映的问题。")
		} else {
			d.Paragraph("本期各单位未反映存在问题和需要协调的事项。")
		}
	}

	// Lagging tasks and indicators.
	d.Heading(2, "推进滞后的任务和指标")
	lagging := false
	for _, l := range []gyqc.Light{gyqc.LightRed, gyqc.LightYellow} {
		var names []string
		runs := map[int]int{}
		for _, te := range ev.Tasks {
			if te.Light != l {
				continue
			}
			run := lightRun(te)
			runs[run]++
			name := taskName(te)
			if run >= 2 {
				name += fmt.Sprintf("（已连续%d个月%s）", run, l.Label())
			}
			names = append(names, name)
		}
		switch {
		case len(names) == 0:
			continue
		case len(names) > 1 && len(names) == len(ev.Tasks) && len(runs) == 1:
			// Every task alike: one sentence instead of the same words for each.
			s := fmt.Sprintf("全部%d项任务均亮%s", len(names), l.Label())
			if run := lightRun(ev.Tasks[0]); run >= 2 {
				s += fmt.Sprintf("，且已连续%d个月", run)
			}
			d.Paragraph(s + "。")
		default:
			d.Paragraph(fmt.Sprintf("亮%s的任务%d项：%s。", l.Label(), len(names), joinNames(names)))
		}
		lagging = true
	}
	for _, st := range []gyqc.IndicatorStatus{gyqc.IndicatorFarBehind, gyqc.IndicatorBehind} {
		var reasons []string
		for _, ie := range ev.Indicators {
			if ie.Status == st {
				reasons = append(reasons, strings.TrimSuffix(ie.Reason, "。"))
			}
		}
		if len(reasons) > 0 {
			lagging = true
			d.Paragraph(fmt.Sprintf("%s的指标%d项：%s。", st.Label(), len(reasons), strings.Join(reasons, "；")))
		}
	}
	if !lagging {
		d.Paragraph("本期没有亮红灯或黄灯的任务，也没有滞后于时序进度的指标。")
	}
}
