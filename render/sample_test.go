package render

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

// sample is a briefing-like document and what it should show.
type sample struct {
	doc      *Document
	texts    []string // every text given to the document, each to come back whole
	headings []string // numbered headings, in order
	tables   []string // header rows of tables that span pages (whitespace removed)
	strip    []string // repeated texts (headers, continued captions) to ignore when reading
}

// Texts with the cases the engine must survive.
const (
	mixedText = "2025年1—6月，全区规上工业总产值完成312.45亿元，同比增长8.7%；其中Q2环比增长3.2 percent，" +
		"PMI为51.3，R&D投入强度2.15%。详见https://www.qianjiang.gov.cn/zwgk/2025/06/industrial-briefing-report-final.pdf（内部资料），" +
		"原件存于C:\\简报\\(2025)第6期.docx。"
	rareText    = "吉字的异体“𠮷”（U+20BB7）和彝文“ꀀ”都无法用已安装的字体显示，应以方框代替而不致丢失其他文字。"
	invalidText = "一处坏字节\xff混在文字中；零宽\u200b空格和字节序标记\ufeff不可见。"
	quoteText   = "《黔江区“工业强城”建设实施方案》（2022—2025年）提出：“到2025年，全区规模以上工业企业达到100家及以上。”"
)

// sampleDocument builds a briefing for units units, with every kind of block and the
// difficult texts above.
func sampleDocument(tb testing.TB, fs *FontSet, units int) *sample {
	tb.Helper()
	plan := planfile.Default()
	doc, err := NewDocument(Options{Fonts: fs, Title: "工业强城建设工作简报（2025年第6期）",
		Subject: "2025年6月“工业强城”建设推进情况", Author: plan.Briefing.Issuer,
		Date: time.Date(2025, 7, 5, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))})
	if err != nil {
		tb.Fatal(err)
	}
	s := &sample{doc: doc}
	para, heading, lights := s.para, s.heading, sampleLights

	m := PlanMasthead(plan.Briefing, 6, "2025年7月5日")
	doc.Masthead(m)
	doc.Title("2025年6月“工业强城”建设推进情况")
	doc.Subtitle("（截至2025年6月30日）")
	s.texts = append(s.texts, m.Name, m.Issue, m.Office, m.Date, "2025年6月“工业强城”建设推进情况", "（截至2025年6月30日）")

	heading(1, "总体情况")
	for _, task := range plan.Tasks[:3] {
		para(task.Text)
	}
	para(mixedText)
	para(rareText)
	para(invalidText)
	for k := 0; k < 28; k += 3 { // closing and opening marks fall at every place of a line
		para(strings.Repeat("工", k) + quoteText)
	}
	doc.Spans(Span{Text: "牵头单位：", Role: RoleHeading}, Span{Text: "区经济信息委、正阳工业园区管委会。"},
		Span{Text: "配合单位：", Role: RoleHeading}, Span{Text: "区科技局。"})
	s.texts = append(s.texts, "牵头单位：区经济信息委、正阳工业园区管委会。配合单位：区科技局。")

	s.indicatorSection(plan)

	heading(1, "重点任务推进情况")
	for _, p := range plan.Projects {
		heading(2, p.Name)
		for j, no := range p.Tasks {
			task := plan.Task(no)
			summary := fmt.Sprintf("%d.%s：本月按计划推进，完成年度目标的%d%%。", task.No, task.Title, 40+no)
			doc.Spans(Span{Light: lights[(no+j)%len(lights)]}, Span{Text: summary})
			s.texts = append(s.texts, summary)
		}
	}
	heading(2, "需要协调的事项")
	heading(3, "要素保障")
	para(plan.Tasks[23].Text)

	s.unitSections(plan, units)

	c := PlanColophon(plan.Briefing, "2025年7月5日")
	doc.Colophon(c)
	for _, d := range c.Distribution {
		s.texts = append(s.texts, d.Label+"："+d.Text)
	}
	s.texts = append(s.texts, c.Printer, c.Date+"印发")
	s.strip = append(s.strip, s.tables...)
	return s
}

// sampleLights are the lights the sample's rows take in turn.
var sampleLights = []gyqc.Light{gyqc.LightGreen, gyqc.LightYellow, gyqc.LightRed, gyqc.LightGreen, gyqc.LightNone}

// para writes a paragraph, to come back whole.
func (s *sample) para(text string) {
	s.doc.Paragraph(text)
	s.texts = append(s.texts, text)
}

// heading writes a numbered heading, to come back as a bookmark.
func (s *sample) heading(level int, text string) {
	s.headings = append(s.headings, strings.Repeat("  ", level-1)+s.doc.Heading(level, text))
}

// sampleUnitName is the name of the i-th unit of the sample, numbered past the registry.
func sampleUnitName(plan *gyqc.Plan, i int) string {
	u := plan.Registry.Units[i%len(plan.Registry.Units)]
	if i >= len(plan.Registry.Units) {
		return fmt.Sprintf("%s（%d）", u.Name, i/len(plan.Registry.Units)+1)
	}
	return u.Name
}

