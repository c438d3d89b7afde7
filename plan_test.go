package gyqc_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

// docTask is a task as the plan document writes it.
type docTask struct {
	no                   int
	title, text, project string
	lead, support        []string
}

// readDocument parses the plan document itself, independently of the plan file, so that the
// embedded plan is held against the text it was taken from.
func readDocument(t *testing.T) (string, []docTask, []string) {
	t.Helper()
	b, err := os.ReadFile("testdata/plan-document.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	projectRe := regexp.MustCompile(`^（[一二三四五六七八]）实施(.+?工程)。`)
	taskRe := regexp.MustCompile(`^(\d+)\.(.+?)。(.*)[（(]牵头单位[：:](.*?)[，,](?:配合单位|责任单位)[：:](.*)[）)]$`)
	split := func(s string) []string {
		var out []string
		for _, u := range regexp.MustCompile(`[、，,]`).Split(strings.TrimRight(s, "，,"), -1) {
			if u != "" {
				out = append(out, u)
			}
		}
		return out
	}
	var tasks []docTask
	var projects []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if m := projectRe.FindStringSubmatch(line); m != nil {
			projects = append(projects, m[1])
			continue
		}
		if m := taskRe.FindStringSubmatch(line); m != nil {
			no, _ := strconv.Atoi(m[1])
			tasks = append(tasks, docTask{no: no, title: m[2], text: strings.TrimSpace(m[3]),
				project: projects[len(projects)-1], lead: split(m[4]), support: split(m[5])})
		}
	}
	return text, tasks, projects
}

func TestDefaultPlanMatchesDocument(t *testing.T) {
	plan := planfile.Default()
	_, tasks, projects := readDocument(t)
	if len(projects) != 8 || len(tasks) != 24 {
		t.Fatalf("document parse: got %d projects, %d tasks; want 8, 24", len(projects), len(tasks))
	}
	if len(plan.Projects) != 8 {
		t.Fatalf("got %d projects, want 8", len(plan.Projects))
	}
	for i, name := range projects {
		pj := plan.Projects[i]
		if pj.No != i+1 || pj.Name != name || pj.Numeral() != strings.Split("一二三四五六七八", "")[i] {
			t.Errorf("project %d: got %d %q (%s), want %q", i+1, pj.No, pj.Name, pj.Numeral(), name)
		}
	}
	if len(plan.Tasks) != 24 {
		t.Fatalf("got %d tasks, want 24", len(plan.Tasks))
	}
	canon := func(name string) string {
		if u := plan.Registry.UnitByName(name); u != nil {
			return u.Name
		}
		if plan.Registry.Group(name) != nil {
			return name
		}
		t.Errorf("document names %q, which the registry does not know", name)
		return name
	}
	for i, want := range tasks {
		got := plan.Tasks[i]
		if got.No != want.no || got.Title != want.title || got.Text != want.text {
			t.Errorf("task %d: got %d %q, text equal %v; want %d %q", i+1, got.No, got.Title, got.Text == want.text, want.no, want.title)
		}
		if pj := plan.Project(got.Project); pj == nil || pj.Name != want.project {
			t.Errorf("task %d: in project %v, want %q", got.No, pj, want.project)
		}
		for _, side := range []struct {
			name      string
			got, want []string
		}{{"lead", got.Lead, want.lead}, {"support", got.Support, want.support}} {
			var w []string
			for _, n := range side.want {
				w = append(w, canon(n))
			}
			if strings.Join(side.got, "、") != strings.Join(w, "、") {
				t.Errorf("task %d %s: got %v, want %v", got.No, side.name, side.got, w)
			}
		}
	}
	// Every task number is in exactly one project, in order.
	var order []int
	for _, pj := range plan.Projects {
		order = append(order, pj.Tasks...)
	}
	for i, no := range order {
		if no != i+1 {
			t.Fatalf("project task lists give order %v", order)
		}
	}
}

func TestRequirementsMatchDocument(t *testing.T) {
	plan := planfile.Default()
	want := []struct {
		title, lead, support string
	}{
		{"加强组织保障，强化责任落实", "区经济信息委", "区级相关部门"},
		{"加强宣传引导，强化氛围营造", "区委宣传部", "区级相关部门、各乡镇街道"},
		{"加强督查考核，强化结果运用", "区委考核办", "区委组织部、区纪委监委机关、区经济信息委、区财政局"},
	}
	if len(plan.Requirements) != len(want) {
		t.Fatalf("got %d requirements, want 3", len(plan.Requirements))
	}
	for i, w := range want {
		r := plan.Requirements[i]
		if r.No != i+1 || r.Title != w.title || strings.Join(r.Lead, "、") != w.lead || strings.Join(r.Support, "、") != w.support {
			t.Errorf("requirement %d: got %d %q lead %v support %v", i+1, r.No, r.Title, r.Lead, r.Support)
		}
	}
	if !strings.Contains(plan.Requirements[0].Text, "于每月1日前报送至领导小组办公室") {
		t.Error("requirement 1 lost the monthly reporting rule")
	}
}

