package review

import (
	"fmt"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

// RuleReturnText is the rule of a return whose texts together pass gyqc.MaxReturnText.
const RuleReturnText = "return-text"

// returnText checks the total length of the texts a unit wrote in a return (every input
// cell read: progress, problems, plans, values, notes, filler) against
// gyqc.MaxReturnText, and names the longest cell, which is where to cut. A single cell
// over Excel's limit is refused by the intake already.
func returnText(ret *templates.Returned) *gyqc.Problem {
	total, longest := 0, templates.Input{}
	longN := 0
	add := func(in templates.Input) {
		n := gyqc.TextLength(in.Text)
		total += n
		if n > longN {
			longN, longest = n, in
		}
	}
	for _, in := range []templates.Input{ret.Filler.Name, ret.Filler.Phone, ret.Filler.Reviewer, ret.Filler.Date} {
		add(in)
	}
	for _, t := range ret.Tasks {
		for _, in := range []templates.Input{t.Status, t.Progress, t.Issues, t.NextPlan} {
			add(in)
		}
	}
	for _, v := range ret.Values {
		add(v.Value)
		add(v.Note)
	}
	if total <= gyqc.MaxReturnText {
		return nil
	}
	return &gyqc.Problem{Severity: gyqc.SevError, Rule: RuleReturnText, Sheet: longest.Sheet, Cell: longest.Cell,
		Message: fmt.Sprintf("本表填写的文字共%d个字符，超过每份报表的上限%d个字符（最长的是%s单元格，%d个字符）",
			total, gyqc.MaxReturnText, longest.Cell, longN),
		Fix: "月报只需写明本月主要进展、问题和计划，请精简文字（详细材料请另行报送）后重新报送"}
}
