package samples

import (
	"time"

	"github.com/qianjiang/gyqc"
)

// onTime returns when a unit that reports on time sends its return: in office hours over the
// last five days of the month, or on the evening of the last day.
func (g *Generator) onTime(code string, p gyqc.Period, salt int) time.Time {
	loc := g.plan.Location()
	last := p.Add(1).Start(loc).AddDate(0, 0, -1)
	h := key(g.seed, "received", code, p.Index(), salt)
	day := last.AddDate(0, 0, -pick(h, 5))
	h = splitmix(h)
	if pick(h, 10) < 2 {
		return time.Date(last.Year(), last.Month(), last.Day(), 19, 0, 0, 0, loc).Add(time.Duration(pick(splitmix(h), 280)) * time.Minute)
	}
	return officeHours(day, splitmix(h), loc)
}

// late returns when a late unit sends its return: in office hours of the first five days
// after the deadline.
func (g *Generator) late(code string, p gyqc.Period) time.Time {
	loc := g.plan.Location()
	due := g.plan.Due(p)
	h := key(g.seed, "late", code, p.Index())
	t := officeHours(due.AddDate(0, 0, pick(h, 5)), splitmix(h), loc)
	if !t.After(due) {
		t = due.Add(9 * time.Hour)
	}
	return t
}

// firstAttempt returns when a unit whose file will be refused sends it: in office hours three to
// five days before the end of the month, early enough to correct it in time.
func (g *Generator) firstAttempt(code string, p gyqc.Period) time.Time {
	loc := g.plan.Location()
	last := p.Add(1).Start(loc).AddDate(0, 0, -1)
	h := key(g.seed, "first-attempt", code, p.Index())
	return officeHours(last.AddDate(0, 0, -3-pick(h, 3)), splitmix(h), loc)
}

// resubmitted returns when a unit sends its corrected file after a refusal at first: in office
// hours a day or two later, and before the deadline.
func (g *Generator) resubmitted(code string, p gyqc.Period, first time.Time) time.Time {
	loc := g.plan.Location()
	due := g.plan.Due(p)
	h := key(g.seed, "resubmit", code, p.Index())
	day := first.AddDate(0, 0, 1+pick(h, 2))
	if last := due.AddDate(0, 0, -1); day.After(last) {
		day = last
	}
	t := officeHours(day, splitmix(h), loc)
	if !t.Before(due) {
		t = due.Add(-time.Duration(1+pick(h, 90)) * time.Minute)
	}
	return t
}

// officeHours returns a time on day between 08:30 and 17:50.
func officeHours(day time.Time, h uint64, loc *time.Location) time.Time {
	start := time.Date(day.Year(), day.Month(), day.Day(), 8, 30, 0, 0, loc)
	return start.Add(time.Duration(pick(h, 560)) * time.Minute).Add(time.Duration(pick(splitmix(h), 60)) * time.Second)
}

// filledOn returns the day a return was filled: the day it was sent, or the day before.
func (g *Generator) filledOn(code string, p gyqc.Period, sent time.Time) time.Time {
	if pick(key(g.seed, "filled", code, p.Index()), 10) < 3 {
		prev := sent.AddDate(0, 0, -1)
		if prev.Month() == sent.Month() || sent.After(g.plan.Due(p)) {
			return prev
		}
	}
	return sent
}
