package templates

import (
	"strings"
	"unicode"

	"github.com/qianjiang/gyqc"
)

// maxNameRunes caps the unit-name part of a file name.
const maxNameRunes = 40

// FileName returns the file name of the template of unit for period, such as
// 2025-06_jxw_区经济信息委.xlsx. The period and the unit code (ASCII, unique in the registry)
// make it unique and sortable; the unit's name, cleaned of characters that Windows, macOS or
// mail systems refuse in file names, is there for people.
func FileName(period gyqc.Period, unit *gyqc.Unit) string {
	name := cleanName(unit.Name)
	if name == "" {
		return period.String() + "_" + unit.Code + ".xlsx"
	}
	return period.String() + "_" + unit.Code + "_" + name + ".xlsx"
}

// cleanName drops control characters and <>:"/\|?*, turns spaces into nothing, trims dots and
// caps the length.
func cleanName(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		switch {
		case n >= maxNameRunes:
		case unicode.IsControl(r), unicode.IsSpace(r), strings.ContainsRune(`<>:"/\|?*`, r),
			r == unicode.ReplacementChar, r > 0xFFFF:
		default:
			b.WriteRune(r)
			n++
		}
	}
	return strings.Trim(b.String(), ".")
}
