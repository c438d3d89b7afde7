package samples

import (
	"fmt"

	"github.com/qianjiang/gyqc/planfile"

	"go.yaml.in/yaml/v3"

	"github.com/qianjiang/gyqc"
)

// The units file as ScaleUnitsFile rewrites it: the same fields as data/units.yaml.
type unitsFile struct {
	Units  []unitRecord  `yaml:"units"`
	Groups []groupRecord `yaml:"groups"`
}

type unitRecord struct {
	Code    string   `yaml:"code"`
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases,omitempty"`
	Contact string   `yaml:"contact,omitempty"`
	Phone   string   `yaml:"phone,omitempty"`
	Example bool     `yaml:"example,omitempty"`
}

type groupRecord struct {
	Name    string   `yaml:"name"`
	Note    string   `yaml:"note,omitempty"`
	Members []string `yaml:"members"`
	Example bool     `yaml:"example,omitempty"`
}

// townGroup is the group of the plan that stands for every town and street.
const townGroup = "各乡镇街道"

// Syllables of synthetic town names: 青山镇, 石桥乡, 金溪街道.
var (
	townFirst  = []rune("青石金白黄龙凤马鹿桃李杉松竹梅兰清新太安长永和平兴隆双三五水山河溪岩岭坝坪沟塘湾")
	townSecond = []rune("山桥溪河坪坝岩湾塘沟林田园峰岭口冲岗场寨水池泉")
	townSuffix = []string{"镇", "乡", "街道"}
)

// ScaleUnitsFile returns the embedded units file rewritten so that the group 各乡镇街道 has
// towns members: the registry's own towns first, then synthetic ones (code t00001 onwards,
// names such as 青山镇), all marked as examples. Every member takes part in the tasks the plan
// gives the group, so the plan then has 24 + towns responsible units.
func ScaleUnitsFile(towns int) ([]byte, error) {
	if towns < 0 || towns > 99999 {
		return nil, gyqc.Errorf(gyqc.EInvalid, "乡镇街道数量应在 0 到 99999 之间，例如 1000")
	}
	var f unitsFile
	if err := yaml.Unmarshal(planfile.DefaultUnitsFile, &f); err != nil {
		return nil, fmt.Errorf("decode embedded units file: %w", err)
	}
	gi := -1
	for i, g := range f.Groups {
		if g.Name == townGroup {
			gi = i
		}
	}
	if gi < 0 {
		return nil, fmt.Errorf("embedded units file has no group %s", townGroup)
	}
	members := f.Groups[gi].Members
	if len(members) > towns {
		members = members[:towns]
	}
	names := map[string]bool{}
	for _, u := range f.Units {
		names[u.Name] = true
	}
	for n := 0; len(members) < towns; n++ {
		name := townName(n)
		if names[name] {
			continue
		}
		names[name] = true
		code := fmt.Sprintf("t%05d", len(members)+1)
		f.Units = append(f.Units, unitRecord{Code: code, Name: name, Example: true})
		members = append(members, code)
	}
	f.Groups[gi].Members = members
	return yaml.Marshal(&f)
}

// townName returns the n-th synthetic town name; names repeat only after every combination
// of syllables and suffixes, after which a number makes them unique.
func townName(n int) string {
	a, b, c := len(townFirst), len(townSecond), len(townSuffix)
	name := string(townFirst[n%a]) + string(townSecond[(n/a)%b]) + townSuffix[(n/(a*b))%c]
	if round := n / (a * b * c); round > 0 {
		name = string(townFirst[n%a]) + string(townSecond[(n/a)%b]) + fmt.Sprint(round+1) + townSuffix[(n/(a*b))%c]
	}
	return name
}

// ScalePlan returns the embedded plan with the registry of ScaleUnitsFile(towns), for
// benchmarks and scale tests.
func ScalePlan(towns int) (*gyqc.Plan, error) {
	units, err := ScaleUnitsFile(towns)
	if err != nil {
		return nil, err
	}
	plan, probs := planfile.Load(planfile.DefaultPlanName, planfile.DefaultPlanFile, "scaled units", units)
	if plan == nil {
		return nil, fmt.Errorf("load scaled plan: %v", probs.Errors())
	}
	return plan, nil
}
