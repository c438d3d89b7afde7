package review

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

// text returns the trimmed text of a cell that must hold words (a status, a progress text,
// a note, the filler's name), refusing the kinds of cell that are no words: an error value
// (#N/A, #DIV/0!, cached from a broken formula), a logical value, a date. what names the
// cell in the message, such as 任务 3“…”的本月工作进展. ok is false when the cell held such a
// value; the text returned is then empty, so that the value is never stored as words.
func (c *checker) text(in templates.Input, what string, task int, ind string) (string, bool) {
	if c.formulaNoValue(in, what, "请删去公式，直接填写文字内容", task, ind) {
		return "", false
	}
	switch in.Kind {
	case templates.KindError:
		c.add(gyqc.SevError, in, RuleErrorValue, fmt.Sprintf("%s是错误值 %s（公式出错或引用无效），不是文字", what, strings.TrimSpace(in.Text)),
			"请删去公式，直接填写文字内容", task, ind, false)
		return "", false
	case templates.KindBool:
		c.add(gyqc.SevError, in, RuleWrongType, fmt.Sprintf("%s是逻辑值 %s，不是文字", what, boolText(in.Text)),
			"请直接填写文字内容", task, ind, false)
		return "", false
	case templates.KindDate:
		c.add(gyqc.SevError, in, RuleWrongType, fmt.Sprintf("%s是日期 %s，不是文字说明", what, in.Date),
			"请用文字填写（如需写日期，请写成“6月30日前完成……”）", task, ind, false)
		return "", false
	}
	return strings.TrimSpace(in.Text), true
}

// formulaNoValue reports (and refuses) a cell holding a formula with no result saved: the
// program that wrote it did not compute it, so what the unit meant is not in the file. A
// formula with a result is read by its result, like any cell (Excel, WPS and LibreOffice
// always save one).
func (c *checker) formulaNoValue(in templates.Input, what, fix string, task int, ind string) bool {
	if !in.Formula || !in.Empty() {
		return false
	}
	c.add(gyqc.SevError, in, RuleFormulaNoValue, what+"是公式，文件中没有它的计算结果（保存文件的程序没有计算公式）",
		fix, task, ind, false)
	return true
}
