package render

import (
	"fmt"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
)

func TestScratch(t *testing.T) {
	fs, err := FindFonts(FontOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDocument(Options{Fonts: fs, Title: "测试"})
	if err != nil {
		t.Fatal(err)
	}
	plan := gyqc.DefaultPlan()
	d.Masthead(PlanMasthead(plan.Briefing, 3, "2025年7月5日"))
	d.Title("2025年6月“工业强城”建设推进情况")
	d.Heading(1, "主要指标完成情况")
	var rows [][]Cell
	var bars []Bar
	lights := []gyqc.Light{gyqc.LightGreen, gyqc.LightYellow, gyqc.LightRed, gyqc.LightNone}
	for i, ind := range plan.Indicators {
		v := float64(i*7%130) + 0.5
		row := Texts(ind.Name, ind.TargetLabel(), fmt.Sprintf("%.1f", v), fmt.Sprintf("%.1f%%", v), "58.3%")
		row = append(row, Cell{Light: lights[i%4]})
		rows = append(rows, row)
		b := Bar{Label: ind.Name, Value: Percent(v), Expected: Percent(58.3), Light: lights[i%4]}
		if i%9 == 4 {
			b.Value = nil
		}
		bars = append(bars, b)
	}
	d.Table(Table{Caption: "表1  主要指标完成情况", Columns: []Column{{Header: "指标"}, {Header: "目标"}, {Header: "当前值", Align: AlignRight}, {Header: "完成率", Align: AlignRight}, {Header: "时序进度", Align: AlignRight}, {Header: "亮灯", Align: AlignCenter}}, Rows: rows, Note: "注：完成率为当前值与目标值之比；时序进度按方案期限内已过时间计算。"})
	d.BarChart(BarChart{Caption: "图1  主要指标完成率", Bars: bars})
	d.Heading(1, "附件")
	var long [][]Cell
	for _, task := range plan.Tasks[:5] {
		long = append(long, Texts(fmt.Sprint(task.No), task.Title, task.Text+task.Text+task.Text))
	}
	d.Table(Table{Columns: []Column{{Header: "序号", Width: 1, Align: AlignCenter}, {Header: "任务", Width: 3}, {Header: "进展情况", Width: 10}}, Rows: long})
	d.Colophon(PlanColophon(plan.Briefing, "2025年7月5日"))
	start := time.Now()
	if err := d.WriteFile("/tmp/rscratch/a.pdf"); err != nil {
		t.Fatal(err)
	}
	t.Log(time.Since(start))
}
