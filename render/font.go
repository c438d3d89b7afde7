package render

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// Face is one validated TrueType face, ready to embed: its character map (Basic
// Multilingual Plane only, as gofpdf reads it), its advance widths and a standalone copy
// of the font restricted to the tables gofpdf reads. A Face is read-only and safe for
// concurrent use.
type Face struct {
	Path   string // the file the face was read from
	Index  int    // the face's index in a collection, 0 for a single font
	Family string // the family name, Chinese where the font gives one
	PSName string // an ASCII name, unique within a FontSet, used as the PDF font name

	data    []byte   // the standalone font handed to gofpdf
	glyphOf []uint16 // rune → glyph for U+0000 to U+FFFF; 0 where the font has none
	units   []int32  // glyph → advance in 1/1000 em, as gofpdf rounds it
	inked   []bool   // glyph → has an outline
	ascent  float64  // in em
	descent float64  // in em, negative
}

// Covers reports whether the face draws r: a Basic Multilingual Plane character that the
// face maps to a real glyph, with an outline unless r is a space.
func (f *Face) Covers(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	g := f.glyphOf[r]
	if g == 0 || int(g) >= len(f.units) {
		return false
	}
	return f.inked[g] || unicode.IsSpace(r)
}

// Advance returns the advance width of r in 1/1000 em, exactly as gofpdf's GetStringWidth
// counts it. r must be covered.
func (f *Face) Advance(r rune) int {
	if !f.Covers(r) {
		return 0
	}
	return int(f.units[f.glyphOf[r]])
}

// LoadFace reads a font file and returns its face number index (0 for a .ttf). A spec
// of the form "FILE#N" selects face N of a collection. Fonts gofpdf cannot embed are
// refused with a *FontError.
func LoadFace(spec string) (*Face, error) {
	path, index := splitFaceSpec(spec)
	if st, err := os.Stat(path); err == nil && st.Size() > maxFontFile {
		return nil, &FontError{File: path, Reason: ErrFontFormat, Detail: fmt.Sprintf("%d bytes", st.Size())}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &FontError{File: path, Reason: ErrFontUnreadable, Detail: err.Error()}
	}
	return ParseFace(path, data, index)
}

// splitFaceSpec splits "FILE#N" into the file and the face index.
func splitFaceSpec(spec string) (string, int) {
	if i := strings.LastIndexByte(spec, '#'); i > 0 {
		if n, err := strconv.Atoi(spec[i+1:]); err == nil && n >= 0 {
			return spec[:i], n
		}
	}
	return spec, 0
}

// ParseFace validates face index of the font in data (read from path, which is used in
// messages) and prepares it for embedding. It never panics on malformed data.
func ParseFace(path string, data []byte, index int) (face *Face, err error) {
	fail := func(reason error, detail string) (*Face, error) {
		return nil, &FontError{File: path, Reason: reason, Detail: detail}
	}
	defer func() {
		if r := recover(); r != nil { // a bug in the checks below must not crash a run
			face, err = fail(ErrFontCorrupt, fmt.Sprint("panic: ", r))
		}
	}()
	if len(data) < 12 {
		return fail(ErrFontCorrupt, "file too short")
	}
	switch binary.BigEndian.Uint32(data) {
	case tagTTCF:
		face, err := ExtractFace(data, index)
		if errors.Is(err, errFaceIndex) {
			return fail(errFaceIndex, err.Error())
		}
		if err != nil {
			return fail(ErrFontCorrupt, err.Error())
		}
		data = face
	case tagOTTO:
		return fail(ErrFontCFF, "")
	case tagTrueType, tagTrue:
		if index != 0 {
			return fail(errFaceIndex, "a single font has only face 0")
		}
	default:
		return fail(ErrFontFormat, fmt.Sprintf("magic %q", data[:4]))
	}
	version, tables, err := readTableDirectory(data, 0)
	if err != nil {
		return fail(ErrFontCorrupt, err.Error())
	}
	switch uint32(version) {
	case tagTrueType, tagTrue:
	case tagOTTO:
		return fail(ErrFontCFF, "")
	default:
		return fail(ErrFontFormat, fmt.Sprintf("face version %#x", version))
	}
	p := &faceParser{data: data, tables: map[string]sfntTable{}}
	for _, t := range tables {
		p.tables[t.tag] = t
	}
	face, reason, detail := p.parse()
	if reason != nil {
		return fail(reason, detail)
	}
	face.Path, face.Index = path, index
	return face, nil
}

// faceParser checks one face the way gofpdf will read it, so that gofpdf never reads out
// of bounds, never loops without end and never prints to standard output.
type faceParser struct {
	data   []byte
	tables map[string]sfntTable
}

