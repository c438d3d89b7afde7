package samples

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

func TestEveryTaskHasBank(t *testing.T) {
	b, err := phrases()
	if err != nil {
		t.Fatal(err)
	}
	plan := planfile.Default()
	for _, task := range plan.Tasks {
		tb := b.byTask[task.No]
		if tb == nil {
			t.Errorf("task %d “%s” has no phrase bank", task.No, task.Title)
			continue
		}
		if len(tb.Issues) == 0 || len(tb.Minor) == 0 || len(tb.Next) < 2 {
			t.Errorf("task %d: issues %d, minor %d, next %d: want causes of delay, small problems and two plans",
				task.No, len(tb.Issues), len(tb.Minor), len(tb.Next))
		}
		lead, _ := plan.TaskUnits(task.No)
		for _, code := range lead {
			if len(tb.Lead)+len(tb.LeadBy[code]) < 2 {
				t.Errorf("task %d: lead unit %s has fewer than two sentences to write", task.No, code)
			}
		}
		if len(plan.TaskIndicators(task.No)) > 0 && len(tb.Facts) == 0 {
			t.Errorf("task %d has indicators but no sentences on them", task.No)
		}
		for code := range tb.LeadBy {
			if !contains(lead, code) {
				t.Errorf("task %d: lead_by %s, which does not lead the task", task.No, code)
			}
		}
		_, support := plan.TaskUnits(task.No)
		for who := range tb.SupportBy {
			if !contains(support, who) && plan.Registry.Group(who) == nil {
				t.Errorf("task %d: support_by %s, which does not support the task", task.No, who)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestBankSlots checks that every slot names an indicator of the plan or a count of its own
// task, and that the task's figures and wording come from the plan.
func TestBankSlots(t *testing.T) {
	b, err := phrases()
	if err != nil {
		t.Fatal(err)
	}
	plan := planfile.Default()
	inTask := map[*phrase]*taskBank{}
	for i := range b.Tasks {
		tb := &b.Tasks[i]
		for _, ps := range append([]pool{tb.Facts, tb.Lead, tb.Support, tb.Issues, tb.Minor, tb.Next},
			append(mapPools(tb.LeadBy), mapPools(tb.SupportBy)...)...) {
			for j := range ps {
				inTask[&ps[j]] = tb
			}
		}
	}
	b.each(func(where string, p *phrase) {
		for _, s := range p.segs {
			if !s.slot {
				continue
			}
			switch s.kind {
			case slotIndicator:
				if plan.Indicator(s.key) == nil {
					t.Errorf("%s: no indicator %q in the plan", where, s.key)
				}
			case slotCount:
				tb := inTask[p]
				_, own := b.Common.Counts[s.key]
				if tb != nil {
					_, own = tb.Counts[s.key]
					own = own || b.Common.Counts[s.key] != [2]int{}
				}
				if !own {
					t.Errorf("%s: count %q is not declared", where, s.key)
				}
			}
		}
		for _, c := range p.cond {
			if c.key != "" && plan.Indicator(c.key) == nil {
				t.Errorf("%s: condition on unknown indicator %q", where, c.key)
			}
		}
		if strings.HasSuffix(p.Text, "。") || strings.HasSuffix(p.Text, "；") {
			t.Errorf("%s: ends with punctuation; the generator adds it", where)
		}
	})
	for _, tb := range b.Tasks {
		for name, r := range tb.Counts {
			if r[0] < 0 || r[1] < r[0] {
				t.Errorf("task %d count %s: bad range %v", tb.Task, name, r)
			}
		}
	}
}

func mapPools(m map[string]pool) []pool {
	var out []pool
	for _, k := range sortedKeys(m) {
		out = append(out, m[k])
	}
	return out
}

func TestParseBankErrors(t *testing.T) {
	tests := []struct {
		Name, YAML, Second, Want string
	}{
		{Name: "unclosed slot", YAML: "tasks:\n  - task: 1\n    lead: [\"本月{n.会议次\"]\n", Want: "unclosed"},
		{Name: "unknown field", YAML: "tasks:\n  - task: 1\n    lead: [\"{x.bad}\"]\n", Want: "unknown field"},
		{Name: "unknown condition", YAML: "tasks:\n  - task: 1\n    lead: [{text: \"a\", when: \"sometimes\"}]\n", Want: "unknown condition"},
		{Name: "duplicate task", YAML: "tasks:\n  - task: 1\n  - task: 1\n", Want: "task 1 twice"},
		{Name: "common twice", YAML: "common:\n  lead: [a]\n", Second: "common:\n  lead: [b]\n", Want: "common phrases given twice"},
		{Name: "task in two files", YAML: "tasks:\n  - task: 2\n", Second: "tasks:\n  - task: 2\n", Want: "task 2 twice"},
		{Name: "unknown key", YAML: "tasks:\n  - task: 1\n    leads: []\n", Want: "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			_, err := parseBank([]byte(tt.YAML))
			if tt.Second != "" {
				_, err = parseBank([]byte(tt.YAML), []byte(tt.Second))
			}
			if err == nil || !strings.Contains(err.Error(), tt.Want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.Want)
			}
		})
	}
}

// TestTextsCarryFigures checks that the sentences on indicators quote the month's figures.
func TestTextsCarryFigures(t *testing.T) {
	g, rets := horizon(t)
	tests := []struct {
		Name    string
		Task    int
		Prefix  string // the figure follows this text
		Key     string
		Delta   bool
		MinRate float64 // share of months whose lead texts carry the sentence
	}{
		{"上云 cumulative", 16, "累计达", "cloud-enterprises", false, 0.3},
		{"上云 new", 16, "新增“上云”企业", "cloud-enterprises", true, 0},
		{"output value", 1, "全区规模以上工业产值达到", keyOutput, false, 0},
		{"new projects this year", 7, "，今年以来累计", "new-projects", false, 0.2},
		{"cloud total", 16, "全区“上云”企业累计", "cloud-enterprises", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			found := 0
			for k, p := range g.periods {
				v, _ := g.Value(tt.Key, p)
				if tt.Delta {
					v = g.series[tt.Key].delta(k + 1)
				}
				want := tt.Prefix + gyqc.FormatNumber(v)
				hit := false
				for _, r := range rets[p] {
					tr := r.Task(tt.Task)
					if tr == nil || tr.Role != gyqc.RoleLead {
						continue
					}
					for rest := tr.Progress; ; {
						i := strings.Index(rest, tt.Prefix)
						if i < 0 {
							break
						}
						rest = rest[i:]
						if !strings.HasPrefix(rest, want) || isDigit(rest[len(want):]) {
							t.Errorf("%s %s: %q, want %s", p, r.Unit, tr.Progress, want)
						}
						hit = true
						rest = rest[len(tt.Prefix):]
					}
				}
				if hit {
					found++
				}
			}
			if rate := float64(found) / float64(len(g.periods)); rate < tt.MinRate {
				t.Errorf("only %.0f%% of months quote the figure", 100*rate)
			}
		})
	}
}

func isDigit(s string) bool { return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '.') }

