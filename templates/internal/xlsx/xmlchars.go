package xlsx

import (
	"strings"
	"unicode/utf8"

	"github.com/qianjiang/gyqc/internal/xmltext"
)

// procInst returns the value of param in the content of a processing instruction, as
// encoding/xml's function of that name finds it.
func procInst(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// checkChars checks text (up to the '<' after it, as the lexer gives it) or an attribute
// value as encoding/xml does. It returns whether the characters need no decoding, and why
// they are not acceptable ("" if they are).
func checkChars(s string, text bool) (plain bool, why string) {
	plain = true
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			// Most text is Chinese: three-byte sequences whose lead byte needs no check of the
			// second byte's range (E0 and ED do, and take the general path), all of them XML
			// characters except U+FFFE and U+FFFF.
			if (c >= 0xE1 && c <= 0xEC || c >= 0xEE && c <= 0xEF) && i+2 < len(s) &&
				s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 && !(c == 0xEF && s[i+1] == 0xBF && s[i+2] >= 0xBE) {
				i += 3
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return false, "invalid UTF-8"
			}
			if !xmltext.IsChar(r) {
				return false, "illegal character"
			}
			i += size
			continue
		}
		switch {
		case c == '&':
			n := entityLen(s[i:])
			if n == 0 {
				return false, "character entity not read by the fast reader"
			}
			plain = false
			i += n
			continue
		case c == '>' && text && i >= 2 && s[i-1] == ']' && s[i-2] == ']':
			return false, "unescaped ]]> in text"
		case c == '\r':
			plain = false
		case c < 0x20 && c != '\t' && c != '\n':
			return false, "illegal character"
		}
		i++
	}
	return plain, ""
}

// maxEntity bounds the text of an entity or character reference the fast reader reads:
// longer ones (a character reference with dozens of leading zeros) are left to excelize.
const maxEntity = 64

// entityLen returns the length of the entity or character reference at the start of s
// (which starts with '&'), or 0 if it is not one encoding/xml accepts without a DTD, or
// stands for a character XML does not allow.
func entityLen(s string) int {
	semi := strings.IndexByte(s[:min(len(s), maxEntity)], ';')
	if semi < 2 {
		return 0
	}
	r, ok := xmltext.Entity(s[1:semi])
	if !ok || !xmltext.IsChar(r) {
		return 0
	}
	return semi + 1
}

// decodeText replaces entities and character references and turns \r\n and \r into \n.
// The text has been checked by scanChars.
func decodeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '&':
			n := entityLen(s[i:])
			if n == 0 { // cannot happen after scanChars; keep the byte
				b.WriteByte(c)
				i++
				continue
			}
			r, _ := xmltext.Entity(s[i+1 : i+n-1])
			b.WriteRune(r)
			i += n
		case '\r':
			b.WriteByte('\n')
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// normalizeNewlines turns \r\n and \r into \n.
func normalizeNewlines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// nameEnd returns where a run of name bytes starting at i ends, as encoding/xml reads names
// (bytes from 0x80 up count as name bytes).
func nameEnd(s string, i int) int {
	for i < len(s) && xmltext.IsNameByte(s[i]) {
		i++
	}
	return i
}

// asciiName reports whether s is an ASCII XML name without a colon.
func asciiName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '.' || c == '-'):
		default:
			return false
		}
	}
	return true
}
