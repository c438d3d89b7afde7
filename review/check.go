package review

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

// Options configure the content checks on a return. The zero value means the defaults.
type Options struct {
	// JumpFactor: a value more than this many times the previous one, or less than its
	// inverse, is questioned (亿 vs 万 mistakes). Default 5.
	JumpFactor float64
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
}

// Check applies the two levels of content checks to a return and gives the tasks and values
// to store with every problem found. Errors refuse the file: a lead unit's progress text or
// status empty, a status not in the list, a number cell that is not a number after
// normalisation, a negative count, a share over 100. Warnings are accepted but flagged, and
// count in the assessment unless the unit explained them in 情况说明: a level that falls, a jump
// against the previous period, progress copied from last month, 已完成 far
// below target, 未启动 late in the horizon, 滞后 without a stated problem.
func Check(plan *gyqc.Plan, in CheckInput, opts Options) ([]gyqc.TaskReport, []gyqc.IndicatorValue, gyqc.Problems) {
	opts = opts.withDefaults()
	c := &checker{plan: plan, in: in, opts: opts}
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

func (c *checker) add(sev gyqc.Severity, cell templates.Input, rule, msg, fix string, task int, ind string, explained bool) {
	c.probs = append(c.probs, gyqc.Problem{Severity: sev, File: c.in.File, Sheet: cell.Sheet, Cell: cell.Cell,
		Rule: rule, Value: clip(cell.Text), Message: msg, Fix: fix, Task: task, Indicator: ind, Explained: explained})
}

// clip shortens a long value for messages.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	r := []rune(s)
	return string(r[:60]) + "…"
}

// normText folds whitespace so that copies are found whatever the line breaks.
func normText(s string) string { return strings.Join(strings.Fields(s), "") }

func (c *checker) task(rt templates.TaskInput, role gyqc.Role, values []gyqc.IndicatorValue) gyqc.TaskReport {
	t := gyqc.TaskReport{Task: rt.Task, Role: role, Status: gyqc.Status(strings.TrimSpace(rt.Status.Text)),
		Progress: strings.TrimSpace(rt.Progress.Text), Issues: strings.TrimSpace(rt.Issues.Text), NextPlan: strings.TrimSpace(rt.NextPlan.Text)}
	task := c.plan.Task(rt.Task)
	name := fmt.Sprintf("任务 %d“%s”", rt.Task, task.Title)
	switch {
	case t.Status == "" && role == gyqc.RoleLead:
		c.add(gyqc.SevError, rt.Status, "status-required", name+"的进展状态未填写", "牵头单位须从下拉列表中选择进展状态", rt.Task, "", false)
	case t.Status != "" && !t.Status.Valid():
		c.add(gyqc.SevError, rt.Status, "status-invalid", name+"的进展状态不在可选范围内", "请从下拉列表中选择：已完成、正常推进、滞后、未启动", rt.Task, "", false)
	}
	if t.Progress == "" && role == gyqc.RoleLead {
		c.add(gyqc.SevError, rt.Progress, "progress-required", name+"的本月工作进展未填写", "牵头单位须填写本月工作进展", rt.Task, "", false)
	}
	if t.Status == gyqc.StatusBehind && t.Issues == "" {
		c.add(gyqc.SevWarning, rt.Issues, "behind-without-reason", name+"填报为“滞后”，但未说明存在的问题", "请在“存在问题及需协调事项”中说明滞后的原因和需协调的事项", rt.Task, "", false)
	}
	if t.Status == gyqc.StatusNotBegun && c.plan.Horizon.Elapsed(c.in.Period) >= c.opts.NotBegunAfter {
		c.add(gyqc.SevWarning, rt.Status, "not-begun-late", fmt.Sprintf("%s仍为“未启动”，而方案实施期已过%.0f%%", name, c.plan.Horizon.Elapsed(c.in.Period)*100),
			"请核实状态；确未启动的，请在“存在问题及需协调事项”中说明原因和启动安排", rt.Task, "", t.Issues != "")
	}
	if t.Status == gyqc.StatusDone {
		for _, v := range values {
			ind := c.plan.Indicator(v.Key)
			if ind == nil || ind.Task != rt.Task || v.Value == nil || ind.Target == nil || ind.LowerIsBetter() || *ind.Target == 0 {
				continue
			}
			if ind.Kind == gyqc.KindLevel || ind.Kind == gyqc.KindAnnual {
				if *v.Value/(*ind.Target) < c.opts.DoneFarBelow {
					c.add(gyqc.SevWarning, rt.Status, "done-below-target", fmt.Sprintf("%s填报为“已完成”，但指标“%s”本期值 %s%s，远低于目标 %s",
						name, ind.Name, gyqc.FormatNumber(*v.Value), ind.Measure, ind.TargetLabel()), "请核实进展状态，或在“存在问题及需协调事项”中说明", rt.Task, ind.Key, t.Issues != "")
				}
			}
		}
	}
	// 自动查重: copied from last month (copies of other units: see Copies).
	if utf8.RuneCountInString(t.Progress) >= c.opts.MinDuplicate {
		if prev := c.in.Previous; prev != nil {
			if pt := prev.Task(rt.Task); pt != nil && normText(pt.Progress) == normText(t.Progress) {
				c.add(gyqc.SevWarning, rt.Progress, "copied-last-month", name+"的本月工作进展与上月完全相同", "请填写本月新的工作进展", rt.Task, "", false)
			}
		}
	}
	return t
}

