package planbook

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
)

// registry is what the workbook's own 单位 and 单位组 sheets say: names, aliases and codes of
// units, and group names.
type registry struct {
	code   map[string]string // name, alias or code → code
	name   map[string]string // code → name
	groups map[string]*value // group name → its record
	order  []string          // unit names and group names, for suggestions
}

// checkUnits assigns codes to new units, checks codes, names and e-mails, and indexes them.
func (im *importer) checkUnits() *registry {
	reg := &registry{code: map[string]string{}, name: map[string]string{}, groups: map[string]*value{}}
	units := im.roots[planfile.UnitsYAML].get("units")
	if units == nil {
		return reg
	}
	taken := map[string]bool{}
	for _, u := range units.items {
		taken[textOf(u.get("code"))] = true
	}
	next := 1
	codeAt := map[string]origin{}
	nameAt := map[string]origin{}
	for _, u := range units.items {
		code, name := textOf(u.get("code")), textOf(u.get("name"))
		at := *u.at
		if c := u.get("code"); c != nil && c.at != nil {
			at = *c.at
		}
		if code == "" {
			for taken[fmt.Sprintf("u%03d", next)] {
				next++
			}
			code = fmt.Sprintf("u%03d", next)
			taken[code] = true
			u.fields["code"] = &value{kind: planfile.FieldText, text: code, at: &at}
			im.warnAt(at, RuleCodeAssigned, "", fmt.Sprintf("单位“%s”没有代码，已自动编为 %s", name, code),
				"代码会出现在模板文件名中；如需更好记的代码，可改为单位名称的拼音首字母，如 cdjd")
		}
		switch prev, dup := codeAt[code]; {
		case !gyqc.ValidUnitCode(code):
			im.errAt(at, planfile.RuleBadCode, code, fmt.Sprintf("单位“%s”的代码不合规", name), "代码用 2 到 16 位小写英文字母或数字，以字母开头，例如 cdjd；也可留空，导入时自动编号")
		case dup:
			im.errAt(at, planfile.RuleDuplicateCode, "", fmt.Sprintf("单位代码“%s”与 %s 单元格重复", code, prev.cell), "每个单位的代码应不同")
		}
		codeAt[code] = at
		reg.name[code] = name
		names := append([]string{name}, listOf(u.get("aliases"))...)
		for i, n := range names {
			if n == "" {
				continue
			}
			nat := at
			if f := u.get("name"); i == 0 && f != nil && f.at != nil {
				nat = *f.at
			} else if f := u.get("aliases"); i > 0 && f != nil && f.at != nil {
				nat = *f.at
			}
			if prev, dup := nameAt[n]; dup {
				im.errAt(nat, planfile.RuleDuplicateName, "", fmt.Sprintf("单位名称或别名“%s”与 %s 单元格重复", n, prev.cell), "同一名称只能指向一个单位；请删去其中一个")
				continue
			}
			nameAt[n] = nat
			reg.code[n] = code
		}
		reg.order = append(reg.order, name)
		if e := u.get("email"); e != nil && !planfile.ValidEmail(e.text) {
			im.errAt(*e.at, planfile.RuleBadEmail, e.text, fmt.Sprintf("单位“%s”的邮箱格式不正确", name), "请写完整的邮箱地址，例如 jxw@qianjiang.gov.cn；多个邮箱只写一个")
		}
	}
	im.checkFormer(units.items, codeAt)
	for code := range reg.name {
		if _, clash := reg.code[code]; !clash {
			reg.code[code] = code
		}
	}
	if groups := im.roots[planfile.UnitsYAML].get("groups"); groups != nil {
		for _, g := range groups.items {
			name := textOf(g.get("name"))
			at := *g.at
			if f := g.get("name"); f != nil && f.at != nil {
				at = *f.at
			}
			if _, clash := reg.code[name]; clash && name != "" {
				im.errAt(at, planfile.RuleGroupNameClash, "", fmt.Sprintf("单位组“%s”与单位同名", name), "单位组与单位的名称不能相同")
				continue
			}
			if prev, dup := reg.groups[name]; dup && name != "" {
				im.errAt(at, planfile.RuleDuplicateGroup, "", fmt.Sprintf("单位组“%s”与 %s 单元格重复", name, prev.get("name").at.cell), "每个单位组只写一行")
				continue
			}
			reg.groups[name] = g
			reg.order = append(reg.order, name)
		}
	}
	return reg
}

