package planfile

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
	"go.yaml.in/yaml/v3"
)

// Load reads a plan file and a units file and returns the plan. Every problem found in
// either file is returned, each with its file and line; the plan is nil when any of them is an
// error. Warnings (such as example group members) come with a usable plan. Files saved on
// Windows (a UTF-8 byte-order mark, CRLF line ends) load as the same files saved elsewhere.
func Load(planName string, planData []byte, unitsName string, unitsData []byte) (*gyqc.Plan, gyqc.Problems) {
	planData, unitsData = normalize(planData), normalize(unitsData)
	var rp rawPlan
	var ru rawUnits
	var probs gyqc.Problems
	probs = append(probs, decodeYAML(planName, planData, &rp)...)
	probs = append(probs, decodeYAML(unitsName, unitsData, &ru)...)
	if len(probs) > 0 {
		return nil, probs
	}
	c := &checker{planFile: planName, unitsFile: unitsName}
	plan := c.build(&rp, &ru)
	if len(c.probs.Errors()) > 0 {
		return nil, c.probs
	}
	plan.Edition.Hash = Hash(planData, unitsData)
	return plan, c.probs
}

// decodeYAML decodes data strictly and turns a failure into positional problems.
func decodeYAML(name string, data []byte, v any) gyqc.Problems {
	if len(bytes.TrimSpace(data)) == 0 {
		return gyqc.Problems{{Severity: gyqc.SevError, File: name, Rule: RuleEmptyFile, Message: "文件是空的", Fix: "请提供完整的文件内容"}}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(v)
	if err == nil {
		return nil
	}
	unknown := func(line int, field string) gyqc.Problem {
		return gyqc.Problem{Severity: gyqc.SevError, File: name, Line: line, Rule: RuleUnknownField,
			Value: field, Message: "无法识别的字段", Fix: "请检查字段名的拼写和缩进，或删去该字段"}
	}
	var fe *yamlFieldError
	if errors.As(err, &fe) {
		return gyqc.Problems{unknown(fe.Line, fe.Field)}
	}
	var probs gyqc.Problems
	for _, m := range fieldNotFound.FindAllStringSubmatch(err.Error(), -1) {
		line, _ := strconv.Atoi(m[1])
		probs = append(probs, unknown(line, m[2]))
	}
	if len(probs) > 0 {
		return probs
	}
	line := 0
	if m := lineNumber.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	return gyqc.Problems{{Severity: gyqc.SevError, File: name, Line: line, Rule: RuleYamlSyntax,
		Message: "文件格式有误，无法读取（" + err.Error() + "）", Fix: "请检查该行的缩进、冒号和引号"}}
}

var (
	fieldNotFound = regexp.MustCompile(`line (\d+): field (\S+) not found`)
	lineNumber    = regexp.MustCompile(`line (\d+)`)
)

// checker builds a Plan from the raw files and collects every problem.
type checker struct {
	planFile, unitsFile string
	probs               gyqc.Problems
	registryCache       *gyqc.Registry
}

func (c *checker) errPlan(line int, rule gyqc.Rule, value, msg, fix string) {
	c.probs = append(c.probs, gyqc.Problem{Severity: gyqc.SevError, File: c.planFile, Line: line, Rule: rule, Value: value, Message: msg, Fix: fix})
}

func (c *checker) errUnits(line int, rule gyqc.Rule, value, msg, fix string) {
	c.probs = append(c.probs, gyqc.Problem{Severity: gyqc.SevError, File: c.unitsFile, Line: line, Rule: rule, Value: value, Message: msg, Fix: fix})
}

func (c *checker) warnUnits(line int, rule gyqc.Rule, value, msg, fix string) {
	c.probs = append(c.probs, gyqc.Problem{Severity: gyqc.SevWarning, File: c.unitsFile, Line: line, Rule: rule, Value: value, Message: msg, Fix: fix})
}

func (c *checker) build(rp *rawPlan, ru *rawUnits) *gyqc.Plan {
	c.lengths(rp, ru)
	reg := c.registry(ru)
	p := &gyqc.Plan{ID: rp.ID, Version: rp.Version, Title: rp.Title, Document: rp.Document,
		Issuers: rp.Issuers, Issued: rp.Issued, Reporting: rp.Reporting, Briefing: rp.Briefing, Registry: reg}
	c.checkBriefing(p.Briefing)
	if strings.TrimSpace(p.ID) == "" {
		c.errPlan(0, RuleMissingId, "", "缺少方案标识 id", "请在文件开头写 id: 方案标识，例如 id: qianjiang-gyqc-2022")
	}
	if strings.TrimSpace(p.Title) == "" {
		c.errPlan(0, RuleMissingTitle, "", "缺少方案名称 title", "请写 title: 方案名称")
	}
	c.horizon(p, &rp.Horizon)
	c.reporting(p)

	// Projects and tasks.
	seenProject, seenTask := map[int]int{}, map[int]int{}
	for _, rpj := range rp.Projects {
		if prev, dup := seenProject[rpj.No]; dup {
			c.errPlan(rpj.Line, RuleDuplicateProject, strconv.Itoa(rpj.No), fmt.Sprintf("工程编号 %d 重复（第%d行已使用）", rpj.No, prev), "每个工程的编号应唯一")
		}
		seenProject[rpj.No] = rpj.Line
		if strings.TrimSpace(rpj.Name) == "" {
			c.errPlan(rpj.Line, RuleMissingName, "", "工程缺少名称 name", "请填写工程名称，例如 name: 产业提档工程")
		}
		pj := gyqc.Project{No: rpj.No, Name: rpj.Name, Text: rpj.Text}
		for _, rt := range rpj.Tasks {
			if prev, dup := seenTask[rt.No]; dup {
				c.errPlan(rt.Line, RuleDuplicateTask, strconv.Itoa(rt.No), fmt.Sprintf("任务编号 %d 重复（第%d行已使用）", rt.No, prev), "每项任务的编号应唯一")
			}
			seenTask[rt.No] = rt.Line
			t := c.task(rawRequirement(rt), "任务")
			t.Project = pj.No
			pj.Tasks = append(pj.Tasks, t.No)
			p.Tasks = append(p.Tasks, t)
		}
		p.Projects = append(p.Projects, pj)
	}
	if len(p.Tasks) == 0 {
		c.errPlan(0, RuleNoTasks, "", "方案中没有任何任务", "请在 projects 下的 tasks 中列出任务")
	}
	for _, rr := range rp.Requirements {
		t := c.task(rr, "工作要求")
		p.Requirements = append(p.Requirements, gyqc.Requirement{No: t.No, Title: t.Title, Text: t.Text,
			Lead: t.Lead, Support: t.Support, SupportLabel: t.SupportLabel})
	}

	// Indicators (their accountable units default to the tasks' lead units).
	p.IndexAssignments()
	seenKey := map[string]int{}
	for _, ri := range rp.Indicators {
		if ind, ok := c.indicator(p, ri, seenKey); ok {
			p.Indicators = append(p.Indicators, ind)
		}
	}
	p.Lights = c.lights(rp.Lights)
	p.Assessment = c.assessment(rp.Assessment)
	c.groupCoverage(p, ru)
	return p
}

// task checks one task or requirement: number, title, lead units, and that every unit name
// is known.
func (c *checker) task(rt rawRequirement, what string) gyqc.Task {
	t := gyqc.Task{No: rt.No, Title: rt.Title, Text: rt.Text, SupportLabel: rt.SupportLabel}
	if rt.No <= 0 {
		c.errPlan(rt.Line, RuleMissingNumber, "", what+"缺少编号 no 或编号不是正整数", "请填写 no: 序号，例如 no: 1")
	}
	if strings.TrimSpace(rt.Title) == "" {
		c.errPlan(rt.Line, RuleMissingTitle, "", fmt.Sprintf("%s %d 缺少名称 title", what, rt.No), "请填写该项的名称")
	}
	if len(rt.Lead) == 0 {
		c.errPlan(rt.Line, RuleMissingLead, "", fmt.Sprintf("%s %d“%s”没有牵头单位", what, rt.No, rt.Title), "请在 lead 中至少写一个牵头单位")
	}
	t.Lead = c.names(rt.Lead, what, rt.No)
	t.Support = c.names(rt.Support, what, rt.No)
	if t.SupportLabel == "" {
		t.SupportLabel = "配合单位"
	}
	return t
}

// names resolves unit names to canonical names (aliases replaced), keeps group names, and
// reports unknown names.
func (c *checker) names(list []lineString, what string, no int) []string {
	var out []string
	for _, n := range list {
		name := strings.TrimSpace(n.S)
		if u := c.registryCache.UnitByName(name); u != nil {
			out = append(out, u.Name)
			continue
		}
		if c.registryCache.Group(name) != nil {
			out = append(out, name)
			continue
		}
		c.errPlan(n.Line, RuleUnknownUnit, name, fmt.Sprintf("%s %d 中的单位“%s”不在单位名册中", what, no, name),
			"请改用单位名册（units.yaml）中的名称或别名，或在名册中增加该单位")
	}
	return out
}

// expand returns the codes a unit or group name stands for, nil when it is unknown.
func (c *checker) expand(name string) []string {
	if u := c.registryCache.UnitByName(name); u != nil {
		return []string{u.Code}
	}
	if g := c.registryCache.Group(name); g != nil {
		return append([]string{}, g.Members...)
	}
	return nil
}

func (c *checker) horizon(p *gyqc.Plan, h *rawHorizon) {
	parse := func(ls lineString, field string) gyqc.Period {
		per, err := gyqc.ParsePeriod(ls.S)
		if err != nil {
			c.errPlan(ls.Line, RuleBadPeriod, ls.S, fmt.Sprintf("horizon.%s 不是有效的报送期", field), "请写作“年-月”，例如 \"2025-12\"")
		}
		return per
	}
	p.Horizon.First = parse(h.First, "first_period")
	p.Horizon.Last = parse(h.Last, "last_period")
	p.Horizon.Baseline = p.Horizon.First.Add(-1)
	if h.Baseline.S != "" {
		p.Horizon.Baseline = parse(h.Baseline, "baseline_period")
	}
	if !p.Horizon.First.IsZero() && !p.Horizon.Last.IsZero() && p.Horizon.Last.Before(p.Horizon.First) {
		c.errPlan(h.Last.Line, RuleBadHorizon, h.Last.S, "最后报送期早于首个报送期", "请检查 horizon 的起止月份")
	}
}

func (c *checker) reporting(p *gyqc.Plan) {
	r := &p.Reporting
	if r.Timezone == "" {
		r.Timezone = "Asia/Shanghai"
	}
	loc, err := time.LoadLocation(r.Timezone)
	if err != nil {
		c.errPlan(0, RuleBadTimezone, r.Timezone, "reporting.timezone 不是有效的时区", "例如 timezone: Asia/Shanghai")
		loc = time.UTC
	}
	p.SetLocation(loc)
	if r.DueDay < 1 || r.DueDay > 28 {
		c.errPlan(0, RuleBadDueDay, strconv.Itoa(r.DueDay), "reporting.due_day 应在 1 到 28 之间", "例如 due_day: 1 表示次月1日前报送")
	}
	if r.DueTime == "" {
		r.DueTime = "00:00"
	}
	if !regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`).MatchString(r.DueTime) {
		c.errPlan(0, RuleBadDueTime, r.DueTime, "reporting.due_time 应写作“时:分”", `例如 due_time: "17:30"`)
	}
}

// checkBriefing checks the briefing section: the issuer (编印单位) is named, and each of the
// briefing's 报尾 lines has a label of 报, 送, 发 or 抄送 and a text.
func (c *checker) checkBriefing(b gyqc.Briefing) {
	if strings.TrimSpace(b.Issuer) == "" {
		c.errPlan(0, RuleBriefingIssuer, "", "briefing 中缺少编印单位 issuer",
			"请写 issuer: 区“工业强城”建设工作领导小组办公室（简报报头和报尾署名的单位）")
	}
	for i, r := range b.Recipients {
		label := strings.TrimSuffix(strings.TrimSpace(r.Label), "：")
		switch {
		case label != "报" && label != "送" && label != "发" && label != "抄送":
			c.errPlan(0, RuleBriefingRecipientLabel, r.Label,
				fmt.Sprintf("briefing 的 recipients 第%d行的 label“%s”不是报尾的栏目", i+1, r.Label), "label 应为 报、送、发 或 抄送")
		case strings.TrimSpace(r.Text) == "":
			c.errPlan(0, RuleBriefingRecipientText, r.Label,
				fmt.Sprintf("briefing 的 recipients 第%d行（%s）没有写报送对象", i+1, label), "请写 text: 报送的单位，例如 区委考核办")
		}
	}
}
