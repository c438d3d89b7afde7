package review

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

// value checks the 本期值 of one indicator row and returns the figure to store.
func (c *checker) value(rv templates.ValueInput) (gyqc.IndicatorValue, bool) {
	ind := c.plan.Indicator(rv.Key)
	if ind == nil || ind.UnitCode != c.in.Unit {
		return gyqc.IndicatorValue{}, false // the reader reports foreign rows
	}
	name := "指标“" + ind.Name + "”"
	note, _ := c.text(rv.Note, name+"的情况说明", 0, ind.Key)
	v := gyqc.IndicatorValue{Key: rv.Key, Raw: rv.Value.Text, Note: note}
	explained := v.Note != ""
	v.Covers = c.covers(rv, ind, name, explained)
	v.Growth = c.growth(rv, ind, name)
	if v.Growth != nil && rv.Value.Empty() {
		c.add(gyqc.SevNote, rv.Growth, RuleGrowthOnly, fmt.Sprintf("%s只填报了同比增长 %s%%，未填本期值（总量），按增速判断进度", name, gyqc.FormatNumber(*v.Growth)),
			"", 0, ind.Key, true)
		return v, true
	}
	value, ok := c.number(rv.Value, ind, name, explained)
	if !ok {
		return v, true
	}
	v.Value = &value
	ok = true
	switch {
	case value < 0 && ind.Kind != gyqc.KindGrowth:
		c.add(gyqc.SevError, rv.Value, RuleNegative, name+"的本期值不能为负数", "请填写不小于 0 的数", 0, ind.Key, false)
		ok = false
	case ind.Kind == gyqc.KindShare && value > 100, ind.Kind == gyqc.KindReduction && value > 100:
		c.add(gyqc.SevError, rv.Value, RuleShareOver100, name+"是百分比，不能超过 100", "请以百分数填写，例如 35 表示 35%", 0, ind.Key, false)
		ok = false
	case ind.Kind == gyqc.KindRank && (value < 1 || value != math.Trunc(value)):
		c.add(gyqc.SevError, rv.Value, RuleRankInteger, name+"是排位，应为不小于 1 的整数", "请填写名次，例如 3 表示第 3 位", 0, ind.Key, false)
		ok = false
	case countMeasure(ind.Measure) && value != math.Trunc(value):
		c.add(gyqc.SevError, rv.Value, RuleCountInteger, name+"是个数，应为整数", "请填写整数", 0, ind.Key, false)
		ok = false
	}
	if ok {
		c.compare(rv, ind, value, explained)
	}
	return v, true
}

// countMeasure reports whether a measure counts whole things.
func countMeasure(m string) bool {
	return m == "家" || m == "个" || m == "项" || m == "户" || m == "座" || m == "条"
}

