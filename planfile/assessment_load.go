package planfile

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
	"go.yaml.in/yaml/v3"
)

// The raw shapes of the `lights:` and `assessment:` sections of the plan file.

type rawLights struct {
	Margin        *float64 `yaml:"margin"`
	RankMargin    *int     `yaml:"rank_margin"`
	YellowPeriods *int     `yaml:"yellow_periods"`
	Line          int      `yaml:"-"`
	Lines         keyLines `yaml:"-"`
}

type rawAssessment struct {
	FullScore  *float64  `yaml:"full_score"`
	SoftFactor *float64  `yaml:"soft_factor"`
	Rules      []rawRule `yaml:"rules"`
	Line       int       `yaml:"-"`
	Lines      keyLines  `yaml:"-"`
}

type rawRule struct {
	Rule   string   `yaml:"rule"`
	Points *float64 `yaml:"points"`
	Per    string   `yaml:"per"`
	Max    *float64 `yaml:"max"`
	Line   int      `yaml:"-"`
}

// keyLines maps the keys of a YAML mapping to their lines.
type keyLines map[string]int

// line returns the line of key, or def when the key is absent.
func (k keyLines) line(key string, def int) int {
	if l, ok := k[key]; ok {
		return l
	}
	return def
}

// linesOf records the line of every key of a mapping node.
func linesOf(n *yaml.Node) keyLines {
	k := keyLines{}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k[n.Content[i].Value] = n.Content[i].Line
		}
	}
	return k
}

// UnmarshalYAML decodes the section strictly and records its lines.
func (x *rawLights) UnmarshalYAML(n *yaml.Node) error {
	type plain rawLights
	x.Line, x.Lines = n.Line, linesOf(n)
	return strictDecode(n, (*plain)(x))
}

// UnmarshalYAML decodes the section strictly and records its lines.
func (x *rawAssessment) UnmarshalYAML(n *yaml.Node) error {
	type plain rawAssessment
	x.Line, x.Lines = n.Line, linesOf(n)
	return strictDecode(n, (*plain)(x))
}

// UnmarshalYAML decodes one rule strictly and records its line.
func (x *rawRule) UnmarshalYAML(n *yaml.Node) error {
	type plain rawRule
	x.Line = n.Line
	return strictDecode(n, (*plain)(x))
}

// warnPlan records a warning about the plan file.
func (c *checker) warnPlan(line int, rule gyqc.Rule, value, msg, fix string) {
	c.probs = append(c.probs, gyqc.Problem{Severity: gyqc.SevWarning, File: c.planFile, Line: line, Rule: rule, Value: value, Message: msg, Fix: fix})
}

// lights checks the `lights:` section; a missing section or field takes the default.
func (c *checker) lights(rl *rawLights) gyqc.Lights {
	l := gyqc.DefaultLights()
	if rl == nil {
		return l
	}
	if rl.Margin != nil {
		l.Margin = *rl.Margin
		if l.Margin < 0 || l.Margin > 100 {
			c.errPlan(rl.Lines.line("margin", rl.Line), RuleBadMargin, gyqc.FormatNumber(l.Margin), "lights.margin 应在 0 到 100 之间（百分点）",
				"例如 margin: 10 表示落后时序进度10个百分点以内亮黄灯，超过亮红灯")
		}
	}
	if rl.RankMargin != nil {
		l.RankMargin = *rl.RankMargin
		if l.RankMargin < 0 {
			c.errPlan(rl.Lines.line("rank_margin", rl.Line), RuleBadRankMargin, fmt.Sprint(l.RankMargin), "lights.rank_margin 不能为负数",
				"例如 rank_margin: 3 表示排位落后目标3位以内亮黄灯，超过亮红灯")
		}
	}
	if rl.YellowPeriods != nil {
		l.YellowPeriods = *rl.YellowPeriods
		if l.YellowPeriods < 0 || l.YellowPeriods == 1 {
			c.errPlan(rl.Lines.line("yellow_periods", rl.Line), RuleBadYellowPeriods, fmt.Sprint(l.YellowPeriods), "lights.yellow_periods 应为 0（不启用）或不小于 2 的整数",
				"例如 yellow_periods: 3 表示连续第3个月黄灯时亮红灯")
		}
	}
	return l
}

