package review

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

// Options configure the content checks on a return. The zero value means the defaults.
type Options struct {
	// JumpFactor: a level or year-to-date figure more than this many times the previous one,
	// or less than its inverse, is questioned (亿 vs 万 mistakes). Default 5.
	JumpFactor float64
	// RateJumpFactor is JumpFactor for rates, shares and ranks, which move more from month to
	// month: it catches a fraction typed for a percentage (×100, ÷100). Default 50.
	RateJumpFactor float64
	// NotBegunAfter: 未启动 is questioned once this share of the horizon has passed. Default 0.5.
	NotBegunAfter float64
	// DoneFarBelow: 已完成 is questioned when an indicator of the task stands below this share
	// of its target. Default 0.5.
	DoneFarBelow float64
	// MinDuplicate: texts shorter than this many characters are not compared for copies.
	// Default 12.
	MinDuplicate int
}

func (o Options) withDefaults() Options {
	if o.JumpFactor <= 1 {
		o.JumpFactor = 5
	}
	if o.RateJumpFactor <= 1 {
		o.RateJumpFactor = 50
	}
	if o.NotBegunAfter <= 0 {
		o.NotBegunAfter = 0.5
	}
	if o.DoneFarBelow <= 0 {
		o.DoneFarBelow = 0.5
	}
	if o.MinDuplicate <= 0 {
		o.MinDuplicate = 12
	}
	return o
}

// CheckInput is what the content checks look at: the rows of one return and the unit's
// current submission of the previous period. Copies of other units' texts are found by Copies,
// which needs the other returns of the same batch.
type CheckInput struct {
	File     string
	Unit     string
	Period   gyqc.Period
	Tasks    []templates.TaskInput
	Values   []templates.ValueInput
	Previous *gyqc.Submission
	// Filler is who filled the return (填报信息); nil leaves the filler unchecked.
	Filler *templates.FillerInput
	// PrefilledStatus says that the template preselected last month's statuses (layout 1):
	// a status equal to last month's then does not show that the unit filled anything.
	PrefilledStatus bool
}

// Check applies the two levels of content checks to a return and gives the tasks and values
// to store with every problem found. A return in which the unit filled nothing is refused
// once as 未填写. Errors refuse the file: a row without a status (lead or supporting unit) or
// without a progress text (unless a supporting unit chose 本月无相关工作), 本月无相关工作 on a
// row the unit leads, a status not in the list, a cell holding an error value, a logical
// value or a date where words or a number belong, a number cell that is not a number after
// normalisation, a negative count, a share over 100, no 填报人 or no plausible 联系电话.
// Warnings are accepted but flagged, and count in the assessment unless the unit explained
// them in 情况说明: an estimate (约30), a level that falls, a jump against the previous
// period, a fraction typed for a percentage, progress copied from last month, 已完成 far
// below target, 未启动 late in the horizon, 滞后 without a stated problem.
func Check(plan *gyqc.Plan, in CheckInput, opts Options) ([]gyqc.TaskReport, []gyqc.IndicatorValue, gyqc.Problems) {
	opts = opts.withDefaults()
	c := &checker{plan: plan, in: in, opts: opts}
	if c.untouched() {
		c.add(gyqc.SevError, templates.Input{}, "untouched", "本表未填写：所有填写区域都是空的，与下发的模板相同（可能报送了未填写的模板）",
			"请在“任务进展”“指标填报”中填写本月情况，在“填报说明”中填写填报人和联系电话，保存后重新报送", 0, "", false)
		return nil, nil, c.probs
	}
	c.filler()
	roles := map[int]gyqc.Role{}
	for _, a := range plan.Assignments(in.Unit) {
		roles[a.Task] = a.Role
	}
	var values []gyqc.IndicatorValue
	for _, rv := range in.Values {
		if v, ok := c.value(rv); ok {
			values = append(values, v)
		}
	}
	var tasks []gyqc.TaskReport
	for _, rt := range in.Tasks {
		role, ok := roles[rt.Task]
		if !ok {
			continue // the reader reports rows of tasks the unit does not have
		}
		tasks = append(tasks, c.task(rt, role, values))
	}
	return tasks, values, c.probs
}

type checker struct {
	plan  *gyqc.Plan
	in    CheckInput
	opts  Options
	probs gyqc.Problems
}

func (c *checker) add(sev gyqc.Severity, cell templates.Input, rule gyqc.Rule, msg, fix string, task int, ind string, explained bool) {
	c.probs = append(c.probs, gyqc.Problem{Severity: sev, File: c.in.File, Sheet: cell.Sheet, Cell: cell.Cell,
		Rule: rule, Value: clip(cell.Text), Message: msg, Fix: fix, Task: task, Indicator: ind, Explained: explained})
}

// clip shortens a long value for messages.
func clip(s string) string { return gyqc.Clip(s, 60) }

// normText folds whitespace so that copies are found whatever the line breaks.
func normText(s string) string { return strings.Join(strings.Fields(s), "") }

