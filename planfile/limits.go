package planfile

import (
	"fmt"

	"github.com/qianjiang/gyqc"
)

// lengths checks every name and text of the plan and units files against the limits of
// gyqc's one table (gyqc.MaxTitle, gyqc.MaxPlanText): a name too long for a sheet header
// or a table cell is an error with its line, found by `gyqc plan check` before any
// template is issued with it.
func (c *checker) lengths(rp *rawPlan, ru *rawUnits) {
	plan := func(line int, what, s string, limit int) {
		if n := gyqc.TextLength(s); n > limit {
			c.errPlan(line, RuleTooLong, clip(s), fmt.Sprintf("%s有%d个字符，超过上限%d个", what, n, limit), lengthFix(limit))
		}
	}
	units := func(line int, what, s string, limit int) {
		if n := gyqc.TextLength(s); n > limit {
			c.errUnits(line, RuleTooLong, clip(s), fmt.Sprintf("%s有%d个字符，超过上限%d个", what, n, limit), lengthFix(limit))
		}
	}
	plan(0, "方案名称 title", rp.Title, gyqc.MaxTitle)
	plan(0, "方案文号 document", rp.Document, gyqc.MaxTitle)
	plan(0, "领导小组办公室 reporting.office", rp.Reporting.Office, gyqc.MaxTitle)
	plan(0, "联系人 reporting.contact", rp.Reporting.Contact, gyqc.MaxTitle)
	plan(0, "简报名称 briefing.name", rp.Briefing.Name, gyqc.MaxTitle)
	plan(0, "编印单位 briefing.issuer", rp.Briefing.Issuer, gyqc.MaxTitle)
	for _, pj := range rp.Projects {
		plan(pj.Line, fmt.Sprintf("工程 %d 的名称", pj.No), pj.Name, gyqc.MaxTitle)
		plan(pj.Line, fmt.Sprintf("工程 %d 的说明", pj.No), pj.Text, gyqc.MaxPlanText)
		for _, t := range pj.Tasks {
			plan(t.Line, fmt.Sprintf("任务 %d 的名称", t.No), t.Title, gyqc.MaxTitle)
			plan(t.Line, fmt.Sprintf("任务 %d 的任务要求", t.No), t.Text, gyqc.MaxPlanText)
			plan(t.Line, fmt.Sprintf("任务 %d 的配合单位说明", t.No), t.SupportLabel, gyqc.MaxTitle)
		}
	}
	for _, r := range rp.Requirements {
		plan(r.Line, fmt.Sprintf("工作要求 %d 的名称", r.No), r.Title, gyqc.MaxTitle)
		plan(r.Line, fmt.Sprintf("工作要求 %d 的内容", r.No), r.Text, gyqc.MaxPlanText)
	}
	for _, ind := range rp.Indicators {
		plan(ind.Line, fmt.Sprintf("指标“%s”的名称", clip(ind.Key)), ind.Name, gyqc.MaxTitle)
		plan(ind.Line, fmt.Sprintf("指标“%s”的计量单位", clip(ind.Key)), ind.Measure, gyqc.MaxTitle)
		plan(ind.Line, fmt.Sprintf("指标“%s”的基期说明", clip(ind.Key)), ind.BaselineNote, gyqc.MaxPlanText)
	}
	if ru == nil {
		return
	}
	for _, u := range ru.Units {
		units(u.Line, fmt.Sprintf("单位“%s”的名称", clip(u.Code)), u.Name, gyqc.MaxTitle)
		for _, a := range u.Aliases {
			units(u.Line, fmt.Sprintf("单位“%s”的别名", clip(u.Code)), a, gyqc.MaxTitle)
		}
		units(u.Line, fmt.Sprintf("单位“%s”的联系人", clip(u.Code)), u.Contact, gyqc.MaxTitle)
		units(u.Line, fmt.Sprintf("单位“%s”的电话", clip(u.Code)), u.Phone, gyqc.MaxTitle)
		units(u.Line, fmt.Sprintf("单位“%s”的邮箱", clip(u.Code)), u.Email, gyqc.MaxTitle)
	}
	for _, g := range ru.Groups {
		units(g.Line, "单位组的名称", g.Name, gyqc.MaxTitle)
		units(g.Line, fmt.Sprintf("单位组“%s”的说明", clip(g.Name)), g.Note, gyqc.MaxPlanText)
	}
}

// lengthFix says how to fix a text over limit.
func lengthFix(limit int) string {
	return fmt.Sprintf("请精简到%d个字符以内（模板表头和表格单元格容纳不下更长的文字）", limit)
}

// clip shortens a value for a message.
func clip(s string) string { return gyqc.Clip(s, 20) }
