package samples

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

func TestDeterminism(t *testing.T) {
	plan := planfile.Default()
	dump := func(seed int64, p gyqc.Period) string {
		t.Helper()
		b, err := mustGenerator(t, plan, seed).Batch(p, Messy)
		if err != nil {
			t.Fatal(err)
		}
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		return string(j)
	}
	tests := []struct {
		Name   string
		Seed   int64
		Period string
	}{
		{"first period", 1, "2022-09"},
		{"mid horizon", 42, "2024-03"},
		{"last period", -7, "2025-12"},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			p := gyqc.MustPeriod(tt.Period)
			a, b := dump(tt.Seed, p), dump(tt.Seed, p)
			if a != b {
				t.Fatal("same seed and period gave different batches")
			}
			if c := dump(tt.Seed+1, p); c == a {
				t.Fatal("another seed gave the same batch")
			}
		})
	}
}

func TestReturnsCoverPlan(t *testing.T) {
	g, rets := horizon(t)
	plan := g.plan
	units := plan.ResponsibleUnits()
	for p, rs := range rets {
		if len(rs) != len(units) {
			t.Fatalf("%s: %d returns, want %d (one per responsible unit)", p, len(rs), len(units))
		}
		for i, r := range rs {
			if r.Unit != units[i].Code {
				t.Fatalf("%s: return %d is %s, want %s (registry order)", p, i, r.Unit, units[i].Code)
			}
			if err := r.Validate(plan); err != nil {
				t.Fatalf("%s %s: %v", p, r.Unit, err)
			}
			if got, want := len(r.Tasks), len(plan.Assignments(r.Unit)); got != want {
				t.Fatalf("%s %s: %d task reports, want %d", p, r.Unit, got, want)
			}
			if got, want := len(r.Values), len(plan.ReportedIndicators(r.Unit)); got != want {
				t.Fatalf("%s %s: %d values, want %d", p, r.Unit, got, want)
			}
			for _, tr := range r.Tasks {
				if !tr.Status.Valid() || tr.Progress == "" && tr.Status != gyqc.StatusNoWork || tr.Issues == "" || tr.NextPlan == "" {
					t.Fatalf("%s %s task %d: incomplete report %+v", p, r.Unit, tr.Task, tr)
				}
			}
			for _, v := range r.Values {
				if v.Value == nil || v.Raw != gyqc.FormatNumber(*v.Value) {
					t.Fatalf("%s %s %s: value %v raw %q", p, r.Unit, v.Key, v.Value, v.Raw)
				}
			}
			if due := plan.Due(p); !r.Received.Before(due) || r.Received.Before(due.AddDate(0, 0, -6)) {
				t.Fatalf("%s %s: clean return received %s, want within the last days before %s", p, r.Unit, r.Received, due)
			}
		}
	}
}

func TestFiller(t *testing.T) {
	_, rets := horizon(t)
	phone := regexp.MustCompile(`^023-7\d{7}$`)
	name := regexp.MustCompile(`^\p{Han}{2,3}$`)
	for p, rs := range rets {
		for _, r := range rs {
			f := r.Filler
			if !phone.MatchString(f.Phone) {
				t.Fatalf("%s %s: phone %q, want 023-7xxxxxxx", p, r.Unit, f.Phone)
			}
			if !name.MatchString(f.Name) || !name.MatchString(f.Reviewer) || f.Name == f.Reviewer {
				t.Fatalf("%s %s: filler %q reviewer %q", p, r.Unit, f.Name, f.Reviewer)
			}
			d, err := time.ParseInLocation("2006-01-02", f.Date, time.UTC)
			if err != nil {
				t.Fatalf("%s %s: date %q: %v", p, r.Unit, f.Date, err)
			}
			if got := r.Received.Format("2006-01-02"); f.Date > got || d.Before(p.Start(time.UTC).AddDate(0, 0, 20)) {
				t.Fatalf("%s %s: filled on %s, received %s", p, r.Unit, f.Date, got)
			}
		}
	}
}

