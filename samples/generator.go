package samples

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/qianjiang/gyqc"
)

// Generator makes the monthly returns of a plan's responsible units. It decides once, from
// the seed, how every indicator moves over the horizon and how every task goes, and then
// writes any unit's return for any period of the horizon on demand. A Generator is read-only
// after New and safe for concurrent use.
type Generator struct {
	plan    *gyqc.Plan
	seed    uint64
	bank    *bank
	periods []gyqc.Period
	series  map[string]*series
	states  map[int]*taskState
	units   []*gyqc.Unit // the responsible units, in registry order
	habit   []*gyqc.Unit // the units in the order in which they are habitually late

	mu     sync.Mutex
	prints map[int]map[string][]uint64 // fingerprints of the progress texts, by value index and unit
	texts  map[int]map[string][]string // the texts of the last months written, by value index and unit
}

// keepTexts is how many months of progress texts a generator keeps: this month's and the one
// before, which a unit that copies last month's text needs.
const keepTexts = 2

// New returns a generator for the plan. The same plan and seed always give the same returns.
func New(plan *gyqc.Plan, seed int64) (*Generator, error) {
	b, err := phrases()
	if err != nil {
		return nil, err
	}
	periods := plan.Horizon.Periods()
	if len(periods) == 0 {
		return nil, gyqc.Errorf(gyqc.EInvalid, "方案没有报送期，无法生成样例")
	}
	g := &Generator{plan: plan, seed: uint64(seed), bank: b, periods: periods, units: plan.ResponsibleUnits(),
		prints: map[int]map[string][]uint64{}, texts: map[int]map[string][]string{}}
	g.habit = g.shuffled("habit")
	g.series = buildSeries(plan, g.seed, periods)
	g.states = buildStates(plan, g.seed, periods, g.series)
	return g, nil
}

// Seed returns the generator's seed.
func (g *Generator) Seed() int64 { return int64(g.seed) }

// index returns the value index of period p (1 for the first period of the horizon), or an
// error when p is outside the horizon.
func (g *Generator) index(p gyqc.Period) (int, error) {
	if err := g.plan.CheckPeriod(p); err != nil {
		return 0, err
	}
	return p.Index() - g.periods[0].Index() + 1, nil
}

// Value returns the indicator's value in period p as the samples report it, and false when the
// plan has no such indicator or p is outside the horizon.
func (g *Generator) Value(key string, p gyqc.Period) (float64, bool) {
	s := g.series[key]
	i, err := g.index(p)
	if s == nil || err != nil {
		return 0, false
	}
	return s.reported(i, p), true
}

// Lagging reports whether the seed made the indicator fall short of its target by the end of
// the horizon.
func (g *Generator) Lagging(key string) bool {
	s := g.series[key]
	return s != nil && s.lagging
}

// Returns writes every responsible unit's return for period p, in registry order, clean:
// complete, on time, no mess. Progress texts are unique among the units of a task in the month
// and differ from each unit's own text of the month before (compared without punctuation).
func (g *Generator) Returns(p gyqc.Period) ([]*Return, error) {
	i, err := g.index(p)
	if err != nil {
		return nil, err
	}
	texts := g.progressTexts(i)
	out := make([]*Return, 0, len(g.units))
	for _, u := range g.units {
		out = append(out, g.build(u, p, i, texts[u.Code]))
	}
	return out, nil
}

// Return writes one unit's clean return for period p. It equals that unit's element of
// Returns(p).
func (g *Generator) Return(code string, p gyqc.Period) (*Return, error) {
	i, err := g.index(p)
	if err != nil {
		return nil, err
	}
	u := g.plan.Registry.Unit(code)
	if u == nil || (len(g.plan.Assignments(code)) == 0 && len(g.plan.ReportedIndicators(code)) == 0) {
		return nil, gyqc.Errorf(gyqc.ENotFound, "单位代码“%s”不是本方案的责任单位", code)
	}
	return g.build(u, p, i, g.progressTexts(i)[code]), nil
}

