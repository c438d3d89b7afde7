package xmltext

import (
	"encoding/xml"
	"strings"
	"testing"
)

// stdEntity decodes <a>&name;</a> with encoding/xml: the character and whether it accepts it.
func stdEntity(name string) (rune, bool) {
	d := xml.NewDecoder(strings.NewReader("<a>&" + name + ";</a>"))
	d.Strict = true
	var s string
	if err := d.Decode(&s); err != nil {
		return 0, false
	}
	r := []rune(s)
	if len(r) != 1 {
		return 0, false
	}
	return r[0], true
}

// TestEntityAsEncodingXML: every entity and character reference Entity reads, encoding/xml
// reads as the same character, and what it refuses (beyond the characters XML forbids, which
// the callers check with IsChar) encoding/xml refuses too.
func TestEntityAsEncodingXML(t *testing.T) {
	for _, tc := range []struct {
		Name string
		Want rune
		OK   bool
	}{
		{"lt", '<', true}, {"gt", '>', true}, {"amp", '&', true}, {"apos", '\'', true}, {"quot", '"', true},
		{"#49", '1', true}, {"#x31", '1', true}, {"#x4E2D", '中', true}, {"#x4e2d", '中', true},
		{"#00049", '1', true}, {"#x1F600", '😀', true}, {"#xD800", '\uFFFD', true},
		{"nbsp", 0, false}, {"#", 0, false}, {"#x", 0, false}, {"#X31", 0, false}, {"#-1", 0, false},
		{"#+1", 0, false}, {"#1_0", 0, false}, {"#x110000", 0, false}, {"#99999999999", 0, false}, {"", 0, false},
		{"LT", 0, false}, {"# 49", 0, false},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			r, ok := Entity(tc.Name)
			if r != tc.Want || ok != tc.OK {
				t.Errorf("Entity(%q) = %q, %v; want %q, %v", tc.Name, r, ok, tc.Want, tc.OK)
			}
			if rb, okb := Entity([]byte(tc.Name)); rb != r || okb != ok {
				t.Errorf("Entity([]byte(%q)) = %q, %v; the string form says %q, %v", tc.Name, rb, okb, r, ok)
			}
			if ok && IsChar(r) {
				if sr, sok := stdEntity(tc.Name); !sok || sr != r {
					t.Errorf("encoding/xml reads &%s; as %q, %v; Entity as %q", tc.Name, sr, sok, r)
				}
			}
		})
	}
}

func TestByteClasses(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		if IsSpace(b) != strings.ContainsRune(" \t\r\n", rune(c)) {
			t.Errorf("IsSpace(%q) = %v", b, IsSpace(b))
		}
		if nameStart[b] && !IsNameByte(b) {
			t.Errorf("%q starts a name but cannot continue one", b)
		}
	}
	for _, c := range []byte("aZ_:\x80\xff") {
		if !nameStart[c] {
			t.Errorf("nameStart[%q] = false", c)
		}
	}
	for _, c := range []byte("09.-") {
		if nameStart[c] || !IsNameByte(c) {
			t.Errorf("%q: start %v, name byte %v; want false, true", c, nameStart[c], IsNameByte(c))
		}
	}
	for _, c := range []byte(" <>=\"'/&;") {
		if IsNameByte(c) {
			t.Errorf("IsNameByte(%q) = true", c)
		}
	}
	for _, tc := range []struct {
		R    rune
		Want bool
	}{{'\t', true}, {'\n', true}, {0, false}, {0x1F, false}, {'a', true}, {0xD800, false}, {0xFFFE, false}, {0x10FFFF, true}, {0x110000, false}} {
		if got := IsChar(tc.R); got != tc.Want {
			t.Errorf("IsChar(%U) = %v, want %v", tc.R, got, tc.Want)
		}
	}
}

// TestNameClass: the byte classes of scanName agree with the name bytes of encoding/xml.
func TestNameClass(t *testing.T) {
	for c := 0; c < 256; c++ {
		if (nameClass[c] != 0) != IsNameByte(byte(c)) {
			t.Errorf("byte %#x: class %d, name byte %v", c, nameClass[c], IsNameByte(byte(c)))
		}
	}
	for _, tc := range []struct {
		Name  string
		Colon int
		QName bool
	}{
		{"a", -1, true}, {"row", -1, true}, {"x:c", 1, true}, {"a-b.c_1", -1, true}, {"xml:space", 3, true},
		{"a:b:c", 3, false}, {":a", 0, false}, {"a:", 1, false}, {"a:1b", 1, false}, {"a:-b", 1, false},
		{"名称", -1, false}, {"a:名", 1, false}, {"", -1, false},
	} {
		end, colon, qname := scanName([]byte(tc.Name+" x"), 0)
		if end != len(tc.Name) || colon != tc.Colon || qname != tc.QName {
			t.Errorf("scanName(%q) = %d, %d, %v; want %d, %d, %v", tc.Name, end, colon, qname, len(tc.Name), tc.Colon, tc.QName)
		}
	}
}