// placeholders are words that must never appear in a sample text.
var placeholders = []string{"{", "}", "测试文本", "测试数据", "测试单位", "lorem", "Lorem", "TODO", "XX", "xx", "某某", "%!", "<nil>", "NaN",
	"Inf", "待补充", "示例文本", "占位", "0家", "0个", "0项", "0场", "0次", "0名", "0件"}

func TestNoPlaceholders(t *testing.T) {
	_, rets := horizon(t)
	zero := regexp.MustCompile(`(^|[^\d.])0(家|个|项|场|次|名|件|人次|期|宗|处|条|户)`)
	eachText(rets, func(p gyqc.Period, r *Return, what, text string) {
		for _, w := range placeholders {
			if strings.HasPrefix(w, "0") {
				continue
			}
			if strings.Contains(text, w) {
				t.Errorf("%s %s %s contains %q: %s", p, r.Unit, what, w, text)
			}
		}
		if zero.MatchString(text) {
			t.Errorf("%s %s %s reports a zero count: %s", p, r.Unit, what, text)
		}
		if strings.Contains(text, "。。") || strings.Contains(text, "；；") || strings.Contains(text, "，。") {
			t.Errorf("%s %s %s has doubled punctuation: %s", p, r.Unit, what, text)
		}
	})
}

func TestTextsDifferMonthToMonth(t *testing.T) {
	g, rets := horizon(t)
	periods := g.plan.Horizon.Periods()
	for k, p := range periods {
		byTask := map[int]map[string]string{}
		for i, r := range rets[p] {
			for j, tr := range r.Tasks {
				if tr.Status == gyqc.StatusNoWork || k > 0 && rets[periods[k-1]][i].Tasks[j].Status == gyqc.StatusNoWork {
					continue // no progress text to compare
				}
				if byTask[tr.Task] == nil {
					byTask[tr.Task] = map[string]string{}
				}
				if other, dup := byTask[tr.Task][tr.Progress]; dup {
					t.Errorf("%s task %d: %s and %s wrote the same progress: %s", p, tr.Task, other, r.Unit, tr.Progress)
				}
				byTask[tr.Task][tr.Progress] = r.Unit
				if k > 0 {
					last := rets[periods[k-1]][i].Tasks[j]
					if last.Progress == tr.Progress {
						t.Errorf("%s %s task %d: progress unchanged from %s: %s", p, r.Unit, tr.Task, periods[k-1], tr.Progress)
					}
				}
			}
		}
	}
}

func TestLeadAndSupportDiffer(t *testing.T) {
	_, rets := horizon(t)
	p := gyqc.MustPeriod("2024-05")
	var lead, support []string
	for _, r := range rets[p] {
		for _, tr := range r.Tasks {
			if tr.Task != 1 {
				continue
			}
			if tr.Role == gyqc.RoleLead {
				lead = append(lead, tr.Progress)
			} else {
				support = append(support, tr.Progress)
			}
		}
	}
	if len(lead) == 0 || len(support) == 0 {
		t.Fatalf("task 1 has %d lead and %d support reports", len(lead), len(support))
	}
	// Supporting units do not report the plan's headline figures; lead units do.
	figures := 0
	for _, s := range lead {
		if strings.Contains(s, "亿元") {
			figures++
		}
	}
	if figures == 0 {
		t.Errorf("no lead unit of task 1 reports an output figure: %q", lead)
	}
	for _, s := range support {
		if strings.Contains(s, "规模以上工业产值") || strings.Contains(s, "链长制") {
			t.Errorf("a supporting unit writes like a lead unit: %s", s)
		}
	}
}

