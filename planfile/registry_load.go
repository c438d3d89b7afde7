package planfile

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/qianjiang/gyqc"
)

// registry checks the units file and builds the registry: codes unique and ASCII, names and
// aliases unique, group members known.
func (c *checker) registry(ru *rawUnits) *gyqc.Registry {
	var units []gyqc.Unit
	codes, names := map[string]int{}, map[string]int{}
	for _, r := range ru.Units {
		switch {
		case !gyqc.ValidUnitCode(r.Code):
			c.errUnits(r.Line, "bad-code", r.Code, fmt.Sprintf("单位“%s”的代码不合规", r.Name), "代码用 2 到 16 位小写英文字母或数字，以字母开头，例如 code: jxw")
		case codes[r.Code] > 0:
			c.errUnits(r.Line, "duplicate-code", r.Code, fmt.Sprintf("单位代码“%s”重复（第%d行已使用）", r.Code, codes[r.Code]), "每个单位的代码应唯一")
		}
		codes[r.Code] = r.Line
		if strings.TrimSpace(r.Name) == "" {
			c.errUnits(r.Line, "missing-name", r.Code, "单位缺少名称 name", "请填写单位全称，例如 name: 区经济信息委")
		}
		for _, n := range append([]string{r.Name}, r.Aliases...) {
			if prev, dup := names[n]; dup && n != "" {
				c.errUnits(r.Line, "duplicate-name", n, fmt.Sprintf("单位名称或别名“%s”重复（第%d行已使用）", n, prev), "同一名称只能指向一个单位")
			}
			names[n] = r.Line
		}
		units = append(units, gyqc.Unit{Code: r.Code, Name: r.Name, Aliases: r.Aliases, Contact: r.Contact, Phone: r.Phone, Example: r.Example})
	}
	var groups []gyqc.Group
	for _, g := range ru.Groups {
		if strings.TrimSpace(g.Name) == "" {
			c.errUnits(g.Line, "missing-name", "", "单位组缺少名称 name", "请填写单位组名称，例如 name: 各乡镇街道")
		}
		if _, clash := names[g.Name]; clash {
			c.errUnits(g.Line, "group-name-clash", g.Name, fmt.Sprintf("单位组“%s”与单位同名", g.Name), "单位组与单位的名称不能相同")
		}
		grp := gyqc.Group{Name: g.Name, Note: g.Note, Example: g.Example}
		for _, m := range g.Members {
			if codes[m.S] == 0 {
				c.errUnits(m.Line, "unknown-member", m.S, fmt.Sprintf("单位组“%s”的成员代码“%s”不在名册中", g.Name, m.S), "成员请写单位代码（code），例如 jxw")
				continue
			}
			grp.Members = append(grp.Members, m.S)
		}
		groups = append(groups, grp)
	}
	c.registryCache = gyqc.NewRegistry(units, groups)
	return c.registryCache
}

// groupCoverage reports groups without members, naming the tasks that would then have nobody
// leading (an error) or nobody from that group supporting (a warning), and groups whose members
// are only examples (a warning).
func (c *checker) groupCoverage(p *gyqc.Plan, ru *rawUnits) {
	for i, g := range p.Registry.Groups {
		line := ru.Groups[i].Line
		var leadTasks, supportTasks []string
		for _, t := range p.Tasks {
			for _, n := range t.Lead {
				if n == g.Name {
					leadTasks = append(leadTasks, fmt.Sprint(t.No))
				}
			}
			for _, n := range t.Support {
				if n == g.Name {
					supportTasks = append(supportTasks, fmt.Sprint(t.No))
				}
			}
		}
		if len(g.Members) == 0 {
			for _, no := range leadTasks {
				lead, _ := p.TaskUnits(atoi(no))
				if len(lead) == 0 {
					c.errUnits(line, "empty-group", g.Name, fmt.Sprintf("单位组“%s”没有成员，任务 %s 因此没有牵头单位报送", g.Name, no), "请在 members 中列出该组的成员单位代码")
				}
			}
			if len(supportTasks) > 0 {
				c.warnUnits(line, "empty-group", g.Name, fmt.Sprintf("单位组“%s”没有成员，任务 %s 中该组无人报送", g.Name, strings.Join(supportTasks, "、")), "请在 members 中列出该组的成员单位代码")
			}
			if len(leadTasks)+len(supportTasks) == 0 {
				c.warnUnits(line, "empty-group", g.Name, fmt.Sprintf("单位组“%s”没有成员", g.Name), "请在 members 中列出该组的成员单位代码，或删去该组")
			}
			continue
		}
		if g.Example {
			c.warnUnits(line, "example-group", "", fmt.Sprintf("单位组“%s”的成员是示例，方案未规定成员", g.Name), "请领导小组办公室核实成员后删去 example: true")
		}
	}
}

func atoi(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}

// yamlKeys returns the YAML keys of the struct v points to.
func yamlKeys(v any) map[string]bool {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	keys := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			keys[tag] = true
		}
	}
	return keys
}