// indicatorSection writes 主要指标完成情况: a table of every indicator and a chart.
func (s *sample) indicatorSection(plan *gyqc.Plan) {
	s.heading(1, "主要指标完成情况")
	cols := []Column{{Header: "指标"}, {Header: "目标"}, {Header: "当前值", Align: AlignRight},
		{Header: "完成率", Align: AlignRight}, {Header: "序时进度", Align: AlignRight}, {Header: "亮灯", Align: AlignCenter}}
	var rows [][]Cell
	var bars []Bar
	for i, ind := range plan.Indicators {
		v := float64(i*37%140) + 0.25
		l := sampleLights[i%len(sampleLights)]
		row := Texts(ind.Name, ind.TargetLabel(), fmt.Sprintf("%.2f", v), fmt.Sprintf("%.1f%%", v), "83.3%")
		row = append(row, Cell{Light: l})
		rows = append(rows, row)
		bar := Bar{Label: ind.Name, Value: Percent(v), Expected: Percent(83.3), Light: l}
		if i%11 == 5 {
			bar.Value = nil
		}
		bars = append(bars, bar)
		s.texts = append(s.texts, ind.Name, ind.TargetLabel())
	}
	s.doc.Table(Table{Caption: "表1  主要指标完成情况", Columns: cols, Rows: rows,
		Note: "注：完成率为当前值与目标值之比；序时进度按方案期限内已过的时间计算。"})
	s.texts = append(s.texts, "表1  主要指标完成情况", "注：完成率为当前值与目标值之比；序时进度按方案期限内已过的时间计算。")
	s.tables = append(s.tables, "指标目标当前值完成率序时进度亮灯")
	s.doc.BarChart(BarChart{Caption: "图1  主要指标完成率", Bars: bars})
	s.strip = append(s.strip, "图1主要指标完成率（续）", "完成率：绿灯黄灯红灯暂无数据序时进度")
}

// unitSections writes 报送及考核情况 and the annex: tables of units rows, the annex with a
// row taller than a page.
func (s *sample) unitSections(plan *gyqc.Plan, units int) {
	s.heading(1, "报送及考核情况")
	var scores [][]Cell
	for i := 0; i < units; i++ {
		name := sampleUnitName(plan, i)
		late := []string{"按时", "迟报1天", "迟报3天2小时", "未报送"}[i%4]
		scores = append(scores, Texts(fmt.Sprint(i+1), name, late, fmt.Sprintf("%.1f", 100-float64(i%7)*2.5),
			[]string{"", "迟报扣2分", "迟报扣4分；数据不全扣1分", "未报送扣10分"}[i%4]))
		s.texts = append(s.texts, name)
	}
	s.doc.Table(Table{Caption: "表2  各单位报送及得分情况", Columns: []Column{{Header: "序号", Width: 1.2, Align: AlignCenter},
		{Header: "单位", Width: 4}, {Header: "报送", Width: 2.4}, {Header: "得分", Width: 1.4, Align: AlignRight},
		{Header: "扣分情况", Width: 4}}, Rows: scores})
	s.tables = append(s.tables, "序号单位报送得分扣分情况")

	s.heading(1, "附件")
	var progress [][]Cell
	for i := 0; i < units; i++ {
		task := plan.Tasks[i%len(plan.Tasks)]
		text := task.Text
		if i == 2 { // taller than a page: cut between lines
			text = strings.Repeat(task.Text, 9)
		}
		progress = append(progress, Texts(fmt.Sprint(task.No), task.Title, sampleUnitName(plan, i), text))
		s.texts = append(s.texts, task.Title, text)
	}
	s.doc.Table(Table{Caption: "附表  各单位报送的工作进展", Columns: []Column{{Header: "序号", Width: 1.1, Align: AlignCenter},
		{Header: "任务", Width: 2.6}, {Header: "单位", Width: 2.6}, {Header: "本月工作进展", Width: 8}}, Rows: progress})
	s.tables = append(s.tables, "序号任务单位本月工作进展")
}

// expected returns text as the document should show it: invisible characters dropped,
// characters no font draws (and those above U+FFFF, and invalid bytes) replaced by the
// replacement mark, whitespace removed.
func expected(fs *FontSet, text string) string {
	mark, _ := fs.replacementMark(RoleBody)
	var b strings.Builder
	for i, r := range text {
		switch {
		case r == '\uFFFD' && len(text[i:]) > 0 && text[i] == 0xFF:
			b.WriteRune(mark)
		case r == '\u200b' || r == '\ufeff' || r == '\n':
		case r > 0xFFFF || fs.Face(RoleBody, r) == nil:
			b.WriteRune(mark)
		default:
			b.WriteRune(r)
		}
	}
	return squeeze(b.String())
}
