package render

import (
	"strings"
	"unicode"
)

// titleFill is the share of the text block a title may fill on one line. A longer title is
// set on balanced lines, in the PDF and in the Word document alike: a word processor whose
// face is a little wider than the PDF's (方正小标宋 for 文泉驿正黑), or that spaces digits
// from Chinese, would otherwise wrap a title that just fits, leaving a character or two
// alone on its last line.
const titleFill = 0.9

// titleBreaks returns where the lines of a title of atoms start after the first (indexes
// into atoms), for lines of at most width: none when the title fills at most titleFill of
// a line, else the fewest lines of the most even widths, broken where breakLines may break
// and, where that costs little evenness, not inside quotation marks or brackets nor between
// a number and its unit.
func titleBreaks(atoms []atom, width float64) []int {
	total := 0.0
	for _, a := range atoms {
		if a.r == '\n' {
			return nil // the caller broke it
		}
		total += a.w
	}
	if total <= titleFill*width || len(atoms) < 2 {
		return nil
	}
	n := max(2, len(breakLines(atoms, titleFill*width, 0)))
	penalty := titlePenalties(atoms, width)
	// best[k][j]: the least cost of setting atoms[:j] on k lines, where the cost of a
	// setting is its widest line plus the penalties of its breaks.
	inf := 1e18
	best := make([][]float64, n+1)
	from := make([][]int, n+1)
	for k := range best {
		best[k], from[k] = make([]float64, len(atoms)+1), make([]int, len(atoms)+1)
		for j := range best[k] {
			best[k][j] = inf
		}
	}
	best[0][0] = 0
	for k := 1; k <= n; k++ {
		for j := 1; j <= len(atoms); j++ {
			if j < len(atoms) && penalty[j] < 0 {
				continue // no break allowed before atoms[j]
			}
			w := 0.0
			for i := j - 1; i >= 0; i-- {
				w += atoms[i].w
				if w > width+1e-9 {
					break
				}
				if best[k-1][i] >= inf || (i > 0 && penalty[i] < 0) {
					continue
				}
				cost := max(best[k-1][i], w)
				if j < len(atoms) {
					cost += penalty[j]
				}
				if cost < best[k][j] {
					best[k][j], from[k][j] = cost, i
				}
			}
		}
	}
	if best[n][len(atoms)] >= inf {
		return nil // no even setting: let the lines break as they fall
	}
	breaks := make([]int, n-1)
	for k, j := n, len(atoms); k > 1; k-- {
		j = from[k][j]
		breaks[k-2] = j
	}
	return breaks
}

// titlePenalties returns, for each index i, the cost of starting a line at atoms[i]: -1
// where no line may start, a fifth of a line inside quotation marks or brackets or right
// after a digit, else 0.
func titlePenalties(atoms []atom, width float64) []float64 {
	p := make([]float64, len(atoms))
	depth := 0
	for i, a := range atoms {
		if i > 0 {
			prev := atoms[i-1].r
			switch {
			case !canBreakAt(atoms, i):
				p[i] = -1
			case depth > 0 || unicode.IsDigit(prev):
				p[i] = width / 5
			}
		}
		switch {
		case strings.ContainsRune(openingMarks, a.r):
			depth++
		case strings.ContainsRune(closingBrackets, a.r) && depth > 0:
			depth--
		}
	}
	return p
}

// closingBrackets are the marks that close what openingMarks open.
const closingBrackets = "）》」』”’〉】〕〗〙〛｝］)]}"

// balancedTitle returns text with a newline where each line of the title after the first
// starts (titleBreaks), measured in fonts' title face at the title's size: the same lines
// in the PDF and the Word document.
func balancedTitle(text string, fonts *FontSet) string {
	sh := shaper{fonts: fonts, replaced: new([]Replacement)}
	var atoms []atom
	var src []string // the text of each atom, with any dropped characters before it
	pending := ""
	for _, r := range text {
		a := sh.shape(nil, string(r), RoleTitle, sizeTitle, 0)
		if len(a) != 1 {
			pending += string(r)
			continue
		}
		atoms = append(atoms, a[0])
		src = append(src, pending+string(r))
		pending = ""
	}
	breaks := titleBreaks(atoms, textW)
	if len(breaks) == 0 {
		return text
	}
	var b strings.Builder
	for i, s := range src {
		if len(breaks) > 0 && breaks[0] == i {
			b.WriteByte('\n')
			breaks = breaks[1:]
		}
		b.WriteString(s)
	}
	return b.String() + pending
}
