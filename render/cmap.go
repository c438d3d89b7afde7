package render

// cmap returns the character map exactly as gofpdf builds it: the first subtable for
// Windows Unicode (3,1) or any Unicode platform (0,*) that has format 4.
func (p *faceParser) cmap(numGlyphs int) ([]uint16, error, string) {
	// Only the cmap table's own bytes: gofpdf receives the table alone (standalone), so a
	// subtable that lies outside it would be read there from whatever follows it.
	r := &reader{b: p.table("cmap", 0)}
	count := r.u16(2)
	sub := -1
	for i := 0; i < count && r.err == nil; i++ {
		rec := 4 + 8*i
		platform, enc, off := r.u16(rec), r.u16(rec+2), r.u32(rec+4)
		if (platform == 3 && enc == 1) || platform == 0 {
			if r.u16(off) == 4 {
				sub = off
				break
			}
		}
	}
	if r.err != nil {
		return nil, ErrFontCorrupt, "cmap directory out of bounds"
	}
	if sub < 0 {
		return nil, ErrFontNoUnicode, "no format 4 subtable"
	}
	rim := sub + r.u16(sub+2)
	seg := r.u16(sub+6) / 2
	segX2 := 2 * seg // gofpdf reads an odd segCountX2 as one byte less
	ends, starts, deltas, ranges := sub+14, sub+16+segX2, sub+16+2*segX2, sub+16+3*segX2
	r.u16(ranges + segX2 - 2) // the arrays must be readable
	if r.err != nil || rim > len(r.b) || seg == 0 {
		return nil, ErrFontCorrupt, "cmap format 4 subtable out of bounds"
	}
	glyphOf := make([]uint16, 0x10000)
	walked := 0
	for n := 0; n < seg; n++ {
		end, start := r.u16(ends+2*n), r.u16(starts+2*n)
		delta, ro := r.i16(deltas+2*n), r.u16(ranges+2*n)
		if end >= start {
			walked += end - start + 1
		}
		if walked > maxCmapChars {
			return nil, ErrFontCorrupt, "cmap segments overlap excessively"
		}
		for c := start; c <= end; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				pos := ranges + 2*n + ro + (c-start)*2
				if pos < rim {
					g = r.u16(pos)
					if g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
			}
			if g >= numGlyphs {
				if c == 0 {
					// gofpdf embeds the glyph of character 0 in every subset (its initial
					// "used runes" all have the value 0): it would index past its glyph table.
					return nil, ErrFontCorrupt, "cmap maps character 0 to a glyph the font does not have"
				}
				g = 0 // gofpdf would index past its glyph table
			}
			glyphOf[c] = uint16(g)
		}
	}
	if r.err != nil {
		return nil, ErrFontCorrupt, "cmap glyph index array out of bounds"
	}
	return glyphOf, nil, ""
}