// number reads the 本期值 cell by its kind: a number as stored (E-notation too), a percent-
// formatted number on a % indicator as the percentage it shows, text through ParseNumber. A
// logical value, an error value, a date, or a percent format on another measure is a problem
// naming what the cell holds. ok is false when there is no figure.
func (c *checker) number(in templates.Input, ind *gyqc.Indicator, name string, explained bool) (float64, bool) {
	add := func(rule gyqc.Rule, msg, fix string) { c.add(gyqc.SevError, in, rule, msg, fix, 0, ind.Key, false) }
	if c.formulaNoValue(in, name+"的本期值", "请删去公式，直接填写数字（单位为“"+ind.Measure+"”）", 0, ind.Key) {
		return 0, false
	}
	if in.Formula && (in.Kind == templates.KindNumber || in.Kind == templates.KindPercent) {
		c.add(gyqc.SevNote, in, RuleFormulaValue, name+"的本期值是公式，按文件中保存的计算结果记录", "", 0, ind.Key, true)
	}
	switch in.Kind {
	case templates.KindBool:
		add(RuleWrongType, fmt.Sprintf("%s的本期值是逻辑值 %s，不是数字", name, boolText(in.Text)), "请填写数字（单位为“"+ind.Measure+"”）")
		return 0, false
	case templates.KindError:
		add(RuleErrorValue, fmt.Sprintf("%s的本期值是错误值 %s（公式出错或引用无效）", name, strings.TrimSpace(in.Text)),
			"请直接填写数字，不要使用公式")
		return 0, false
	case templates.KindDate:
		add(RuleDateInNumber, fmt.Sprintf("%s的本期值是日期 %s，不是数字（单元格被设成了日期格式，或输入了日期）", name, in.Date),
			"请把该单元格的格式改为“常规”或“数值”，再填写数字（单位为“"+ind.Measure+"”）")
		return 0, false
	case templates.KindNumber, templates.KindPercent:
		v, err := strconv.ParseFloat(strings.TrimSpace(in.Text), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			add(RuleNotANumber, name+"的本期值不是数字", "请只填写数字（单位为“"+ind.Measure+"”）")
			return 0, false
		}
		if in.Kind == templates.KindNumber {
			return v, true
		}
		shown := percentOf(v)
		if ind.Measure != "%" {
			add(RulePercentFormat, fmt.Sprintf("%s的本期值设成了百分比格式（显示为 %s%%），而本指标的计量单位是“%s”", name, gyqc.FormatNumber(shown), ind.Measure),
				"请把该单元格的格式改为“常规”，再填写数字（单位为“"+ind.Measure+"”）")
			return 0, false
		}
		c.add(gyqc.SevNote, in, RulePercentFormat, fmt.Sprintf("%s的本期值按单元格的百分比格式读取：显示为 %s%%，记录为 %s", name,
			gyqc.FormatNumber(shown), gyqc.FormatNumber(shown)), "", 0, ind.Key, true)
		return shown, true
	}
	num := ParseNumber(in.Text, ind.Measure)
	switch {
	case num.Empty && explained:
		c.add(gyqc.SevWarning, in, RuleValueEmpty, name+"的本期值未填写", "有数据时请填写；暂无数据的原因已在情况说明中写明", 0, ind.Key, true)
		return 0, false
	case num.Empty:
		add(RuleValueRequired, name+"的本期值未填写", "请填写本期值；确无数据的，请在“情况说明”中写明原因")
		return 0, false
	case !num.OK:
		msg := name + "的本期值不是数字"
		if !strings.HasSuffix(num.Reason, "不是数字") {
			msg += "：" + num.Reason // the reason says more than the value: a wrong measure, stray commas
		}
		add(RuleNotANumber, msg, "请只填写数字（单位为“"+ind.Measure+"”），文字说明请写在“情况说明”栏")
		return 0, false
	}
	if num.Approx != "" {
		c.add(gyqc.SevWarning, in, RuleApproximate, fmt.Sprintf("%s的本期值“%s”是约数或范围（%s），按 %s%s 记录", name, strings.TrimSpace(in.Text),
			num.Approx, gyqc.FormatNumber(num.Value), ind.Measure),
			"请填写确切数值；确实只有约数的，请在“情况说明”中注明是约数并说明依据", 0, ind.Key, explained)
	}
	if num.Note != "" {
		c.add(gyqc.SevNote, in, RuleNormalised, fmt.Sprintf("%s的本期值按 %s 记录（%s）", name, gyqc.FormatNumber(num.Value), num.Note), "", 0, ind.Key, true)
	}
	return num.Value, true
}

// percentOf returns the percentage a fraction shows in a percent format, 0.112 → 11.2,
// without the binary noise of the multiplication (11.200000000000001).
func percentOf(v float64) float64 {
	p, _ := strconv.ParseFloat(strconv.FormatFloat(v*100, 'g', 12, 64), 64)
	return p
}

// boolText writes a logical value as the spreadsheet shows it.
func boolText(s string) string {
	if b, err := strconv.ParseBool(strings.TrimSpace(s)); err == nil && b {
		return "TRUE"
	}
	return "FALSE"
}

