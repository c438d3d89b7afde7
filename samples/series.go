package samples

import (
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
)

// series is one indicator's values over the horizon: values[0] is the end of the month before
// the first reporting period, values[i] the i-th reporting period. Values are rounded to the
// indicator's decimals, as a unit would report them.
type series struct {
	ind     *gyqc.Indicator
	lagging bool // chosen (or, for derived indicators, found) to fall short of the target
	dec     int  // decimals
	values  []float64
	dips    []bool       // a level that fell against the month before (explained in 情况说明)
	months  []time.Month // the month of each value
}

// lagShare is the share of the indicators that fall short of their targets.
const lagShare = 0.3

// decimals returns how many decimals a unit writes for the indicator: none for counts and
// ranks, two for amounts of money, one for percentages.
func decimals(ind *gyqc.Indicator) int {
	switch {
	case ind.Kind == gyqc.KindRank:
		return 0
	case ind.Kind.Percent() || ind.Measure == "%":
		return 1
	case strings.Contains(ind.Measure, "元"):
		return 2
	case ind.Measure == "家" || ind.Measure == "个" || ind.Measure == "位" || ind.Measure == "项" ||
		ind.Measure == "人" || ind.Measure == "件" || ind.Measure == "场" || ind.Measure == "次":
		return 0
	}
	if ind.Target != nil && *ind.Target == math.Trunc(*ind.Target) && *ind.Target < 1000 {
		return 0
	}
	return 2
}

// money reports whether the indicator is an amount that moves continuously (and may dip).
func money(ind *gyqc.Indicator) bool { return strings.Contains(ind.Measure, "元") }

// buildSeries computes every indicator's series over the horizon.
func buildSeries(plan *gyqc.Plan, seed uint64, periods []gyqc.Period) map[string]*series {
	out := map[string]*series{}
	derived := map[string]bool{}
	if plan.Indicator(keyOutput) != nil && allPresent(plan, industryKeys) {
		derived[keyOutput] = true
		if plan.Indicator(keyValueAdded) != nil {
			derived[keyValueAdded] = true
		}
		if plan.Indicator(keyEmerging) != nil {
			derived[keyEmerging] = true
		}
	}

	// Choose the lagging indicators: a fixed share, by seed, among those not derived.
	var free []string
	for _, ind := range plan.Indicators {
		if !derived[ind.Key] {
			free = append(free, ind.Key)
		}
	}
	sort.Slice(free, func(i, j int) bool { return key(seed, "lag", free[i]) < key(seed, "lag", free[j]) })
	lagging := map[string]bool{}
	for _, k := range free[:int(math.Round(lagShare*float64(len(free))))] {
		lagging[k] = true
	}

	for i := range plan.Indicators {
		ind := &plan.Indicators[i]
		if derived[ind.Key] {
			continue
		}
		s := &series{ind: ind, lagging: lagging[ind.Key], dec: decimals(ind)}
		r := stream(seed, "series", ind.Key)
		switch ind.Kind {
		case gyqc.KindAnnual:
			s.annual(r, periods)
		case gyqc.KindGrowth:
			s.growth(r, periods)
		case gyqc.KindRank:
			s.rank(r, plan, periods)
		case gyqc.KindTrend:
			s.trend(r, periods)
		case gyqc.KindShare, gyqc.KindReduction:
			s.smooth(r, plan, periods)
		default:
			s.level(r, plan, periods)
		}
		out[ind.Key] = s
	}
	if derived[keyOutput] {
		deriveOutput(plan, out, periods)
	}
	// Flows are built as the year's run rate; units enter the year-to-date total. The derived
	// share is computed again from the year-to-date figures, so that it adds up as entered.
	for _, s := range out {
		if s.ind.Kind == gyqc.KindFlow {
			s.toYearToDate(periods)
		}
	}
	if em, total := out[keyEmerging], out[keyOutput]; derived[keyEmerging] && em != nil && total != nil {
		for i := range em.values {
			if total.values[i] > 0 {
				em.values[i] = round(100*(out[keyBiomedicine].values[i]+out[keyNewEnergy].values[i])/total.values[i], em.dec)
			}
		}
	}
	months := make([]time.Month, len(periods)+1)
	months[0] = periods[0].Add(-1).Month
	for i, p := range periods {
		months[i+1] = p.Month
	}
	for _, s := range out {
		s.months = months
	}
	return out
}

