package samples

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
)

// scene is what a unit knows when it writes about a task in a month: the period, itself, the
// task, whether the task is lagging, and (for 情况说明) the indicator it explains. Phrases are
// rendered against a scene; a phrase whose slots or conditions the scene cannot satisfy is
// not eligible.
type scene struct {
	g    *Generator
	p    gyqc.Period
	i    int // index into series values: 1 is the first reporting period
	unit *gyqc.Unit
	task *gyqc.Task
	tb   *taskBank
	role gyqc.Role
	lag  bool
	ind  *series // the indicator a note is about
	buf  strings.Builder
}

// render returns the phrase with its slots filled, or false when the phrase does not fit.
func (s *scene) render(ph *phrase) (string, bool) {
	for _, c := range ph.cond {
		if !s.holds(c) {
			return "", false
		}
	}
	s.buf.Reset()
	for _, seg := range ph.segs {
		if !seg.slot {
			s.buf.WriteString(seg.lit)
			continue
		}
		v, ok := s.slot(seg)
		if !ok {
			return "", false
		}
		s.buf.WriteString(v)
	}
	return s.buf.String(), true
}

// holds evaluates one condition.
func (s *scene) holds(c condition) bool {
	switch c.op {
	case "q-end":
		return s.p.Month%3 == 0
	case "not-q-end":
		return s.p.Month%3 != 0
	case "jan":
		return s.p.Month == time.January
	case "dec":
		return s.p.Month == time.December
	case "not-dec":
		return s.p.Month != time.December
	case "early":
		return s.g.plan.Horizon.Elapsed(s.p) < 1.0/3
	case "mid":
		e := s.g.plan.Horizon.Elapsed(s.p)
		return e >= 1.0/3 && e < 2.0/3
	case "late":
		return s.g.plan.Horizon.Elapsed(s.p) >= 2.0/3
	case "lag":
		return s.lag
	case "ok":
		return !s.lag
	case "lead":
		return s.role == gyqc.RoleLead
	case "support":
		return s.role == gyqc.RoleSupport
	case "money":
		return s.ind != nil && money(s.ind.ind)
	case "firms":
		return s.ind != nil && s.ind.ind.Kind == gyqc.KindLevel && s.ind.ind.Measure == "家"
	case "items":
		return s.ind != nil && s.ind.ind.Kind == gyqc.KindLevel && s.ind.dec == 0 && s.ind.ind.Measure != "家"
	case "annual":
		return s.ind != nil && s.ind.ind.Kind == gyqc.KindAnnual
	case "percent":
		return s.ind != nil && s.ind.ind.Kind.Percent()
	}
	sr := s.g.series[c.key]
	if sr == nil {
		return false
	}
	d := sr.delta(s.i)
	switch c.op {
	case "up":
		return d > 0
	case "flat":
		return d == 0
	case "down":
		return d < 0
	case "met":
		return sr.met(s.i)
	case "unmet":
		return !sr.met(s.i)
	}
	return false
}

// slot returns the text of one slot.
func (s *scene) slot(seg segment) (string, bool) {
	switch seg.kind {
	case slotWord:
		return s.word(seg.key)
	case slotCount:
		return s.count(seg.key, seg.field)
	}
	sr := s.g.series[seg.key]
	if sr == nil {
		return "", false
	}
	return sr.field(seg.field, s.i)
}

// word returns a word slot.
func (s *scene) word(w string) (string, bool) {
	switch w {
	case "月":
		return monthLabel(s.p.Month), true
	case "下月":
		return monthLabel(s.p.Add(1).Month), true
	case "年":
		return itoa(s.p.Year) + "年", true
	case "季度":
		return quarterLabel(s.p.Month), true
	case "牵头":
		if s.task == nil {
			return "", false
		}
		return strings.Join(s.task.Lead, "、"), true
	case "单位":
		return s.unit.Name, true
	case "任务":
		if s.task == nil {
			return "", false
		}
		return s.task.Title, true
	case "名称":
		if s.ind == nil {
			return "", false
		}
		return s.ind.ind.Name, true
	case "计量":
		if s.ind == nil {
			return "", false
		}
		if s.ind.ind.Measure == "%" {
			return "个百分点", true
		}
		return s.ind.ind.Measure, true
	case "drop":
		if s.ind == nil {
			return "", false
		}
		return s.ind.field("drop", s.i)
	}
	return "", false
}