// build writes one unit's clean return with its progress texts, one per assignment.
func (g *Generator) build(u *gyqc.Unit, p gyqc.Period, i int, progress []string) *Return {
	sent := g.onTime(u.Code, p, 0)
	r := &Return{Submission: gyqc.Submission{
		Unit:     u.Code,
		Period:   p,
		Version:  1,
		Received: sent,
		Filler:   g.filler(u, p, g.filledOn(u.Code, p, sent)),
	}}
	for k, a := range g.plan.Assignments(u.Code) {
		s := g.scene(u, a, p, i)
		status := g.status(u.Code, a, i)
		tr := gyqc.TaskReport{
			Task:     a.Task,
			Role:     a.Role,
			Status:   status,
			Progress: progress[k],
			Practice: g.practice(s, a, status),
			Issues:   g.issues(s, a, status),
			NextPlan: g.nextPlan(s, a),
		}
		if status == gyqc.StatusNoWork {
			tr.Progress = "" // 本月无相关工作 needs no progress text
		}
		r.Tasks = append(r.Tasks, tr)
	}
	s := &scene{g: g, p: p, i: i, unit: u}
	for _, ind := range g.plan.ReportedIndicators(u.Code) {
		sr := g.series[ind.Key]
		v := sr.reported(i, p)
		iv := gyqc.IndicatorValue{Key: ind.Key, Value: &v, Raw: sr.format(v), Note: g.note(s, sr)}
		iv.Growth = sr.reportedGrowth(i)
		r.Values = append(r.Values, iv)
	}
	return r
}

// maxAttempts bounds the search for a progress text that repeats nobody.
const maxAttempts = 12

// progressTexts returns every responsible unit's progress texts of value index i, by unit
// code, one per assignment. Each text is the first of the unit's attempts that repeats neither
// a text another unit already wrote on the task this month (units take turns in registry
// order) nor the unit's own text of the month before. That needs the month before's texts,
// so months are written in order from the first and their fingerprints kept.
func (g *Generator) progressTexts(i int) map[string][]string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if t, ok := g.texts[i]; ok {
		return t
	}
	from := i
	for from > 1 && g.prints[from-1] == nil {
		from--
	}
	var texts map[string][]string
	for k := from; k <= i; k++ {
		texts = g.writeMonth(k, g.prints[k-1])
	}
	g.texts[i] = texts
	for k := range g.texts {
		if len(g.texts) > keepTexts && k != i {
			delete(g.texts, k)
		}
	}
	return texts
}

// writeMonth writes the progress texts of value index i given the fingerprints of the month
// before (nil for the first month), and records this month's fingerprints.
func (g *Generator) writeMonth(i int, prev map[string][]uint64) map[string][]string {
	p := g.periods[i-1]
	texts := make(map[string][]string, len(g.units))
	prints := make(map[string][]uint64, len(g.units))
	seen := map[int]map[uint64]bool{}
	for _, u := range g.units {
		as := g.plan.Assignments(u.Code)
		ts := make([]string, len(as))
		fs := make([]uint64, len(as))
		for k, a := range as {
			s := g.scene(u, a, p, i)
			status := g.status(u.Code, a, i)
			if seen[a.Task] == nil {
				seen[a.Task] = map[uint64]bool{}
			}
			var last uint64
			if prev != nil && len(prev[u.Code]) == len(as) {
				last = prev[u.Code][k]
			}
			for n := 0; n < maxAttempts; n++ {
				ts[k] = g.progress(s, a, status, n)
				fs[k] = fingerprint(ts[k])
				if !seen[a.Task][fs[k]] && fs[k] != last {
					break
				}
			}
			seen[a.Task][fs[k]] = true
		}
		texts[u.Code] = ts
		prints[u.Code] = fs
	}
	g.prints[i] = prints
	return texts
}

// fingerprint hashes a text without its punctuation, its point numbers (一是, 二是) and a
// leading month, so that texts differing only in those count as the same.
func fingerprint(text string) uint64 {
	rest := text
	if k := strings.Index(rest, "月，"); k > 0 && k <= 2 {
		rest = rest[k+len("月，"):]
	}
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for i := 0; i < len(rest); {
		r, n := utf8.DecodeRuneInString(rest[i:])
		i += n
		if (r == '一' || r == '二' || r == '三' || r == '四') && strings.HasPrefix(rest[i:], "是") {
			i += len("是")
			continue
		}
		if unicode.IsPunct(r) || unicode.IsSpace(r) {
			continue
		}
		h ^= uint64(r)
		h *= prime
	}
	return splitmix(h)
}

// scene returns the scene of unit u writing about its part a in a task in period p.
func (g *Generator) scene(u *gyqc.Unit, a gyqc.Assignment, p gyqc.Period, i int) *scene {
	s := &scene{g: g, p: p, i: i, unit: u, task: g.plan.Task(a.Task), tb: g.bank.byTask[a.Task], role: a.Role}
	if st := g.states[a.Task]; st != nil {
		s.lag = st.lag[i]
	}
	return s
}
