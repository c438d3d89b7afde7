package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/qianjiang/gyqc/internal/xmltext"
)

// tokenizer is the fast reader's view of the one XML lexer (xmltext.Lexer): a pull parser
// over one part held as a string, which hands out start tags, end tags and text without
// allocating for plain markup.
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
	lx   xmltext.Lexer
	s    string
	fail string // why the part is not read, "" while it is

	kind          tokKind
	prefix, local string // of a start or end tag
	tag           string // of a start tag: its text after '<', which attrs point into
	// attrs are the attributes of a start tag as the lexer read them (offsets into tag, the
	// lexer's own slice, valid until the next token); attrLocal, attrPrefix and attrValue
	// read them.
	attrs []xmltext.Attr
	raw   string // of text: the characters as written
	plain bool   // raw is the text itself (no entity, no \r)
	empty bool   // the start tag was <x/>: its end tag comes next

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

// attrLocal returns the local name of attribute i of the start tag just read.
func (t *tokenizer) attrLocal(i int) string {
	a := &t.attrs[i]
	return t.tag[a.Colon+1 : a.N1]
}

// attrPrefix returns the prefix of attribute i of the start tag just read, or "".
func (t *tokenizer) attrPrefix(i int) string {
	if a := &t.attrs[i]; a.Colon >= a.N0 {
		return t.tag[a.N0:a.Colon]
	}
	return ""
}

// attrValue returns the value of attribute i of the start tag just read, with entities and
// line ends decoded.
func (t *tokenizer) attrValue(i int) string {
	a := &t.attrs[i]
	v := t.tag[a.V0:a.V1]
	if !a.Plain {
		v = decodeValue(v)
	}
	return v
}

// decodeValue returns an attribute value that is not Plain with entities and line ends
// decoded: itself when it has neither.
func decodeValue(raw string) string {
	if strings.IndexByte(raw, '&') < 0 && strings.IndexByte(raw, '\r') < 0 {
		return raw
	}
	return decodeText(raw)
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
	t := &tokenizer{}
	t.reset(s, ns)
	return t
}

// reset points the tokenizer at another part, keeping its buffers.
func (t *tokenizer) reset(s string, ns bool) {
	t.s, t.fail, t.kind, t.empty, t.nsOn = s, "", tokEOF, false, ns
	t.ns, t.attrs = t.ns[:0], t.attrs[:0]
	t.lx.Whole(unsafe.Slice(unsafe.StringData(s), len(s)), xmltext.Options{MatchEnds: true})
}

// str returns the part's text that b, a slice of the lexer's input, holds: a substring of
// the part, without a copy.
func str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// failf records why the part cannot be read and ends the token stream.
func (t *tokenizer) failf(why string) tokKind {
	if t.fail == "" {
		t.fail = why + " at byte " + strconv.FormatInt(t.lx.Offset(), 10)
	}
	t.kind = tokEOF
	return tokEOF
}

// depth is the number of open elements; inside a start tag's element it counts that element.
func (t *tokenizer) depth() int {
	if t.empty {
		return t.lx.Depth() + 1
	}
	return t.lx.Depth()
}

// next reads the next token. Comments, processing instructions and the XML declaration are
// consumed without a token, as excelize ignores them.
func (t *tokenizer) next() tokKind {
	if t.fail != "" {
		return tokEOF
	}
	if t.empty {
		t.empty = false
		t.pop(t.lx.Depth() + 1)
		t.kind = tokEnd
		return tokEnd
	}
	for {
		switch t.lx.Next() {
		case xmltext.Start:
			return t.startTag()
		case xmltext.End:
			return t.endTag()
		case xmltext.Text:
			return t.text()
		case xmltext.CData:
			return t.cdata()
		case xmltext.ProcInst:
			if !t.procInst() {
				return tokEOF
			}
		case xmltext.Comment:
		default:
			if f := t.lx.Fault(); f == xmltext.FaultIncomplete && t.lx.Depth() > 0 {
				return t.failf("unexpected end of the part inside <" + Clip(str(t.lx.Detail()), 40) + ">")
			} else if f != xmltext.NoFault {
				return t.failf(f.String())
			}
			t.kind = tokEOF
			return tokEOF
		}
	}
}

// text reads character data up to the next '<'.
func (t *tokenizer) text() tokKind {
	raw := str(t.lx.Raw())
	plain, why := checkChars(raw, true)
	if why != "" {
		return t.failf(why)
	}
	t.raw, t.plain, t.kind = raw, plain, tokText
	return tokText
}

// cdata reads a CDATA section as text.
func (t *tokenizer) cdata() tokKind {
	body := str(t.lx.Raw())
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
	t.kind = tokText
	if plain {
		t.raw, t.plain = body, true
	} else {
		t.raw, t.plain = normalizeNewlines(body), true
	}
	return tokText
}