// count returns a figure of the task's counts: this month's (n), the sum since January (y),
// the sum since the first period (c) or the year's figure (k). A zero figure does not fit.
func (s *scene) count(name, which string) (string, bool) {
	r, ok := [2]int{}, false
	if s.tb != nil {
		r, ok = s.tb.Counts[name]
	}
	if !ok {
		r, ok = s.g.bank.Common.Counts[name]
	}
	if !ok || s.task == nil {
		return "", false
	}
	var v int
	switch which {
	case "n":
		v = s.draw(name, r, s.p)
	case "y":
		for m := time.January; m <= s.p.Month; m++ {
			v += s.draw(name, r, gyqc.Period{Year: s.p.Year, Month: m})
		}
	case "c":
		for q := s.g.plan.Horizon.First; !q.After(s.p); q = q.Add(1) {
			v += s.draw(name, r, q)
		}
	case "k":
		v = r[0] + pick(key(s.g.seed, "year-count", s.task.No, name, s.p.Year), r[1]-r[0]+1)
	}
	if v <= 0 {
		return "", false
	}
	return itoa(v), true
}

// draw is the unit's figure for the task's count in period q.
func (s *scene) draw(name string, r [2]int, q gyqc.Period) int {
	if r[1] <= r[0] {
		return r[0]
	}
	return r[0] + pick(key(s.g.seed, "count", s.task.No, s.unit.Code, name, q.Index()), r[1]-r[0]+1)
}

// delta is the change of the indicator in period index i against the month before; an annual
// flow's January value is all new.
func (s *series) delta(i int) float64 {
	if i <= 0 {
		return 0
	}
	if s.ind.Kind == gyqc.KindAnnual && s.isJanuary(i) || s.ind.Kind == gyqc.KindFlow && s.coversJanuary(i) {
		return s.values[i]
	}
	return round(s.values[i]-s.values[i-1], s.dec)
}

// isJanuary reports whether value i is a January figure.
func (s *series) isJanuary(i int) bool { return s.months != nil && s.months[i] == time.January }

// met reports whether value i meets the target.
func (s *series) met(i int) bool {
	v, t := s.values[i], target(s.ind)
	switch s.ind.Comparator {
	case ">":
		return v > t
	case "<=":
		return v <= t
	case "<":
		return v < t
	case "rise":
		return i >= 12 && v > s.values[i-12]
	}
	return v >= t
}

// field returns a field of value i, formatted, or false when it does not apply.
func (s *series) field(f string, i int) (string, bool) {
	v := s.values[i]
	switch f {
	case "":
		// Nobody writes "水效领跑者0家": a count of none is left out of the text.
		return s.format(v), v != 0 || s.dec > 0
	case "prev":
		return s.format(s.values[i-1]), i > 0
	case "delta":
		d := s.delta(i)
		return s.format(d), d > 0
	case "drop":
		d := s.delta(i)
		return s.format(-d), d < 0
	case "chg":
		d := s.delta(i)
		return s.format(math.Abs(d)), d != 0
	case "yoy":
		if i < 12 {
			return "", false
		}
		d := round(v-s.values[i-12], s.dec)
		return s.format(d), d > 0
	case "target":
		return s.format(target(s.ind)), s.ind.Target != nil
	case "pct":
		t := target(s.ind)
		if t <= 0 || s.ind.Kind == gyqc.KindRank {
			return "", false
		}
		return gyqc.FormatNumber(round(100*v/t, 1)), true
	case "gap":
		if s.ind.Target == nil || s.met(i) {
			return "", false
		}
		g := target(s.ind) - v
		if s.ind.LowerIsBetter() {
			g = -g
		}
		g = round(g, s.dec)
		return s.format(g), g > 0
	}
	return "", false
}

// format writes a value as the unit would: rounded to the indicator's decimals.
func (s *series) format(v float64) string { return gyqc.FormatNumber(round(v, s.dec)) }

// monthLabel writes a month as 6月.
func monthLabel(m time.Month) string { return itoa(int(m)) + "月" }

// quarterLabel writes the quarter of month m as 二季度.
func quarterLabel(m time.Month) string {
	return []string{"一季度", "二季度", "三季度", "四季度"}[(int(m)-1)/3]
}

// itoa writes an integer.
func itoa(n int) string { return strconv.Itoa(n) }
