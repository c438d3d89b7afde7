package render

import (
	"encoding/binary"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"github.com/qianjiang/gyqc"
)

// tableAt returns the offset and length of a table of a standalone font.
func tableAt(tb testing.TB, font []byte, tag string) (int, int) {
	tb.Helper()
	_, tables, err := readTableDirectory(font, 0)
	if err != nil {
		tb.Fatal(err)
	}
	for _, t := range tables {
		if t.tag == tag {
			return int(t.offset), int(t.length)
		}
	}
	tb.Fatalf("no table %q", tag)
	return 0, 0
}

// glyphAt returns the offset and length in font of glyph g.
func glyphAt(tb testing.TB, font []byte, g int) (int, int) {
	tb.Helper()
	head, _ := tableAt(tb, font, "head")
	loca, _ := tableAt(tb, font, "loca")
	glyf, _ := tableAt(tb, font, "glyf")
	var a, b int
	if binary.BigEndian.Uint16(font[head+50:]) == 0 {
		a = 2 * int(binary.BigEndian.Uint16(font[loca+2*g:]))
		b = 2 * int(binary.BigEndian.Uint16(font[loca+2*g+2:]))
	} else {
		a = int(binary.BigEndian.Uint32(font[loca+4*g:]))
		b = int(binary.BigEndian.Uint32(font[loca+4*g+4:]))
	}
	return glyf + a, b - a
}

// mutate returns a copy of font changed by f.
func mutate(font []byte, f func(b []byte) []byte) []byte {
	return f(append([]byte(nil), font...))
}

func TestParseFace(t *testing.T) {
	base := cutFont(t, "中文黔江ABC123 ，。")
	os2, _ := tableAt(t, base, "OS/2")
	setFsType := func(v uint16) []byte {
		return mutate(base, func(b []byte) []byte { binary.BigEndian.PutUint16(b[os2+8:], v); return b })
	}
	otto := []byte("OTTO\x00\x01\x00\x10\x00\x00\x00\x00CFF \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04")
	ttcOfOTTO := append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"), otto...)
	ttcOfOTTO[16+12+8+3] = 16 // the CFF table's offset, now inside the collection
	tests := []struct {
		Name  string
		Data  []byte
		Index int
		Want  error // nil: the face is accepted
	}{
		{"valid cut font", base, 0, nil},
		{"installable embedding", setFsType(0), 0, nil},
		{"editable embedding", setFsType(0x0008), 0, nil},
		{"print and preview embedding", setFsType(0x0004), 0, nil},
		{"restricted licence", setFsType(0x0002), 0, ErrFontRestricted},
		{"no subsetting", setFsType(0x0100), 0, ErrFontRestricted},
		{"bitmap embedding only", setFsType(0x0200), 0, ErrFontRestricted},
		{"CFF OpenType font", otto, 0, ErrFontCFF},
		{"CFF face in a collection", ttcOfOTTO, 0, ErrFontCFF},
		{"empty file", nil, 0, ErrFontCorrupt},
		{"text renamed .ttf", []byte("这不是字体文件，而是一段文字。"), 0, ErrFontFormat},
		{"web font", append([]byte("wOFF"), base[4:]...), 0, ErrFontFormat},
		{"cut in half", base[:len(base)/2], 0, ErrFontCorrupt},
		{"face index of a single font", base, 1, errFaceIndex},
		{"no cmap", mutate(base, func(b []byte) []byte {
			return []byte(strings.Replace(string(b), "cmap", "cmaq", 1))
		}), 0, ErrFontNoUnicode},
		{"zero units per em", mutate(base, func(b []byte) []byte {
			head, _ := tableAt(t, b, "head")
			binary.BigEndian.PutUint16(b[head+18:], 0)
			return b
		}), 0, ErrFontCorrupt},
		{"glyph locations out of order", mutate(base, func(b []byte) []byte {
			head, _ := tableAt(t, b, "head")
			loca, _ := tableAt(t, b, "loca")
			if binary.BigEndian.Uint16(b[head+50:]) == 0 {
				binary.BigEndian.PutUint16(b[loca+2:], 0xFFFF)
			} else {
				binary.BigEndian.PutUint32(b[loca+4:], 0xFFFFFFF)
			}
			return b
		}), 0, ErrFontCorrupt},
		{"composite glyph naming itself", mutate(base, func(b []byte) []byte {
			for g := 1; ; g++ {
				off, n := glyphAt(t, b, g)
				if n >= 16 {
					binary.BigEndian.PutUint16(b[off:], 0xFFFF) // numberOfContours -1
					binary.BigEndian.PutUint16(b[off+10:], 0)   // flags: one component, byte args
					binary.BigEndian.PutUint16(b[off+12:], uint16(g))
					return b
				}
			}
		}), 0, ErrFontCorrupt},
		{"numberOfHMetrics zero", mutate(base, func(b []byte) []byte {
			hhea, _ := tableAt(t, b, "hhea")
			binary.BigEndian.PutUint16(b[hhea+34:], 0)
			return b
		}), 0, ErrFontCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			face, err := ParseFace("/fonts/test.ttf", tt.Data, tt.Index)
			if tt.Want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if !face.Covers('中') || !face.Covers('1') || face.Covers('国') {
					t.Error("coverage does not match the cut set")
				}
				return
			}
			if !errors.Is(err, tt.Want) {
				t.Fatalf("got %v, want %v", err, tt.Want)
			}
			var ue *gyqc.Error
			if !errors.As(err, &ue) || ue.Code != gyqc.EInvalid {
				t.Errorf("error carries no gyqc.Error with code EInvalid: %#v", err)
			}
			msg := gyqc.ErrorMessage(err)
			if !strings.Contains(msg, "/fonts/test.ttf") || !strings.Contains(msg, "不能使用") {
				t.Errorf("message does not name the file in Chinese: %s", msg)
			}
		})
	}
}

