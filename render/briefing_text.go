package render

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qianjiang/gyqc"
)

// Wording helpers of the briefing: numbers, lists of names and sentences as the plan's
// documents write them.

// Colours of the briefing's status texts.
var (
	colorOnTrack = Color{0, 120, 55}
	colorBehind  = Color{175, 110, 0}
	colorFar     = Color{200, 20, 20}
)

// tight sets a text of the evaluation by the one rule of the briefing for numbers: no space
// between a number and its unit or the Chinese text around it ("8 个" → "8个", "排位 第2位"
// → "排位第2位"). Spaces between Latin words stay.
func tight(text string) string {
	rs := []rune(strings.TrimSpace(text))
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		if rs[i] != ' ' {
			out = append(out, rs[i])
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		if len(out) > 0 && j < len(rs) && (isWide(out[len(out)-1]) || isWide(rs[j])) {
			i = j - 1 // drop the spaces next to Chinese text
			continue
		}
		out = append(out, rs[i:j]...)
		i = j - 1
	}
	return string(out)
}

// isWide reports whether r is a Chinese character or full-width punctuation.
func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		strings.ContainsRune("“”‘’—…·", r)
}

// joinNames joins names with the enumeration comma: 区发展改革委、区经济信息委.
func joinNames(names []string) string { return strings.Join(names, "、") }

// pct writes a ratio as a percentage with at most one decimal: 0.8571 → 85.7%.
func pct(x float64) string { return gyqc.FormatNumber(math.Round(x*1000)/10) + "%" }

// share writes n of total as a percentage, or an empty string when total is 0.
func share(n, total int) string {
	if total == 0 {
		return ""
	}
	return pct(float64(n) / float64(total))
}

// sentence ends text with a full stop unless it already ends a sentence.
func sentence(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	r, _ := utf8.DecodeLastRuneInString(text)
	if strings.ContainsRune("。！？；…!?", r) {
		return text
	}
	if strings.ContainsRune("”’）)》」", r) && len(text) > 1 {
		inner := strings.TrimRightFunc(text, func(c rune) bool { return strings.ContainsRune("”’）)》」", c) })
		if p, _ := utf8.DecodeLastRuneInString(inner); strings.ContainsRune("。！？!?", p) {
			return text
		}
	}
	return text + "。"
}

// nothingTexts are what units write when they have nothing to say; section 四 leaves them
// out (the annex keeps every text as written).
var nothingTexts = map[string]bool{
	"无": true, "暂无": true, "没有": true, "无问题": true, "暂无问题": true, "无需协调": true,
	"无需协调事项": true, "暂无需协调事项": true, "无存在问题": true, "暂无存在问题": true, "不涉及": true,
	"无此项": true, "/": true, "／": true, "-": true, "—": true, "——": true, "无。": true, "na": true, "n/a": true,
}

// isNothing reports whether a unit's text says nothing: empty, one of nothingTexts once
// spaces and a final full stop are removed, or a short sentence that only says there is no
// problem (暂无需协调解决的问题, 目前没有需要协调的事项).
func isNothing(text string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	t = strings.TrimRight(t, "。.；;，, ")
	if t == "" || nothingTexts[t] {
		return true
	}
	if utf8.RuneCountInString(t) > 16 || strings.ContainsAny(t, "，；,;") {
		return false
	}
	for _, prefix := range []string{"目前", "本月", "当前"} {
		t = strings.TrimPrefix(t, prefix)
	}
	return noProblem.MatchString(t)
}

// noProblem matches the sentences that say there is no problem: 暂无需协调解决的问题,
// 没有需要协调的事项, 无存在的困难 — but not 无法落实用地的问题.
var noProblem = regexp.MustCompile(`^(暂无|暂没有|没有|无)(其他|其它|存在的?|需要?|须)?(协调|解决|协调解决|区级协调|上级协调)?(的)?(问题|事项|困难)$`)

// statusColor is the colour an indicator status is written in.
func statusColor(s gyqc.IndicatorStatus) Color {
	switch s {
	case gyqc.IndicatorOnTrack:
		return colorOnTrack
	case gyqc.IndicatorBehind:
		return colorBehind
	case gyqc.IndicatorFarBehind:
		return colorFar
	}
	return Gray
}

// countBy groups names by a key, keeping the keys in order of first appearance.
type countBy struct {
	keys  []string
	names map[string][]string
}

// add files name under key.
func (c *countBy) add(key, name string) {
	if c.names == nil {
		c.names = map[string][]string{}
	}
	if _, ok := c.names[key]; !ok {
		c.keys = append(c.keys, key)
	}
	c.names[key] = append(c.names[key], name)
}
