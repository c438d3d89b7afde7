package gyqc_test

import (
	"slices"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
)

func gapKinds(gaps []gyqc.Gap) []string {
	var out []string
	for _, g := range gaps {
		out = append(out, g.Kind)
	}
	return out
}

func TestGapsListWhatIsStillExampleOrEmpty(t *testing.T) {
	p := planfile.Default()
	gaps := p.Gaps()
	for _, kind := range []string{"example-group", "example-unit", "no-contact", "no-email", "no-office-contact"} {
		if !slices.Contains(gapKinds(gaps), kind) {
			t.Errorf("embedded plan: no %s gap among %v", kind, gapKinds(gaps))
		}
	}
	i := slices.IndexFunc(gaps, func(g gyqc.Gap) bool { return g.Kind == "example-group" })
	if want := []string{"各产业链牵头部门", "各产业链配合部门", "区级相关部门", "各乡镇街道", "各行业主管部门"}; !slices.Equal(gaps[i].Items, want) {
		t.Errorf("example groups %v, want %v", gaps[i].Items, want)
	}
	if line := gaps[i].Line(); line != "单位组的成员仍是示例，待办公室核实：各产业链牵头部门、各产业链配合部门、区级相关部门、各乡镇街道、各行业主管部门，共5个" {
		t.Errorf("line %q", line)
	}

	// The office confirms the groups and units and fills in every contact.
	for i := range p.Registry.Groups {
		p.Registry.Groups[i].Example = false
	}
	for i := range p.Registry.Units {
		u := &p.Registry.Units[i]
		u.Example, u.Contact, u.Phone, u.Email = false, "张三", "023-79221234", u.Code+"@qianjiang.gov.cn"
	}
	p.Reporting.Contact = "李四 023-79220000"
	for _, kind := range gapKinds(p.Gaps()) {
		if kind != "no-baseline" && kind != "no-yearly-targets" {
			t.Errorf("gap %s left after the office filled everything in", kind)
		}
	}
	// One responsible unit without an e-mail shows again, by name.
	p.Registry.Unit("czj").Email = ""
	g := p.Gaps()
	if i := slices.IndexFunc(g, func(g gyqc.Gap) bool { return g.Kind == "no-email" }); i < 0 || !slices.Equal(g[i].Items, []string{"区财政局"}) {
		t.Errorf("no-email gap: %+v", g)
	}
}
