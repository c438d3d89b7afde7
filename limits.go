package gyqc

import "unicode/utf16"

// Limits of text, in one table: what gyqc accepts from a returned workbook and from a plan
// file. Every limit is a refusal with a message naming where it was passed, never a
// truncation the unit or the office cannot see. The intake's package limits (file size,
// parts, rows; intake.Limits) take their text limits from here, and README lists them all.
const (
	// MaxCellText is the most characters one cell may hold: Excel's own limit (32,767
	// UTF-16 units). A longer text was not typed in Excel, WPS or LibreOffice.
	MaxCellText = 32767
	// MaxReturnText is the most characters all the texts a unit writes in one return may
	// hold together (progress, problems, plans, notes, filler): some forty pages of a
	// briefing. The largest template (21 tasks, 24 indicators) filled generously holds
	// about 10,000.
	MaxReturnText = 60000
	// MaxSharedStrings is the most distinct texts (shared strings) a returned workbook may
	// hold. A filled template has a few hundred.
	MaxSharedStrings = 20000
	// MaxSharedStringsSize is the largest inflated size in bytes of a workbook's shared
	// strings part. A filled template's is some tens of kilobytes.
	MaxSharedStringsSize = 8 << 20
	// MaxTitle is the most characters of a name in the plan or the units file: the plan's
	// title, a project's, task's, requirement's or indicator's name, a unit's or group's
	// name, the office. Names go into sheet headers (255 characters in all) and table
	// cells.
	MaxTitle = 100
	// MaxPlanText is the most characters of a longer text of the plan: a project's or a
	// task's requirement text, an indicator's notes. The longest of the 2022 plan has 420.
	MaxPlanText = 4000
)

// DefaultLimit sets the limit *v to its default d when it was left zero (or negative): how
// intake.Limits and mailbox.Limits fill in the fields a caller did not set.
func DefaultLimit[T int | int64](v *T, d T) {
	if *v <= 0 {
		*v = d
	}
}

// TextLength returns the length of s as Excel counts it: in UTF-16 units (a character
// beyond U+FFFF counts twice).
func TextLength(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
