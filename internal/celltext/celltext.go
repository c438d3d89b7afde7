// Package celltext estimates the room text takes in a spreadsheet cell: its width in
// column units, the lines it wraps to and the height of a row that shows them. Excel does
// not grow a row to fit wrapped text a program wrote, and LibreOffice does so only on load,
// so the templates and the consolidated workbook give every row a height from its text;
// both are set in 10-point 宋体 and measure it here, the same way.
package celltext

import (
	"math"
	"strings"

	"golang.org/x/text/width"
)

// Measures of 10-point 宋体 in a worksheet.
const (
	// WideWidth is the width of a Chinese character (and of its punctuation) in column
	// units, measured on LibreOffice's rendering of 10-point type against the default
	// column unit.
	WideWidth = 1.75
	// LineHeight is the points per line of 10-point 宋体, with leading.
	LineHeight = 14.0
	// RowPadding is the points above and below the text of a row.
	RowPadding = 4.0
	// MaxRowHeight is Excel's limit on a row's height in points.
	MaxRowHeight = 409.0
)

// Width returns the display width of one line of text in column units: WideWidth for wide
// and ambiguous characters (Chinese text and its punctuation), 1 for the rest.
func Width(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w++
			continue
		}
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
			w += WideWidth
		default:
			w++
		}
	}
	return w
}

// Widest returns the width of the widest line of s.
func Widest(s string) float64 {
	w := 0.0
	for line := range strings.SplitSeq(s, "\n") {
		w = math.Max(w, Width(line))
	}
	return w
}

// Lines returns how many lines s takes when wrapped in a column colWidth wide.
func Lines(s string, colWidth float64) int {
	usable := math.Max(colWidth-1.5, 1)
	n := 0
	for para := range strings.SplitSeq(s, "\n") {
		n += max(1, int(math.Ceil(Width(para)/usable)))
	}
	return n
}

// RowHeight returns the height in points of a row of the given number of lines.
func RowHeight(lines int) float64 {
	return math.Min(float64(lines)*LineHeight+RowPadding, MaxRowHeight)
}
