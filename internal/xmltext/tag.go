package xmltext

import "bytes"

// Attr is an attribute of a start tag, as offsets into Lexer.Tag: its qualified name is
// tag[N0:N1], its local name tag[Colon+1:N1] (Colon is N0-1 without a prefix), its value as
// written tag[V0:V1]. Offsets keep the slice free of pointers.
type Attr struct {
	N0, Colon, N1, V0, V1 int32
	// Plain is set when the value holds no '&', '<', control character or byte from 0x80
	// up: it is then its own text, and every XML character in it is allowed.
	Plain bool
	// QName is set when the name is an ASCII qualified name of Namespaces in XML.
	QName bool
}

// nameClass sorts the bytes of names: 0 for bytes that end a name, 1 for ASCII letters,
// digits, '_', '.' and '-', 2 for ':' and 3 for bytes from 0x80 up.
var nameClass [256]uint8

// scanName reads the run of name bytes of b from i, as encoding/xml delimits names: where
// it ends, where its last colon is (-1 without one), and whether it is an ASCII qualified
// name of Namespaces in XML (at most one colon, between two non-empty parts, neither
// starting with a digit, '.' or '-'; the caller checks the first byte with nameStart).
func scanName(b []byte, i int) (end, colon int, qname bool) {
	start := i
	for i < len(b) && nameClass[b[i]] == 1 {
		i++
	}
	if i == len(b) || nameClass[b[i]] == 0 {
		return i, -1, i > start
	}
	return scanQName(b, start, i)
}

// scanQName is scanName past the first colon or byte from 0x80 up, at i.
func scanQName(b []byte, start, i int) (end, colon int, qname bool) {
	colon, colons := -1, 0
	ascii := true
loop:
	for i < len(b) {
		switch nameClass[b[i]] {
		case 0:
			break loop
		case 2:
			colon = i
			colons++
		case 3:
			ascii = false
		}
		for i++; i < len(b) && nameClass[b[i]] == 1; i++ {
		}
	}
	qname = ascii && colons == 1 && colon != start && colon != i-1 && !digitish(b[colon+1])
	return i, colon, qname
}

// digitish reports whether c is a name byte that cannot start a name.
func digitish(c byte) bool { return c >= '0' && c <= '9' || c == '.' || c == '-' }

// tagSpecial marks the bytes that end a run of ordinary bytes inside a tag.
var tagSpecial = [256]bool{'>': true, '"': true, '\'': true, '<': true}

// valueSpecial marks the bytes that make an attribute value not Plain; valueStop marks
// them and the quote that ends a value, for each of the two quotes.
var (
	valueSpecial           [256]bool
	valueStopD, valueStopS [256]bool
)

func init() {
	for c := 0; c < 256; c++ {
		valueSpecial[c] = c < 0x20 || c >= 0x80 || c == '&' || c == '<'
		valueStopD[c], valueStopS[c] = valueSpecial[c] || c == '"', valueSpecial[c] || c == '\''
		switch {
		case c >= 0x80:
			nameClass[c] = 3
		case c == ':':
			nameClass[c] = 2
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '.', c == '-':
			nameClass[c] = 1
		}
	}
}

// tagBytes reads the bytes of a start or end tag up to the '>' that ends it (jumping over
// quoted values) and makes its token; a tag that goes on in the next chunk is kept.
func (l *Lexer) tagBytes() Kind {
	if len(l.carry) == 0 && l.quote == 0 && !l.long {
		if k, ok := l.quickTag(); ok {
			return k
		}
	}
	in, i := l.in, l.pos
	start, end := i, -1
	for i < len(in) {
		if l.quote != 0 {
			k := bytes.IndexByte(in[i:], l.quote)
			if k < 0 {
				i = len(in)
				break
			}
			i, l.quote = i+k+1, 0
			continue
		}
		for i < len(in) && !tagSpecial[in[i]] {
			i++
		}
		if i == len(in) {
			break
		}
		c := in[i]
		i++
		if c == '<' {
			l.pos = i
			return l.fail(FaultTagLT, nil, nil)
		}
		if c != '>' {
			l.quote = c
			continue
		}
		end = i - 1
		break
	}
	l.pos = i
	if end < 0 {
		if !l.final {
			l.keep(in[start:i])
		}
		return none
	}
	l.state = stText
	if len(l.carry) == 0 && !l.long {
		// The whole tag is in this chunk: no copy.
		t := in[start:end]
		if len(t) > 0 {
			l.last = t[len(t)-1]
		}
		if l.opt.MaxTag > 0 && len(t) > l.opt.MaxTag {
			t, l.long = t[:l.opt.MaxTag], true
		}
		return l.tagToken(t)
	}
	l.keep(in[start:end])
	return l.tagToken(l.carry)
}

