package planfile

import (
	"fmt"

	"github.com/qianjiang/gyqc"
	"go.yaml.in/yaml/v3"
)

// The raw shapes of the plan file and the units file. Each records the line it starts on so
// that problems point at the line to fix.

type rawPlan struct {
	ID           string           `yaml:"id"`
	Version      string           `yaml:"version"`
	Title        string           `yaml:"title"`
	Document     string           `yaml:"document"`
	Issuers      []string         `yaml:"issuers"`
	Issued       string           `yaml:"issued"`
	Horizon      rawHorizon       `yaml:"horizon"`
	Reporting    gyqc.Reporting   `yaml:"reporting"`
	Briefing     gyqc.Briefing    `yaml:"briefing"`
	Projects     []rawProject     `yaml:"projects"`
	Requirements []rawRequirement `yaml:"requirements"`
	Indicators   []rawIndicator   `yaml:"indicators"`
	Lights       *rawLights       `yaml:"lights"`
	Assessment   *rawAssessment   `yaml:"assessment"`
}

type rawHorizon struct {
	First    lineString `yaml:"first_period"`
	Last     lineString `yaml:"last_period"`
	Baseline lineString `yaml:"baseline_period"`
}

type rawProject struct {
	No    int       `yaml:"no"`
	Name  string    `yaml:"name"`
	Text  string    `yaml:"text"`
	Tasks []rawTask `yaml:"tasks"`
	Line  int       `yaml:"-"`
}

type rawTask struct {
	No           int          `yaml:"no"`
	Title        string       `yaml:"title"`
	Text         string       `yaml:"text"`
	Lead         []lineString `yaml:"lead"`
	SupportLabel string       `yaml:"support_label"`
	Support      []lineString `yaml:"support"`
	Line         int          `yaml:"-"`
}

type rawRequirement rawTask

type rawIndicator struct {
	Key            string          `yaml:"key"`
	Name           string          `yaml:"name"`
	Measure        string          `yaml:"measure"`
	Kind           string          `yaml:"kind"`
	Target         *float64        `yaml:"target"`
	Comparator     string          `yaml:"comparator"`
	Task           int             `yaml:"task"`
	Unit           lineString      `yaml:"unit"`
	Baseline       *float64        `yaml:"baseline"`
	BaselinePeriod string          `yaml:"baseline_period"`
	BaselineNote   string          `yaml:"baseline_note"`
	TargetsByYear  map[int]float64 `yaml:"targets_by_year"`
	TargetYear     int             `yaml:"target_year"`
	Soft           bool            `yaml:"soft"`
	Frequency      string          `yaml:"frequency"`
	Lag            *int            `yaml:"lag"`
	Accountable    []lineString    `yaml:"accountable"`
	Governs        string          `yaml:"governs"`
	Sources        []string        `yaml:"sources"`
	Line           int             `yaml:"-"`
}

type rawUnits struct {
	Units  []rawUnit  `yaml:"units"`
	Groups []rawGroup `yaml:"groups"`
}

type rawUnit struct {
	Code    string   `yaml:"code"`
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Contact string   `yaml:"contact"`
	Phone   string   `yaml:"phone"`
	Email   string   `yaml:"email"`
	Example bool     `yaml:"example"`
	Former  []string `yaml:"former"`
	Note    string   `yaml:"note"`
	Line    int      `yaml:"-"`
}

type rawGroup struct {
	Name    string       `yaml:"name"`
	Note    string       `yaml:"note"`
	Members []lineString `yaml:"members"`
	Example bool         `yaml:"example"`
	Line    int          `yaml:"-"`
}

// lineString is a YAML string that remembers its line.
type lineString struct {
	S    string
	Line int
}

func (l *lineString) UnmarshalYAML(n *yaml.Node) error {
	l.Line = n.Line
	return n.Decode(&l.S)
}

// The raw types decode through decodeLined into their plain twins (the same fields without
// UnmarshalYAML), remembering the line each stands on.
type (
	plainProject     rawProject
	plainTask        rawTask
	plainRequirement rawRequirement
	plainIndicator   rawIndicator
	plainUnit        rawUnit
	plainGroup       rawGroup
)

func (x *rawProject) UnmarshalYAML(n *yaml.Node) error {
	return decodeLined(n, &x.Line, (*plainProject)(x))
}
func (x *rawTask) UnmarshalYAML(n *yaml.Node) error { return decodeLined(n, &x.Line, (*plainTask)(x)) }
func (x *rawRequirement) UnmarshalYAML(n *yaml.Node) error {
	return decodeLined(n, &x.Line, (*plainRequirement)(x))
}
func (x *rawIndicator) UnmarshalYAML(n *yaml.Node) error {
	return decodeLined(n, &x.Line, (*plainIndicator)(x))
}
func (x *rawUnit) UnmarshalYAML(n *yaml.Node) error { return decodeLined(n, &x.Line, (*plainUnit)(x)) }
func (x *rawGroup) UnmarshalYAML(n *yaml.Node) error {
	return decodeLined(n, &x.Line, (*plainGroup)(x))
}

// decodeLined records the line of n and decodes n strictly into v.
func decodeLined(n *yaml.Node, line *int, v any) error {
	*line = n.Line
	return strictDecode(n, v)
}

// strictDecode decodes n into v, refusing keys v does not have (Node.Decode alone accepts
// them silently).
func strictDecode(n *yaml.Node, v any) error {
	if n.Kind == yaml.MappingNode {
		known := yamlKeys(v)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if !known[k.Value] {
				return &yamlFieldError{Line: k.Line, Field: k.Value}
			}
		}
	}
	return n.Decode(v)
}

type yamlFieldError struct {
	Line  int
	Field string
}

func (e *yamlFieldError) Error() string {
	return fmt.Sprintf("line %d: unknown field %q", e.Line, e.Field)
}
