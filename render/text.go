package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qianjiang/gyqc"
)

// Color is an RGB colour.
type Color struct{ R, G, B uint8 }

// Colours of the document.
var (
	Black     = Color{0, 0, 0}
	OfficeRed = Color{230, 0, 18} // the red of mastheads and rules (版头)
	Gray      = Color{110, 110, 110}
)

// Span is a run of text with its own look, for paragraphs and table cells that mix styles.
type Span struct {
	Text  string
	Role  Role       // typeface; RoleBody (the zero value) for body text
	Color Color      // text colour; the zero value is black
	Bold  bool       // drawn heavier
	Light gyqc.Light // when set, the light's dot and label come before Text
}

// textStyle is how a group of atoms is drawn.
type textStyle struct {
	color Color
	bold  bool
}

// Replacement is a character that could not be drawn and was replaced by a visible mark.
type Replacement struct {
	Rune    rune   // the character in the input; utf8.RuneError for invalid bytes
	With    rune   // what is drawn instead
	Reason  string // why, in Chinese
	Context string // the text around it, as written
}

// String describes the replacement in Chinese, for warnings.
func (r Replacement) String() string {
	what := fmt.Sprintf("字符“%c”（U+%04X）", r.Rune, r.Rune)
	if r.Rune == utf8.RuneError {
		what = "一处无效的字符编码"
	}
	return fmt.Sprintf("%s%s，已用“%c”代替，出现在“%s”", what, r.Reason, r.With, r.Context)
}

// Reasons for replacements.
const (
	reasonAstral  = "超出基本多文种平面，PDF 引擎无法输出"
	reasonNoFont  = "在已安装的字体中都没有字形"
	reasonInvalid = "不是有效的 UTF-8 编码"
)

// shaper turns text into atoms: each character gets the first face of its role's chain that
// draws it; characters nothing draws (and characters above U+FFFF, which gofpdf cannot
// output) become a visible replacement mark and are reported.
type shaper struct {
	fonts    *FontSet
	replaced *[]Replacement
}

// shape appends the atoms of text, drawn in role at size points with style index st.
// Newlines become '\n' atoms (forced breaks); tabs become spaces; other control and
// format characters (zero-width spaces, byte order marks, variation selectors) are
// invisible and dropped.
func (s shaper) shape(dst []atom, text string, role Role, size float64, st uint8) []atom {
	mm := size * ptToMM / 1000
	for i, r := range text {
		bad := r == utf8.RuneError
		if bad {
			_, n := utf8.DecodeRuneInString(text[i:])
			bad = n == 1
		}
		switch {
		case r == '\n':
			dst = append(dst, atom{r: '\n', style: st})
			continue
		case r == '\t':
			r = ' '
		case r == '\r' || (!bad && (unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r))):
			continue
		}
		var f *Face
		if !bad && r <= 0xFFFF {
			f = s.fonts.Face(role, r)
		}
		if f == nil {
			reason := reasonNoFont
			switch {
			case bad:
				reason = reasonInvalid
			case r > 0xFFFF:
				reason = reasonAstral
			}
			var with rune
			with, f = s.fonts.replacementMark(role)
			*s.replaced = append(*s.replaced, Replacement{Rune: r, With: with, Reason: reason, Context: context(text, i)})
			r = with
		}
		dst = append(dst, atom{r: r, face: f, w: float64(f.Advance(r)) * mm, style: st})
	}
	return dst
}

// light appends the atoms of a light: a dot and the light's label, kept together.
func (s shaper) light(dst []atom, l gyqc.Light, role Role, size float64, st uint8) []atom {
	em := size * ptToMM
	dst = append(dst, atom{r: 0, w: 0.9 * em, light: l, style: st})
	n := len(dst)
	dst = s.shape(dst, l.Label(), role, size, st)
	for i := n; i < len(dst); i++ {
		dst[i].keep = true
	}
	return dst
}

// spans shapes spans into atoms and the styles they use.
func (s shaper) spans(spans []Span, size float64) ([]atom, []textStyle) {
	var atoms []atom
	var styles []textStyle
	space := false
	for _, sp := range spans {
		ts := textStyle{color: sp.Color, bold: sp.Bold}
		st := -1
		for i, x := range styles {
			if x == ts {
				st = i
			}
		}
		if st < 0 {
			st = len(styles)
			styles = append(styles, ts)
		}
		if space && sp.Text != "" && !strings.HasPrefix(sp.Text, " ") {
			atoms = s.shape(atoms, " ", sp.Role, size, uint8(st))
		}
		space = false
		if sp.Light != "" {
			atoms = s.light(atoms, sp.Light, sp.Role, size, uint8(st))
			space = true // a space between the light's label and the text after it
			if sp.Text != "" {
				atoms = s.shape(atoms, " ", sp.Role, size, uint8(st))
				space = false
			}
		}
		atoms = s.shape(atoms, sp.Text, sp.Role, size, uint8(st))
	}
	if len(styles) == 0 {
		styles = append(styles, textStyle{})
	}
	return atoms, styles
}

// replacementMark returns the mark drawn for characters no face draws and the face that
// draws it: a white square, a geta mark, or a question mark.
func (s *FontSet) replacementMark(role Role) (rune, *Face) {
	for _, r := range []rune{'□', '〓', '?'} {
		if f := s.Face(role, r); f != nil {
			return r, f
		}
	}
	return '?', s.Primary(role) // unreachable for a set that draws Chinese
}

// context returns up to eight characters either side of byte offset i of text.
func context(text string, i int) string {
	start, end := i, i
	for n := 0; n < 8 && start > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	_, size := utf8.DecodeRuneInString(text[end:])
	end += size
	for n := 0; n < 8 && end < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	return strings.ToValidUTF8(strings.ReplaceAll(text[start:end], "\n", " "), "\uFFFD")
}

// safeText makes text safe for gofpdf's metadata and outline strings, which it encodes
// to UTF-16 itself and cannot take characters above U+FFFF or invalid bytes.
func safeText(text string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF || r == utf8.RuneError {
			return '□'
		}
		if unicode.Is(unicode.Cc, r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(text, "\uFFFD"))
}

// ptToMM converts points to millimetres.
const ptToMM = 25.4 / 72
