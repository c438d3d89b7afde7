package consolidate

import (
	"math"
	"strings"

	"golang.org/x/text/width"
)

// Excel does not grow a row to fit wrapped text a program wrote, so each row of the
// consolidated workbook gets a height estimated from its text, as the templates do.

// textWidth returns the display width of s in column units: wideWidth for Chinese
// characters and punctuation, 1 for the rest.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w++
			continue
		}
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
	for para := range strings.SplitSeq(s, "\n") {
		n += max(1, int(math.Ceil(textWidth(para)/usable)))
	}
	return n
}