func TestStatusesMix(t *testing.T) {
	g, rets := horizon(t)
	count := map[gyqc.Status]int{}
	lagging, onTrack := map[int]bool{}, map[int]bool{}
	noWork := 0
	for _, rs := range rets {
		for _, r := range rs {
			for _, tr := range r.Tasks {
				if !tr.Status.For(tr.Role) {
					t.Errorf("%s task %d: %s reports %s", r.Unit, tr.Task, tr.Role, tr.Status)
				}
				if tr.Status == gyqc.StatusNoWork {
					noWork++
				}
				if tr.Role != gyqc.RoleLead {
					continue
				}
				count[tr.Status]++
				if tr.Status == gyqc.StatusBehind {
					lagging[tr.Task] = true
				} else {
					onTrack[tr.Task] = true
				}
				if tr.Status == gyqc.StatusBehind && tr.Issues == "无" {
					t.Errorf("%s task %d: 滞后 without a reason", r.Unit, tr.Task)
				}
			}
		}
	}
	for _, s := range gyqc.Statuses {
		if count[s] == 0 && s.For(gyqc.RoleLead) {
			t.Errorf("no lead unit ever reports %s over the horizon (%v)", s, count)
		}
	}
	if noWork == 0 {
		t.Errorf("no supporting unit ever reports %s", gyqc.StatusNoWork)
	}
	if len(lagging) < 3 || len(onTrack) < len(g.plan.Tasks)/2 {
		t.Errorf("lagging tasks %d, on-track tasks %d: want a mix", len(lagging), len(onTrack))
	}
	if count[gyqc.StatusBehind]*3 > count[gyqc.StatusOnTrack] {
		t.Errorf("too many 滞后 reports: %v", count)
	}
}

// normal strips punctuation, point numbers and a leading month from a text, as a reader
// comparing texts for copying would.
func normal(s string) string {
	s = regexp.MustCompile(`^\d{1,2}月，`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`[一二三四]是`).ReplaceAllString(s, "")
	return regexp.MustCompile(`[\p{P}\s]`).ReplaceAllString(s, "")
}

// TestInvariantsAcrossSeeds checks, for several seeds over the whole horizon, that no two
// units write the same progress on a task in a month and no unit repeats last month's,
// even ignoring punctuation and numbering, and that no text is a placeholder.
func TestInvariantsAcrossSeeds(t *testing.T) {
	plan := planfile.Default()
	for _, seed := range []int64{1, 2, 17, 99, -5} {
		g := mustGenerator(t, plan, seed)
		var last []*Return
		for _, p := range g.periods {
			rs, err := g.Returns(p)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]string{}
			for i, r := range rs {
				for j, tr := range r.Tasks {
					if tr.Status == gyqc.StatusNoWork || last != nil && last[i].Tasks[j].Status == gyqc.StatusNoWork {
						continue
					}
					n := normal(tr.Progress)
					k := fmt.Sprint(tr.Task, n)
					if other, dup := seen[k]; dup {
						t.Errorf("seed %d %s task %d: %s and %s wrote the same: %s", seed, p, tr.Task, other, r.Unit, tr.Progress)
					}
					seen[k] = r.Unit
					if last != nil && normal(last[i].Tasks[j].Progress) == n {
						t.Errorf("seed %d %s %s task %d: same as last month: %s", seed, p, r.Unit, tr.Task, tr.Progress)
					}
					if strings.ContainsAny(tr.Progress, "{}") || tr.Progress == "" {
						t.Errorf("seed %d %s %s task %d: %q", seed, p, r.Unit, tr.Task, tr.Progress)
					}
				}
			}
			last = rs
		}
	}
}

// TestConcurrentUse: a generator used from several goroutines writes what it writes alone.
func TestConcurrentUse(t *testing.T) {
	plan := planfile.Default()
	periods := []gyqc.Period{gyqc.MustPeriod("2023-02"), gyqc.MustPeriod("2024-07"), gyqc.MustPeriod("2025-11"), gyqc.MustPeriod("2023-03")}
	want := map[gyqc.Period]string{}
	for _, p := range periods {
		rs, err := mustGenerator(t, plan, 8).Returns(p)
		if err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal(rs)
		want[p] = string(j)
	}
	g := mustGenerator(t, plan, 8)
	errs := make(chan error, len(periods))
	for _, p := range periods {
		go func() {
			rs, err := g.Returns(p)
			j, _ := json.Marshal(rs)
			if err == nil && string(j) != want[p] {
				err = fmt.Errorf("%s differs when written concurrently", p)
			}
			errs <- err
		}()
	}
	for range periods {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