func (c *checker) value(rv templates.ValueInput) (gyqc.IndicatorValue, bool) {
	ind := c.plan.Indicator(rv.Key)
	if ind == nil || ind.UnitCode != c.in.Unit {
		return gyqc.IndicatorValue{}, false // the reader reports foreign rows
	}
	v := gyqc.IndicatorValue{Key: rv.Key, Raw: rv.Value.Text, Note: strings.TrimSpace(rv.Note.Text)}
	explained := v.Note != ""
	name := "指标“" + ind.Name + "”"
	num := ParseNumber(rv.Value.Text, ind.Measure)
	switch {
	case num.Empty && explained:
		c.add(gyqc.SevWarning, rv.Value, "value-empty", name+"的本期值未填写", "有数据时请填写；暂无数据的原因已在情况说明中写明", 0, ind.Key, true)
		return v, true
	case num.Empty:
		c.add(gyqc.SevError, rv.Value, "value-required", name+"的本期值未填写", "请填写本期值；确无数据的，请在“情况说明”中写明原因", 0, ind.Key, false)
		return v, true
	case !num.OK:
		msg := name + "的本期值不是数字"
		if !strings.HasSuffix(num.Reason, "不是数字") {
			msg += "：" + num.Reason // the reason says more than the value: a wrong measure, stray commas
		}
		c.add(gyqc.SevError, rv.Value, "not-a-number", msg, "请只填写数字（单位为“"+ind.Measure+"”），文字说明请写在“情况说明”栏", 0, ind.Key, false)
		return v, true
	}
	value := num.Value
	v.Value = &value
	if num.Note != "" {
		c.add(gyqc.SevNote, rv.Value, "normalised", fmt.Sprintf("%s的本期值按 %s 记录（%s）", name, gyqc.FormatNumber(value), num.Note), "", 0, ind.Key, true)
	}
	ok := true
	switch {
	case value < 0 && ind.Kind != gyqc.KindGrowth:
		c.add(gyqc.SevError, rv.Value, "negative", name+"的本期值不能为负数", "请填写不小于 0 的数", 0, ind.Key, false)
		ok = false
	case ind.Kind == gyqc.KindShare && value > 100, ind.Kind == gyqc.KindReduction && value > 100:
		c.add(gyqc.SevError, rv.Value, "share-over-100", name+"是百分比，不能超过 100", "请以百分数填写，例如 35 表示 35%", 0, ind.Key, false)
		ok = false
	case ind.Kind == gyqc.KindRank && (value < 1 || value != math.Trunc(value)):
		c.add(gyqc.SevError, rv.Value, "rank-integer", name+"是排位，应为不小于 1 的整数", "请填写名次，例如 3 表示第 3 位", 0, ind.Key, false)
		ok = false
	case (ind.Measure == "家" || ind.Measure == "个") && value != math.Trunc(value):
		c.add(gyqc.SevError, rv.Value, "count-integer", name+"是个数，应为整数", "请填写整数", 0, ind.Key, false)
		ok = false
	}
	if ok {
		c.compare(rv, ind, value, explained)
	}
	return v, true
}

// compare questions a value against the unit's previous period.
func (c *checker) compare(rv templates.ValueInput, ind *gyqc.Indicator, value float64, explained bool) {
	if c.in.Previous == nil {
		return
	}
	pv := c.in.Previous.Value(ind.Key)
	if pv == nil || pv.Value == nil {
		return
	}
	prev := *pv.Value
	name := "指标“" + ind.Name + "”"
	newYear := c.in.Previous.Period.Year != c.in.Period.Year
	if ind.Kind == gyqc.KindLevel && value < prev {
		c.add(gyqc.SevWarning, rv.Value, "level-fell", fmt.Sprintf("%s是累计数，本期 %s 低于上期 %s", name, gyqc.FormatNumber(value), gyqc.FormatNumber(prev)),
			"请核实；数据确有下降的（如企业退规、统计口径调整），请在“情况说明”中说明原因", 0, ind.Key, explained)
	}
	if ind.Kind == gyqc.KindAnnual && !newYear && value < prev {
		c.add(gyqc.SevWarning, rv.Value, "level-fell", fmt.Sprintf("%s是年内累计数，本期 %s 低于上期 %s", name, gyqc.FormatNumber(value), gyqc.FormatNumber(prev)),
			"请核实；确有调整的，请在“情况说明”中说明原因", 0, ind.Key, explained)
	}
	if ind.Kind == gyqc.KindLevel || (ind.Kind == gyqc.KindAnnual && !newYear) {
		f := c.opts.JumpFactor
		if prev > 0 && value > 0 && (value > prev*f || value < prev/f) {
			c.add(gyqc.SevWarning, rv.Value, "jump", fmt.Sprintf("%s本期 %s 与上期 %s 相差超过 %s 倍，请核实计量单位（%s）", name,
				gyqc.FormatNumber(value), gyqc.FormatNumber(prev), gyqc.FormatNumber(f), ind.Measure), "请核实数值和单位；数据无误的，请在“情况说明”中说明", 0, ind.Key, explained)
		}
	}
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
