package templates

import (
	"strings"

	"github.com/qianjiang/gyqc"
	"github.com/xuri/excelize/v2"
)

// coversMonths is how many months a 数据截至 may lie before the period: a year of figures.
const coversMonths = 12

// CoversChoices returns the months a report for period p may say its figure covers, newest
// first, as the drop-down of 数据截至 offers them: the period itself and the year before it.
func CoversChoices(p gyqc.Period) []gyqc.Period {
	out := make([]gyqc.Period, 0, coversMonths)
	for i := 0; i < coversMonths; i++ {
		out = append(out, p.Add(-i))
	}
	return out
}

// coversAndGrowth gives the 数据截至 cells their drop-down and prompt, and the 同比增长 cells
// of flows a percentage format and a number check; the 同比增长 cells of other indicators stay
// locked and empty. Layouts without these columns are left alone.
func (b *builder) coversAndGrowth(t *Table, list []*gyqc.Indicator, first int) {
	if b.err != nil || len(list) == 0 {
		return
	}
	if t.Index(FieldCovers) > 0 {
		var labels []string
		for _, p := range CoversChoices(b.period) {
			labels = append(labels, p.Label())
		}
		for i, ind := range list {
			dv := excelize.NewDataValidation(true)
			dv.SetSqref(t.Cell(FieldCovers, first+i))
			b.check(dv.SetDropList(labels))
			dv.SetInput("数据截至", "本期值所属的月份。已按统计数据的发布时间预填为"+ind.Latest(b.period).Label()+
				"；实际填报的数据截至其他月份的，请从下拉列表中改选。")
			dv.SetError(excelize.DataValidationErrorStyleStop, "数据截至有误", "请从下拉列表中选择月份，例如 "+labels[0])
			b.validate(t.Sheet, dv)
		}
	}
	if t.Index(FieldGrowth) > 0 {
		for i, ind := range list {
			c := t.Cell(FieldGrowth, first+i)
			if ind.Kind != gyqc.KindFlow {
				b.check(b.f.SetCellStyle(t.Sheet, c, c, b.st.lockedCenter))
				continue
			}
			b.check(b.f.SetCellStyle(t.Sheet, c, c, b.st.inputPercent))
			dv := excelize.NewDataValidation(true)
			dv.SetSqref(c)
			b.check(dv.SetRange(-100, 10000, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
			dv.SetInput("同比增长（%）", "本年累计比上年同期增长的百分数，如 8.5 表示增长 8.5%，下降填负数；"+
				"统计部门只发布增速、暂无总量的，可只填本栏，本期值留空。")
			dv.SetError(excelize.DataValidationErrorStyleStop, "同比增长有误", "请填写百分数的数值，如 8.5 表示增长 8.5%")
			b.validate(t.Sheet, dv)
		}
	}
}

// ParseCovers reads a 数据截至 as a unit may have written it: 2025年6月 (as the drop-down
// offers), 2025-06, 2025/6, 2025.6, 2025年1—6月, or a date cell's date (2025-06-30). ok is
// false when the text names no month.
func ParseCovers(in Input) (gyqc.Period, bool) {
	s := strings.TrimSpace(in.Text)
	if in.Kind == KindDate && len(in.Date) >= 7 {
		s = in.Date[:7]
	}
	return gyqc.ParseMonthText(s)
}
