package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/qianjiang/gyqc/internal/xmltext"
)

// tokenizer is the fast reader's XML scanner: a pull parser over one part held as a string,
// which hands out start tags, end tags and text without allocating for plain markup.
//
// It accepts a strict subset of what encoding/xml (and so excelize) accepts, and fails on
// everything else: ASCII names with at most one prefix, quoted attributes, the five
// predefined entities and character references, CDATA sections, comments, processing
// instructions, an XML declaration for UTF-8, and nothing with a DOCTYPE. Text and
// attribute values are checked exactly as encoding/xml checks them (valid UTF-8, XML
// characters only, no "]]>" in text, \r\n and \r read as \n). On the subset the tokens are
// the ones encoding/xml produces (FuzzTokenizer checks it); a failure makes the whole read
// fall back to excelize, so the reader never has to guess what excelize would do.
type tokenizer struct {
	s    string
	pos  int
	fail string // why the part is not read, "" while it is

	kind          tokKind
	prefix, local string    // of a start or end tag
	attrs         []xmlAttr // of a start tag
	raw           string    // of text: the characters as written
	plain         bool      // raw is the text itself (no entity, no \r)
	empty         bool      // the start tag was <x/>: its end tag comes next
	stack         []string  // qualified names of the open elements

	nsOn bool      // keep namespace bindings (parts that check element namespaces)
	ns   []binding // xmlns bindings in scope, innermost last
}

// tokKind is the kind of a token.
type tokKind uint8

// Token kinds.
const (
	tokEOF   tokKind = iota // end of the part, or a failure
	tokStart                // start tag
	tokEnd                  // end tag
	tokText                 // character data, CDATA included
)

// xmlAttr is an attribute of a start tag.
type xmlAttr struct {
	prefix, local string
	raw           string // as written between the quotes
	plain         bool   // raw is the value itself
}

// value returns the attribute's value with entities and line ends decoded.
func (a *xmlAttr) value() string {
	if a.plain {
		return a.raw
	}
	return decodeText(a.raw)
}

// binding is a namespace prefix bound by an xmlns attribute.
type binding struct {
	prefix, uri string
	depth       int
}

// Limits of the tokenizer.
const (
	maxTokDepth = 256 // element nesting
	maxTokAttrs = 256 // attributes of one element
)

// XML's own namespaces, as encoding/xml resolves them.
const (
	xmlnsPrefix = "xmlns"
	xmlPrefix   = "xml"
	xmlURL      = "http://www.w3.org/XML/1998/namespace"
)

// newTokenizer returns a tokenizer over the part s; ns turns namespace bindings on.
func newTokenizer(s string, ns bool) *tokenizer {
	return &tokenizer{s: s, nsOn: ns}
}

// reset points the tokenizer at another part, keeping its buffers.
func (t *tokenizer) reset(s string, ns bool) {
	t.s, t.pos, t.fail, t.kind, t.empty, t.nsOn = s, 0, "", tokEOF, false, ns
	t.stack, t.ns, t.attrs = t.stack[:0], t.ns[:0], t.attrs[:0]
}

// failf records why the part cannot be read and ends the token stream.
func (t *tokenizer) failf(why string) tokKind {
	if t.fail == "" {
		t.fail = why + " at byte " + strconv.Itoa(t.pos)
	}
	t.kind, t.pos = tokEOF, len(t.s)
	return tokEOF
}

// depth is the number of open elements; inside a start tag's element it counts that element.
func (t *tokenizer) depth() int { return len(t.stack) }

// next reads the next token. Comments, processing instructions and the XML declaration are
// consumed without a token, as excelize ignores them.
func (t *tokenizer) next() tokKind {
	if t.fail != "" {
		return tokEOF
	}
	if t.empty {
		t.empty = false
		t.pop()
		t.kind = tokEnd
		return tokEnd
	}
	for {
		if t.pos >= len(t.s) {
			if len(t.stack) > 0 {
				return t.failf("unexpected end of the part inside <" + Clip(t.stack[len(t.stack)-1], 40) + ">")
			}
			t.kind = tokEOF
			return tokEOF
		}
		if t.s[t.pos] != '<' {
			return t.text()
		}
		if t.pos+1 >= len(t.s) {
			return t.failf("markup cut off")
		}
		switch t.s[t.pos+1] {
		case '/':
			return t.endTag()
		case '?':
			if !t.procInst() {
				return tokEOF
			}
		case '!':
			if strings.HasPrefix(t.s[t.pos:], "<![CDATA[") {
				return t.cdata()
			}
			if !t.comment() {
				return tokEOF
			}
		default:
			return t.startTag()
		}
	}
}

