package gyqc

import (
	"regexp"
	"sort"
)

// Unit is one responsible unit (单位): a district department, the industrial park, a town or
// a street. Code is short, stable and ASCII; it is used in file names.
type Unit struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Contact string   `json:"contact"` // 联系人
	Phone   string   `json:"phone"`   // 电话
	Email   string   `json:"email"`   // 邮箱
	Example bool     `json:"example"` // an example member, not yet confirmed by the office
	// Former lists the codes the unit went by in earlier versions of the registry: its own
	// old code when the office changed it, or the codes of units merged into it. Periods
	// judged under an earlier version are attributed to it through them (see Successors).
	Former []string `json:"former,omitempty"`
	Note   string   `json:"note,omitempty"` // the office's note on the unit (备注)
}

// Group is a name in the plan that stands for several units, such as 各乡镇街道. A group may
// include other groups; Members holds every unit of the group, those of included groups too.
type Group struct {
	Name     string   `json:"name"`
	Note     string   `json:"note"`
	Members  []string `json:"members"`            // unit codes, included groups expanded
	Includes []string `json:"includes,omitempty"` // names of the groups it includes directly
	Example  bool     `json:"example"`            // the members are examples, to be replaced by the office
}

// Registry holds the units and groups and resolves names, aliases and codes.
type Registry struct {
	Units  []Unit
	Groups []Group

	byName map[string]int // canonical name and aliases → index in Units
	byCode map[string]int
	groups map[string]int
}

// codePattern is the form of a unit code: lower-case ASCII letters and digits, 2 to 16.
var codePattern = regexp.MustCompile(`^[a-z][a-z0-9]{1,15}$`)

// ValidUnitCode reports whether code has the form of a unit code.
func ValidUnitCode(code string) bool { return codePattern.MatchString(code) }

// NewRegistry indexes units and groups. It does not validate them; see LoadPlan.
func NewRegistry(units []Unit, groups []Group) *Registry {
	r := &Registry{Units: units, Groups: groups,
		byName: map[string]int{}, byCode: map[string]int{}, groups: map[string]int{}}
	for i, u := range units {
		r.byCode[u.Code] = i
		r.byName[u.Name] = i
		for _, a := range u.Aliases {
			if _, dup := r.byName[a]; !dup {
				r.byName[a] = i
			}
		}
	}
	for i, g := range groups {
		r.groups[g.Name] = i
	}
	return r
}

// Unit returns the unit with the code, or nil.
func (r *Registry) Unit(code string) *Unit {
	if i, ok := r.byCode[code]; ok {
		return &r.Units[i]
	}
	return nil
}

// UnitByName returns the unit whose canonical name or alias is name, or nil.
func (r *Registry) UnitByName(name string) *Unit {
	if i, ok := r.byName[name]; ok {
		return &r.Units[i]
	}
	return nil
}

// Group returns the group with the name, or nil.
func (r *Registry) Group(name string) *Group {
	if i, ok := r.groups[name]; ok {
		return &r.Groups[i]
	}
	return nil
}

// Resolve returns the codes of the units a name in the plan stands for: one unit for a unit
// name or alias, the members for a group, nothing for an unknown name.
func (r *Registry) Resolve(name string) []string {
	if u := r.UnitByName(name); u != nil {
		return []string{u.Code}
	}
	if g := r.Group(name); g != nil {
		return g.Members
	}
	return nil
}

// GroupsOf returns the names of the groups the unit belongs to, in registry order.
func (r *Registry) GroupsOf(code string) []string {
	var out []string
	for _, g := range r.Groups {
		for _, m := range g.Members {
			if m == code {
				out = append(out, g.Name)
				break
			}
		}
	}
	return out
}

// Role is a unit's part in a task.
type Role string

// Roles in a task.
const (
	RoleLead    Role = "lead"    // 牵头
	RoleSupport Role = "support" // 配合 (the plan also says 责任单位)
)

// Label returns the role in Chinese: 牵头 or 配合.
func (r Role) Label() string {
	if r == RoleLead {
		return "牵头"
	}
	return "配合"
}

// Assignment is one task a unit takes part in, directly or through a group.
type Assignment struct {
	Task int    `json:"task"`
	Role Role   `json:"role"`
	Via  string `json:"via,omitempty"` // the group name when the unit is named through a group
}

// Assignments returns the tasks the unit takes part in, in task order. A unit named both as
// lead and as supporting unit of one task is its lead; a direct mention wins over a group.
func (p *Plan) Assignments(code string) []Assignment { return p.assign[code] }

// IndexAssignments computes every unit's assignments once, so that lookups stay cheap for
// registries of thousands of units. The plan's loader calls it once the tasks and the
// registry are set.
func (p *Plan) IndexAssignments() {
	best := map[string]map[int]Assignment{}
	for _, t := range p.Tasks {
		for _, role := range []Role{RoleLead, RoleSupport} {
			names := t.Lead
			if role == RoleSupport {
				names = t.Support
			}
			for _, name := range names {
				via := ""
				if p.Registry.Group(name) != nil {
					via = name
				}
				for _, code := range p.Registry.Resolve(name) {
					if best[code] == nil {
						best[code] = map[int]Assignment{}
					}
					old, seen := best[code][t.No]
					switch {
					case !seen,
						old.Role == RoleSupport && role == RoleLead,
						old.Role == role && old.Via != "" && via == "":
						best[code][t.No] = Assignment{Task: t.No, Role: role, Via: via}
					}
				}
			}
		}
	}
	p.assign = map[string][]Assignment{}
	for code, byTask := range best {
		list := make([]Assignment, 0, len(byTask))
		for _, a := range byTask {
			list = append(list, a)
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Task < list[j].Task })
		p.assign[code] = list
	}
}

// TaskUnits returns the codes of the units leading and supporting task no, groups expanded,
// each unit once and in its strongest role, in registry order.
func (p *Plan) TaskUnits(no int) (lead, support []string) {
	for _, u := range p.Registry.Units {
		for _, a := range p.Assignments(u.Code) {
			if a.Task != no {
				continue
			}
			if a.Role == RoleLead {
				lead = append(lead, u.Code)
			} else {
				support = append(support, u.Code)
			}
		}
	}
	return lead, support
}

// ReportedIndicators returns the indicators the unit reports, in plan order.
func (p *Plan) ReportedIndicators(code string) []*Indicator {
	return filter(p.Indicators, func(x *Indicator) bool { return x.UnitCode == code })
}

// ResponsibleUnits returns the units that take part in at least one task or report at least
// one indicator, in registry order. Templates are issued to exactly these units.
func (p *Plan) ResponsibleUnits() []*Unit {
	var out []*Unit
	for i := range p.Registry.Units {
		u := &p.Registry.Units[i]
		if len(p.Assignments(u.Code)) > 0 || len(p.ReportedIndicators(u.Code)) > 0 {
			out = append(out, u)
		}
	}
	return out
}
