package render

import (
	"strings"
	"unicode"

	eaw "golang.org/x/text/width"

	"github.com/qianjiang/gyqc"
)

// Punctuation that may not start a line (closing marks, 行首禁则) and that may not end one
// (opening marks, 行尾禁则), after GB/T 15834. Dashes and ellipses may start a line but
// are never split (see canBreak).
const (
	closingMarks = "，。、；：？！）》」』”’〉】〕〗〙〛｝］％·・～" + ",.;:?!)]}%"
	openingMarks = "（《「『“‘〈【〔〖〘〚｛［" + "([{"
)

// isClosing reports whether r may not start a line.
func isClosing(r rune) bool { return strings.ContainsRune(closingMarks, r) }

// isOpening reports whether r may not end a line.
func isOpening(r rune) bool { return strings.ContainsRune(openingMarks, r) }

// isBreakSpace reports whether r is a space at which Latin text breaks; it is dropped at
// the end and the start of a line.
func isBreakSpace(r rune) bool { return r == ' ' }

// isCJK reports whether a line may break before or after r: ideographs, kana, hangul and
// every full-width or wide character (CJK punctuation, full-width forms).
func isCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	switch eaw.LookupRune(r).Kind() {
	case eaw.EastAsianWide, eaw.EastAsianFullwidth:
		return true
	}
	return unicode.Is(unicode.Han, r) || r == '□'
}

// canBreak reports whether a line may end after a and the next begin with b.
func canBreak(a, b rune) bool {
	switch {
	case isClosing(b) || isOpening(a):
		return false
	case a == b && (a == '—' || a == '…' || a == '⸺'): // a dash or ellipsis stays whole
		return false
	case a == '—' || a == '–':
		return true // after a dash, as in 2022—2025
	case (a == '/' || a == '-') && b < 0x80 && unicode.IsLetter(b):
		return true // inside a web address or a hyphenated word
	case isBreakSpace(b):
		return false // break after the spaces, which are then dropped
	case isBreakSpace(a):
		return true
	case b == 0:
		return true // before a drawn mark (a light's dot)
	case a == 0:
		return false // a drawn mark keeps what follows it
	case isDigit(a) && isCJK(b):
		return false // a number keeps its unit: 12项, 2025年, 19.68亿
	case isCJK(a) || isCJK(b):
		return true
	}
	return false // inside a Latin word or a number
}

// isDigit reports whether r is an ASCII or full-width digit.
func isDigit(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }

// units are the units of two characters or more that stay whole after a number (the first
// character already stays with the number, see canBreak).
var units = []string{"亿元", "万元", "亿美元", "万美元", "万吨", "万人", "万户", "万千瓦", "千瓦", "万平方米", "平方米",
	"平方公里", "公里", "公顷", "百分点", "个百分点"}

// canBreakAt reports whether a line may end before atoms[i] (0 < i < len(atoms)): where
// canBreak allows, not before an atom kept with the one before it, and not inside a unit
// after a number (19.68亿元).
func canBreakAt(atoms []atom, i int) bool {
	if atoms[i].keep || !canBreak(atoms[i-1].r, atoms[i].r) {
		return false
	}
	for _, u := range units {
		ru := []rune(u)
		for k := 1; k < len(ru); k++ { // the break would fall after ru[k-1]
			s := i - k
			if s < 1 || s+len(ru) > len(atoms) || !isDigit(atoms[s-1].r) {
				continue
			}
			match := true
			for j, r := range ru {
				match = match && atoms[s+j].r == r
			}
			if match {
				return false
			}
		}
	}
	return true
}

// atom is one character (or one drawn mark) placed in a line: its face and advance at the
// block's size. Atoms are what lines are broken from.
type atom struct {
	r     rune       // the character; 0 for a mark drawn by the renderer
	face  *Face      // the face that draws r
	w     float64    // advance in mm
	style uint8      // index into the block's styles
	keep  bool       // no break before this atom (the label of a light)
	light gyqc.Light // for r == 0: the light whose dot is drawn
}

// line is one line of a broken text: atoms[start:end], its width without trailing spaces,
// and whether it is the last line of its paragraph (not justified).
type line struct {
	start, end int
	width      float64
	last       bool
}

// breakLines breaks atoms into lines no wider than width; the first line is narrower by
// indent. A line breaks between two CJK characters, at spaces, or between CJK and Latin
// text; never inside a Latin word or number (unless the word alone is wider than a line),
// never before closing punctuation and never after opening punctuation. Spaces at either
// end of a line are dropped. A newline atom ('\n') forces a break.
func breakLines(atoms []atom, width, indent float64) []line {
	var lines []line
	s := 0
	for s < len(atoms) {
		avail := width
		if len(lines) == 0 {
			avail -= indent
		}
		// Find the first atom that does not fit; spaces may overhang (they are dropped).
		w, e, hard := 0.0, s, false
		for ; e < len(atoms); e++ {
			if atoms[e].r == '\n' {
				hard = true
				break
			}
			if w+atoms[e].w > avail+1e-9 && !isBreakSpace(atoms[e].r) && e > s {
				break
			}
			w += atoms[e].w
		}
		end, next := e, e
		switch {
		case hard:
			next = e + 1
		case e < len(atoms):
			end = lastBreak(atoms, s, e)
			next = end
		}
		ln := line{start: s, end: end, last: hard || end == len(atoms)}
		for ln.end > ln.start && isBreakSpace(atoms[ln.end-1].r) {
			ln.end--
		}
		for i := ln.start; i < ln.end; i++ {
			ln.width += atoms[i].w
		}
		lines = append(lines, ln)
		s = next
		for s < len(atoms) && isBreakSpace(atoms[s].r) && !hard {
			s++
		}
	}
	if len(lines) > 0 {
		lines[len(lines)-1].last = true
	}
	return lines
}

// lastBreak returns where to end a line that starts at s when atoms[e] is the first atom
// that does not fit: the last allowed break at or before e, or, when the text from s has
// no allowed break (a Latin word longer than the line), e itself moved back so that no
// closing mark starts the next line.
func lastBreak(atoms []atom, s, e int) int {
	for b := e; b > s; b-- {
		if canBreakAt(atoms, b) {
			return b
		}
	}
	for b := e; b > s+1; b-- {
		if !atoms[b].keep && !isClosing(atoms[b].r) && !isOpening(atoms[b-1].r) {
			return b
		}
	}
	return max(e, s+1)
}

// longestWord returns the width of the widest run of atoms with no break opportunity inside:
// the narrowest a column can be without cutting a word or number.
func longestWord(atoms []atom) float64 {
	best, w := 0.0, 0.0
	for i, a := range atoms {
		if i > 0 && (a.r == '\n' || canBreakAt(atoms, i)) {
			w = 0
		}
		if a.r == '\n' || isBreakSpace(a.r) {
			continue
		}
		w += a.w
		best = max(best, w)
	}
	return best
}
