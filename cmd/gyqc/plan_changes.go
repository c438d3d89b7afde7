package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/qianjiang/gyqc"
)

// planChanges describes, one line per kind, what a new version of the plan changes against
// the old one: units added or removed, groups whose members changed, contacts, indicators'
// settings and the assessment rules. It is what the clerk checks before activating.
func planChanges(old, cur *gyqc.Plan) []string {
	var out []string
	add := func(label string, items []string) {
		if len(items) > 0 {
			shown, more := items[:min(len(items), 6)], ""
			if len(items) > len(shown) {
				more = "等"
			}
			out = append(out, fmt.Sprintf("%s %d 个：%s%s", label, len(items), strings.Join(shown, "、"), more))
		}
	}
	oldUnits, curUnits := unitsByCode(old), unitsByCode(cur)
	succ := gyqc.Successors(old.Registry, cur.Registry)
	heirs := map[string]bool{}
	for code, to := range succ {
		for _, c := range to {
			heirs[c] = heirs[c] || c != code
		}
	}
	var added, removed, contacts []string
	for _, u := range cur.Registry.Units {
		o, ok := oldUnits[u.Code]
		switch {
		case !ok && heirs[u.Code]: // listed with the units it continues
		case !ok:
			added = append(added, u.Name)
		case o.Contact != u.Contact || o.Phone != u.Phone || o.Email != u.Email:
			contacts = append(contacts, u.Name)
		}
	}
	var joined []string
	for _, u := range old.Registry.Units {
		if _, ok := curUnits[u.Code]; ok {
			continue
		}
		var to []string
		for _, c := range succ[u.Code] {
			to = append(to, curUnits[c].Name)
		}
		if len(to) == 0 {
			removed = append(removed, u.Name)
		} else {
			joined = append(joined, u.Name+"→"+strings.Join(to, "、"))
		}
	}
	add("新增单位", added)
	add("改代码或并入其他单位的单位（以前各月的记录接续过去）", joined)
	add("删除单位（以前各月的记录按原版本保留，不再接续到任何单位；如是改代码或合并，请在“曾用代码”中填写原代码）", removed)
	add("联系人、电话或邮箱有变化的单位", contacts)
	var groups []string
	for _, g := range cur.Registry.Groups {
		o := old.Registry.Group(g.Name)
		if o == nil || !slices.Equal(o.Members, g.Members) || o.Example != g.Example {
			groups = append(groups, g.Name)
		}
	}
	add("成员有变化的单位组", groups)
	var inds []string
	for _, ind := range cur.Indicators {
		o := old.Indicator(ind.Key)
		if o == nil || indicatorSettings(o) != indicatorSettings(&ind) {
			inds = append(inds, ind.Name)
		}
	}
	add("设置有变化的指标", inds)
	if fmt.Sprint(old.Assessment) != fmt.Sprint(cur.Assessment) || old.Lights != cur.Lights {
		out = append(out, "考核规则或亮灯界限有变化")
	}
	if old.Reporting != cur.Reporting || fmt.Sprint(old.Briefing) != fmt.Sprint(cur.Briefing) {
		out = append(out, "报送或简报的设置有变化")
	}
	return out
}

func unitsByCode(p *gyqc.Plan) map[string]gyqc.Unit {
	m := map[string]gyqc.Unit{}
	for _, u := range p.Registry.Units {
		m[u.Code] = u
	}
	return m
}

// indicatorSettings is what an indicator's row says, as text to compare.
func indicatorSettings(ind *gyqc.Indicator) string {
	years := slices.Sorted(maps.Keys(ind.TargetsByYear))
	var b strings.Builder
	for _, y := range years {
		fmt.Fprintf(&b, "%d=%v;", y, ind.TargetsByYear[y])
	}
	return fmt.Sprint(ind.Name, ind.Kind, ptr(ind.Target), ind.Comparator, ind.Soft, ind.Task, ind.UnitCode, ind.Accountable,
		ind.Frequency, ind.Lag, ptr(ind.Baseline), ind.BaselinePeriod, ind.BaselineNote, b.String(), ind.TargetYear, ind.Sources)
}

func ptr(f *float64) string {
	if f == nil {
		return "-"
	}
	return gyqc.FormatNumber(*f)
}
