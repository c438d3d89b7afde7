package templates

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/celltext"
)

// guideSteps are the numbered instructions of the 填报说明 sheet.
var guideSteps = []string{
	"本表共三张工作表：“填报说明”（本页）、“任务进展”和“指标填报”。浅黄色底纹的单元格为填写区域，其余内容已锁定。",
	"“任务进展”：每一行（牵头和配合的任务都要填）从下拉列表选择本月的“进展状态”（“上期状态”是上月所报，仅供参考，不会沿用），" +
		"填写“本月工作进展”“存在问题及需协调事项”“下月工作计划”，有好的经验做法的填入“经验做法”（选填）。" +
		"牵头单位填写任务的总体进展；配合单位填写本单位为该任务所做的工作，本月没有开展相关工作的，选“本月无相关工作”，可不填工作进展。" +
		"状态为“滞后”或“未启动”的，须写明原因和下一步安排。",
	"“指标填报”：按“计量单位”填写“本期值”，只填数字，不带单位、%号或文字（如填 12.5，不写“12.5亿元”“约12亿”）；" +
		"百分比指标填百分数的数值（填 18.5，单元格显示为 18.5%）。暂无数据的留空，并在“情况说明”中说明原因；数值与目标或上期相差较大的，也请在“情况说明”中说明。" +
		"产值、增加值等“本年累计”指标填本年1—N月累计数。“数据截至”已按统计数据的发布时间预填，数据实际截至其他月份的，请从下拉列表改选；" +
		"“同比增长（%）”选填本年累计比上年同期增长的百分数，统计部门只发布增速的，可只填增速。",
	"“上期情况”“上期状态”“上期值”取自本单位上期已接收的报表（一表同享），请在此基础上更新，不要照抄上期内容。",
	"请勿插入、删除、移动或排序行列，勿改动工作表和锁定内容，否则报表无法汇总；可调整行高、列宽以便查看。",
	"填写完成后，请本单位牵头领导审核，填写下方“填报信息”（填报人、联系电话必填），保存为 .xlsx 格式（不改文件名、不加密码），于截止时间前报送领导小组办公室。未填写的模板将被退回。",
}

// guide writes the 填报说明 sheet: what the workbook is, for whom and when, how to fill it,
// what the statuses mean, whom to ask, and the inputs for who filled and checked it.
func (b *builder) guide(tasks []gyqc.Assignment, inds []*gyqc.Indicator) {
	nTasks, nIndicators := len(tasks), len(inds)
	g := &b.lay.Guide
	sheet := g.Sheet
	colA, colB, colC := g.Letter(FieldLabel), g.Letter(FieldText), g.Letter(FieldKey)
	widthB := g.Columns[1].Width
	row := 0
	ref := func(col string) string { return col + strconv.Itoa(row) }

	// Title and subtitle.
	row++
	b.merge(sheet, ref(colA), ref(colB), b.st.title)
	b.set(sheet, ref(colA), b.reportTitle(), b.st.title)
	b.height(sheet, row, 32)
	row++
	b.merge(sheet, ref(colA), ref(colB), b.st.subtitle)
	b.set(sheet, ref(colA), "填报说明", b.st.subtitle)
	b.height(sheet, row, 24)

	pair := func(label, text string) {
		row++
		b.set(sheet, ref(colA), label, b.st.label)
		b.set(sheet, ref(colB), text, b.st.locked)
		b.height(sheet, row, celltext.RowHeight(celltext.Lines(text, widthB)))
	}
	section := func(title string) {
		row++
		b.merge(sheet, ref(colA), ref(colB), b.st.section)
		b.set(sheet, ref(colA), title, b.st.section)
		b.height(sheet, row, 24)
	}

	// What, who, when.
	pair("方案", b.planLine())
	pair("填报单位", b.unit.Name)
	pair("报送期", b.period.Label())
	pair("报送截止", "请于"+b.plan.DueLabel(b.period)+"报送至"+b.plan.Reporting.Office)
	pair("联系方式", b.contactLine())
	pair("本表内容", b.contentLine(nTasks, nIndicators))
	pair("上期数据", b.prevLine())

	// How to fill.
	section("填写方法")
	for i, s := range guideSteps {
		pair(strconv.Itoa(i+1), s)
	}

	// The statuses.
	section("进展状态的含义")
	for _, s := range gyqc.Statuses {
		pair(string(s), s.Meaning())
	}

	// Who filled and checked the return.
	section("填报信息（请填写）")
	var required []string // 填报人 and 联系电话, for the self-check
	for _, fl := range g.Fillers {
		row++
		b.set(sheet, ref(colA), fl.Label, b.st.label)
		style := b.st.inputText
		if fl.Date {
			style = b.st.inputDate
		}
		b.set(sheet, ref(colB), nil, style)
		b.set(sheet, ref(colC), fl.Key, b.st.key)
		b.height(sheet, row, 24)
		b.fillerValidation(sheet, ref(colB), fl)
		if fl.Key == FillerName || fl.Key == FillerPhone {
			required = append(required, "$"+colB+"$"+strconv.Itoa(row))
		}
	}

	// What the unit must still do.
	row = b.selfCheckBlock(row, tasks, inds, required)

	// A closing note.
	row += 2
	b.merge(sheet, ref(colA), ref(colB), b.st.note)
	b.set(sheet, ref(colA), "本表由"+b.plan.Reporting.Office+"通过 gyqc 下发，表内隐藏的模板信息用于识别报表，请勿删除。", b.st.note)
	b.height(sheet, row, 18)

	b.columns(sheet, g.Columns)
	if b.err == nil {
		b.check(b.f.SetSheetDimension(sheet, fmt.Sprintf("A1:%s%d", colC, row)))
	}
	b.page(sheet, "portrait", 0) // a page of text: portrait fits it on one sheet of paper
}

