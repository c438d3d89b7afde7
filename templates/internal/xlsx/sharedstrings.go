package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// readSI reads a string item (<si> of the shared strings, <is> of an inline string cell)
// whose start tag was just read, as excelize decodes it into xlsxSI and then writes it
// with xlsxSI.String: the text of its <t>, then the text of the <t> of each rich-text run
// <r>, with _xHHHH_ escapes decoded; phonetic runs <rPh> are left out. ok is false when
// excelize would fail to decode the item (a typed attribute that does not parse) or the
// markup cannot be scanned.
func readSI(t *tokenizer) (text string, ok bool) {
	var plain string // the item's own <t>; the last one counts
	var runs []string
	for d := t.depth(); t.child(d); {
		switch t.local {
		case "t":
			plain = t.chardata()
		case "r":
			s, has, ok := readRun(t)
			if !ok {
				return "", false
			}
			if has {
				runs = append(runs, s)
			}
		case "rPh":
			if !attrsParse(t, "sb", kindUint32) || !attrsParse(t, "eb", kindUint32) {
				return "", false
			}
			t.skip()
		case "phoneticPr":
			if !attrsParse(t, "fontId", kindInt) {
				return "", false
			}
			t.skip()
		default:
			t.skip()
		}
	}
	if t.kind == tokEOF {
		return "", false
	}
	return siString(plain, runs), true
}

// siString joins the texts of a string item as xlsxSI.String does.
func siString(plain string, runs []string) string {
	if len(runs) == 0 {
		if plain == "" {
			return ""
		}
		return bstrUnmarshal(plain)
	}
	var b strings.Builder
	b.WriteString(plain)
	for _, r := range runs {
		b.WriteString(r)
	}
	if b.Len() == 0 {
		return ""
	}
	return bstrUnmarshal(b.String())
}

// readRun reads a rich-text run <r>: the text of its <t> (the last one), whether it has
// one, and whether its run properties decode.
func readRun(t *tokenizer) (text string, has, ok bool) {
	for d := t.depth(); t.child(d); {
		switch t.local {
		case "t":
			text, has = t.chardata(), true
		case "rPr":
			if !readRunProps(t) {
				return "", false, false
			}
		default:
			t.skip()
		}
	}
	if t.kind == tokEOF {
		return "", false, false
	}
	return text, has, true
}

// readRunProps consumes run properties <rPr> and reports whether excelize decodes their
// typed values (xlsxRPr: charset, family, sizes, flags, colors).
func readRunProps(t *tokenizer) bool {
	for d := t.depth(); t.child(d); {
		ok := true
		switch t.local {
		case "charset", "family":
			ok = attrsParse(t, "val", kindInt)
		case "b", "i", "strike", "outline", "shadow", "condense", "extend":
			ok = attrsParse(t, "val", kindBool)
		case "sz":
			ok = attrsParse(t, "val", kindFloat)
		case "color":
			ok = attrsParse(t, "auto", kindBool) && attrsParse(t, "indexed", kindInt) &&
				attrsParse(t, "theme", kindInt) && attrsParse(t, "tint", kindFloat)
		}
		if !ok {
			return false
		}
		t.skip()
	}
	return t.kind != tokEOF
}

// bstrUnmarshal decodes the _xHHHH_ escapes of a string item exactly as excelize's function
// of that name does: _x005F_ is an underscore, another escape is the character it names,
// and an escape naming a surrogate is dropped. Matches do not overlap and are taken from
// the left, as the regular expression `_x[a-fA-F\d]{4}_` finds them.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	cursor := 0
	for i := 0; i+7 <= len(s); {
		if s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' || !isHex4(s[i+2:i+6]) {
			i++
			continue
		}
		b.WriteString(s[cursor:i])
		if s[i:i+7] == "_x005F_" {
			b.WriteByte('_')
		} else {
			v, _ := strconv.ParseUint(s[i+2:i+6], 16, 32)
			if r := rune(v); utf8.ValidRune(r) {
				b.WriteRune(r)
			}
		}
		i += 7
		cursor = i
	}
	b.WriteString(s[cursor:])
	return b.String()
}

// isHex4 reports whether s is four hexadecimal digits.
func isHex4(s string) bool {
	for i := 0; i < 4; i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// readSharedStrings reads xl/sharedStrings.xml as excelize decodes it into xlsxSST. Any
// value excelize fails to decode (which makes it refuse every row) declines the book.
func (b *Book) readSharedStrings() {
	size, ok := b.size(partSharedStrings)
	if !ok {
		return
	}
	if size > maxSharedStrings {
		b.decline(partSharedStrings, "shared strings too large")
		return
	}
	text, ok := b.part(partSharedStrings)
	if !ok || !b.root(partSharedStrings, text, "sst", nsMain) {
		return
	}
	t := &b.tz
	if t.kind != tokStart {
		return
	}
	if !attrsParse(t, "count", kindInt) || !attrsParse(t, "uniqueCount", kindInt) {
		b.decline(partSharedStrings, "count is not a number")
		return
	}
	for d := t.depth(); t.child(d); {
		if t.local != "si" {
			t.skip()
			continue
		}
		s, ok := readSI(t)
		if !ok {
			if t.fail != "" {
				b.decline(partSharedStrings, t.fail)
			} else {
				b.decline(partSharedStrings, "string item excelize cannot decode")
			}
			return
		}
		b.sst = append(b.sst, s)
	}
	if t.kind == tokEOF {
		b.finish(partSharedStrings)
	}
}