// procInst checks a processing instruction. The XML declaration must announce version 1.0
// (or none) and UTF-8 (or nothing): other encodings are left to excelize's transcoder.
func (t *tokenizer) procInst() bool {
	body := str(t.lx.Raw())
	j := nameEnd(body, 0)
	if j == 0 || !asciiName(body[:j]) {
		t.failf("processing instruction without a valid target")
		return false
	}
	if content := body[j:]; body[:j] == "xml" {
		if v := procInst("version", content); v != "" && v != "1.0" {
			t.failf("XML version " + v)
			return false
		}
		if enc := procInst("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			t.failf("encoding " + enc)
			return false
		}
	}
	return true
}

// startTag takes the start tag the lexer read, <name attr="value" ...> or <name .../>.
func (t *tokenizer) startTag() tokKind {
	lx := &t.lx
	if !lx.QName() {
		return t.failf("element name not read by the fast reader")
	}
	t.tag, t.attrs = str(lx.Tag()), lx.Attrs() // the lexer's own, valid until the next token
	if len(t.attrs) > maxTokAttrs {
		return t.failf("too many attributes")
	}
	for i := range t.attrs {
		if a := &t.attrs[i]; !a.QName || !a.Plain {
			if !a.QName {
				return t.failf("attribute name not read by the fast reader")
			}
			// The lexer saw '&', a control character or a byte from 0x80 up.
			if _, why := checkChars(t.tag[a.V0:a.V1], false); why != "" {
				return t.failf(why)
			}
		}
	}
	d := lx.Depth() // open elements, this one included
	if lx.SelfClosing() {
		d++
		t.empty = true
	}
	if d > maxTokDepth {
		return t.failf("elements nested too deeply")
	}
	t.prefix, t.local = t.names()
	t.kind = tokStart
	if t.nsOn {
		t.bind(d)
	}
	return tokStart
}

// endTag takes the end tag the lexer read, which closed the innermost open element.
func (t *tokenizer) endTag() tokKind {
	if !t.lx.QName() {
		return t.failf("end tag name not read by the fast reader")
	}
	t.pop(t.lx.Depth() + 1)
	t.prefix, t.local = t.names()
	t.kind = tokEnd
	return tokEnd
}

// names returns the prefix and local name of the tag the lexer read.
func (t *tokenizer) names() (prefix, local string) {
	name := str(t.lx.Name())
	if c := t.lx.Colon(); c >= 0 {
		return name[:c], name[c+1:]
	}
	return "", name
}

// pop drops the namespace bindings of the element at depth d (1 for the root) as it closes.
func (t *tokenizer) pop(d int) {
	for len(t.ns) > 0 && t.ns[len(t.ns)-1].depth >= d {
		t.ns = t.ns[:len(t.ns)-1]
	}
}

// bind records the xmlns attributes of the start tag just read, an element at depth d:
// xmlns="…" binds the default namespace, xmlns:p="…" the prefix p.
func (t *tokenizer) bind(d int) {
	for i := range t.attrs {
		a := &t.attrs[i]
		if t.tag[a.N0] != 'x' { // most names are not xmlns: one byte tells
			continue
		}
		name := t.tag[a.N0:a.N1]
		if len(name) < len(xmlnsPrefix) || name[:len(xmlnsPrefix)] != xmlnsPrefix {
			continue
		}
		switch {
		case len(name) == len(xmlnsPrefix):
			t.ns = append(t.ns, binding{prefix: "", uri: t.attrValue(i), depth: d})
		case a.Colon == a.N0+int32(len(xmlnsPrefix)):
			t.ns = append(t.ns, binding{prefix: t.attrLocal(i), uri: t.attrValue(i), depth: d})
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
		if t.attrLocal(i) == local {
			return t.attrValue(i), true
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
	d := t.depth()
	for {
		switch t.next() {
		case tokEOF:
			return
		case tokEnd:
			if t.depth() < d {
				return
			}
		}
	}
}

// child reads on to the next start tag inside the element whose content is at depth d (the
// depth just after its start tag) and returns true; false at that element's end tag, or at
// the end of the text or a failure, where t.kind is then tokEOF. What lies between (text,
// the ends of earlier children) is passed over.
func (t *tokenizer) child(d int) bool {
	for {
		switch t.next() {
		case tokStart:
			return true
		case tokEOF:
			t.kind = tokEOF // next leaves it as it was after a failure
			return false
		case tokEnd:
			if t.depth() < d {
				return false
			}
		}
	}
}

// chardata consumes the rest of the element whose start tag was just read and returns its
// own character data (text of nested elements is left out), as encoding/xml decodes an
// element into a string.
func (t *tokenizer) chardata() string {
	d := t.depth()
	var first string
	var b []byte
	n := 0
	for {
		switch t.next() {
		case tokEOF:
			return ""
		case tokText:
			if t.depth() != d {
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
			if t.depth() < d {
				if n <= 1 {
					return first
				}
				return string(b)
			}
		}
	}
}
