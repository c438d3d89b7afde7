package gyqc

import (
	"strconv"
	"strings"
)

// Gap is one kind of thing the plan file or the registry still leaves to the office: example
// members, missing contacts, missing baselines. Commands show them so that nobody mistakes an
// example for a fact.
type Gap struct {
	Kind  string   `json:"kind"`  // example-group, example-unit, no-contact, no-email, no-baseline, no-yearly-targets, no-office-contact
	Label string   `json:"label"` // what is missing, in Chinese
	Items []string `json:"items"` // the groups, units or indicators concerned, by name
}

// Line returns the gap as one line in Chinese: the label, the count and the first names.
func (g Gap) Line() string {
	const show = 5
	names := g.Items
	more := ""
	if len(names) > show {
		names, more = names[:show], "等"
	}
	if len(g.Items) == 1 && g.Kind == "no-office-contact" {
		return g.Label
	}
	return g.Label + "：" + strings.Join(names, "、") + more + "，共" + strconv.Itoa(len(g.Items)) + "个"
}

// Gaps lists what is still an example or empty, one entry per kind that has any: groups whose
// members are examples, example units, responsible units without a contact or phone or
// e-mail, indicators without a baseline or without yearly targets, and the office's own
// contact.
func (p *Plan) Gaps() []Gap {
	var gaps []Gap
	add := func(kind, label string, items []string) {
		if len(items) > 0 {
			gaps = append(gaps, Gap{Kind: kind, Label: label, Items: items})
		}
	}
	var groups, examples, contact, email, baseline, yearly []string
	if p.Registry != nil {
		for _, g := range p.Registry.Groups {
			if g.Example {
				groups = append(groups, g.Name)
			}
		}
		for _, u := range p.Registry.Units {
			if u.Example {
				examples = append(examples, u.Name)
			}
		}
		for _, u := range p.ResponsibleUnits() {
			if strings.TrimSpace(u.Contact) == "" || strings.TrimSpace(u.Phone) == "" {
				contact = append(contact, u.Name)
			}
			if strings.TrimSpace(u.Email) == "" {
				email = append(email, u.Name)
			}
		}
	}
	for _, ind := range p.Indicators {
		if ind.Baseline == nil {
			baseline = append(baseline, ind.Name)
		}
		if ind.Kind != KindTrend && len(ind.TargetsByYear) == 0 {
			yearly = append(yearly, ind.Name)
		}
	}
	add("example-group", "单位组的成员仍是示例，待办公室核实", groups)
	add("example-unit", "示例单位，待办公室核实", examples)
	add("no-contact", "责任单位缺少联系人或电话", contact)
	add("no-email", "责任单位缺少邮箱", email)
	add("no-baseline", "指标缺少基期值（按工作区收到的第一个数计）", baseline)
	add("no-yearly-targets", "指标没有年度目标（按基期值到最终目标直线推算）", yearly)
	if strings.TrimSpace(p.Reporting.Contact) == "" {
		add("no-office-contact", "领导小组办公室的联系人及电话未填写", []string{p.Reporting.Office})
	}
	return gaps
}
