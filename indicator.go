package gyqc

// Kind is the kind of an indicator; each kind has its own arithmetic.
type Kind string

// Indicator kinds.
const (
	KindLevel     Kind = "level"     // a level to reach by the end of the horizon
	KindAnnual    Kind = "annual"    // a flow that restarts every year
	KindShare     Kind = "share"     // a share in percent, compared in percentage points
	KindGrowth    Kind = "growth"    // a yearly growth rate in percent, in percentage points
	KindReduction Kind = "reduction" // a reduction in percent against a base year
	KindRank      Kind = "rank"      // a position; smaller is better
	KindTrend     Kind = "trend"     // a direction with no number
)

// Kinds lists every kind in a stable order.
var Kinds = []Kind{KindLevel, KindAnnual, KindShare, KindGrowth, KindReduction, KindRank, KindTrend}

// Label returns the kind in Chinese as templates and briefings show it.
func (k Kind) Label() string {
	switch k {
	case KindLevel:
		return "到期末累计"
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
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Percent reports whether values of this kind are percentages.
func (k Kind) Percent() bool {
	return k == KindShare || k == KindGrowth || k == KindReduction || k == KindTrend
}

// Indicator is one quantitative target of the plan.
type Indicator struct {
	Key          string   `json:"key"`
	Name         string   `json:"name"`
	Measure      string   `json:"measure"`
	Kind         Kind     `json:"kind"`
	Target       *float64 `json:"target"`
	Comparator   string   `json:"comparator"`
	Task         int      `json:"task"`
	Unit         string   `json:"unit"`
	UnitCode     string   `json:"unit_code"`
	Baseline     *float64 `json:"baseline"`
	BaselineNote string   `json:"baseline_note,omitempty"`
	Sources      []string `json:"sources"`
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
