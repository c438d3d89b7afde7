package samples

// baselines holds, for the indicators of the embedded Qianjiang plan, a plausible value at the
// end of the baseline period (August 2022), from which the samples' trajectories start. The
// plan gives no baselines; these are invented, in proportion to the targets. Indicators of
// other plans start from a value derived from their target (see startValue), and a baseline
// written in the plan file always wins.
var baselines = map[string]float64{
	"scale-enterprises":          68,
	"output-tobacco":             78.6,
	"output-materials":           41.3,
	"output-consumer":            46.8,
	"output-biomedicine":         10.9,
	"output-new-energy":          4.2,
	"index-rank-southeast":       3,
	"index-rank-city":            24,
	"chain-leader-growth":        14.5,
	"listed-companies":           0,
	"specialized-enterprises":    17,
	"champion-enterprises":       0,
	"hightech-enterprises":       13,
	"smart-factory":              0,
	"digital-workshops":          2,
	"green-factories":            1,
	"rnd-share":                  23.5,
	"tech-centers":               3,
	"sme-rnd-centers":            1,
	"innovation-demo":            0,
	"green-park":                 0,
	"cloud-enterprises":          36,
	"5g-scenarios":               0,
	"energy-intensity-reduction": 3.6,
	"water-saving-enterprises":   1,
	"water-efficiency-leaders":   0,
	"industrial-loan-share":      8.7,
}

// Keys of the indicators that the samples derive from others, so that the figures a unit
// reports in one month agree with each other: the output value is the sum of the five
// industries and the rest, the value added a share of it, and the share of the emerging
// industries is computed from their output.
const (
	keyOutput      = "output-value"
	keyValueAdded  = "value-added"
	keyEmerging    = "emerging-share"
	keyBiomedicine = "output-biomedicine"
	keyNewEnergy   = "output-new-energy"
)

// industryKeys are the five industries whose output makes up most of keyOutput.
var industryKeys = []string{"output-tobacco", "output-materials", "output-consumer", keyBiomedicine, keyNewEnergy}

// otherOutput is the output value of the industries outside the five, at the baseline and at
// the end of the horizon, in 亿元.
var otherOutput = [2]float64{13.2, 24}

// valueAddedRatio is the value added as a share of the output value, at the baseline and at
// the end of the horizon.
var valueAddedRatio = [2]float64{0.338, 0.352}