func listOf(v *value) []string {
	if v == nil {
		return nil
	}
	return v.list
}

// checkRefs resolves every cell that names units or groups: names stay names (a code is
// replaced by the unit's name), group members become codes; an unknown name is an error.
func (im *importer) checkRefs(reg *registry) {
	for _, ref := range im.refs {
		items := ref.v.list
		if ref.v.kind == planfile.FieldText {
			items = []string{ref.v.text}
		}
		out := make([]string, 0, len(items))
		for _, n := range items {
			code, isUnit := reg.code[n]
			_, isGroup := reg.groups[n]
			switch {
			case isUnit && ref.names == memberCodes:
				out = append(out, code)
			case isUnit && n == code: // a code where a name is written: use the name
				out = append(out, reg.name[code])
			case isUnit:
				out = append(out, n)
			case isGroup && ref.names != unitNames:
				out = append(out, n)
			case isGroup:
				im.errAt(ref.at, RuleGroupNotUnit, "", fmt.Sprintf("“%s”应为一个具体单位，“%s”是单位组", ref.what, n),
					"请从下拉列表中选择一个单位")
			default:
				fix := "请改用“单位”工作表中的单位名称或别名，或先在“单位”工作表中增加该单位"
				if ref.names != unitNames {
					fix = "请改用“单位”工作表中的单位名称、别名，或“单位组”工作表中的单位组，或先在“单位”工作表中增加该单位"
				}
				if s := suggest(n, reg.order); s != "" {
					fix = "是否应为“" + s + "”？" + fix
				}
				im.errAt(ref.at, planfile.RuleUnknownUnit, "", fmt.Sprintf("“%s”中的“%s”不在单位名册中", ref.what, n), fix)
			}
		}
		if ref.v.kind == planfile.FieldText {
			if len(out) == 1 {
				ref.v.text = out[0]
			}
			continue
		}
		ref.v.list = dedupeList(out)
	}
}

