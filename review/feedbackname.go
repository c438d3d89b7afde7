package review

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qianjiang/gyqc"
)

// FeedbackParts are the parts of the name of a unit's 意见单 for one version of its return:
// period, unit code, unit name and 第N版.
func FeedbackParts(period gyqc.Period, code, name string, version int) []string {
	return []string{period.String(), code, name, fmt.Sprintf("第%d版", version)}
}

// FeedbackBase returns the name of a feedback file without its suffix: parts joined by "_",
// every part made safe for a file name (FilePart), the whole with the suffix and room for
// a "_99" within MaxFeedbackName bytes (the longest part is shortened first). Whoever writes
// a 意见单 and whoever looks for it build the name here. parts is changed.
func FeedbackBase(parts []string, suffix string) string {
	for i, p := range parts {
		parts[i] = FilePart(p)
	}
	return fitName(parts, MaxFeedbackName-len(suffix)-len("_99"))
}

// FilePart makes a text safe as part of a file name on every common file system: control
// and format characters, path separators and the characters Windows forbids (<>:"|?*)
// become "_", invalid UTF-8 is dropped, and leading or trailing dots and spaces go.
func FilePart(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) || strings.ContainsRune(`/\<>:"|?*`, r) {
			return '_'
		}
		return r
	}, s)
	return strings.Trim(s, ". ")
}

// MaxFeedbackName bounds the bytes of a feedback file's name: below the 255 bytes most file
// systems allow, with room for the temporary name it is first written under.
const MaxFeedbackName = 200

// fitName joins parts with "_", shortening the longest part (at a character boundary,
// marked with "…") until the result has at most limit bytes.
func fitName(parts []string, limit int) string {
	const mark = "…"
	for {
		s := strings.Join(parts, "_")
		over := len(s) - limit
		if over <= 0 {
			return s
		}
		long := 0
		for i, p := range parts {
			if len(p) > len(parts[long]) {
				long = i
			}
		}
		p := strings.TrimSuffix(parts[long], mark)
		if len(parts[long]) <= len(mark) {
			return strings.ToValidUTF8(s[:limit], "") // only tiny parts left
		}
		keep := max(len(p)-over-len(mark), 0)
		for keep > 0 && !utf8.RuneStart(p[keep]) {
			keep--
		}
		parts[long] = p[:keep] + mark
	}
}
