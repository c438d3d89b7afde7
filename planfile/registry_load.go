package planfile

import (
	"fmt"
	"net/mail"
	"reflect"
	"strings"

	"github.com/qianjiang/gyqc"
)

// registry checks the units file and builds the registry: codes unique and ASCII, names and
// aliases unique, group members known units or groups, groups free of cycles.
func (c *checker) registry(ru *rawUnits) *gyqc.Registry {
	var units []gyqc.Unit
	codes, names := map[string]int{}, map[string]int{}
	for _, r := range ru.Units {
		switch {
		case !gyqc.ValidUnitCode(r.Code):
			c.errUnits(r.Line, RuleBadCode, r.Code, fmt.Sprintf("单位“%s”的代码不合规", r.Name), "代码用 2 到 16 位小写英文字母或数字，以字母开头，例如 code: jxw")
		case codes[r.Code] > 0:
			c.errUnits(r.Line, RuleDuplicateCode, r.Code, fmt.Sprintf("单位代码“%s”重复（第%d行已使用）", r.Code, codes[r.Code]), "每个单位的代码应唯一")
		}
		codes[r.Code] = r.Line
		if strings.TrimSpace(r.Name) == "" {
			c.errUnits(r.Line, RuleMissingName, r.Code, "单位缺少名称 name", "请填写单位全称，例如 name: 区经济信息委")
		}
		for _, n := range append([]string{r.Name}, r.Aliases...) {
			if prev, dup := names[n]; dup && n != "" {
				c.errUnits(r.Line, RuleDuplicateName, n, fmt.Sprintf("单位名称或别名“%s”重复（第%d行已使用）", n, prev), "同一名称只能指向一个单位")
			}
			names[n] = r.Line
		}
		if e := strings.TrimSpace(r.Email); e != "" && !ValidEmail(e) {
			c.errUnits(r.Line, RuleBadEmail, e, fmt.Sprintf("单位“%s”的邮箱格式不正确", r.Name), "请写完整的邮箱地址，例如 email: jxw@qianjiang.gov.cn")
		}
		units = append(units, gyqc.Unit{Code: r.Code, Name: r.Name, Aliases: r.Aliases, Contact: r.Contact, Phone: r.Phone,
			Email: strings.TrimSpace(r.Email), Example: r.Example, Former: r.Former, Note: r.Note})
	}
	c.former(ru, codes)
	groups := c.groups(ru, codes, names)
	c.registryCache = gyqc.NewRegistry(units, groups)
	return c.registryCache
}

// ValidEmail reports whether s is one plain e-mail address (name@domain, no display name).
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndex(s, "@")+1:], ".")
}

// groups checks the groups: names unique and distinct from units, every member a unit code
// or the name of another group, no group including itself through others. Members of included
// groups are expanded, each unit once, in the order first met.
func (c *checker) groups(ru *rawUnits, codes, names map[string]int) []gyqc.Group {
	index := map[string]int{}
	for i, g := range ru.Groups {
		if strings.TrimSpace(g.Name) == "" {
			c.errUnits(g.Line, RuleMissingName, "", "单位组缺少名称 name", "请填写单位组名称，例如 name: 各乡镇街道")
			continue
		}
		if _, clash := names[g.Name]; clash {
			c.errUnits(g.Line, RuleGroupNameClash, g.Name, fmt.Sprintf("单位组“%s”与单位同名", g.Name), "单位组与单位的名称不能相同")
		}
		if prev, dup := index[g.Name]; dup {
			c.errUnits(g.Line, RuleDuplicateGroup, g.Name, fmt.Sprintf("单位组“%s”重复（第%d行已有）", g.Name, ru.Groups[prev].Line), "每个单位组只写一次")
			continue
		}
		index[g.Name] = i
	}
	groups := make([]gyqc.Group, len(ru.Groups))
	for i, g := range ru.Groups {
		groups[i] = gyqc.Group{Name: g.Name, Note: g.Note, Example: g.Example}
		for _, m := range g.Members {
			name := strings.TrimSpace(m.S)
			switch _, isGroup := index[name]; {
			case codes[name] > 0:
				groups[i].Members = append(groups[i].Members, name)
			case isGroup:
				groups[i].Includes = append(groups[i].Includes, name)
			default:
				c.errUnits(m.Line, RuleUnknownMember, name, fmt.Sprintf("单位组“%s”的成员“%s”既不是名册中的单位代码，也不是单位组", g.Name, name),
					"成员请写单位代码（code，例如 jxw）或另一个单位组的名称")
			}
		}
	}
	c.expandGroups(ru, groups, index)
	return groups
}

