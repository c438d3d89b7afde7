package render

import (
	"fmt"
	"math"
	"strconv"

	"github.com/jung-kurt/gofpdf"

	"github.com/qianjiang/gyqc"
)

// Page geometry in millimetres (A4, margins after GB/T 9704: 37 mm top, 28 mm left,
// 26 mm right, 35 mm bottom; a text block of 156 × 225 mm holding 22 lines).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginTop    = 37.0
	marginLeft   = 28.0
	marginRight  = 26.0
	marginBottom = 35.0
	textW        = pageW - marginLeft - marginRight
	bodyTop      = marginTop
	bodyBottom   = pageH - marginBottom
	bodyLines    = 22
	lineH        = (bodyBottom - bodyTop) / bodyLines // 10.23 mm
)

// Type sizes in points: 三号 for body text and headings, 二号 for the title, 四号 for page
// numbers and the 报尾, 小四 for tables, 五号 for charts and notes.
const (
	sizeBody     = 16.0
	sizeTitle    = 22.0
	sizePage     = 14.0
	sizeColophon = 14.0
	sizeTable    = 12.0
	sizeSmall    = 10.5
)

// renderer lays blocks out on gofpdf pages and draws text atom by atom run.
type renderer struct {
	d       *Document
	pdf     *gofpdf.Fpdf
	k       float64          // points per millimetre
	family  map[*Face]string // faces registered with gofpdf
	face    *Face            // the face and size gofpdf has selected
	size    float64
	y       float64 // the cursor: top of the next line
	index   int     // the block being drawn
	outline int     // level of the last bookmark, -1 before the first
}

func newRenderer(d *Document) *renderer {
	r := &renderer{d: d, pdf: newPDF(d), family: map[*Face]string{}, outline: -1}
	r.k = r.pdf.GetConversionRatio()
	r.pdf.SetFooterFunc(r.footer)
	r.pdf.AddPage()
	r.y = bodyTop
	return r
}

// setFont selects face at size points, registering the face with gofpdf on first use.
func (r *renderer) setFont(f *Face, size float64) {
	if f == r.face && size == r.size {
		return
	}
	name, ok := r.family[f]
	if !ok {
		name = f.PSName
		// gofpdf pads tables by appending to slices of the bytes it is given, writing past
		// them: each document gets its own copy, so that documents sharing a FontSet can
		// be rendered at the same time.
		r.pdf.AddUTF8FontFromBytes(name, "", append([]byte(nil), f.data...))
		r.family[f] = name
	}
	r.pdf.SetFont(name, "", size)
	r.face, r.size = f, size
}

// newPage ends the page and starts the next with the cursor at the top.
func (r *renderer) newPage() {
	face, size := r.face, r.size
	r.pdf.AddPage() // gofpdf calls footer, then selects the previous font again
	r.face, r.size = face, size
	r.y = bodyTop
}

// following returns the blocks after the one being drawn.
func (r *renderer) following() []block { return r.d.blocks[r.index+1:] }

// tail is the height of the paragraphs after the block being drawn that stay on one page
// with its end (paragraph.withPrevious), each whole with the space above it.
func (r *renderer) tail() float64 {
	h := 0.0
	for _, b := range r.following() {
		p, ok := b.(*paragraph)
		if !ok || !p.withPrevious {
			break
		}
		h += p.before + p.height()
	}
	return h
}

// room is the height left on the page.
func (r *renderer) room() float64 { return bodyBottom - r.y }

// atTop reports whether nothing has been drawn on the page yet.
func (r *renderer) atTop() bool { return r.y <= bodyTop+0.01 }

// ensure starts a new page when less than h is left, unless the page is still empty.
func (r *renderer) ensure(h float64) {
	if h > r.room()+1e-6 && !r.atTop() {
		r.newPage()
	}
}

// footer draws the page number in the official style, "— 3 —", 7 mm below the text block:
// at the right on odd pages and at the left on even pages, one character in from the edge.
func (r *renderer) footer() {
	face, size := r.face, r.size
	sh := r.d.shaper()
	var none []Replacement
	sh.replaced = &none
	n := r.pdf.PageNo()
	atoms := sh.shape(nil, "— "+strconv.Itoa(n)+" —", RoleTitle, sizePage, 0)
	lines := breakLines(atoms, textW, 0)
	if len(lines) == 1 {
		em := sizePage * ptToMM
		x := marginLeft + em
		if n%2 == 1 {
			x = marginLeft + textW - em - lines[0].width
		}
		r.drawLine(atoms, []textStyle{{}}, lines[0], x, bodyBottom+7, 6, sizePage, 0, false)
	}
	r.face, r.size = face, size // gofpdf restores its font after the footer
}