// TestAdvanceMatchesGofpdf checks that our widths are gofpdf's: the line breaker measures
// with Face.Advance and gofpdf places text with GetStringWidth.
func TestAdvanceMatchesGofpdf(t *testing.T) {
	texts := []string{
		"立足全区产业基础和比较优势，加强系统谋划。",
		"English words and 12345.67 digits (brackets) 100%",
		"“引号”《书名》（括号）——破折号……省略号；：？！、",
		"ＡＢＣ１２３ 全角字符 ½ ° ℃ № ×÷±≥≤",
	}
	for _, tt := range []struct {
		Name string
		Spec string
	}{{"wqy-microhei face 0", wqyPath}, {"wqy-microhei face 1", wqyPath + "#1"}, {"LXGW WenKai", lxgwPath}} {
		t.Run(tt.Name, func(t *testing.T) {
			path, _ := splitFaceSpec(tt.Spec)
			fontFile(t, path)
			face, err := LoadFace(tt.Spec)
			if err != nil {
				t.Fatal(err)
			}
			pdf := gofpdf.New("P", "mm", "A4", "")
			pdf.AddUTF8FontFromBytes("f", "", face.data)
			for _, size := range []float64{10.5, 16} {
				pdf.SetFont("f", "", size)
				for _, s := range texts {
					s = strings.Map(func(r rune) rune { // only what the face draws is measured
						if face.Covers(r) {
							return r
						}
						return -1
					}, s)
					want := pdf.GetStringWidth(s)
					got := 0.0
					for _, r := range s {
						got += float64(face.Advance(r)) * size * ptToMM / 1000
					}
					if math.Abs(got-want) > 1e-9 {
						t.Errorf("%q at %gpt: our width %.6f, gofpdf's %.6f", s, size, got, want)
					}
				}
			}
			if pdf.Err() {
				t.Fatal(pdf.Error())
			}
		})
	}
}

// TestParseFaceCmapInsideTable: a cmap whose subtable lies beyond the table's declared
// length is refused. gofpdf receives the table alone and would read the subtable from the
// bytes after it (it indexed past its glyph table: a CI fuzz run found it).
func TestParseFaceCmapInsideTable(t *testing.T) {
	base := cutFont(t, "中文ABC123 ，。")
	for _, tt := range []struct {
		Name   string
		Length uint32
	}{{"directory only", 12}, {"subtable header cut", 20}, {"arrays cut", 28}} {
		t.Run(tt.Name, func(t *testing.T) {
			data := append([]byte(nil), base...)
			n := int(binary.BigEndian.Uint16(data[4:]))
			for i := 0; i < n; i++ {
				if rec := data[12+16*i:]; string(rec[:4]) == "cmap" {
					binary.BigEndian.PutUint32(rec[12:], tt.Length)
				}
			}
			_, err := ParseFace("short.ttf", data, 0)
			var fe *FontError
			if !errors.As(err, &fe) || !errors.Is(err, ErrFontCorrupt) {
				t.Fatalf("got %v, want a FontError for a corrupt font", err)
			}
		})
	}
}

// oddSegments returns font with its format 4 cmap's segCountX2 made odd, which gofpdf reads
// as half of it rounded down, with the arrays after it one byte earlier.
func oddSegments(tb testing.TB, font []byte) []byte {
	tb.Helper()
	_, tables, err := readTableDirectory(font, 0)
	if err != nil {
		tb.Fatal(err)
	}
	for _, t := range tables {
		if t.tag != "cmap" {
			continue
		}
		cmap := int(t.offset)
		sub := cmap + int(binary.BigEndian.Uint32(font[cmap+8:])) // the first subtable
		if binary.BigEndian.Uint16(font[sub:]) != 4 {
			tb.Fatal("the first cmap subtable is not format 4")
		}
		data := append([]byte(nil), font...)
		binary.BigEndian.PutUint16(data[sub+6:], binary.BigEndian.Uint16(data[sub+6:])+1)
		return data
	}
	tb.Fatal("no cmap")
	return nil
}

// FuzzParseFace feeds damaged fonts to ParseFace. Property: a face or a *FontError, never
// a panic; and a face it accepts, gofpdf can embed and output without panicking.
func FuzzParseFace(f *testing.F) {
	base := cutFont(f, "中文ABC123 ，。")
	f.Add(base, 0)
	f.Add(base[:200], 0)
	f.Add(oddSegments(f, base), 0)
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"), 0)
	f.Fuzz(func(t *testing.T, data []byte, index int) {
		face, err := ParseFace("fuzz.ttf", data, index)
		if err != nil {
			var fe *FontError
			if !errors.As(err, &fe) {
				t.Fatalf("error is not a *FontError: %v", err)
			}
			return
		}
		var text []rune
		for r := rune(0x20); r <= 0xFFFF && len(text) < 20; r++ {
			if face.Covers(r) {
				text = append(text, r)
			}
		}
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("f", "", face.data)
		pdf.AddPage()
		pdf.SetFont("f", "", 12)
		pdf.CellFormat(50, 10, string(text), "", 0, "L", false, 0, "")
		_ = pdf.Output(io.Discard)
	})
}