// expandGroups adds to every group the members of the groups it includes, and reports each
// cycle once, at the first group of the cycle in file order.
func (c *checker) expandGroups(ru *rawUnits, groups []gyqc.Group, index map[string]int) {
	const (
		unseen = iota
		active
		done
	)
	state := make([]int, len(groups))
	reported := map[string]bool{}
	var visit func(i int, path []string) []string
	visit = func(i int, path []string) []string {
		g := &groups[i]
		switch state[i] {
		case done:
			return g.Members
		case active:
			cycle := append(path[indexOf(path, g.Name):], g.Name)
			if key := cycleKey(cycle); !reported[key] {
				reported[key] = true
				c.errUnits(ru.Groups[index[cycle[0]]].Line, RuleGroupCycle, cycle[0],
					fmt.Sprintf("单位组循环包含：%s", strings.Join(cycle, " → ")),
					"单位组不能直接或间接包含自己，请从其中一个组的成员中删去另一个组")
			}
			return nil
		}
		state[i] = active
		members := append([]string(nil), g.Members...)
		for _, inc := range g.Includes {
			members = append(members, visit(index[inc], append(path, g.Name))...)
		}
		g.Members = dedupe(members)
		state[i] = done
		return g.Members
	}
	for i := range groups {
		if _, ok := index[groups[i].Name]; ok && index[groups[i].Name] == i {
			visit(i, nil)
		}
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return 0
}

// cycleKey names a cycle independently of where it was entered.
func cycleKey(cycle []string) string {
	names := append([]string(nil), cycle[:len(cycle)-1]...)
	min := 0
	for i := range names {
		if names[i] < names[min] {
			min = i
		}
	}
	return strings.Join(append(names[min:], names[:min]...), "→")
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	out := list[:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
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
					c.errUnits(line, RuleEmptyGroup, g.Name, fmt.Sprintf("单位组“%s”没有成员，任务 %s 因此没有牵头单位报送", g.Name, no), "请在 members 中列出该组的成员单位代码")
				}
			}
			if len(supportTasks) > 0 {
				c.warnUnits(line, RuleEmptyGroup, g.Name, fmt.Sprintf("单位组“%s”没有成员，任务 %s 中该组无人报送", g.Name, strings.Join(supportTasks, "、")), "请在 members 中列出该组的成员单位代码")
			}
			if len(leadTasks)+len(supportTasks) == 0 {
				c.warnUnits(line, RuleEmptyGroup, g.Name, fmt.Sprintf("单位组“%s”没有成员", g.Name), "请在 members 中列出该组的成员单位代码，或删去该组")
			}
			continue
		}
		if g.Example {
			c.warnUnits(line, RuleExampleGroup, "", fmt.Sprintf("单位组“%s”的成员是示例，方案未规定成员", g.Name), "请领导小组办公室核实成员后删去 example: true")
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

// former checks the units' former codes (曾用代码): each of the form of a code, and none the
// code of a unit of this registry, since periods judged under an earlier version are
// attributed through them.
func (c *checker) former(ru *rawUnits, codes map[string]int) {
	for _, r := range ru.Units {
		for _, f := range r.Former {
			switch {
			case !gyqc.ValidUnitCode(f):
				c.errUnits(r.Line, RuleBadCode, f, fmt.Sprintf("单位“%s”的曾用代码“%s”不合规", r.Name, f),
					"曾用代码是该单位在以前版本名册中的代码，用 2 到 16 位小写英文字母或数字，例如 former: [jxw]")
			case codes[f] > 0:
				c.errUnits(r.Line, RuleFormerInUse, f, fmt.Sprintf("单位“%s”的曾用代码“%s”是名册中另一单位（第%d行）的现用代码", r.Name, f, codes[f]),
					"曾用代码只写已不再使用的旧代码；若两个单位合并，请删去被合并的单位，把它的代码写在合并后单位的曾用代码中")
			}
		}
	}
}
