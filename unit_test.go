package gyqc_test

import (
	"testing"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

func TestRegistryAliasesAndGroups(t *testing.T) {
	plan := planfile.Default()
	r := plan.Registry
	a, b := r.UnitByName("区规划自然资源局"), r.UnitByName("区规划和自然资源局")
	if a == nil || a != b || a.Code != "ghzyj" {
		t.Fatalf("the two spellings of the planning bureau resolve to %v and %v", a, b)
	}
	for _, g := range []string{"各产业链牵头部门", "各产业链配合部门", "区级相关部门", "各乡镇街道", "各行业主管部门"} {
		grp := r.Group(g)
		if grp == nil || len(grp.Members) == 0 || !grp.Example {
			t.Errorf("group %s: %+v", g, grp)
		}
		if r.UnitByName(g) != nil {
			t.Errorf("group %s is also a unit", g)
		}
	}
	if got := len(plan.ResponsibleUnits()); got != 36 {
		t.Errorf("got %d responsible units, want 36 (39 less the three named only in 工作要求)", got)
	}
	for _, code := range []string{"xcb", "khb", "jwjw"} {
		if len(plan.Assignments(code)) != 0 {
			t.Errorf("%s has task assignments; it is named only in the work requirements", code)
		}
	}
}

func TestAssignments(t *testing.T) {
	plan := planfile.Default()
	tests := []struct {
		name string
		unit string
		task int
		role gyqc.Role
		via  string
	}{
		{"lead through a group", "jxw", 1, gyqc.RoleLead, "各产业链牵头部门"},
		{"direct lead", "jxw", 3, gyqc.RoleLead, ""},
		{"support through a group", "jxw", 13, gyqc.RoleSupport, "各行业主管部门"},
		{"direct support", "kjj", 3, gyqc.RoleSupport, ""},
		{"alias spelling", "ghzyj", 15, gyqc.RoleSupport, ""},
		{"town through 各乡镇街道", "zsz", 24, gyqc.RoleSupport, "各乡镇街道"},
		{"lead wins over support", "fgw", 24, gyqc.RoleLead, ""},
		{"责任单位 is support", "czj", 16, gyqc.RoleSupport, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, a := range plan.Assignments(tc.unit) {
				if a.Task == tc.task {
					if a.Role != tc.role || a.Via != tc.via {
						t.Errorf("got %+v, want role %s via %q", a, tc.role, tc.via)
					}
					return
				}
			}
			t.Errorf("%s has no assignment for task %d", tc.unit, tc.task)
		})
	}
	lead, support := plan.TaskUnits(16)
	if len(lead) != 1 || lead[0] != "dsjj" || len(support) != 2 {
		t.Errorf("task 16: lead %v support %v", lead, support)
	}
}