// keep appends b to the current tag, up to MaxTag.
func (l *Lexer) keep(b []byte) {
	if len(b) == 0 {
		return
	}
	l.last = b[len(b)-1]
	if room := l.opt.MaxTag - len(l.carry); l.opt.MaxTag > 0 && len(b) > room {
		b, l.long = b[:room], true
	}
	l.carry = append(l.carry, b...)
}

// tagToken makes the token of a complete tag, t being its text after '<' or "</" (at most
// MaxTag bytes): its name and attributes must be well formed, and an end tag must close an
// open element (with MatchEnds, the one last opened).
func (l *Lexer) tagToken(t []byte) Kind {
	self := !l.isEnd && l.last == '/'
	if self && !l.long {
		t = t[:len(t)-1]
	}
	n, colon, qname := scanName(t, 0)
	if n == 0 || !nameStart[t[0]] || n < len(t) && !isSpace[t[n]] {
		return l.fail(FaultName, t[:min(len(t), 40)], nil)
	}
	l.qname = qname
	return l.commit(t, n, colon, self, false)
}

// commit makes the token of a tag whose name is well formed: t is its text, t[:n] its
// name with its last colon at colon; parsed tells that l.attrs holds its attributes.
func (l *Lexer) commit(t []byte, n, colon int, self, parsed bool) Kind {
	l.tag, l.nameEnd, l.colon, l.self = t, n, colon, self
	qname := t[:n]
	if l.isEnd {
		for _, c := range t[n:] {
			if !isSpace[c] {
				return l.fail(FaultEndTag, qname, nil)
			}
		}
		if l.depth == 0 {
			return l.fail(FaultEndUnopened, qname, nil)
		}
		l.depth--
		if l.opt.MatchEnds {
			from := l.from()
			if !bytes.Equal(l.names[from:], qname) {
				return l.fail(FaultEndMismatch, qname, l.names[from:])
			}
			l.names, l.ends = l.names[:from], l.ends[:len(l.ends)-1]
		}
		return End
	}
	if !parsed {
		l.attrs = l.attrs[:0]
		if !l.long && !l.parseAttrs(t, n) {
			return l.fail(FaultAttr, qname, nil)
		}
	}
	if !self {
		l.depth++
		if l.opt.MatchEnds {
			l.names = append(l.names, qname...)
			l.ends = append(l.ends, len(l.names))
		}
	}
	return Start
}