func allPresent(plan *gyqc.Plan, keys []string) bool {
	for _, k := range keys {
		if plan.Indicator(k) == nil {
			return false
		}
	}
	return true
}

// startValue is the indicator's value at the end of the month before the first period.
func startValue(ind *gyqc.Indicator, r *rand.Rand) float64 {
	if ind.Baseline != nil {
		return *ind.Baseline
	}
	if b, ok := baselines[ind.Key]; ok {
		return b
	}
	t := target(ind)
	switch ind.Kind {
	case gyqc.KindRank:
		return t + math.Max(1, math.Round(t*0.5))
	case gyqc.KindTrend:
		return 5 + 5*r.Float64()
	case gyqc.KindReduction:
		return t * (0.2 + 0.1*r.Float64())
	case gyqc.KindGrowth:
		return t * (0.6 + 0.2*r.Float64())
	}
	if t <= 5 {
		return math.Floor(t * 0.4 * r.Float64())
	}
	return t * (0.35 + 0.2*r.Float64())
}

// target returns the indicator's target, or 0 for a trend.
func target(ind *gyqc.Indicator) float64 {
	if ind.Target == nil {
		return 0
	}
	return *ind.Target
}

// begin makes room for the values of n periods after the start and returns the starting
// value, recorded (rounded) as the first value.
func (s *series) begin(r *rand.Rand, n int) float64 {
	x := startValue(s.ind, r)
	s.values = make([]float64, n+1)
	s.dips = make([]bool, n+1)
	s.values[0] = round(x, s.dec)
	return x
}

// finalValue is where a level, share or reduction ends at the last period: at or above the
// target when on track, short of it when lagging.
func (s *series) finalValue(r *rand.Rand, start float64) float64 {
	t := target(s.ind)
	strict := s.ind.Comparator == ">"
	if s.dec == 0 {
		if s.lagging {
			f := math.Floor(t * (0.65 + 0.25*r.Float64()))
			if f >= t {
				f = t - 1
			}
			return math.Max(start, f)
		}
		f := t + math.Floor(t*0.12*r.Float64())
		if strict && f <= t {
			f = t + 1
		}
		return f
	}
	if s.lagging {
		return math.Max(start, t*(0.7+0.2*r.Float64()))
	}
	f := t * (1.005 + 0.1*r.Float64())
	return f
}

// level: a cumulative level rising from its start towards its final value along a curve;
// counts never fall, amounts of money rarely dip a little.
func (s *series) level(r *rand.Rand, plan *gyqc.Plan, periods []gyqc.Period) {
	start := startValue(s.ind, r)
	final := s.finalValue(r, start)
	gamma := 0.8 + 0.45*r.Float64()
	isMoney := money(s.ind)
	z := 0.0
	s.values = make([]float64, len(periods)+1)
	s.dips = make([]bool, len(periods)+1)
	s.values[0] = round(start, s.dec)
	for i, p := range periods {
		e := plan.Horizon.Elapsed(p)
		x := start + (final-start)*math.Pow(e, gamma)
		prev := s.values[i]
		if isMoney {
			z = 0.6*z + 0.004*r.NormFloat64()
			x *= 1 + z
			if i > 0 && i < len(periods)-1 && r.Float64() < 0.03 {
				x = prev * (1 - 0.004 - 0.011*r.Float64())
				s.dips[i+1] = true
			}
		}
		x = round(x, s.dec)
		if !s.dips[i+1] && x < prev {
			x = prev
		}
		s.values[i+1] = x
	}
}

// annual: a flow that restarts every January and accumulates within the year; each year's
// total is drawn around the target (short of it in most years of a lagging indicator), and
// quarter ends bring more (集中开工, 集中竣工).
func (s *series) annual(r *rand.Rand, periods []gyqc.Period) {
	t := target(s.ind)
	totals := map[int]float64{}
	weights := map[int][13]float64{}
	yearOf := func(y int) {
		if _, ok := totals[y]; ok {
			return
		}
		lagYear := r.Float64() < 0.1
		if s.lagging {
			lagYear = r.Float64() < 0.75
		}
		var tot float64
		if lagYear {
			tot = t * (0.55 + 0.35*r.Float64())
		} else {
			tot = t * (1.02 + 0.2*r.Float64())
		}
		totals[y] = round(tot, s.dec)
		var w [13]float64
		for m := 1; m <= 12; m++ {
			x := 0.7 + 0.6*r.Float64()
			if m%3 == 0 {
				x += 0.8
			}
			if m <= 2 {
				x *= 0.6 // the Spring Festival
			}
			w[m] = w[m-1] + x
		}
		weights[y] = w
	}
	all := append([]gyqc.Period{periods[0].Add(-1)}, periods...)
	s.values = make([]float64, len(all))
	s.dips = make([]bool, len(all))
	for i, p := range all {
		yearOf(p.Year)
		w := weights[p.Year]
		x := round(totals[p.Year]*w[p.Month]/w[12], s.dec)
		if i > 0 && p.Month != time.January && x < s.values[i-1] {
			x = s.values[i-1]
		}
		s.values[i] = x
	}
}

