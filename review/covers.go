package review

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

// covers reads the 数据截至 of an indicator row: the month the figure covers. An empty cell in
// a layout that has the column is noted and the month the indicator's publication lag implies
// is used; a text that names no month, or a month after the period, refuses the return; a
// month more than a year before the period is a warning. The zero period means the default.
func (c *checker) covers(rv templates.ValueInput, ind *gyqc.Indicator, name string, explained bool) gyqc.Period {
	in := rv.Covers
	def := ind.Covers(c.in.Period)
	if in.Cell == "" { // an older layout without the column
		return gyqc.Period{}
	}
	if in.Empty() {
		if !rv.Value.Empty() {
			c.add(gyqc.SevNote, in, RuleCoversEmpty, fmt.Sprintf("%s的数据截至未填写，按 %s 计", name, def.Label()), "", 0, ind.Key, true)
		}
		return gyqc.Period{}
	}
	p, ok := templates.ParseCovers(in)
	switch {
	case !ok:
		c.add(gyqc.SevError, in, RuleCoversInvalid, fmt.Sprintf("%s的数据截至“%s”不是月份", name, strings.TrimSpace(in.Text)),
			"请从下拉列表中选择本期值所属的月份，例如“"+def.Label()+"”", 0, ind.Key, false)
		return gyqc.Period{}
	case p.Index() > c.in.Period.Index():
		c.add(gyqc.SevError, in, RuleCoversFuture, fmt.Sprintf("%s的数据截至 %s 晚于报送期 %s", name, p.Label(), c.in.Period.Label()),
			"请填写本期值实际所属的月份，例如“"+def.Label()+"”", 0, ind.Key, false)
		return gyqc.Period{}
	case c.in.Period.Index()-p.Index() >= len(templates.CoversChoices(c.in.Period)):
		c.add(gyqc.SevWarning, in, RuleCoversOld, fmt.Sprintf("%s的数据截至 %s，比报送期 %s 早一年以上", name, p.Label(), c.in.Period.Label()),
			"请填写最新的数据及其所属月份；确无更新数据的，请在“情况说明”中说明", 0, ind.Key, explained)
	}
	return p
}

// errNotNumber marks a growth text that ParseNumber could not read.
var errNotNumber = errors.New("not a number")

// growth reads the 同比增长（%） of a flow: a number as typed (8.5 for 8.5%), a percent-formatted
// cell as the percentage it shows, or a text such as 8.5% or -3.2％. Other kinds have no
// growth. A value that is not a number, or below -100%, refuses the return.
func (c *checker) growth(rv templates.ValueInput, ind *gyqc.Indicator, name string) *float64 {
	in := rv.Growth
	if ind.Kind != gyqc.KindFlow || in.Empty() {
		return nil
	}
	text := strings.TrimSpace(in.Text)
	var g float64
	var err error
	switch in.Kind {
	case templates.KindPercent:
		if g, err = strconv.ParseFloat(text, 64); err == nil {
			g = percentOf(g)
		}
	case templates.KindNumber:
		g, err = strconv.ParseFloat(text, 64)
	default:
		// A typed text reads as a number cell does (full-width digits, a trailing %, 约8 or
		// 8左右), so 同比增长 and 本期值 forgive the same forms.
		num := ParseNumber(text, "%")
		if g, err = num.Value, errNotNumber; num.OK {
			err = nil
		}
		if num.OK && num.Approx != "" {
			c.add(gyqc.SevWarning, in, RuleApproximate, fmt.Sprintf("%s的同比增长“%s”是约数或范围（%s），按 %s%% 记录", name, text,
				num.Approx, gyqc.FormatNumber(g)), "请填写确切的同比增长百分数", 0, ind.Key, false)
		}
	}
	if err != nil || math.IsNaN(g) || math.IsInf(g, 0) || in.Kind == templates.KindBool || in.Kind == templates.KindError || in.Kind == templates.KindDate {
		c.add(gyqc.SevError, in, RuleGrowthInvalid, fmt.Sprintf("%s的同比增长“%s”不是数字", name, text),
			"请填写百分数的数值，如 8.5 表示增长 8.5%，下降填负数；没有增速数据的请留空", 0, ind.Key, false)
		return nil
	}
	if g < -100 {
		c.add(gyqc.SevError, in, RuleGrowthInvalid, fmt.Sprintf("%s的同比增长 %s%% 低于 -100%%", name, gyqc.FormatNumber(g)),
			"请核实：同比下降最多为 100%（下降填负数，如 -3.2）", 0, ind.Key, false)
		return nil
	}
	return &g
}
