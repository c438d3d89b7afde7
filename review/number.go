package review

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// NumberResult is what became of the text of a number cell.
type NumberResult struct {
	Value float64
	OK    bool   // Value holds a number
	Empty bool   // the cell was empty
	Note  string // how the text was normalised, when that changed its meaning-bearing form
	// Approx names the words that make the value an estimate or a bound (约, 左右, ≥, 以上):
	// the number is kept, but it is not the figure the unit was asked for.
	Approx string
	// Reason says, when !OK and !Empty, why the text is not a number (in Chinese).
	Reason string
}

// approxPrefixes and approxSuffixes are the words that make a number an estimate or a bound.
// Longer words come first, so that 约为 is not read as 约 followed by 为.
var (
	approxPrefixes = []string{"大约", "约为", "接近", "超过", "不少于", "不低于", "不足", "不到", "约", "近", "≥", "≤", ">=", "<=", ">", "<", "逾"}
	approxSuffixes = []string{"左右", "以上", "以下", "以内", "上下", "多", "余", "+"}
)

// notNumbers are texts units write for "no figure"; they are never turned into zero.
var notNumbers = []string{"不适用", "待统计", "暂无", "无", "—", "-", "/", "N/A", "n/a", "未统计", "暂未统计"}

// ParseNumber turns the raw text of a number cell into a number, forgiving the forms Chinese
// offices commonly write: full-width digits and punctuation, thousands separators, surrounding
// spaces, and a trailing measure that matches the indicator's (12.5亿元 or 12.5亿 in a 亿元
// field, 15% in a % field, 30家 in a 家 field). An estimate or a bound (约30, 30左右, ≥30,
// 30家以上, 30余家) keeps its number and names its words in Approx. Anything else — 不适用,
// 待统计, another measure, two numbers — is not a number: the result says why, and the value
// is never zero by default.
func ParseNumber(raw, measure string) NumberResult {
	s := strings.TrimSpace(width.Narrow.String(raw))
	s = strings.ReplaceAll(s, "\u00a0", "")
	s = strings.TrimSpace(s)
	if s == "" {
		return NumberResult{Empty: true}
	}
	for _, w := range notNumbers {
		if s == w {
			return NumberResult{Reason: "“" + raw + "”不是数字"}
		}
	}
	var notes, approx []string
	if s != strings.TrimSpace(raw) {
		notes = append(notes, "全角字符已转为半角")
	}
	// Estimates, bounds and a trailing measure (the indicator's own, or its short form: 亿 for
	// 亿元), in any order: 约30家, 30余家, 30家以上.
	forms := measureForms(measure)
	for changed := true; changed; {
		changed = false
		for _, w := range approxPrefixes {
			if rest, ok := strings.CutPrefix(s, w); ok && rest != "" {
				s, changed = strings.TrimSpace(rest), true
				approx = append(approx, w)
				break
			}
		}
		for _, w := range approxSuffixes {
			if rest, ok := strings.CutSuffix(s, w); ok && rest != "" {
				s, changed = strings.TrimSpace(rest), true
				approx = append(approx, w)
				break
			}
		}
		for _, m := range forms {
			if rest, ok := strings.CutSuffix(s, m); ok && m != "" && rest != "" {
				s, changed = strings.TrimSpace(rest), true
				notes = append(notes, "已去掉单位“"+m+"”")
				forms = nil // one measure only
				break
			}
		}
	}
	// Thousands separators: 1,200 or 1，200 (already narrowed).
	if strings.Contains(s, ",") {
		if !thousands(s) {
			return NumberResult{Reason: "“" + raw + "”的逗号位置不对，不像千位分隔符"}
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || strings.ContainsAny(s, "eExXpP_") {
		reason := "“" + raw + "”不是数字"
		if other := otherMeasure(s); other != "" {
			reason = "“" + raw + "”的单位是“" + other + "”，本指标的计量单位是“" + measure + "”"
		}
		return NumberResult{Reason: reason}
	}
	return NumberResult{Value: v, OK: true, Note: strings.Join(notes, "；"), Approx: strings.Join(approx, "、")}
}

// measureForms returns the spellings of a measure a unit may append: 亿元 and 亿, 万元 and 万.
func measureForms(measure string) []string {
	switch measure {
	case "亿元":
		return []string{"亿元", "亿"}
	case "万元":
		return []string{"万元", "万"}
	case "%":
		return []string{"%"}
	}
	return []string{measure}
}

// otherMeasure names a measure the text ends with, for a clearer message.
func otherMeasure(s string) string {
	for _, m := range []string{"亿元", "万元", "亿", "万", "元", "家", "个", "%", "位", "项"} {
		if strings.HasSuffix(s, m) {
			if _, err := strconv.ParseFloat(strings.TrimSuffix(s, m), 64); err == nil {
				return m
			}
		}
	}
	return ""
}

// thousands reports whether the commas in s are thousands separators: 1,200 or 12,345.6.
func thousands(s string) bool {
	intPart := s
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart = s[:i]
	}
	intPart = strings.TrimPrefix(intPart, "-")
	groups := strings.Split(intPart, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}
