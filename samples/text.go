package samples

import (
	"strings"

	"github.com/qianjiang/gyqc"
)

// chooser picks phrases for one text: eligible in the scene, each at most once, by hash.
type chooser struct {
	s    *scene
	salt uint64
	n    int
	used []string
}

// one renders an eligible phrase from the pools taken together, starting at a hashed
// position; false when none fits.
func (c *chooser) one(pools ...pool) (string, bool) {
	total := 0
	for _, p := range pools {
		total += len(p)
	}
	if total == 0 {
		return "", false
	}
	c.n++
	start := pick(splitmix(c.salt+uint64(c.n)*0x9e3779b97f4a7c15), total)
	for k := 0; k < total; k++ {
		j := (start + k) % total
		var ph *phrase
		for _, p := range pools {
			if j < len(p) {
				ph = &p[j]
				break
			}
			j -= len(p)
		}
		text, ok := c.s.render(ph)
		if !ok || c.seen(text) {
			continue
		}
		c.used = append(c.used, text)
		return text, true
	}
	return "", false
}

func (c *chooser) seen(text string) bool {
	for _, u := range c.used {
		if u == text {
			return true
		}
	}
	return false
}

// chance reports whether a hashed draw of this text falls under p.
func (c *chooser) chance(p float64) bool {
	c.n++
	return unitFloat(splitmix(c.salt^uint64(c.n)<<32)) < p
}

// ordinals number the points of a text: 一是……；二是…….
var ordinals = []string{"一是", "二是", "三是", "四是"}

// join writes sentences as one paragraph in one of the styles of government reports: numbered
// points, points separated by semicolons, or sentences, sometimes led by the month.
func join(sentences []string, style uint64, month string) string {
	switch len(sentences) {
	case 0:
		return ""
	case 1:
		return sentences[0] + "。"
	}
	var b strings.Builder
	switch style % 4 {
	case 0:
		for i, s := range sentences {
			if i > 0 {
				b.WriteString("；")
			}
			b.WriteString(ordinals[i%len(ordinals)])
			b.WriteString(s)
		}
		b.WriteString("。")
	case 1:
		b.WriteString(strings.Join(sentences, "；"))
		b.WriteString("。")
	case 2:
		b.WriteString(strings.Join(sentences, "。"))
		b.WriteString("。")
	default:
		if !strings.Contains(sentences[0], "月") && month != "" {
			b.WriteString(month)
			b.WriteString("，")
		}
		b.WriteString(strings.Join(sentences, "；"))
		b.WriteString("。")
	}
	return b.String()
}

// progress writes 本月工作进展 for the unit's part in a task. attempt varies the text when
// it would repeat another unit's text of the month or the unit's own text of last month.
func (g *Generator) progress(s *scene, a gyqc.Assignment, status gyqc.Status, attempt int) string {
	c := &chooser{s: s, salt: key(g.seed, "progress", s.unit.Code, a.Task, s.i, attempt)}
	tb := s.tb
	if tb == nil {
		tb = &taskBank{}
	}
	com := &g.bank.Common
	var parts []string
	add := func(pools ...pool) bool {
		t, ok := c.one(pools...)
		if ok {
			parts = append(parts, t)
		}
		return ok
	}
	switch {
	case status == gyqc.StatusNotBegun:
		for add(com.NotStarted) && len(parts) < 1+attempt {
		}
		return join(parts, 2, "")
	case status == gyqc.StatusDone && a.Role == gyqc.RoleLead:
		add(com.Done)
		add(tb.Facts)
		add(tb.LeadBy[s.unit.Code])
		for len(parts) < 2+attempt/2 && add(tb.Lead, com.Lead) {
		}
		return join(parts, 2, "")
	case a.Role == gyqc.RoleLead:
		add(tb.Facts)
		add(tb.LeadBy[s.unit.Code])
		want := 3
		if attempt == 0 && c.chance(0.35) {
			want = 2
		}
		for len(parts) < want && add(tb.Lead) {
		}
		for len(parts) < 2 || (attempt > 1 && len(parts) < 4) {
			if !add(com.Lead) {
				break
			}
		}
	default:
		// A supporting unit writes what it did itself, and on a retry (its text would repeat
		// another unit's or its own of last month) also what it did with the lead unit.
		mine := tb.SupportBy[s.unit.Code]
		if len(mine) == 0 && a.Via != "" {
			mine = tb.SupportBy[a.Via]
		}
		add(mine)
		if len(parts) == 0 || attempt > 0 || c.chance(0.4) {
			add(tb.Support)
		}
		for len(parts) == 0 || (attempt > 1 && len(parts) < 1+attempt/2) {
			if !add(com.Support) {
				break
			}
		}
	}
	return join(parts, key(g.seed, "style", s.unit.Code, a.Task, s.i, attempt), monthLabel(s.p.Month))
}

