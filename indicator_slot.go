package gyqc

import (
	"fmt"
	"math"
)

// indicatorSlot is an indicator's reporting unit and its evaluation in the period judged.
type indicatorSlot struct {
	ind      *Indicator
	reporter int // index into evaluator.units, -1 when the unit is not responsible
	scratch  IndicatorEvaluation
	history  []IndicatorPoint
	base     *baseline  // the path's start, computed once per definition
	baseOf   *Indicator // the definition base was computed for
	baseDone bool
}

// indicator fills ie with indicator slot's evaluation in period k.
// Under an earlier plan version, the indicator is that version's definition, reported by
// that version's unit; figures of other periods are read from their own versions' units.
func (ev *evaluator) indicator(ie *IndicatorEvaluation, slot *indicatorSlot, k int, period Period) {
	ind, u := ev.indicatorAt(slot, k)
	*ie = IndicatorEvaluation{Indicator: ind, Key: ind.Key, Period: period, UnitName: ind.Unit,
		Covers: ind.Covers(period), Accountable: ind.Accountable}
	if u >= 0 {
		ie.Reporter = ev.state(u, k)
		if v, src := ev.value(u, k, ind.Key); v != nil {
			ie.Raw, ie.Note, ie.Source = v.Raw, v.Note, src
			if ind.Kind == KindFlow && v.Growth != nil && !math.IsNaN(*v.Growth) && !math.IsInf(*v.Growth, 0) {
				ie.Growth = ptr(*v.Growth)
			}
			if !v.Covers.IsZero() {
				ie.Covers = v.Covers
			}
		}
		ie.Value = ev.number(u, k, ind.Key)
		ie.Previous = ev.figure(slot, k-1)
		ie.YearAgo = ev.figure(slot, k-12)
		if ind.Kind == KindTrend {
			// A trend is held to the figures of the months before the one its figure covers,
			// wherever they were reported: a lagged figure of last December is in January's
			// report, which December's own report was not (and none in the workspace may be).
			ie.YearAgo = ev.covering(slot, k, ie.Covers.Add(-12))
			ie.december = ev.covering(slot, k, Period{Year: ie.Covers.Year - 1, Month: 12})
		}
	}
	if !slot.baseDone || slot.baseOf != ind {
		slot.base, slot.baseOf, slot.baseDone = ev.baseline(slot, ind), ind, true
	}
	ie.base = slot.base
	if b := ie.base; b != nil {
		ie.Baseline, ie.BaselinePeriod, ie.BaselineStandIn = ptr(b.v), b.at, b.standIn
	}
	switch due := ind.Covers(period); {
	case !ind.Frequency.Published(ie.Covers.Month, ind.Kind.YearToDate()):
		ie.Status = IndicatorNotDue
		ie.Reason = ind.Name + "：" + notDueWhy(ind, ie.Covers)
	case (ind.Frequency == Quarterly || ind.Frequency == Yearly) && !ind.Frequency.Published(due.Month, false):
		// A quarter's or year's figure is judged in the one report it falls due in: the same
		// figure dated honestly (数据截至 2025年3月 in the May and June reports) is not judged again.
		ie.Status = IndicatorNotDue
		ie.Reason = ind.Name + "：" + notDueWhy(ind, due) + "（所报为" + ie.Covers.Label() + "数据，不重复考核）"
	}
	ie.judge(ev.planAt(k).Lights)
	if ie.standInUsed() {
		// Said only where the expectation came from it: not of a flow held to the plan's
		// target of its target year (30亿元×5/12), an annual count, or a figure not judged.
		ie.Notes = append(ie.Notes, ie.base.note(ind))
	}
}

// figure returns the slot's figure in period k as reported under that period's version.
func (ev *evaluator) figure(slot *indicatorSlot, k int) *float64 {
	_, u := ev.indicatorAt(slot, k)
	return ev.number(u, k, slot.ind.Key)
}

// covering returns the latest figure of the slot, in the reports of periods up to k, that
// covers month m (by its 数据截至, or the month the indicator's lag implies), nil if none does.
func (ev *evaluator) covering(slot *indicatorSlot, k int, m Period) *float64 {
	for j := min(k, ev.n-1); j >= 0; j-- {
		ind, u := ev.indicatorAt(slot, j)
		n := ev.number(u, j, ind.Key)
		if n == nil {
			continue
		}
		covers := ind.Covers(ev.first.Add(j))
		if v, _ := ev.value(u, j, ind.Key); v != nil && !v.Covers.IsZero() {
			covers = v.Covers
		}
		if covers == m {
			return n
		}
	}
	return nil
}

// baseline returns where the indicator's path starts: the plan's baseline, or else the first
// figure the workspace holds for it (a flow's year-to-date figure scaled to a whole year).
// Cumulative reductions start from 0 at the plan's baseline period by definition.
func (ev *evaluator) baseline(slot *indicatorSlot, ind *Indicator) *baseline {
	at := ind.BaselinePeriod
	if at.IsZero() {
		at = ev.plan.Horizon.Baseline
	}
	switch {
	case ind.Baseline != nil:
		return &baseline{v: *ind.Baseline, at: at}
	case ind.Kind == KindReduction:
		return &baseline{v: 0, at: at}
	}
	for k := 0; k < ev.n; k++ {
		_, u := ev.indicatorAt(slot, k)
		v, _ := ev.value(u, k, ind.Key)
		n := ev.number(u, k, ind.Key)
		if n == nil {
			continue
		}
		covers := ind.Covers(ev.first.Add(k))
		if v != nil && !v.Covers.IsZero() {
			covers = v.Covers
		}
		b := &baseline{v: *n, at: covers, standIn: true, standRaw: *n}
		if ind.Kind == KindFlow {
			b.v = *n * 12 / float64(covers.Month)
		}
		return b
	}
	return nil
}

// note says in one sentence where a stand-in baseline comes from.
func (b *baseline) note(ind *Indicator) string {
	if ind.Kind == KindFlow {
		return fmt.Sprintf("方案未设定基期值，以工作区首个数据（%d年1—%d月累计%s，折合全年%s）为基数",
			b.at.Year, b.at.Month, amountTight(b.standRaw, ind.Measure), amountTight(roundTo(b.v, 2), ind.Measure))
	}
	return "方案未设定基期值，以工作区首个数据（" + b.at.Label() + "，" + amountTight(b.standRaw, ind.Measure) + "）为基数"
}

// notDueWhy explains why no figure of an indicator is judged for the month it would cover.
func notDueWhy(ind *Indicator, covers Period) string {
	switch {
	case ind.Frequency == Quarterly:
		return "按季发布，" + covers.Label() + "不是季末，本期不考核"
	case ind.Frequency == Yearly:
		return "按年发布，" + covers.Label() + "不是年末，本期不考核"
	}
	return "统计部门不单独发布1月数据（首次发布为1—2月累计），" + covers.Label() + "数据不考核"
}
