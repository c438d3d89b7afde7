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
	// Reason says, when !OK and !Empty, why the text is not a number (in Chinese).
	Reason string
}

// approx are words that mark an estimate; the number is kept and the estimate noted.
var approx = []string{"约", "大约", "近", "约为", "左右"}

// notNumbers are texts units write for "no figure"; they are never turned into zero.
var notNumbers = []string{"不适用", "待统计", "暂无", "无", "—", "-", "/", "N/A", "n/a", "未统计", "暂未统计"}

// ParseNumber turns the raw text of a number cell into a number, forgiving the forms Chinese
// offices commonly write: full-width digits and punctuation, thousands separators, surrounding
// spaces, and a trailing measure that matches the indicator's (12.5亿元 or 12.5亿 in a 亿元
// field, 15% in a % field, 30家 in a 家 field). An estimate (约30, 30左右) is kept and noted.
// Anything else — 不适用, 待统计, another measure, two numbers — is not a number: the result
// says why, and the value is never zero by default.
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
	var notes []string
	if s != strings.TrimSpace(raw) {
		notes = append(notes, "全角字符已转为半角")
	}
	// Estimates.
	for _, w := range approx {
		if strings.HasPrefix(s, w) {
			s = strings.TrimSpace(strings.TrimPrefix(s, w))
			notes = append(notes, "“"+w+"”数按估计值记录")
			break
		}
		if strings.HasSuffix(s, w) {
			s = strings.TrimSpace(strings.TrimSuffix(s, w))
			notes = append(notes, "“"+w+"”数按估计值记录")
			break
		}
	}
	// A trailing measure: the indicator's own, or its short form (亿 for 亿元).
	for _, m := range measureForms(measure) {
		if m != "" && strings.HasSuffix(s, m) {
			s = strings.TrimSpace(strings.TrimSuffix(s, m))
			notes = append(notes, "已去掉单位“"+m+"”")
			break
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
	return NumberResult{Value: v, OK: true, Note: strings.Join(notes, "；")}
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
