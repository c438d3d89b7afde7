package gyqc

import (
	"slices"
	"time"
)

// Kind is the kind of an indicator; each kind has its own arithmetic.
type Kind string

// Indicator kinds.
const (
	KindLevel     Kind = "level"     // a stock to reach by the end of the horizon (企业数量, 平台, 工厂)
	KindFlow      Kind = "flow"      // a value of a year, reported year to date (产值, 增加值)
	KindAnnual    Kind = "annual"    // a count of a year with the same target every year (每年新开工项目)
	KindShare     Kind = "share"     // a share in percent, compared in percentage points
	KindGrowth    Kind = "growth"    // a yearly growth rate in percent, in percentage points
	KindReduction Kind = "reduction" // a reduction in percent against a base year
	KindRank      Kind = "rank"      // a position; smaller is better
	KindTrend     Kind = "trend"     // a direction with no number
)

// Kinds lists every kind in a stable order.
var Kinds = []Kind{KindLevel, KindFlow, KindAnnual, KindShare, KindGrowth, KindReduction, KindRank, KindTrend}

// Label returns the kind in Chinese as templates and briefings show it.
func (k Kind) Label() string {
	switch k {
	case KindLevel:
		return "期末数"
	case KindFlow:
		return "本年累计"
	case KindAnnual:
		return "每年"
	case KindShare:
		return "占比"
	case KindGrowth:
		return "年增长率"
	case KindReduction:
		return "降低率"
	case KindRank:
		return "排位"
	case KindTrend:
		return "逐年提升"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Percent reports whether values of this kind are percentages.
func (k Kind) Percent() bool {
	return k == KindShare || k == KindGrowth || k == KindReduction || k == KindTrend
}

// YearToDate reports whether units report the kind as a figure of the year so far
// (本年1—N月累计), judged against the year's target scaled by the months covered.
func (k Kind) YearToDate() bool { return k == KindFlow || k == KindAnnual }

// Frequency is how often an indicator's figure is published, and so when it is due.
type Frequency string

// Frequencies.
const (
	Monthly   Frequency = "monthly"   // every month (flows: from 1—2月 on; January is not published alone)
	Quarterly Frequency = "quarterly" // figures for March, June, September and December
	Yearly    Frequency = "yearly"    // the figure for December
)

// Label returns the frequency in Chinese.
func (f Frequency) Label() string {
	switch f {
	case Quarterly:
		return "按季"
	case Yearly:
		return "按年"
	}
	return "按月"
}

// Valid reports whether f is a known frequency.
func (f Frequency) Valid() bool { return f == Monthly || f == Quarterly || f == Yearly }

// Published reports whether a figure covering month m is published at this frequency: every
// quarter's or the year's last month, and for year-to-date figures every month but January
// (the statistics bureau's first release of a year is 1—2月).
func (f Frequency) Published(m time.Month, yearToDate bool) bool {
	switch f {
	case Quarterly:
		return m%3 == 0
	case Yearly:
		return m == 12
	}
	return !(yearToDate && m == time.January)
}

// Indicator is one quantitative target of the plan.
type Indicator struct {
	Key        string   `json:"key"`
	Name       string   `json:"name"`
	Measure    string   `json:"measure"`
	Kind       Kind     `json:"kind"`
	Target     *float64 `json:"target"`
	Comparator string   `json:"comparator"`
	// Soft marks a target the plan words with 力争: falling behind it weighs less.
	Soft bool `json:"soft,omitempty"`
	Task int  `json:"task"`
	// Unit and UnitCode name the unit that reports (supplies) the figure.
	Unit     string `json:"unit"`
	UnitCode string `json:"reported_by"`
	// Accountable lists the codes of the units answerable for the indicator, who bear its
	// deductions: by default the lead units of its task.
	Accountable []string `json:"accountable"`
	// Frequency and Lag say when a figure is due: a report for period P carries the figure
	// of P−Lag months, due when Frequency publishes that month.
	Frequency Frequency `json:"frequency"`
	Lag       int       `json:"lag"`
	// Baseline is the value at BaselinePeriod (for a flow: the whole year's value of that
	// period's year). Nil: the first figure the workspace holds stands in.
	Baseline       *float64 `json:"baseline"`
	BaselinePeriod Period   `json:"baseline_period,omitzero"`
	BaselineNote   string   `json:"baseline_note,omitempty"`
	// TargetsByYear holds year-end milestones (for flows and annual counts: the year's
	// target) that the office sets; missing years lie on the straight line from the baseline
	// to the final Target, which falls due at the end of TargetYear.
	TargetsByYear map[int]float64 `json:"targets_by_year,omitempty"`
	TargetYear    int             `json:"target_year"`
	Sources       []string        `json:"sources"`
	// Governs says, where the document states the target twice in different words, which
	// wording is assessed and why.
	Governs string `json:"governs,omitempty"`
}

// Covers returns the month whose figure a report for period p carries.
func (ind *Indicator) Covers(p Period) Period { return p.Add(-ind.Lag) }

// Latest returns the month of the latest figure out when the report for period p is made:
// Covers, moved back to the last quarter's or year's end for an indicator published quarterly
// or yearly (a May report of a quarterly share carries the first quarter, 数据截至 2025年3月).
// Templates prefill 数据截至 with it.
func (ind *Indicator) Latest(p Period) Period {
	c := ind.Covers(p)
	for i := 0; i < 12 && (ind.Frequency == Quarterly || ind.Frequency == Yearly) && !ind.Frequency.Published(c.Month, false); i++ {
		c = c.Add(-1)
	}
	return c
}

// Whole reports whether the indicator counts things (家, 个, 位): expected values are whole.
func (ind *Indicator) Whole() bool {
	switch ind.Measure {
	case "家", "个", "位", "项", "人", "件", "场", "次", "座":
		return true
	}
	return false
}

// Comparators an indicator may use.
var comparators = map[string]bool{">=": true, ">": true, "<=": true, "<": true, "rise": true}

// ValidComparator reports whether c is a comparator an indicator may use.
func ValidComparator(c string) bool { return comparators[c] }

// LowerIsBetter reports whether a smaller value is better (ranks).
func (ind *Indicator) LowerIsBetter() bool {
	return ind.Comparator == "<=" || ind.Comparator == "<"
}

// Better returns "higher" or "lower": which direction is better.
func (ind *Indicator) Better() string {
	if ind.LowerIsBetter() {
		return "lower"
	}
	return "higher"
}

// TargetLabel returns the target in Chinese, such as "≥100家", "首位", "前15位", ">40%",
// "逐年提升".
func (ind *Indicator) TargetLabel() string {
	if ind.Target == nil {
		return "逐年提升"
	}
	v := FormatNumber(*ind.Target)
	switch ind.Kind {
	case KindRank:
		if *ind.Target == 1 {
			return "首位"
		}
		return "前" + v + "位"
	case KindReduction:
		return "降低" + v + ind.Measure + "以上"
	}
	op := map[string]string{">=": "≥", ">": ">", "<=": "≤", "<": "<"}[ind.Comparator]
	return op + v + ind.Measure
}