// TestIndicatorsMatchDocument holds every indicator against an explicit list taken from the
// document: key, target, measure, kind and task, a reporting unit, and sources quoted from
// the document, the first stating the target.
func TestIndicatorsMatchDocument(t *testing.T) {
	plan := planfile.Default()
	doc, _, _ := readDocument(t)
	want := []struct {
		key     string
		target  float64 // -1: none (trend)
		measure string
		kind    gyqc.Kind
		task    int
	}{
		{"scale-enterprises", 100, "家", gyqc.KindLevel, 2},
		{"output-value", 400, "亿元", gyqc.KindFlow, 1},
		{"output-tobacco", 120, "亿元", gyqc.KindFlow, 1},
		{"output-materials", 100, "亿元", gyqc.KindFlow, 1},
		{"output-consumer", 100, "亿元", gyqc.KindFlow, 1},
		{"output-biomedicine", 50, "亿元", gyqc.KindFlow, 1},
		{"output-new-energy", 30, "亿元", gyqc.KindFlow, 1},
		{"value-added", 140, "亿元", gyqc.KindFlow, 1},
		{"index-rank-southeast", 1, "位", gyqc.KindRank, 1},
		{"index-rank-city", 15, "位", gyqc.KindRank, 1},
		{"emerging-share", 20, "%", gyqc.KindShare, 1},
		{"chain-leader-growth", 20, "%", gyqc.KindGrowth, 2},
		{"listed-companies", 3, "家", gyqc.KindLevel, 2},
		{"specialized-enterprises", 50, "家", gyqc.KindLevel, 2},
		{"champion-enterprises", 2, "家", gyqc.KindLevel, 2},
		{"hightech-enterprises", 30, "家", gyqc.KindLevel, 10},
		{"smart-factory", 1, "个", gyqc.KindLevel, 3},
		{"digital-workshops", 8, "个", gyqc.KindLevel, 3},
		{"green-factories", 4, "家", gyqc.KindLevel, 3},
		{"new-projects", 20, "个", gyqc.KindAnnual, 7},
		{"completed-projects", 10, "个", gyqc.KindAnnual, 7},
		{"renovation-projects", 20, "个", gyqc.KindAnnual, 7},
		{"rnd-share", 40, "%", gyqc.KindShare, 10},
		{"tech-centers", 8, "家", gyqc.KindLevel, 10},
		{"sme-rnd-centers", 4, "家", gyqc.KindLevel, 10},
		{"innovation-demo", 2, "家", gyqc.KindLevel, 10},
		{"green-park", 1, "个", gyqc.KindLevel, 15},
		{"cloud-enterprises", 80, "家", gyqc.KindLevel, 16},
		{"5g-scenarios", 3, "个", gyqc.KindLevel, 17},
		{"energy-intensity-reduction", 13.5, "%", gyqc.KindReduction, 20},
		{"water-saving-enterprises", 5, "家", gyqc.KindLevel, 21},
		{"water-efficiency-leaders", 1, "家", gyqc.KindLevel, 21},
		{"industrial-loan-share", -1, "%", gyqc.KindTrend, 24},
	}
	if len(plan.Indicators) != len(want) {
		t.Errorf("got %d indicators, want %d", len(plan.Indicators), len(want))
	}
	for i, w := range want {
		if i >= len(plan.Indicators) {
			break
		}
		ind := plan.Indicators[i]
		target := -1.0
		if ind.Target != nil {
			target = *ind.Target
		}
		if ind.Key != w.key || target != w.target || ind.Measure != w.measure || ind.Kind != w.kind || ind.Task != w.task {
			t.Errorf("indicator %d: got %s %v%s %s task %d; want %s %v%s %s task %d", i+1,
				ind.Key, target, ind.Measure, ind.Kind, ind.Task, w.key, w.target, w.measure, w.kind, w.task)
		}
		if ind.UnitCode == "" || plan.Registry.Unit(ind.UnitCode) == nil {
			t.Errorf("indicator %s has no reporting unit", ind.Key)
		}
		if len(ind.Sources) == 0 {
			t.Errorf("indicator %s quotes no source", ind.Key)
		}
		for _, src := range ind.Sources {
			if !strings.Contains(doc, src) {
				t.Errorf("indicator %s: source %q is not in the document", ind.Key, src)
			}
		}
		if ind.Target != nil && !strings.Contains(ind.Sources[0], gyqc.FormatNumber(*ind.Target)) && *ind.Target != 1 {
			t.Errorf("indicator %s: first source %q does not state the target %v", ind.Key, ind.Sources[0], *ind.Target)
		}
	}
}

// TestDocumentQuantitiesAreTargets holds every quantity the document states against the
// indicators: a target of exactly one indicator (one indicator may be quoted twice, by the
// overall goals and by a task), or one of notTargets.
func TestDocumentQuantitiesAreTargets(t *testing.T) {
	plan := planfile.Default()
	doc, _, _ := readDocument(t)
	notTargets := map[string]string{
		"5000万元": "threshold of a project size",
		"500万元":  "threshold of a project size",
		"2个":     "count of emerging industries (2个战略性新兴产业)",
	}
	quantity := regexp.MustCompile(`(\d+(?:\.\d+)?)\s*(万元|亿元|家|个|位|%|％)`)
	seen := map[string]bool{}
	for _, m := range quantity.FindAllStringSubmatch(doc, -1) {
		q := m[1] + strings.ReplaceAll(m[2], "％", "%")
		if seen[q] {
			continue
		}
		seen[q] = true
		if _, ok := notTargets[q]; ok {
			continue
		}
		v, _ := strconv.ParseFloat(m[1], 64)
		n := 0
		for _, ind := range plan.Indicators {
			if ind.Target != nil && *ind.Target == v && ind.Measure == strings.ReplaceAll(m[2], "％", "%") {
				n++
			}
		}
		if n == 0 {
			t.Errorf("the document states %s, which no indicator has as its target", q)
		}
	}
	for _, extra := range []string{"首位", "前15位", "逐年提升"} {
		if !strings.Contains(doc, extra) {
			t.Errorf("document lost %q", extra)
		}
	}
}
