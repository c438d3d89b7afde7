package gyqc

// Light is the traffic light of a task for a period (亮灯).
type Light string

// Task lights. LightNone is given only while no lead unit's report can be judged yet: nothing
// acceptable has arrived and the deadline has not passed.
const (
	LightGreen  Light = "green"
	LightYellow Light = "yellow"
	LightRed    Light = "red"
	LightNone   Light = "none"
)

// LightOrder lists the lights from best to worst, then LightNone.
var LightOrder = []Light{LightGreen, LightYellow, LightRed, LightNone}

// Label returns the light in Chinese: 绿灯, 黄灯, 红灯, 暂无数据.
func (l Light) Label() string {
	switch l {
	case LightGreen:
		return "绿灯"
	case LightYellow:
		return "黄灯"
	case LightRed:
		return "红灯"
	case LightNone:
		return "暂无数据"
	}
	return string(l)
}

// Lights is the configuration of task lights (the `lights:` section of the plan file).
type Lights struct {
	// Margin is how many percentage points an indicator may be behind its expectation and
	// make its task yellow; further behind makes it red. For level and annual indicators the
	// points are of completion (完成率 against 序时进度), for shares, growth and reductions of
	// the value itself against the target.
	Margin float64 `json:"margin"`
	// RankMargin is how many places a rank indicator may be behind its target and make its
	// task yellow; further behind makes it red.
	RankMargin int `json:"rank_margin"`
	// YellowPeriods turns a task red when it would be yellow for this many consecutive
	// periods (the YellowPeriods-th yellow in a row is shown red); 0 turns the rule off.
	YellowPeriods int `json:"yellow_periods"`
}

// DefaultLights returns the light rules used when the plan file has no `lights:` section;
// the embedded plan file states the same values.
func DefaultLights() Lights { return Lights{Margin: 10, RankMargin: 3, YellowPeriods: 3} }

// LightCounts counts tasks by light.
type LightCounts struct {
	Green  int `json:"green"`
	Yellow int `json:"yellow"`
	Red    int `json:"red"`
	None   int `json:"none"`
}

// Add counts one task with light l.
func (c *LightCounts) Add(l Light) {
	switch l {
	case LightGreen:
		c.Green++
	case LightYellow:
		c.Yellow++
	case LightRed:
		c.Red++
	default:
		c.None++
	}
}

// Of returns the count of light l.
func (c LightCounts) Of(l Light) int {
	switch l {
	case LightGreen:
		return c.Green
	case LightYellow:
		return c.Yellow
	case LightRed:
		return c.Red
	}
	return c.None
}