func dedupeList(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// checkCycles reports each group that includes itself through other groups, once per cycle.
func (im *importer) checkCycles(reg *registry) {
	reported := map[string]bool{}
	groups := im.roots[planfile.UnitsYAML].get("groups")
	if groups == nil {
		return
	}
	var visit func(name string, path []string)
	visit = func(name string, path []string) {
		for i, p := range path {
			if p == name {
				cycle := append(append([]string(nil), path[i:]...), name)
				key := strings.Join(sortedCopy(cycle[:len(cycle)-1]), "|")
				if !reported[key] {
					reported[key] = true
					g := reg.groups[cycle[0]]
					im.errAt(*g.get("name").at, planfile.RuleGroupCycle, "", "单位组循环包含："+strings.Join(cycle, " → "),
						"单位组不能直接或间接包含自己，请从其中一个组的“成员”中删去另一个组")
				}
				return
			}
		}
		g := reg.groups[name]
		if g == nil {
			return
		}
		for _, m := range listOf(g.get("members")) {
			if _, ok := reg.groups[m]; ok {
				visit(m, append(path, name))
			}
		}
	}
	for _, g := range groups.items {
		if name := textOf(g.get("name")); reg.groups[name] == g {
			visit(name, nil)
		}
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

var keyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// checkPlan checks task numbers, lead units, indicator keys and the tasks indicators belong to.
func (im *importer) checkPlan() {
	root := im.roots[planfile.PlanYAML]
	tasks := map[int]origin{}
	if projects := root.get("projects"); projects != nil {
		seen := map[int]origin{}
		for _, p := range projects.items {
			if no := p.get("no"); no != nil {
				n, _ := strconv.Atoi(no.text)
				if prev, dup := seen[n]; dup {
					im.errAt(*no.at, planfile.RuleDuplicateProject, "", fmt.Sprintf("工程编号 %d 与 %s 单元格重复", n, prev.cell), "每个工程的编号应不同")
				}
				seen[n] = *no.at
			}
			for _, t := range listItems(p.get("tasks")) {
				im.checkTask(t, tasks, "任务")
			}
		}
	}
	reqs := map[int]origin{}
	for _, r := range listItems(root.get("requirements")) {
		im.checkTask(r, reqs, "工作要求")
	}
	keys := map[string]origin{}
	for _, ind := range listItems(root.get("indicators")) {
		if k := ind.get("key"); k != nil {
			switch prev, dup := keys[k.text]; {
			case !keyPattern.MatchString(k.text):
				im.errAt(*k.at, planfile.RuleBadKey, k.text, "指标代码不合规", "指标代码只能用小写英文字母、数字和连字符，例如 output-value")
			case dup:
				im.errAt(*k.at, planfile.RuleDuplicateIndicator, "", fmt.Sprintf("指标代码“%s”与 %s 单元格重复", k.text, prev.cell), "每个指标的代码应不同")
			}
			keys[k.text] = *k.at
		}
		if t := ind.get("task"); t != nil {
			n, _ := strconv.Atoi(t.text)
			if _, ok := tasks[n]; !ok {
				im.errAt(*t.at, planfile.RuleUnknownTask, "", fmt.Sprintf("所属任务 %s 不存在", t.text), "请填写“工程与任务”工作表中的任务编号")
			}
		}
	}
}

func listItems(v *value) []*value {
	if v == nil {
		return nil
	}
	return v.items
}

// checkTask checks one task or requirement: a number not used before and a lead unit.
func (im *importer) checkTask(t *value, seen map[int]origin, what string) {
	no := t.get("no")
	if no == nil {
		return
	}
	n, _ := strconv.Atoi(no.text)
	if n <= 0 {
		im.errAt(*no.at, RuleBadNumber, no.text, what+"编号应为正整数", "例如 1")
	} else if prev, dup := seen[n]; dup {
		im.errAt(*no.at, planfile.RuleDuplicateTask, "", fmt.Sprintf("%s编号 %d 与 %s 单元格重复", what, n, prev.cell), "每项"+what+"的编号应不同")
	}
	seen[n] = *no.at
	if t.get("lead").empty() {
		im.errAt(*t.at, planfile.RuleMissingLead, "", fmt.Sprintf("%s %d 没有牵头单位", what, n), "请在“牵头单位”中至少写一个单位")
	}
}

// suggest returns the known name closest to n, when one is close enough to be a slip.
func suggest(n string, known []string) string {
	best, bestD := "", 1<<30
	for _, k := range known {
		if d := distance([]rune(n), []rune(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if bestD <= max(1, len([]rune(n))/3) {
		return best
	}
	return ""
}

// distance is the edit distance between two texts.
func distance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// checkFormer checks the units' 曾用代码 at their cells: the form of a code, and none the
// code of a unit in the workbook.
func (im *importer) checkFormer(units []*value, codeAt map[string]origin) {
	for _, u := range units {
		f := u.get("former")
		if f == nil || f.at == nil {
			continue
		}
		name := textOf(u.get("name"))
		for _, code := range listOf(f) {
			if !gyqc.ValidUnitCode(code) {
				im.errAt(*f.at, planfile.RuleBadCode, code, fmt.Sprintf("单位“%s”的曾用代码“%s”不合规", name, code),
					"曾用代码是该单位在以前版本名册中的代码，用 2 到 16 位小写英文字母或数字，多个用“、”分隔")
			} else if at, ok := codeAt[code]; ok {
				im.errAt(*f.at, planfile.RuleFormerInUse, code, fmt.Sprintf("单位“%s”的曾用代码“%s”是 %s 单元格中单位的现用代码", name, code, at.cell),
					"曾用代码只写已不再使用的旧代码；两个单位合并时，删去被并入单位的那一行，把它的代码写在合并后单位的曾用代码中")
			}
		}
	}
}