// table returns the bytes of a table, or nil when it is missing or shorter than min.
func (p *faceParser) table(tag string, min int) []byte {
	t, ok := p.tables[tag]
	if !ok || int(t.length) < min {
		return nil
	}
	return p.data[t.offset : t.offset+t.length]
}

// Limits on what a font file may be and a face may declare.
const (
	maxFontFile       = 128 << 20 // bytes; the largest TrueType CJK fonts are about 40 MB
	maxCmapChars      = 1 << 18   // characters walked over all cmap segments
	maxCompositeWork  = 4096      // glyphs visited when expanding one composite glyph
	minUnitsPerEm     = 16
	maxUnitsPerEm     = 16384
	compositeMore     = 1 << 5
	compositeWords    = 1 << 0
	compositeScale    = 1 << 3
	compositeXYScale  = 1 << 6
	compositeTwoByTwo = 1 << 7
)

func (p *faceParser) parse() (*Face, error, string) {
	if reason, detail := p.checkTables(); reason != nil {
		return nil, reason, detail
	}
	os2, reason, detail := p.os2()
	if reason != nil {
		return nil, reason, detail
	}

	head := p.table("head", 54)
	hhea := p.table("hhea", 36)
	maxp := p.table("maxp", 6)
	post := p.table("post", 32)
	if head == nil || hhea == nil || maxp == nil || post == nil {
		return nil, ErrFontCorrupt, "head, hhea, maxp or post too short"
	}
	upem := int(binary.BigEndian.Uint16(head[18:]))
	locaFormat := int(binary.BigEndian.Uint16(head[50:]))
	if upem < minUnitsPerEm || upem > maxUnitsPerEm {
		return nil, ErrFontCorrupt, fmt.Sprintf("unitsPerEm %d", upem)
	}
	if locaFormat > 1 || binary.BigEndian.Uint16(head[52:]) != 0 {
		return nil, ErrFontCorrupt, "unknown loca or glyph data format"
	}
	if binary.BigEndian.Uint16(hhea[32:]) != 0 {
		return nil, ErrFontCorrupt, "unknown metric data format"
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	nhm := int(binary.BigEndian.Uint16(hhea[34:]))
	if numGlyphs < 1 || nhm < 1 || nhm > numGlyphs {
		return nil, ErrFontCorrupt, fmt.Sprintf("numGlyphs %d, numberOfHMetrics %d", numGlyphs, nhm)
	}

	// Advance widths, rounded as gofpdf rounds them.
	hmtx := p.table("hmtx", 4*nhm+2*(numGlyphs-nhm))
	if hmtx == nil {
		return nil, ErrFontCorrupt, "hmtx too short"
	}
	units := make([]int32, numGlyphs)
	scale := 1000.0 / float64(upem)
	for g := 0; g < numGlyphs; g++ {
		adv := int(binary.BigEndian.Uint16(hmtx[4*min(g, nhm-1):]))
		if adv >= 1<<15 {
			adv = 0
		}
		units[g] = int32(math.Round(scale * float64(adv)))
	}

	// Glyph locations: in bounds and in order.
	entry := 2 << locaFormat
	loca := p.table("loca", (numGlyphs+1)*entry)
	glyf := p.table("glyf", 0)
	if loca == nil {
		return nil, ErrFontCorrupt, "loca too short"
	}
	offs := make([]int, numGlyphs+1)
	for i := range offs {
		if locaFormat == 0 {
			offs[i] = 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
		} else {
			offs[i] = int(binary.BigEndian.Uint32(loca[4*i:]))
		}
		if offs[i] > len(glyf) || (i > 0 && offs[i] < offs[i-1]) {
			return nil, ErrFontCorrupt, fmt.Sprintf("loca entry %d out of order or bounds", i)
		}
	}
	inked := make([]bool, numGlyphs)
	if reason, detail := checkGlyphs(glyf, offs, inked); reason != nil {
		return nil, reason, detail
	}

	glyphOf, reason, detail := p.cmap(numGlyphs)
	if reason != nil {
		return nil, reason, detail
	}

	family, psName := p.names()
	f := &Face{
		Family:  family,
		PSName:  psName,
		glyphOf: glyphOf,
		units:   units,
		inked:   inked,
		ascent:  float64(int16(binary.BigEndian.Uint16(hhea[4:]))) / float64(upem),
		descent: float64(int16(binary.BigEndian.Uint16(hhea[6:]))) / float64(upem),
	}
	f.data = p.standalone(os2, psName)
	return f, nil, ""
}

// checkTables checks that the font has the tables gofpdf embeds, each with content, and is
// not a CFF font.
func (p *faceParser) checkTables() (error, string) {
	if p.tables["CFF "].length > 0 || p.tables["CFF2"].length > 0 {
		return ErrFontCFF, ""
	}
	if _, ok := p.tables["glyf"]; !ok {
		return ErrFontFormat, "no glyf table (bitmap-only or CFF font)"
	}
	for _, tag := range []string{"cmap", "head", "hhea", "hmtx", "loca", "maxp", "post"} {
		if t, ok := p.tables[tag]; ok && t.length == 0 {
			// Read elsewhere as if it had content, but dropped from the face gofpdf embeds.
			return ErrFontCorrupt, "empty table " + tag
		}
		if _, ok := p.tables[tag]; !ok {
			if tag == "cmap" {
				return ErrFontNoUnicode, "no cmap table"
			}
			return ErrFontCorrupt, "missing table " + tag
		}
	}
	return nil, ""
}

// os2 returns the OS/2 table when it is long enough for what gofpdf reads of it (nil
// otherwise), and refuses a font whose licence bits forbid embedding. The licence is read
// first: a restricted font is refused whatever else is wrong with it.
func (p *faceParser) os2() ([]byte, error, string) {
	if t := p.table("OS/2", 10); t != nil {
		fsType := int(binary.BigEndian.Uint16(t[8:]))
		if fsType&0x000F == 0x0002 || fsType&0x0300 != 0 {
			return nil, ErrFontRestricted, fmt.Sprintf("fsType %#04x", fsType)
		}
		// gofpdf reads the OS/2 table up to sTypoDescender, or sCapHeight from version 2.
		need := 72
		if binary.BigEndian.Uint16(t) > 1 {
			need = 90
		}
		if len(t) >= need {
			return t, nil, ""
		}
	}
	return nil, nil, ""
}

// names returns the family name (Chinese if the font has one) and an ASCII PostScript-like
// name, from the name table when it is readable.
func (p *faceParser) names() (family, ps string) {
	t := p.table("name", 6)
	pick := map[int]string{}
	if t != nil {
		r := &reader{b: t}
		count, strs := r.u16(2), r.u16(4)
		for i := 0; i < count && r.err == nil; i++ {
			rec := 6 + 12*i
			platform, enc, lang, id := r.u16(rec), r.u16(rec+2), r.u16(rec+4), r.u16(rec+6)
			length, off := r.u16(rec+8), r.u16(rec+10)
			if r.err != nil || platform != 3 || (enc != 1 && enc != 10) || strs+off+length > len(t) || length%2 != 0 {
				continue
			}
			u := make([]uint16, length/2)
			for j := range u {
				u[j] = uint16(r.u16(strs + off + 2*j))
			}
			s := string(utf16.Decode(u))
			key := id*0x10000 + lang
			if _, ok := pick[key]; !ok {
				pick[key] = s
			}
		}
	}
	for _, key := range []int{1*0x10000 + 0x804, 1*0x10000 + 0x404, 1*0x10000 + 0x409} {
		if s := pick[key]; s != "" && family == "" {
			family = s
		}
	}
	for _, key := range []int{6*0x10000 + 0x409, 1*0x10000 + 0x409} {
		if s := asciiName(pick[key]); s != "" && ps == "" {
			ps = s
		}
	}
	if ps == "" {
		ps = "Font"
	}
	if family == "" {
		family = ps
	}
	return family, ps
}

// asciiName keeps the letters and digits of s, the characters a PDF name may hold without
// escapes.
func asciiName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// standalone builds the font gofpdf receives: the tables it reads, copied, and a minimal
// name table (format 0, one ASCII family name) so that gofpdf finds nothing to complain
// about on standard output.
func (p *faceParser) standalone(os2 []byte, psName string) []byte {
	parts := map[string][]byte{}
	for _, tag := range []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post", "cvt ", "fpgm", "prep", "gasp"} {
		if t, ok := p.tables[tag]; ok && t.length > 0 {
			parts[tag] = p.data[t.offset : t.offset+t.length]
		}
	}
	if os2 != nil {
		parts["OS/2"] = os2
	}
	parts["name"] = nameTable(psName)
	return assembleSfnt(tagTrueType, parts)
}

// displayPath shortens a font path for messages: the file name alone when the directory
// is a well-known font directory.
func displayPath(path string) string {
	if strings.Contains(filepath.ToSlash(path), "/fonts/") || strings.Contains(strings.ToLower(path), `\fonts\`) {
		return filepath.Base(path)
	}
	return path
}