// bookmark adds an outline entry at the cursor; levels start at 0 and may not skip.
func (r *renderer) bookmark(text string, level int) {
	if level > r.outline+1 {
		level = r.outline + 1
	}
	if r.face == nil {
		r.setFont(r.d.fonts.Primary(RoleBody), sizeBody) // gofpdf encodes titles only for UTF-8 fonts
	}
	r.pdf.Bookmark(safeText(text), level, r.y)
	r.outline = level
}

// drawLine draws line ln of atoms with its left edge at x and its box from y to y+h, in
// the given size. When justify is set and the line is not the last of its paragraph, the
// line is stretched to avail by spacing its characters (PDF character spacing, Tc).
func (r *renderer) drawLine(atoms []atom, styles []textStyle, ln line, x, y, h, size, avail float64, justify bool) {
	em := size * ptToMM
	tc := 0.0
	if n := ln.end - ln.start; justify && !ln.last && n > 1 && avail > ln.width {
		tc = (avail - ln.width) / float64(n-1)
		if tc > 0.15*em {
			tc = 0 // too loose: leave the line ragged
		}
	}
	if tc > 0 {
		r.pdf.RawWriteStr(fmt.Sprintf("%.4f Tc", tc*r.k))
	}
	var seg []rune
	for i := ln.start; i < ln.end; {
		a := atoms[i]
		if a.r == '\n' || (a.face == nil && a.r != 0) { // a forced break drawn unbroken
			i++
			continue
		}
		if a.r == 0 {
			r.drawDot(a.light, x+a.w*0.45, y+h/2, em)
			x += a.w + tc
			i++
			continue
		}
		// A run of atoms in one face and style is one text object.
		j := i
		segW := 0.0
		seg = seg[:0]
		for j < ln.end && atoms[j].r != 0 && atoms[j].r != '\n' && atoms[j].face == a.face && atoms[j].style == a.style {
			seg = append(seg, atoms[j].r)
			segW += atoms[j].w + tc
			j++
		}
		st := styles[int(a.style)%len(styles)]
		r.setFont(a.face, size)
		r.pdf.SetTextColor(int(st.color.R), int(st.color.G), int(st.color.B))
		if st.bold {
			r.pdf.SetDrawColor(int(st.color.R), int(st.color.G), int(st.color.B))
			r.pdf.SetLineWidth(em * 0.03)
			r.pdf.SetTextRenderingMode(2)
		}
		r.pdf.SetXY(x, y)
		r.pdf.CellFormat(segW, h, string(seg), "", 0, "L", false, 0, "")
		if st.bold {
			r.pdf.SetTextRenderingMode(0)
			r.pdf.SetDrawColor(0, 0, 0)
			r.pdf.SetLineWidth(0.2)
		}
		x += segW
		i = j
	}
	if tc > 0 {
		r.pdf.RawWriteStr("0 Tc")
	}
	r.pdf.SetTextColor(0, 0, 0)
}

// lightColor is the fill of a light's dot.
func lightColor(l gyqc.Light) (Color, bool) {
	switch l {
	case gyqc.LightGreen:
		return Color{0, 150, 70}, true
	case gyqc.LightYellow:
		return Color{240, 180, 0}, true
	case gyqc.LightRed:
		return Color{220, 30, 30}, true
	}
	return Color{255, 255, 255}, false
}

// drawDot draws a light's dot centred at (cx, cy) for text of em millimetres: filled in the
// light's colour with a dark outline, or hollow for no light.
func (r *renderer) drawDot(l gyqc.Light, cx, cy, em float64) {
	c, _ := lightColor(l)
	r.pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
	r.pdf.SetDrawColor(60, 60, 60)
	r.pdf.SetLineWidth(math.Max(0.15, em*0.03))
	r.pdf.Circle(cx, cy, em*0.3, "FD")
	r.pdf.SetDrawColor(0, 0, 0)
	r.pdf.SetLineWidth(0.2)
	r.pdf.SetFillColor(255, 255, 255)
}