// smooth: a share or a reduction in percent moving smoothly from its start to its final value.
func (s *series) smooth(r *rand.Rand, plan *gyqc.Plan, periods []gyqc.Period) {
	start := startValue(s.ind, r)
	final := s.finalValue(r, start)
	gamma := 0.85 + 0.3*r.Float64()
	sigma := 0.12
	if s.ind.Kind == gyqc.KindReduction {
		sigma = 0.07
	}
	z := 0.0
	s.values = make([]float64, len(periods)+1)
	s.dips = make([]bool, len(periods)+1)
	s.values[0] = round(start, s.dec)
	for i, p := range periods {
		z = 0.7*z + sigma*r.NormFloat64()
		x := start + (final-start)*math.Pow(plan.Horizon.Elapsed(p), gamma) + z
		if i == len(periods)-1 {
			x = final // the year-end figure lands where the story says
		}
		s.values[i+1] = round(math.Max(0, math.Min(100, x)), s.dec)
	}
}

// growth: a yearly growth rate in percent, hovering around a level drawn for each year (above
// the target when on track) and moving smoothly towards it month by month.
func (s *series) growth(r *rand.Rand, periods []gyqc.Period) {
	t := target(s.ind)
	level := map[int]float64{}
	levelOf := func(y int) float64 {
		if l, ok := level[y]; ok {
			return l
		}
		var l float64
		if s.lagging && r.Float64() < 0.8 {
			l = t * (0.45 + 0.4*r.Float64())
		} else {
			l = t + 1 + 7*r.Float64()
		}
		level[y] = l
		return l
	}
	x := s.begin(r, len(periods))
	for i, p := range periods {
		x += 0.35*(levelOf(p.Year)-x) + 0.4*r.NormFloat64()
		s.values[i+1] = round(x, s.dec)
	}
}

// rank: a position that improves step by step from its start to its final place and changes
// only when the index is published, at the end of each quarter.
func (s *series) rank(r *rand.Rand, plan *gyqc.Plan, periods []gyqc.Period) {
	t := target(s.ind)
	start := startValue(s.ind, r)
	final := t
	if s.lagging {
		final = t + 1 + math.Floor(3*r.Float64()*math.Max(0, math.Min(1, (start-t-1)/3)))
	}
	final = math.Min(final, start)
	gamma := 0.8 + 0.4*r.Float64()
	s.values = make([]float64, len(periods)+1)
	s.dips = make([]bool, len(periods)+1)
	s.values[0] = start
	for i, p := range periods {
		x := s.values[i]
		if p.Month%3 == 0 {
			x = math.Min(x, math.Round(start+(final-start)*math.Pow(plan.Horizon.Elapsed(p), gamma)))
		}
		s.values[i+1] = math.Max(1, x)
	}
}

// trend: a share that rises year on year (by less when lagging), with small monthly noise.
func (s *series) trend(r *rand.Rand, periods []gyqc.Period) {
	inc := map[int]float64{}
	incOf := func(y int) float64 {
		if v, ok := inc[y]; ok {
			return v
		}
		v := 0.5 + 0.6*r.Float64()
		if s.lagging {
			v = 0.25 + 0.15*r.Float64()
		}
		inc[y] = v
		return v
	}
	x := s.begin(r, len(periods))
	for i, p := range periods {
		x += incOf(p.Year) / 12
		s.values[i+1] = round(x+0.04*r.NormFloat64(), s.dec)
	}
}

