package collect

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DisplayName returns a file name or path as it can be printed on one line and read
// safely: unchanged when every character is printable, else quoted with Go's escapes
// ("报表\n.xlsx" becomes "\"报表\\n.xlsx\""), so that a newline, a terminal control
// sequence or a right-to-left override in a name cannot break the one-line-per-file output
// or disguise a name.
func DisplayName(s string) string {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) {
		return strconv.Quote(s)
	}
	return s
}