// issues writes 存在问题及需协调事项: the cause of a delay, a small problem, or 无.
func (g *Generator) issues(s *scene, a gyqc.Assignment, status gyqc.Status) string {
	c := &chooser{s: s, salt: key(g.seed, "issues", s.unit.Code, a.Task, s.i)}
	tb := s.tb
	if tb == nil {
		tb = &taskBank{}
	}
	com := &g.bank.Common
	var t string
	var ok bool
	switch {
	case status == gyqc.StatusNotBegun && (a.Role == gyqc.RoleLead || c.chance(0.2)):
		t, ok = c.one(com.NotStartedIssues)
	case status == gyqc.StatusNotBegun:
	case status == gyqc.StatusBehind:
		t, ok = c.one(tb.Issues)
		if !ok {
			t, ok = c.one(com.Issues)
		}
	case a.Role == gyqc.RoleLead && c.chance(0.45), a.Role == gyqc.RoleSupport && c.chance(0.12):
		t, ok = c.one(tb.Minor)
	}
	if !ok {
		t, _ = c.one(com.NoIssues)
		return t
	}
	return t + "。"
}

// nextPlan writes 下月工作计划.
func (g *Generator) nextPlan(s *scene, a gyqc.Assignment) string {
	c := &chooser{s: s, salt: key(g.seed, "next", s.unit.Code, a.Task, s.i)}
	tb := s.tb
	if tb == nil {
		tb = &taskBank{}
	}
	com := &g.bank.Common
	var parts []string
	want := 1
	if a.Role == gyqc.RoleLead {
		want = 2
		if c.chance(0.3) {
			want = 3
		}
	}
	for len(parts) < want {
		t, ok := c.one(tb.Next, com.Next)
		if !ok {
			break
		}
		parts = append(parts, t)
	}
	return join(parts, key(g.seed, "next-style", s.unit.Code, a.Task, s.i)%2, "")
}

// practice writes 经验做法, which the template leaves optional: now and then, for a task
// that goes well, more often on a task the unit leads; empty otherwise.
func (g *Generator) practice(s *scene, a gyqc.Assignment, status gyqc.Status) string {
	c := &chooser{s: s, salt: key(g.seed, "practice", s.unit.Code, a.Task, s.i)}
	chance := 0.05
	if a.Role == gyqc.RoleLead {
		chance = 0.3
	}
	if status != gyqc.StatusOnTrack && status != gyqc.StatusDone || !c.chance(chance) {
		return ""
	}
	t, ok := c.one(g.bank.Common.Practice)
	if !ok {
		return ""
	}
	return t + "。"
}

// note writes the 情况说明 beside an indicator value: why a level fell, why it lags, that an
// annual flow restarted, where a rank comes from, or (sometimes) the source; often nothing.
func (g *Generator) note(s *scene, sr *series) string {
	s.ind = sr
	defer func() { s.ind = nil }()
	c := &chooser{s: s, salt: key(g.seed, "note", s.unit.Code, sr.ind.Key, s.i)}
	n := &g.bank.Common.Notes
	var t string
	var ok bool
	switch {
	case sr.dips[s.i]:
		t, ok = c.one(n.Dip)
	case sr.behind(g.plan, s.p, s.i) && c.chance(0.6):
		t, ok = c.one(n.Lag)
	case sr.ind.Kind == gyqc.KindAnnual && sr.isJanuary(s.i) && c.chance(0.7):
		t, ok = c.one(n.Restart)
	case sr.ind.Kind == gyqc.KindRank && s.p.Month%3 == 0 && c.chance(0.6):
		t, ok = c.one(n.Rank)
	case money(sr.ind) && c.chance(0.3):
		t, ok = c.one(n.Source)
	}
	if !ok {
		return ""
	}
	return t + "。"
}