// quickTag reads in one pass a tag that lies whole in the chunk and fits MaxTag, making the token tagBytes and tagToken would make; it
// returns false for anything else, having changed nothing they depend on, and they then
// read the tag and refuse it if they must.
func (l *Lexer) quickTag() (Kind, bool) {
	in, start := l.in, l.pos
	if !nameStart[in[start]] {
		return none, false
	}
	i, colon, qname := scanName(in, start)
	if colon >= 0 {
		colon -= start
	}
	n, self := i-start, false
	l.attrs = l.attrs[:0]
	for {
		sp := i
		for i < len(in) && isSpace[in[i]] {
			i++
		}
		if i == len(in) {
			return none, false
		}
		c := in[i]
		if c == '>' {
			break
		}
		if c == '/' {
			if l.isEnd || i+1 == len(in) || in[i+1] != '>' {
				return none, false
			}
			self = true
			break
		}
		if l.isEnd || len(l.attrs) == 0 && sp == i || !nameStart[c] {
			return none, false
		}
		n0, acolon, plain, qn := i, i-1, true, true
		j := i
		for j < len(in) && nameClass[in[j]] == 1 {
			j++
		}
		if j < len(in) && nameClass[in[j]] > 1 {
			var c int
			if j, c, qn = scanQName(in, i, j); c >= 0 {
				acolon = c
			}
		}
		i = j
		n1 := i
		for i < len(in) && isSpace[in[i]] {
			i++
		}
		if i == len(in) || in[i] != '=' {
			return none, false
		}
		for i++; i < len(in) && isSpace[in[i]]; i++ {
		}
		if i == len(in) || in[i] != '"' && in[i] != '\'' {
			return none, false
		}
		q, stop := in[i], &valueStopD
		if q == '\'' {
			stop = &valueStopS
		}
		i++
		v0 := i
		for i < len(in) && !stop[in[i]] {
			i++
		}
		if i == len(in) {
			return none, false
		}
		if in[i] != q {
			plain = false
			k := bytes.IndexByte(in[i:], q)
			if k < 0 || bytes.IndexByte(in[i:i+k], '<') >= 0 {
				return none, false
			}
			i += k
		}
		l.attrs = append(l.attrs, Attr{})
		a := &l.attrs[len(l.attrs)-1] // filled in place: no copy of a struct built on the stack
		a.N0, a.Colon, a.N1, a.V0, a.V1 = int32(n0-start), int32(acolon-start), int32(n1-start), int32(v0-start), int32(i-start)
		a.Plain, a.QName = plain, qn
		i++
	}
	end := i + 1 // after '>'
	if self {
		end++
	}
	if l.opt.MaxTag > 0 && end-1-start > l.opt.MaxTag {
		return none, false
	}
	l.pos, l.state, l.qname, l.long = end, stText, qname, false
	return l.commit(in[start:i], n, colon, self, true), true
}

// parseAttrs parses the attributes of the start tag t, which begin at from, into l.attrs.
// It returns false when they are malformed or a value holds '<'.
func (l *Lexer) parseAttrs(t []byte, from int) bool {
	for i := from; ; {
		for i < len(t) && isSpace[t[i]] {
			i++
		}
		if i == len(t) {
			return true
		}
		if !nameStart[t[i]] {
			return false
		}
		a := Attr{N0: int32(i), Colon: int32(i - 1)}
		end, colon, qn := scanName(t, i)
		if colon >= 0 {
			a.Colon = int32(colon)
		}
		i, a.QName = end, qn
		a.N1 = int32(i)
		for i < len(t) && isSpace[t[i]] {
			i++
		}
		if i == len(t) || t[i] != '=' {
			return false
		}
		for i++; i < len(t) && isSpace[t[i]]; i++ {
		}
		if i == len(t) || t[i] != '"' && t[i] != '\'' {
			return false
		}
		q := t[i]
		i++
		a.V0, a.Plain = int32(i), true
		for i < len(t) && t[i] != q {
			if valueSpecial[t[i]] {
				a.Plain = false
				break
			}
			i++
		}
		if !a.Plain {
			k := bytes.IndexByte(t[i:], q)
			if k < 0 {
				return false
			}
			i += k
			if bytes.IndexByte(t[a.V0:i], '<') >= 0 {
				return false
			}
		} else if i == len(t) {
			return false
		}
		a.V1 = int32(i)
		i++
		l.attrs = append(l.attrs, a)
	}
}

// AttrLocal returns the name of an attribute without its prefix.
func (l *Lexer) AttrLocal(a Attr) []byte { return l.tag[a.Colon+1 : a.N1] }

// AttrValue returns the value of an attribute as written between its quotes.
func (l *Lexer) AttrValue(a Attr) []byte { return l.tag[a.V0:a.V1] }
