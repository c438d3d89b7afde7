package render

import (
	"encoding/binary"
	"fmt"
)

// checkGlyphs marks the glyphs that have outlines and checks every composite glyph: its
// components are read as gofpdf reads them, must lie inside the glyph, must name existing
// glyphs, and must not refer back to themselves (gofpdf would recurse without end).
func checkGlyphs(glyf []byte, offs []int, inked []bool) (error, string) {
	n := len(inked)
	children := make(map[int][]int)
	for g := 0; g < n; g++ {
		start, end := offs[g], offs[g+1]
		if end == start {
			continue
		}
		if end-start < 10 {
			return ErrFontCorrupt, fmt.Sprintf("glyph %d too short", g)
		}
		inked[g] = true
		if int16(binary.BigEndian.Uint16(glyf[start:])) >= 0 {
			continue
		}
		pos, flags := start+10, compositeMore
		for flags&compositeMore != 0 {
			if pos+4 > end {
				return ErrFontCorrupt, fmt.Sprintf("composite glyph %d truncated", g)
			}
			flags = int(binary.BigEndian.Uint16(glyf[pos:]))
			c := int(binary.BigEndian.Uint16(glyf[pos+2:]))
			if c >= n {
				return ErrFontCorrupt, fmt.Sprintf("composite glyph %d names glyph %d", g, c)
			}
			children[g] = append(children[g], c)
			pos += 4
			if flags&compositeWords != 0 {
				pos += 4
			} else {
				pos += 2
			}
			switch {
			case flags&compositeScale != 0:
				pos += 2
			case flags&compositeXYScale != 0:
				pos += 4
			case flags&compositeTwoByTwo != 0:
				pos += 8
			}
			if pos > end {
				return ErrFontCorrupt, fmt.Sprintf("composite glyph %d truncated", g)
			}
		}
	}
	// gofpdf expands components recursively, revisiting shared ones: bound that work.
	work := make(map[int]int, len(children))
	var expand func(g, depth int) int
	expand = func(g, depth int) int {
		if w, ok := work[g]; ok {
			return w
		}
		if depth > 32 {
			return maxCompositeWork + 1
		}
		work[g] = maxCompositeWork + 1 // a cycle reaches this marker and fails
		w := 1
		for _, c := range children[g] {
			w += expand(c, depth+1)
			if w > maxCompositeWork {
				break
			}
		}
		work[g] = w
		return w
	}
	for g := range children {
		if expand(g, 0) > maxCompositeWork {
			return ErrFontCorrupt, fmt.Sprintf("composite glyph %d refers to itself or is too deep", g)
		}
	}
	return nil, ""
}