func (c *checker) task(rt templates.TaskInput, role gyqc.Role, values []gyqc.IndicatorValue) gyqc.TaskReport {
	task := c.plan.Task(rt.Task)
	name := fmt.Sprintf("任务 %d“%s”", rt.Task, task.Title)
	t := gyqc.TaskReport{Task: rt.Task, Role: role}
	status, statusOK := c.text(rt.Status, name+"的进展状态", rt.Task, "")
	t.Status = gyqc.Status(status)
	t.Progress, _ = c.text(rt.Progress, name+"的本月工作进展", rt.Task, "")
	t.Practice, _ = c.text(rt.Practice, name+"的经验做法", rt.Task, "")
	t.Issues, _ = c.text(rt.Issues, name+"的存在问题及需协调事项", rt.Task, "")
	t.NextPlan, _ = c.text(rt.NextPlan, name+"的下月工作计划", rt.Task, "")
	switch {
	case !statusOK:
	case t.Status == "" && role == gyqc.RoleSupport:
		c.add(gyqc.SevError, rt.Status, RuleStatusRequired, name+"的进展状态未选择（配合的任务也要选）",
			"请从下拉列表中选择本月的进展状态；本月没有开展相关工作的，选“本月无相关工作”", rt.Task, "", false)
	case t.Status == "":
		c.add(gyqc.SevError, rt.Status, RuleStatusRequired, name+"的进展状态未选择",
			"请从下拉列表中选择本月的进展状态（“上期状态”是上月所报，不会沿用）", rt.Task, "", false)
	case !t.Status.Valid():
		c.add(gyqc.SevError, rt.Status, RuleStatusInvalid, name+"的进展状态不在可选范围内", "请从下拉列表中选择："+statusList(role), rt.Task, "", false)
	case !t.Status.For(role):
		c.add(gyqc.SevError, rt.Status, RuleNoWorkLead, name+"由本单位牵头，不能选择“本月无相关工作”",
			"请按任务的实际进展选择："+statusList(role)+"；没有进展的，请选“滞后”或“未启动”并说明原因", rt.Task, "", false)
	}
	progressOK := rt.Progress.Kind != templates.KindError && rt.Progress.Kind != templates.KindBool && rt.Progress.Kind != templates.KindDate &&
		!(rt.Progress.Formula && rt.Progress.Empty())
	if t.Progress == "" && progressOK && t.Status != gyqc.StatusNoWork {
		fix := "牵头单位须填写本月工作进展"
		if role == gyqc.RoleSupport {
			fix = "请填写本单位本月为该任务所做的工作；确无相关工作的，进展状态选“本月无相关工作”"
		}
		c.add(gyqc.SevError, rt.Progress, RuleProgressRequired, name+"的本月工作进展未填写", fix, rt.Task, "", false)
	}
	if t.Status == gyqc.StatusBehind && !gyqc.Explained(t.Issues) {
		msg := name + "填报为“滞后”，但未说明存在的问题"
		if t.Issues != "" {
			msg = name + "填报为“滞后”，但“存在问题及需协调事项”只填了“" + t.Issues + "”，未说明滞后的原因"
		}
		c.add(gyqc.SevWarning, rt.Issues, RuleBehindWithoutReason, msg, "请在“存在问题及需协调事项”中说明滞后的原因和需协调的事项", rt.Task, "", false)
	}
	if t.Status == gyqc.StatusNotBegun && c.plan.Horizon.Elapsed(c.in.Period) >= c.opts.NotBegunAfter {
		// The fault this warning charges is the missing reason (the status itself is charged
		// by task-not-begun), so it says so, and takes the scoring's own test of a reason.
		msg := fmt.Sprintf("%s仍为“未启动”，而方案实施期已过%.0f%%", name, c.plan.Horizon.Elapsed(c.in.Period)*100)
		explained := gyqc.Explained(t.Issues)
		if !explained {
			msg += "，未说明未启动的原因和启动安排"
		}
		c.add(gyqc.SevWarning, rt.Status, RuleNotBegunLate, msg,
			"请核实状态；确未启动的，请在“存在问题及需协调事项”中说明原因和启动安排", rt.Task, "", explained)
	}
	if t.Status == gyqc.StatusDone {
		for _, v := range values {
			ind := c.plan.Indicator(v.Key)
			if ind == nil || ind.Task != rt.Task || v.Value == nil || ind.Target == nil || ind.LowerIsBetter() || *ind.Target == 0 {
				continue
			}
			if ind.Kind == gyqc.KindLevel || ind.Kind == gyqc.KindAnnual {
				if *v.Value/(*ind.Target) < c.opts.DoneFarBelow {
					c.add(gyqc.SevWarning, rt.Status, RuleDoneBelowTarget, fmt.Sprintf("%s填报为“已完成”，但指标“%s”本期值 %s%s，远低于目标 %s",
						name, ind.Name, gyqc.FormatNumber(*v.Value), ind.Measure, ind.TargetLabel()), "请核实进展状态，或在“存在问题及需协调事项”中说明", rt.Task, ind.Key, gyqc.Explained(t.Issues))
				}
			}
		}
	}
	// 自动查重: copied from last month (copies of other units: see Copies).
	if utf8.RuneCountInString(t.Progress) >= c.opts.MinDuplicate {
		if prev := c.in.Previous; prev != nil {
			if pt := prev.Task(rt.Task); pt != nil && normText(pt.Progress) == normText(t.Progress) {
				c.add(gyqc.SevWarning, rt.Progress, RuleCopiedLastMonth, name+"的本月工作进展与上月完全相同", "请填写本月新的工作进展", rt.Task, "", false)
			}
		}
	}
	return t
}

// Outcome decides what becomes of a return from its problems: refused with any error,
// warned with any warning, accepted otherwise.
func Outcome(probs gyqc.Problems) gyqc.Outcome {
	switch {
	case len(probs.Errors()) > 0:
		return gyqc.OutcomeRefused
	case len(probs.Warnings()) > 0:
		return gyqc.OutcomeWarned
	}
	return gyqc.OutcomeAccepted
}
