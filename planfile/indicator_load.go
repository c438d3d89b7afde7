package planfile

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/qianjiang/gyqc"
)

// indicator checks one indicator of the plan file (key, name, kind, target and comparator,
// baseline, its task) and completes it; ok is false when it has an error.
func (c *checker) indicator(p *gyqc.Plan, ri rawIndicator, seenKey map[string]int) (gyqc.Indicator, bool) {
	ind := gyqc.Indicator{Key: ri.Key, Name: ri.Name, Measure: ri.Measure, Kind: gyqc.Kind(ri.Kind), Target: ri.Target,
		Comparator: ri.Comparator, Task: ri.Task, Baseline: ri.Baseline, BaselineNote: ri.BaselineNote, Sources: ri.Sources,
		Soft: ri.Soft, Governs: ri.Governs, TargetsByYear: ri.TargetsByYear, TargetYear: ri.TargetYear, Frequency: gyqc.Frequency(ri.Frequency)}
	ok := true
	bad := func(rule gyqc.Rule, value, msg, fix string) { c.errPlan(ri.Line, rule, value, msg, fix); ok = false }
	label := ri.Name
	if label == "" {
		label = ri.Key
	}
	if !regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`).MatchString(ri.Key) {
		bad(RuleBadKey, ri.Key, fmt.Sprintf("指标“%s”的 key 不合规", label), "key 只能用小写英文字母、数字和连字符，例如 key: output-value")
	} else if prev, dup := seenKey[ri.Key]; dup {
		bad(RuleDuplicateIndicator, ri.Key, fmt.Sprintf("指标 key“%s”重复（第%d行已使用）", ri.Key, prev), "每个指标的 key 应唯一")
	}
	seenKey[ri.Key] = ri.Line
	if strings.TrimSpace(ri.Name) == "" {
		bad(RuleMissingName, "", "指标缺少名称 name", "请填写指标名称")
	}
	if !ind.Kind.Valid() {
		bad(RuleBadKind, ri.Kind, fmt.Sprintf("指标“%s”的类型 kind 无法识别", label), "kind 应为 level、flow、annual、share、growth、reduction、rank 或 trend")
	}
	if !gyqc.ValidComparator(ri.Comparator) {
		bad(RuleBadComparator, ri.Comparator, fmt.Sprintf("指标“%s”的比较方式 comparator 无法识别", label), `comparator 应为 ">="、">"、"<="、"<" 或 rise`)
	}
	if ind.Kind == gyqc.KindTrend {
		if ri.Target != nil {
			bad(RuleTrendTarget, "", fmt.Sprintf("指标“%s”是趋势类指标，不应有目标值", label), "请删去 target，或改用其他类型")
		}
	} else if ind.Kind.Valid() && ri.Target == nil {
		bad(RuleMissingTarget, "", fmt.Sprintf("指标“%s”缺少目标值 target", label), "请填写 target: 数值")
	}
	if ind.Kind == gyqc.KindRank && ri.Comparator != "<=" && ri.Comparator != "<" {
		bad(RuleRankDirection, ri.Comparator, fmt.Sprintf("排位指标“%s”应以小为好", label), `请写 comparator: "<="`)
	}
	if p.Task(ri.Task) == nil {
		bad(RuleUnknownTask, strconv.Itoa(ri.Task), fmt.Sprintf("指标“%s”所属任务 %d 不存在", label, ri.Task), "请把 task 改为方案中的任务编号（1 至 24）")
	}
	name := strings.TrimSpace(ri.Unit.S)
	line := ri.Unit.Line
	if line == 0 {
		line = ri.Line
	}
	switch u := c.registryCache.UnitByName(name); {
	case name == "":
		c.errPlan(line, RuleMissingUnit, "", fmt.Sprintf("指标“%s”没有报送单位", label), "请在 unit 中写明负责报送该指标的单位")
		ok = false
	case u == nil:
		c.errPlan(line, RuleUnknownUnit, name, fmt.Sprintf("指标“%s”的报送单位“%s”不在单位名册中", label, name), "报送单位必须是具体单位（不能是单位组），请使用名册中的名称")
		ok = false
	default:
		ind.Unit, ind.UnitCode = u.Name, u.Code
	}
	if !c.schedule(p, &ind, ri, label) {
		ok = false
	}
	return ind, ok
}

// schedule checks and completes when an indicator's figure is due and what it is held to:
// frequency, publication lag, baseline, yearly targets, the final target's year, and the
// units accountable for it (by default the lead units of its task, groups expanded).
func (c *checker) schedule(p *gyqc.Plan, ind *gyqc.Indicator, ri rawIndicator, label string) bool {
	ok := true
	bad := func(rule gyqc.Rule, value, msg, fix string) { c.errPlan(ri.Line, rule, value, msg, fix); ok = false }
	if ind.Frequency == "" {
		ind.Frequency = gyqc.Monthly
	}
	if !ind.Frequency.Valid() {
		bad(RuleBadFrequency, ri.Frequency, fmt.Sprintf("指标“%s”的发布频率 frequency 无法识别", label), "frequency 应为 monthly（按月）、quarterly（按季）或 yearly（按年）")
	}
	switch {
	case ri.Lag != nil && (*ri.Lag < 0 || *ri.Lag > 12):
		bad(RuleBadLag, strconv.Itoa(*ri.Lag), fmt.Sprintf("指标“%s”的发布滞后月数 lag 应在 0 到 12 之间", label), "例如 lag: 1 表示每月报送上月数据")
	case ri.Lag != nil:
		ind.Lag = *ri.Lag
	case ind.Kind == gyqc.KindFlow:
		ind.Lag = 1 // statistics of a month are published in the middle of the next
	}
	if ind.TargetYear == 0 {
		ind.TargetYear = p.Horizon.Last.Year
	}
	if ri.BaselinePeriod != "" {
		per, err := gyqc.ParsePeriod(ri.BaselinePeriod)
		if err != nil {
			bad(RuleBadPeriod, ri.BaselinePeriod, fmt.Sprintf("指标“%s”的基期 baseline_period 不是有效的年月", label), "请写作“年-月”，例如 \"2021-12\"")
		}
		ind.BaselinePeriod = per
	}
	for y := range ri.TargetsByYear {
		if y < 2000 || y > ind.TargetYear {
			bad(RuleBadYearTarget, strconv.Itoa(y), fmt.Sprintf("指标“%s”的年度目标年份 %d 不在方案期限内", label, y), fmt.Sprintf("targets_by_year 的年份应在 %d 年以前", ind.TargetYear+1))
		}
	}
	if ind.Kind == gyqc.KindTrend && len(ri.TargetsByYear) > 0 {
		bad(RuleTrendTarget, "", fmt.Sprintf("指标“%s”是趋势类指标，不应有年度目标", label), "请删去 targets_by_year")
	}
	names := ri.Accountable
	if len(names) == 0 {
		lead, _ := p.TaskUnits(ind.Task)
		ind.Accountable = lead
		return ok
	}
	seen := map[string]bool{}
	for _, n := range names {
		name := strings.TrimSpace(n.S)
		codes := c.expand(name)
		if codes == nil {
			c.errPlan(n.Line, RuleUnknownUnit, name, fmt.Sprintf("指标“%s”的责任单位“%s”不在单位名册中", label, name), "请使用名册中的单位或单位组名称")
			ok = false
		}
		for _, code := range codes {
			if !seen[code] {
				seen[code] = true
				ind.Accountable = append(ind.Accountable, code)
			}
		}
	}
	return ok
}