// planLine names the plan and who issued it.
func (b *builder) planLine() string {
	s := b.plan.Title
	issued := b.plan.Issued
	if p, err := gyqc.ParsePeriod(issued); err == nil {
		issued = p.Label()
	}
	if len(b.plan.Issuers) > 0 {
		s += "（" + strings.Join(b.plan.Issuers, "、") + issued + "印发）"
	}
	return s
}

// contactLine says whom to ask.
func (b *builder) contactLine() string {
	r := b.plan.Reporting
	office := r.Office
	if r.OfficeUnit != "" {
		office += "（设在" + r.OfficeUnit + "）"
	}
	if strings.TrimSpace(r.Contact) != "" {
		return office + "，" + r.Contact
	}
	return office
}

// contentLine says what the unit reports.
func (b *builder) contentLine(nTasks, nIndicators int) string {
	lead := 0
	for _, a := range b.plan.Assignments(b.unit.Code) {
		if a.Role == gyqc.RoleLead {
			lead++
		}
	}
	s := fmt.Sprintf("本单位牵头任务 %d 项、配合任务 %d 项", lead, nTasks-lead)
	if nIndicators == 0 {
		s += "；无需报送指标，“指标填报”表无需填写。"
	} else {
		s += fmt.Sprintf("；报送指标 %d 个。", nIndicators)
	}
	return s + b.answeredLine()
}

// answeredLine names the indicators the unit answers for (their deductions fall on it) that
// another unit reports, so that no lost point comes from an indicator the unit never saw.
func (b *builder) answeredLine() string {
	var names []string
	for i := range b.plan.Indicators {
		ind := &b.plan.Indicators[i]
		if ind.UnitCode != b.unit.Code && slices.Contains(ind.Accountable, b.unit.Code) {
			names = append(names, gyqc.Quote(ind.Name)+"（"+ind.Unit+"报送）")
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "另对以下指标的完成情况负责（不在本表填报，按进度考核本单位）：" + strings.Join(names, "、") + "。"
}

// prevLine says where the prefilled data come from.
func (b *builder) prevLine() string {
	if b.prev == nil {
		return "尚无本单位已接收的上期报表，“上期情况”“上期状态”“上期值”为空。"
	}
	return fmt.Sprintf("“上期情况”“上期状态”“上期值”取自本单位%s已接收的报表。", b.prev.Period.Label())
}

// fillerValidation adds the input prompt and checks of a filler field.
func (b *builder) fillerValidation(sheet, cell string, fl Filler) {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(cell)
	switch {
	case fl.Date:
		from := b.period.Start(b.plan.Location())
		to := b.plan.Due(b.period).AddDate(1, 0, 0)
		b.check(dv.SetRange(excelSerial(from), excelSerial(to), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween))
		dv.SetInput(fl.Label, "请填写填报日期，格式为 年-月-日，例如 "+b.plan.Due(b.period).AddDate(0, 0, -1).Format("2006-01-02")+"。")
		dv.SetError(excelize.DataValidationErrorStyleStop, "日期有误",
			fmt.Sprintf("请按“年-月-日”填写日期，例如 %s；日期应在 %s 至 %s 之间。",
				b.plan.Due(b.period).AddDate(0, 0, -1).Format("2006-01-02"), from.Format("2006-01-02"), to.Format("2006-01-02")))
	case fl.Key == FillerPhone:
		b.check(dv.SetRange("1", "40", excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween))
		dv.SetInput(fl.Label, "必填。请填写便于联系的手机或座机号码，例如 13800000000 或 023-79000000。")
		dv.SetError(excelize.DataValidationErrorStyleWarning, "联系电话", "联系电话不超过 40 个字符。")
	case fl.Key == FillerName:
		dv.SetInput(fl.Label, "必填。请填写填报人姓名。")
	default:
		dv.SetInput(fl.Label, "请填写姓名。")
	}
	b.validate(sheet, dv)
}

// excelSerial returns the Excel serial day number of t's date (1900 date system), as a
// string for a validation bound.
func excelSerial(t time.Time) string {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return strconv.Itoa(int(d.Sub(base).Hours() / 24))
}
