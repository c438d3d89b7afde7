package templates

import (
	"math"
	"strings"

	"golang.org/x/text/width"
)

// Row heights. Excel does not grow a row to fit wrapped text written by a program, and
// LibreOffice does so only on load, so every row gets a height estimated from its text.
const (
	lineHeight   = 14.0  // points per line of 10-point Song type, with leading
	rowPadding   = 4.0   // points above and below the text
	maxRowHeight = 409.0 // Excel's limit
	wideWidth    = 1.75  // width of a Chinese character in column units
)

// textWidth returns the display width of s in Excel character units: 1.75 for wide and
// ambiguous characters (Chinese text and its punctuation, measured on LibreOffice's
// rendering of 10-point type against the default column unit), 1 for the rest.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
			w += wideWidth
		default:
			w++
		}
	}
	return w
}

// textLines returns how many lines s takes when wrapped in a column colWidth wide.
func textLines(s string, colWidth float64) int {
	usable := math.Max(colWidth-1.5, 1)
	n := 0
	for _, para := range strings.Split(s, "\n") {
		n += max(1, int(math.Ceil(textWidth(para)/usable)))
	}
	return n
}

// rowHeight returns the height in points of a row of the given number of lines.
func rowHeight(lines int) float64 {
	return math.Min(float64(lines)*lineHeight+rowPadding, maxRowHeight)
}

// TextLines returns how many lines s takes when wrapped in a column colWidth wide, in
// 10-point Song type; for a larger type, pass the width scaled down by the same ratio. Other
// workbooks gyqc writes (the 退回意见单) size their rows with it.
func TextLines(s string, colWidth float64) int { return textLines(s, colWidth) }
