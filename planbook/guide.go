package planbook

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc/internal/celltext"
)

// guideText is the 说明 sheet: a title, then paragraphs; a paragraph starting with "■" is a
// heading.
func (x *exporter) guideText() []string {
	p := x.plan
	lines := []string{
		"■ 这个工作簿是什么",
		fmt.Sprintf("本工作簿由 gyqc 从方案文件和单位名册导出（%s），包含《%s》的全部任务、指标、责任单位，以及办公室需要核实和补充的内容："+
			"单位组的实际成员、各单位联系人、指标基期值、考核规则、简报的编发信息。改好后用 gyqc 导入，就成为工作区的新版本方案。", p.Edition.Label(), p.Title),
		"■ 颜色和保护",
		"灰底单元格是方案原文（任务、指标名称、目标值等），已锁定，防止误改；白底单元格由办公室填写或修改。" +
			"确需修改原文时，可点“审阅”→“撤销工作表保护”（没有密码）后修改。请不要修改工作表名称和表头文字；可以调整列宽、行高，可以插入或删除行。",
		"■ 各工作表",
		"工程与任务：八大工程、各项任务和工作要求，及其牵头单位和配合单位。单位可写名称、别名或单位组名称，多个单位用“、”分隔。",
		"指标：方案的量化目标。请核对“类型”“比较方式”“发布频率”（下拉选择）、“报送单位”（提供数据的单位）和“考核责任单位”（承担扣分的单位，留空为任务的牵头单位），" +
			"填写“基期值”和“基期”（方案起点时的数值及其月份，不知道请留空）、各年的年度目标（留空则按直线推算）。",
		"单位：全部责任单位。请填写联系人、电话、邮箱。新增单位（例如全区其余乡镇街道）直接写在表末的空行；代码可以留空，导入时自动编号。" +
			"“示例”为“是”的单位是演示用的，核实后请改为“否”，不存在的请整行删除。" +
			"单位改了代码、或几个单位合并为一个时，在“曾用代码”中写原来的代码，以前各月的报送记录就接续到这个单位；“备注”写办公室的说明（如更名、合并的依据）。",
		"单位组：方案中代表多个单位的称谓（如“各乡镇街道”）。“成员”写单位名称，用“、”分隔；成员也可以是另一个单位组。核实成员后，把“成员为示例”改为“否”。",
		"考核规则：每月评分的满分、扣分规则和任务亮灯界限。这些是 gyqc 的默认值，方案没有规定，请区委考核办确认。",
		"报送与简报：报送截止时间、领导小组办公室联系人、简报名称、编发单位和报尾。",
		"■ 改好以后",
		"保存为 .xlsx 文件（Excel、WPS、LibreOffice 均可），然后运行：",
		"gyqc plan import 方案与名册.xlsx　　　　　　　只检查，逐条列出问题所在的工作表和单元格",
		"gyqc plan import 方案与名册.xlsx --activate　检查通过后启用为工作区的当前方案",
		"gyqc plan import 方案与名册.xlsx --out 目录　写出 plan.yaml 和 units.yaml",
		"启用新版本后，已经下发的月份仍按下发时的版本评价，过去月份的得分不会因为改了单位组成员而改变；" +
			"如需按新版本重新评价某个月，运行 gyqc consolidate --period 2025-06 --replan。",
	}
	if gaps := p.Gaps(); len(gaps) > 0 {
		lines = append(lines, "■ 尚待办公室补充（导出时）")
		for _, g := range gaps {
			lines = append(lines, "· "+g.Line())
		}
	}
	return lines
}

// writeGuide writes the 说明 sheet.
func (x *exporter) writeGuide() error {
	f, sh := x.f, SheetGuide
	if err := f.SetColWidth(sh, "A", "A", 100); err != nil {
		return err
	}
	if err := f.SetCellStr(sh, "A1", x.plan.Title+" · 方案与名册"); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "A1", x.st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, 1, 30); err != nil {
		return err
	}
	for i, line := range x.guideText() {
		row := i + 2
		cell := cellName(0, row)
		style := x.st.guide
		text := line
		if strings.HasPrefix(line, "■") {
			style = x.st.guideBold
		}
		if err := f.SetCellStr(sh, cell, text); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cell, cell, style); err != nil {
			return err
		}
		if err := fitRow(f, sh, row, celltext.Lines(text, 100)); err != nil {
			return err
		}
	}
	if err := f.SetSheetDimension(sh, fmt.Sprintf("A1:A%d", len(x.guideText())+1)); err != nil {
		return err
	}
	if err := pageSetup(f, sh, false); err != nil {
		return err
	}
	return protect(f, sh)
}