// TestEveryPoolCompiled finds every phrase pool of the bank by reflection and fails on a
// phrase that was never compiled: such a phrase renders as an empty text (the 经验做法 of
// the demo were a bare "。" while the practice pool was missing from the walk).
func TestEveryPoolCompiled(t *testing.T) {
	b, err := phrases()
	if err != nil {
		t.Fatal(err)
	}
	var visit func(where string, v reflect.Value)
	visit = func(where string, v reflect.Value) {
		switch {
		case v.Type() == reflect.TypeOf(pool(nil)):
			for i := 0; i < v.Len(); i++ {
				if ph := v.Index(i).Addr().Interface().(*phrase); len(ph.segs) == 0 {
					t.Errorf("%s[%d] %q was never compiled", where, i, ph.Text)
				}
			}
		case v.Kind() == reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				visit(where+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case v.Kind() == reflect.Map:
			for _, k := range v.MapKeys() {
				if v.MapIndex(k).Type() == reflect.TypeOf(pool(nil)) {
					p := reflect.New(v.Type().Elem()).Elem()
					p.Set(v.MapIndex(k))
					visit(fmt.Sprintf("%s[%v]", where, k), p)
				}
			}
		case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Struct:
			for i := 0; i < v.Len(); i++ {
				visit(fmt.Sprintf("%s[%d]", where, i), v.Index(i))
			}
		}
	}
	visit("common", reflect.ValueOf(&b.Common).Elem())
	visit("tasks", reflect.ValueOf(b.Tasks))
}