// deriveOutput computes the output value from the five industries and the rest, the value
// added from the output value, and the emerging industries' share from their output.
func deriveOutput(plan *gyqc.Plan, out map[string]*series, periods []gyqc.Period) {
	n := len(periods) + 1
	mk := func(k string) *series {
		ind := plan.Indicator(k)
		s := &series{ind: ind, dec: decimals(ind), values: make([]float64, n), dips: make([]bool, n)}
		out[k] = s
		return s
	}
	total := mk(keyOutput)
	for i := 0; i < n; i++ {
		e := 0.0
		if i > 0 {
			e = plan.Horizon.Elapsed(periods[i-1])
		}
		sum := otherOutput[0] + (otherOutput[1]-otherOutput[0])*e
		for _, k := range industryKeys {
			sum += out[k].values[i]
		}
		total.values[i] = round(sum, total.dec)
		total.dips[i] = i > 0 && total.values[i] < total.values[i-1]
	}
	total.lagging = total.values[n-1] < target(total.ind)
	if plan.Indicator(keyValueAdded) != nil {
		va := mk(keyValueAdded)
		for i := 0; i < n; i++ {
			e := 0.0
			if i > 0 {
				e = plan.Horizon.Elapsed(periods[i-1])
			}
			va.values[i] = round(total.values[i]*(valueAddedRatio[0]+(valueAddedRatio[1]-valueAddedRatio[0])*e), va.dec)
			va.dips[i] = i > 0 && va.values[i] < va.values[i-1]
		}
		va.lagging = va.values[n-1] < target(va.ind)
	}
	if plan.Indicator(keyEmerging) != nil {
		em := mk(keyEmerging)
		for i := 0; i < n; i++ {
			em.values[i] = round(100*(out[keyBiomedicine].values[i]+out[keyNewEnergy].values[i])/total.values[i], em.dec)
		}
		em.lagging = em.values[n-1] < target(em.ind)
	}
}

// behind reports whether the indicator is behind where it should be at period index i (1 is
// the first reporting period), by the samples' own reading: below the straight path from its
// start to the target, or below the year's share for an annual flow. Texts use it to decide
// whether a task is reported as lagging.
func (s *series) behind(plan *gyqc.Plan, p gyqc.Period, i int) bool {
	v, start, t := s.values[i], s.values[0], target(s.ind)
	e := plan.Horizon.Elapsed(p)
	switch s.ind.Kind {
	case gyqc.KindAnnual:
		return v < t*gyqc.YearElapsed(p)*0.9
	case gyqc.KindFlow: // the year-to-date total as a year's run rate, on the level's path
		return t > 0 && v/gyqc.YearElapsed(s.ind.Covers(p))/t < e-0.04
	case gyqc.KindGrowth:
		return v < t-1
	case gyqc.KindRank:
		return v > math.Round(start+(t-start)*e)+0.5
	case gyqc.KindTrend:
		return i > 12 && v <= s.values[i-12]
	case gyqc.KindShare, gyqc.KindReduction:
		return v < start+(t-start)*e-0.6
	}
	return t > 0 && v/t < e-0.04
}

// reported returns the figure a unit enters for period index i: the series value.
func (s *series) reported(i int, _ gyqc.Period) float64 { return s.values[i] }

// toYearToDate turns a flow's series, built as the year's run rate, into the figures units
// enter: the year-to-date total of the month each report covers (本年1—N月累计).
func (s *series) toYearToDate(periods []gyqc.Period) {
	for i := range s.values {
		p := periods[0].Add(i - 1)
		s.values[i] = round(s.values[i]*float64(s.ind.Covers(p).Month)/12, s.dec)
	}
}

// coversJanuary reports whether value i of a flow covers January (a new year's first total).
func (s *series) coversJanuary(i int) bool {
	if s.months == nil {
		return false
	}
	return (int(s.months[i])-1-s.ind.Lag%12+12)%12 == 0
}

// growthKeys are the flows whose 同比增长 the statistics bureau publishes beside the amount,
// and which the samples report: 规模以上工业增加值 (its growth at comparable prices is the
// headline figure).
var growthKeys = map[string]bool{"value-added": true}

// reportedGrowth returns the 同比增长 in percent a unit reports with value i: on the value twelve months
// earlier, one decimal; nil for other indicators or without a year-earlier value.
func (s *series) reportedGrowth(i int) *float64 {
	if !growthKeys[s.ind.Key] || i < 12 || i >= len(s.values) || s.values[i-12] <= 0 {
		return nil
	}
	g := math.Round((s.values[i]/s.values[i-12]-1)*1000) / 10
	return &g
}
