package planfile

import (
	"regexp"
	"strings"
)

// rankPhrase matches rank targets: 前15位, 首位.
var rankPhrase = regexp.MustCompile(`前\d+位|首位`)

// PhraseComparator returns the comparator a target phrase of the document gives, by the
// reading of official and statistical texts: 以上、及以上、以下 include the number itself
// (以上含本数); 超过 excludes it; 达到、达、提升至、突破、建成 and a bare number are targets to
// reach (≥); 前N位、首位 are ranks (≤); 逐年提升 is a direction (rise). soft is true for
// 力争 and 争取, which mark a softer target rather than another comparator.
func PhraseComparator(phrase string) (comparator string, soft bool) {
	soft = strings.Contains(phrase, "力争") || strings.Contains(phrase, "争取")
	switch {
	case strings.Contains(phrase, "逐年提升"):
		return "rise", soft
	case rankPhrase.MatchString(phrase):
		return "<=", soft
	case strings.Contains(phrase, "超过"):
		return ">", soft
	}
	return ">=", soft
}
