package samples

import (
	"sort"

	"github.com/qianjiang/gyqc"
)

// cast assigns the scenario's mess to units for period p: unit code → mess. Units are taken in
// an order drawn from the seed and the period; a unit gets at most one kind. The late unit is,
// more often than not, the same habitual latecomer. A unit may copy last month's text only if
// last month it reported, was not refused and did not copy itself (so that what it copies is
// what it sent).
func (g *Generator) cast(p gyqc.Period, sc Scenario) map[string]Mess {
	var prev map[string]Mess
	if p.After(g.periods[0]) && sc.Copied > 0 {
		prev = g.cast(p.Add(-1), sc)
	}
	office := ""
	if u := g.plan.Registry.UnitByName(g.plan.Reporting.OfficeUnit); u != nil {
		office = u.Code
	}
	order := g.shuffled("mess", p.Index())
	out := map[string]Mess{}
	leads := func(u *gyqc.Unit) bool {
		for _, a := range g.plan.Assignments(u.Code) {
			if a.Role == gyqc.RoleLead {
				return true
			}
		}
		return false
	}
	eligible := func(u *gyqc.Unit, m Mess) bool {
		if _, taken := out[u.Code]; taken {
			return false
		}
		switch m {
		case MessLate, MessMissing:
			return u.Code != office
		case MessErrors, MessResubmit:
			return u.Code != office && leads(u)
		case MessUntouched, MessLegacy:
			return u.Code != office
		case MessPercent:
			for _, ind := range g.plan.ReportedIndicators(u.Code) {
				if ind.Measure == "%" {
					return true
				}
			}
			return false
		case MessCopied:
			if u.Code == office || prev == nil || len(g.plan.Assignments(u.Code)) == 0 {
				return false
			}
			switch prev[u.Code] {
			case MessMissing, MessErrors, MessResubmit, MessCopied, MessUntouched, MessLegacy:
				return false
			}
		}
		return true
	}
	// The habitual latecomer: the first unit of the seed's own order that may be late.
	if sc.Late > 0 && unitFloat(key(g.seed, "habit", p.Index())) < 0.6 {
		for _, u := range g.habit {
			if eligible(u, MessLate) {
				out[u.Code] = MessLate
				break
			}
		}
	}
	for _, m := range Messes {
		want := sc.count(m)
		for _, v := range out {
			if v == m {
				want--
			}
		}
		for _, u := range order {
			if want <= 0 {
				break
			}
			if eligible(u, m) {
				out[u.Code] = m
				want--
			}
		}
	}
	return out
}

// shuffled returns the responsible units in an order drawn from the seed and the parts.
func (g *Generator) shuffled(parts ...any) []*gyqc.Unit {
	type ranked struct {
		k uint64
		u *gyqc.Unit
	}
	rs := make([]ranked, len(g.units))
	for i, u := range g.units {
		rs[i] = ranked{key(g.seed, append(parts, u.Code)...), u}
	}
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].k != rs[j].k {
			return rs[i].k < rs[j].k
		}
		return rs[i].u.Code < rs[j].u.Code
	})
	out := make([]*gyqc.Unit, len(rs))
	for i, r := range rs {
		out[i] = r.u
	}
	return out
}