// compare questions a value against the unit's previous period and the target: a level
// that falls, a value far from the previous one (a slip of 亿 for 万, of a fraction for a
// percentage), and a percentage below 1 where the previous value or the target is above 1.
func (c *checker) compare(rv templates.ValueInput, ind *gyqc.Indicator, value float64, explained bool) {
	name := "指标“" + ind.Name + "”"
	var prev *float64
	newYear := false
	if c.in.Previous != nil {
		if pv := c.in.Previous.Value(ind.Key); pv != nil && pv.Value != nil {
			prev = pv.Value
			newYear = c.in.Previous.Period.Year != c.in.Period.Year
		}
	}
	if ind.Measure == "%" && value != 0 && math.Abs(value) < 1 {
		ref, what := 0.0, ""
		switch {
		case prev != nil && math.Abs(*prev) > 1:
			ref, what = *prev, "上期"
		case ind.Target != nil && math.Abs(*ind.Target) > 1:
			ref, what = *ind.Target, "目标"
		}
		if what != "" {
			c.add(gyqc.SevWarning, rv.Value, RulePercentBelowOne, fmt.Sprintf("%s以百分数填写，本期 %s%% 不到 1%%，而%s为 %s%%，可能把 %s%% 填成了小数",
				name, gyqc.FormatNumber(value), what, gyqc.FormatNumber(ref), gyqc.FormatNumber(percentOf(value))),
				fmt.Sprintf("百分比请填百分数的数值（如 %s 表示 %s%%）；数值无误的，请在“情况说明”中说明", gyqc.FormatNumber(percentOf(value)), gyqc.FormatNumber(percentOf(value))),
				0, ind.Key, explained)
			return
		}
	}
	if prev == nil {
		return
	}
	c.compareWithPrevious(rv, ind, value, *prev, newYear, explained)
}

// compareWithPrevious questions a value against the unit's previous one, p: a stock or a
// year-to-date figure that falls, and a slip of the decimal point or the measure (×10,
// ×100, ÷100, ×10000 …) of every kind. A year-to-date figure grows with the months it
// covers, so its bound grows with them; in a new year it starts again and only a value
// too large is questioned.
func (c *checker) compareWithPrevious(rv templates.ValueInput, ind *gyqc.Indicator, value, p float64, newYear, explained bool) {
	name := "指标“" + ind.Name + "”"
	cumulative := ind.Kind == gyqc.KindAnnual || ind.Kind == gyqc.KindFlow
	switch {
	case ind.Kind == gyqc.KindLevel && value < p:
		c.add(gyqc.SevWarning, rv.Value, RuleLevelFell, fmt.Sprintf("%s是累计数，本期 %s 低于上期 %s", name, gyqc.FormatNumber(value), gyqc.FormatNumber(p)),
			"请核实；数据确有下降的（如企业退规、统计口径调整），请在“情况说明”中说明原因", 0, ind.Key, explained)
	case cumulative && !newYear && value < p:
		c.add(gyqc.SevWarning, rv.Value, RuleLevelFell, fmt.Sprintf("%s是本年累计数，本期 %s 低于上期 %s", name, gyqc.FormatNumber(value), gyqc.FormatNumber(p)),
			"请核实；确有调整的，请在“情况说明”中说明原因", 0, ind.Key, explained)
	}
	f := c.opts.JumpFactor
	if ind.Kind != gyqc.KindLevel && !cumulative {
		f = c.opts.RateJumpFactor // rates and ranks move a lot; slips are ×100 or ÷100
	}
	upper, lower := f, 1/f
	if cumulative && !newYear && c.in.Previous != nil && c.in.Previous.Period.Month < c.in.Period.Month {
		upper *= float64(c.in.Period.Month) / float64(c.in.Previous.Period.Month) // 1—6月 against 1—2月
	}
	if cumulative && newYear {
		lower = 0 // January starts the year again, far below December
	}
	a, b := math.Abs(value), math.Abs(p)
	if a > 0 && b > 0 && (a > b*upper || a < b*lower) {
		c.add(gyqc.SevWarning, rv.Value, RuleJump, fmt.Sprintf("%s本期 %s 与上期 %s 相差超过 %s 倍，请核实计量单位（%s）", name,
			gyqc.FormatNumber(value), gyqc.FormatNumber(p), gyqc.FormatNumber(f), ind.Measure), "请核实数值和单位；数据无误的，请在“情况说明”中说明", 0, ind.Key, explained)
	}
}