// text reads character data up to the next '<'.
func (t *tokenizer) text() tokKind {
	start := t.pos
	end, plain, why := scanChars(t.s, start, -1)
	if why != "" {
		t.pos = end
		return t.failf(why)
	}
	t.raw, t.plain, t.pos, t.kind = t.s[start:end], plain, end, tokText
	return tokText
}

// cdata reads a CDATA section as text.
func (t *tokenizer) cdata() tokKind {
	start := t.pos + len("<![CDATA[")
	n := strings.Index(t.s[start:], "]]>")
	if n < 0 {
		return t.failf("unterminated CDATA section")
	}
	body := t.s[start : start+n]
	plain := true
	for i := 0; i < len(body); {
		c := body[i]
		if c < utf8.RuneSelf {
			if c == '\r' {
				plain = false
			} else if c < 0x20 && c != '\t' && c != '\n' {
				return t.failf("illegal character in CDATA")
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(body[i:])
		if r == utf8.RuneError && size == 1 || !xmltext.IsChar(r) {
			return t.failf("illegal character in CDATA")
		}
		i += size
	}
	t.pos = start + n + len("]]>")
	t.kind = tokText
	if plain {
		t.raw, t.plain = body, true
	} else {
		t.raw, t.plain = normalizeNewlines(body), true
	}
	return tokText
}

// comment skips <!-- ... -->; "--" inside a comment is an error, as in encoding/xml.
// Any other <! declaration (DOCTYPE, ENTITY) fails.
func (t *tokenizer) comment() bool {
	if !strings.HasPrefix(t.s[t.pos:], "<!--") {
		t.failf("declaration (<!DOCTYPE or similar)")
		return false
	}
	i := t.pos + 4
	var b0, b1 byte
	for ; i < len(t.s); i++ {
		b := t.s[i]
		if b0 == '-' && b1 == '-' {
			if b != '>' {
				t.failf(`"--" inside a comment`)
				return false
			}
			t.pos = i + 1
			return true
		}
		b0, b1 = b1, b
	}
	t.failf("unterminated comment")
	return false
}

// procInst skips a processing instruction. The XML declaration must announce version 1.0
// (or none) and UTF-8 (or nothing): other encodings are left to excelize's transcoder.
func (t *tokenizer) procInst() bool {
	i := t.pos + 2
	j := nameEnd(t.s, i)
	if j == i || !asciiName(t.s[i:j]) {
		t.failf("processing instruction without a valid target")
		return false
	}
	target := t.s[i:j]
	end := strings.Index(t.s[j:], "?>")
	if end < 0 {
		t.failf("unterminated processing instruction")
		return false
	}
	content := t.s[j : j+end]
	if target == "xml" {
		if v := procInst("version", content); v != "" && v != "1.0" {
			t.failf("XML version " + v)
			return false
		}
		if enc := procInst("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			t.failf("encoding " + enc)
			return false
		}
	}
	t.pos = j + end + 2
	return true
}

// startTag reads <name attr="value" ...> or <name .../>.
func (t *tokenizer) startTag() tokKind {
	i := t.pos + 1
	j, prefix, local, ok := scanName(t.s, i)
	if !ok {
		t.pos = i
		return t.failf("element name not read by the fast reader")
	}
	qname := t.s[i:j]
	t.attrs = t.attrs[:0]
	i = j
	for {
		i = skipSpace(t.s, i)
		if i >= len(t.s) {
			t.pos = i
			return t.failf("start tag cut off")
		}
		c := t.s[i]
		if c == '/' {
			if i+1 >= len(t.s) || t.s[i+1] != '>' {
				t.pos = i
				return t.failf("expected /> in element")
			}
			t.empty = true
			i += 2
			break
		}
		if c == '>' {
			i++
			break
		}
		// An attribute.
		j, ap, al, ok := scanName(t.s, i)
		if !ok {
			t.pos = i
			return t.failf("attribute name not read by the fast reader")
		}
		i = skipSpace(t.s, j)
		if i >= len(t.s) || t.s[i] != '=' {
			t.pos = i
			return t.failf("attribute without =")
		}
		i = skipSpace(t.s, i+1)
		if i >= len(t.s) || t.s[i] != '"' && t.s[i] != '\'' {
			t.pos = i
			return t.failf("unquoted attribute value")
		}
		end, plain, why := scanAttr(t.s, i+1, t.s[i])
		if why != "" {
			t.pos = end
			return t.failf(why)
		}
		if len(t.attrs) >= maxTokAttrs {
			t.pos = i
			return t.failf("too many attributes")
		}
		t.attrs = append(t.attrs, xmlAttr{prefix: ap, local: al, raw: t.s[i+1 : end], plain: plain})
		i = end + 1
	}
	if len(t.stack) >= maxTokDepth {
		t.pos = i
		return t.failf("elements nested too deeply")
	}
	t.stack = append(t.stack, qname)
	t.prefix, t.local, t.pos, t.kind = prefix, local, i, tokStart
	if t.nsOn {
		t.bind()
	}
	return tokStart
}

// endTag reads </name>, which must close the innermost open element.
func (t *tokenizer) endTag() tokKind {
	i := t.pos + 2
	j, prefix, local, ok := scanName(t.s, i)
	if !ok {
		t.pos = i
		return t.failf("end tag name not read by the fast reader")
	}
	k := skipSpace(t.s, j)
	if k >= len(t.s) || t.s[k] != '>' {
		t.pos = k
		return t.failf("invalid characters in end tag")
	}
	if len(t.stack) == 0 || t.stack[len(t.stack)-1] != t.s[i:j] {
		t.pos = i
		return t.failf("end tag </" + Clip(t.s[i:j], 40) + "> does not close the open element")
	}
	t.pos = k + 1
	t.pop()
	t.prefix, t.local, t.kind = prefix, local, tokEnd
	return tokEnd
}

// pop closes the innermost element and drops its namespace bindings.
func (t *tokenizer) pop() {
	d := len(t.stack)
	t.stack = t.stack[:d-1]
	for len(t.ns) > 0 && t.ns[len(t.ns)-1].depth >= d {
		t.ns = t.ns[:len(t.ns)-1]
	}
}

// bind records the xmlns attributes of the start tag just read.
func (t *tokenizer) bind() {
	d := len(t.stack)
	for i := range t.attrs {
		a := &t.attrs[i]
		switch {
		case a.prefix == xmlnsPrefix:
			t.ns = append(t.ns, binding{prefix: a.local, uri: a.value(), depth: d})
		case a.prefix == "" && a.local == xmlnsPrefix:
			t.ns = append(t.ns, binding{prefix: "", uri: a.value(), depth: d})
		}
	}
}

// space resolves a prefix to its namespace as encoding/xml translates names: element names
// without a prefix take the default namespace, attributes without one have none, and an
// unbound prefix stands for itself. Namespace bindings must be on.
func (t *tokenizer) space(prefix, local string, element bool) string {
	switch {
	case prefix == xmlnsPrefix:
		return prefix
	case prefix == "" && !element:
		return ""
	case prefix == xmlPrefix:
		return xmlURL
	case prefix == "" && local == xmlnsPrefix:
		return ""
	}
	for i := len(t.ns) - 1; i >= 0; i-- {
		if t.ns[i].prefix == prefix {
			return t.ns[i].uri
		}
	}
	return prefix
}

// is reports whether the start tag just read is local in namespace space.
func (t *tokenizer) is(local, space string) bool {
	return t.local == local && t.space(t.prefix, t.local, true) == space
}

// attr returns the value of the last attribute of the start tag with this local name,
// whatever its prefix (as excelize and encoding/xml match attributes).
func (t *tokenizer) attr(local string) (string, bool) {
	for i := len(t.attrs) - 1; i >= 0; i-- {
		if t.attrs[i].local == local {
			return t.attrs[i].value(), true
		}
	}
	return "", false
}

// text returns the current text token's characters.
func (t *tokenizer) textValue() string {
	if t.plain {
		return t.raw
	}
	return decodeText(t.raw)
}

// skip consumes the rest of the element whose start tag was just read.
func (t *tokenizer) skip() {
	d := len(t.stack)
	for {
		switch t.next() {
		case tokEOF:
			return
		case tokEnd:
			if len(t.stack) < d {
				return
			}
		}
	}
}

// chardata consumes the rest of the element whose start tag was just read and returns its
// own character data (text of nested elements is left out), as encoding/xml decodes an
// element into a string.
func (t *tokenizer) chardata() string {
	d := len(t.stack)
	var first string
	var b []byte
	n := 0
	for {
		switch t.next() {
		case tokEOF:
			return ""
		case tokText:
			if len(t.stack) != d {
				continue
			}
			s := t.textValue()
			switch n {
			case 0:
				first = s
			case 1:
				b = append(append(b, first...), s...)
			default:
				b = append(b, s...)
			}
			n++
		case tokEnd:
			if len(t.stack) < d {
				if n <= 1 {
					return first
				}
				return string(b)
			}
		}
	}
}
