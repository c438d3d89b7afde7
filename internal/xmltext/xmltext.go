// Package xmltext is gyqc's one XML lexer (Lexer) and the character-level rules of XML
// around it: which bytes make names and white space, which characters a document may hold,
// and what the predefined entities and character references stand for, as encoding/xml
// (and so excelize) reads them.
//
// Both readers of XML drive the same Lexer: the intake's pre-scan (intake/xmlscan.go) feeds
// it the bytes of an untrusted part in chunks as they inflate, so that a hostile part is
// stopped before it is held in memory, and adds its limits and refusals; the fast reader
// (templates/internal/xlsx/tokenizer.go) gives it a part held whole and pulls tokens without
// allocating, adding the checks that keep it within what encoding/xml reads. The tokens do
// not depend on where the chunks end (FuzzLexer).
package xmltext

import (
	"strconv"
	"unicode/utf8"
)

// Byte classes of XML names and white space. Bytes from 0x80 up count as name bytes, as
// encoding/xml delimits names (the characters they make are checked separately).
var isSpace, nameStart, nameByte [256]bool

func init() {
	for c := 0; c < 256; c++ {
		b := byte(c)
		letter := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b == ':' || b >= 0x80
		nameStart[c] = letter
		nameByte[c] = letter || b >= '0' && b <= '9' || b == '.' || b == '-'
		isSpace[c] = b == ' ' || b == '\t' || b == '\r' || b == '\n'
	}
}

// IsSpace reports whether c is XML white space.
func IsSpace(c byte) bool { return isSpace[c] }

// IsNameByte reports whether c may continue an XML name.
func IsNameByte(c byte) bool { return nameByte[c] }

// IsChar reports whether r may appear in an XML document.
func IsChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// Entity returns the character an entity or character reference stands for, given the text
// between '&' and ';': one of the five predefined entities (lt, gt, amp, apos, quot) or a
// character reference (#49, #x31) as encoding/xml decodes it, a surrogate becoming U+FFFD.
// ok is false for anything else, such as an entity a DTD would have to declare. Whether the
// character is allowed in a document (IsChar) is left to the caller.
func Entity[T ~string | ~[]byte](name T) (r rune, ok bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	digits, base := string(name[1:]), 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || n > utf8.MaxRune {
		return 0, false
	}
	r = rune(n)
	if !utf8.ValidRune(r) {
		r = utf8.RuneError // string(rune(n)) of a surrogate
	}
	return r, true
}