// assessment checks the `assessment:` section; a missing section takes the default rules, a
// present one is taken as written (a rule it does not list costs nothing).
func (c *checker) assessment(ra *rawAssessment) gyqc.Assessment {
	if ra == nil {
		return gyqc.DefaultAssessment()
	}
	a := gyqc.Assessment{FullScore: 100, SoftFactor: gyqc.DefaultAssessment().SoftFactor}
	if ra.SoftFactor != nil {
		a.SoftFactor = *ra.SoftFactor
		if a.SoftFactor < 0 || a.SoftFactor > 1 {
			c.errPlan(ra.Lines.line("soft_factor", ra.Line), RuleBadSoftFactor, gyqc.FormatNumber(a.SoftFactor), "assessment.soft_factor（力争目标扣分系数）应在 0 到 1 之间", "例如 soft_factor: 0.5")
		}
	}
	if ra.FullScore != nil {
		a.FullScore = *ra.FullScore
		if a.FullScore <= 0 {
			c.errPlan(ra.Lines.line("full_score", ra.Line), RuleBadFullScore, gyqc.FormatNumber(a.FullScore), "assessment.full_score（满分）应为正数", "例如 full_score: 100")
		}
	}
	keys := make([]string, len(gyqc.PenaltyKeys))
	for i, k := range gyqc.PenaltyKeys {
		keys[i] = string(k)
	}
	seen := map[gyqc.PenaltyKey]int{}
	for _, rr := range ra.Rules {
		k := gyqc.PenaltyKey(strings.TrimSpace(rr.Rule))
		label := string(k)
		if !k.Valid() {
			c.errPlan(rr.Line, RuleUnknownRule, rr.Rule, fmt.Sprintf("考核规则“%s”无法识别", rr.Rule),
				"rule 应为 "+strings.Join(keys, "、")+" 之一")
			continue
		}
		if prev, dup := seen[k]; dup {
			c.errPlan(rr.Line, RuleDuplicateRule, label, fmt.Sprintf("考核规则“%s”重复（第%d行已有）", label, prev), "每条规则只写一次")
			continue
		}
		seen[k] = rr.Line
		r := gyqc.Penalty{Key: k}
		switch {
		case rr.Points == nil:
			c.errPlan(rr.Line, RuleMissingPoints, label, fmt.Sprintf("考核规则“%s”（%s）缺少扣分 points", label, k.Label()), "例如 points: 1")
		case *rr.Points < 0:
			c.errPlan(rr.Line, RuleBadPoints, gyqc.FormatNumber(*rr.Points), fmt.Sprintf("考核规则“%s”的扣分 points 不能为负数", label), "请填写每次扣的分数，例如 points: 1")
		default:
			r.Points = *rr.Points
		}
		if rr.Max != nil {
			r.Max = *rr.Max
			if r.Max < 0 {
				c.errPlan(rr.Line, RuleBadMax, gyqc.FormatNumber(r.Max), fmt.Sprintf("考核规则“%s”的上限 max 不能为负数", label), "max 是每期最多扣的分数，0 或不写表示不设上限")
			}
		}
		switch rr.Per {
		case "", "report":
		case "day":
			if k != gyqc.PenaltyLate {
				c.errPlan(rr.Line, RuleBadPer, rr.Per, fmt.Sprintf("只有迟报规则（late）可以按天扣分，“%s”不能写 per: day", label), "请删去 per")
			}
			r.PerDay = k == gyqc.PenaltyLate
		default:
			c.errPlan(rr.Line, RuleBadPer, rr.Per, fmt.Sprintf("考核规则“%s”的 per 无法识别", label), "per 只能是 day（迟报按天计）或 report（按次计）")
		}
		a.Penalties = append(a.Penalties, r)
	}
	c.incentive(ra, a, seen)
	return a
}

// incentive warns when not reporting costs less than a reporting unit can lose on progress and
// indicators, so that a unit would do better by sending nothing.
func (c *checker) incentive(ra *rawAssessment, a gyqc.Assessment, lines map[gyqc.PenaltyKey]int) {
	missing, ok := a.Penalty(gyqc.PenaltyMissing)
	if !ok {
		c.warnPlan(ra.Lines.line("rules", ra.Line), RuleNoMissingRule, "", "考核规则中没有未报送（missing）扣分，不报送的单位不会失分",
			"请增加 - {rule: missing, points: 30}")
		return
	}
	var worst float64
	for _, r := range a.Penalties {
		switch r.Key.Category() {
		case gyqc.CategoryProgress, gyqc.CategoryIndicators:
			if r.Points > 0 && r.Max == 0 {
				return // uncapped: no bound to compare with
			}
			worst += r.Max
		}
	}
	if missing.Points < worst {
		c.warnPlan(lines[gyqc.PenaltyMissing], RuleMissingTooCheap, gyqc.FormatNumber(missing.Points),
			fmt.Sprintf("未报送扣%s分，少于报送单位在任务推进和指标完成上最多可扣的%s分，不报送反而可能得分更高", gyqc.FormatNumber(missing.Points), gyqc.FormatNumber(worst)),
			"请把 missing 的 points 调高，或调低任务和指标规则的 max")
	}
}
