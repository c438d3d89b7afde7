package xmltext

import "bytes"

// Kind is the kind of a token a Lexer reads.
type Kind uint8

// Token kinds.
const (
	EOF      Kind = iota // the input is used up, or a fault stopped the lexer (see Fault)
	More                 // the chunk fed is used up: Feed the next one, or Close
	Start                // a start tag; SelfClosing for <x/>, which has no End
	End                  // an end tag
	Text                 // character data up to the next '<' (split at chunk ends)
	CData                // the content of a CDATA section (split at chunk ends; its last piece may be empty)
	Comment              // the end of a comment, whose content is skipped
	ProcInst             // the end of a processing instruction; Raw holds its content when it lay in one chunk
)

// none is the internal result of a step that completed no token.
const none Kind = 255

// Lexer states.
const (
	stText    = iota // character data, looking for '<'
	stOpen           // just after '<'
	stTag            // inside a start or end tag
	stBang           // just after "<!"
	stComment        // inside <!-- -->
	stCDATA          // inside <![CDATA[ ]]>
	stPI             // inside <? ?>
)

// Options set what a Lexer keeps and checks.
type Options struct {
	// MaxTag caps the bytes of one tag the lexer copies when the tag spans chunks, and marks
	// longer tags Long: their name and form are checked but their attributes are not read.
	// 0 reads every tag whole (for input fed in one piece).
	MaxTag int
	// MatchEnds keeps the names of the open elements: an end tag must close the element
	// last opened, and the input must not end with elements open.
	MatchEnds bool
}

// Lexer is the one XML tokenizer of gyqc: a pull lexer over input fed in chunks (the
// intake's pre-scan, pushed the bytes of an untrusted part as they inflate) or in one piece
// (the fast reader, over a part held whole). It reads markup as encoding/xml delimits it —
// tags with quoted attributes, comments, processing instructions, CDATA sections — and
// refuses declarations (<!DOCTYPE, <!ENTITY), '<' inside a tag, malformed names and
// attributes, "--" inside a comment, end tags that close nothing (or, with MatchEnds, not
// the element last opened) and input that ends inside markup. It checks no characters of
// text or attribute values and decodes no entities: what a caller accepts there is its own
// rule, built from the functions of this package.
//
// Tokens point into the input (or into the lexer's own copy of a tag that spans chunks) and
// stay valid until the next call of Next or Feed.
type Lexer struct {
	opt   Options
	in    []byte // the current chunk
	pos   int    // the next byte of it to read
	off   int64  // bytes of input before the current chunk
	final bool   // no input follows the current chunk

	state int
	isEnd bool   // the current tag is an end tag
	quote byte   // the quote of an attribute value being skipped, or 0
	mark  int    // bytes matched of a terminator
	carry []byte // the current tag (or "<!" lookahead) when it spans chunks, capped at MaxTag
	long  bool   // the current tag was longer than MaxTag
	last  byte   // the last byte of the current tag, kept even past MaxTag
	piAt  int    // where the current processing instruction's content starts in in, -1 when in an earlier chunk

	names []byte // qualified names of the open elements, concatenated (MatchEnds)
	ends  []int  // where each open element's name ends in names
	depth int    // open elements

	tag     []byte // the current tag's text after '<' or "</"
	nameEnd int    // its qualified name is tag[:nameEnd]
	colon   int    // the last colon of the name, or -1
	qname   bool   // the name is an ASCII qualified name
	self    bool
	attrs   []Attr
	raw     []byte

	fault           Fault
	detail, detail2 []byte
}

// Reset prepares the lexer for new input, keeping its buffers.
func (l *Lexer) Reset(opt Options) {
	if l.ends == nil { // room for what most parts need, in one go
		l.names, l.ends, l.attrs = make([]byte, 0, 64), make([]int, 0, 16), make([]Attr, 0, 8)
	}
	*l = Lexer{opt: opt, carry: l.carry[:0], names: l.names[:0], ends: l.ends[:0], attrs: l.attrs[:0]}
}

// Whole resets the lexer and feeds it p as the whole input.
func (l *Lexer) Whole(p []byte, opt Options) {
	l.Reset(opt)
	l.in, l.final = p, true
}

// Feed gives the lexer the next chunk of input, once Next has returned More.
func (l *Lexer) Feed(p []byte) {
	l.off += int64(len(l.in))
	l.in, l.pos = p, 0
	if l.state == stPI {
		l.piAt = -1
	}
}

// Close tells the lexer that no input follows the chunks fed.
func (l *Lexer) Close() {
	l.off += int64(len(l.in))
	l.in, l.pos, l.final = nil, 0, true
}

// Next reads the next token.
func (l *Lexer) Next() Kind {
	for l.fault == NoFault {
		if l.pos >= len(l.in) {
			if !l.final {
				return More
			}
			return l.eof()
		}
		var k Kind
		switch l.state {
		case stText:
			if l.in[l.pos] != '<' {
				return l.text()
			}
			l.pos++
			if l.pos == len(l.in) {
				l.state = stOpen
				continue
			}
			if k, ok := l.quickStart(); ok {
				return k
			}
			k = none
			if l.open(); l.state == stTag && l.pos < len(l.in) {
				k = l.tagBytes()
			}
		case stOpen:
			l.open()
			continue
		case stTag:
			k = l.tagBytes()
		case stBang:
			l.bang()
			continue
		case stComment:
			k = l.comment()
		case stPI:
			k = l.procInst()
		case stCDATA:
			k = l.cdata()
		}
		if k != none {
			return k
		}
	}
	return EOF
}

// eof ends the input: it must not stop inside markup, nor (MatchEnds) inside an element.
func (l *Lexer) eof() Kind {
	if l.state != stText || l.opt.MatchEnds && l.depth != 0 {
		var top []byte
		if l.opt.MatchEnds && l.depth != 0 {
			top = l.names[l.from():]
		}
		return l.fail(FaultIncomplete, top, nil)
	}
	return EOF
}

// text reads character data up to the next '<'.
func (l *Lexer) text() Kind {
	in := l.in[l.pos:]
	k := 0 // most text between tags is short: a loop finds its end before IndexByte would start
	for k < len(in) && k < 16 && in[k] != '<' {
		k++
	}
	if k == 16 {
		if j := bytes.IndexByte(in[k:], '<'); j >= 0 {
			k += j
		} else {
			k = len(in)
		}
	}
	l.raw = in[:k]
	l.pos += k
	return Text
}

// quickStart reads the start or end tag after '<' in one pass when it can (see quickTag),
// leaving the lexer just after the '<' when it cannot.
func (l *Lexer) quickStart() (Kind, bool) {
	switch l.in[l.pos] {
	case '?', '!':
		return none, false
	case '/':
		if l.pos+1 == len(l.in) {
			return none, false
		}
		l.pos++
		l.isEnd = true
		if k, ok := l.quickTag(); ok {
			return k, true
		}
		l.pos--
		return none, false
	}
	l.isEnd = false
	return l.quickTag()
}

// open decides what the markup after '<' is.
func (l *Lexer) open() {
	l.carry, l.long, l.last, l.mark, l.quote = l.carry[:0], false, 0, 0, 0
	switch l.in[l.pos] {
	case '/':
		l.isEnd, l.state = true, stTag
		l.pos++
	case '?':
		l.state = stPI
		l.pos++
		l.piAt = l.pos
	case '!':
		l.state = stBang
		l.pos++
	default:
		l.isEnd, l.state = false, stTag
	}
}

// fail stops the lexer with a fault.
func (l *Lexer) fail(f Fault, detail, detail2 []byte) Kind {
	if l.fault == NoFault {
		l.fault, l.detail, l.detail2 = f, detail, detail2
	}
	return EOF
}

// from returns where the innermost open element's name starts in names.
func (l *Lexer) from() int {
	if k := len(l.ends); k > 1 {
		return l.ends[k-2]
	}
	return 0
}

// InText reports whether the lexer is between markup, in character data.
func (l *Lexer) InText() bool { return l.state == stText }

// Offset returns the bytes of input read so far.
func (l *Lexer) Offset() int64 { return l.off + int64(l.pos) }

// Depth returns the number of open elements: after a Start it counts that element unless
// it is self-closing; after an End it no longer counts the element closed.
func (l *Lexer) Depth() int { return l.depth }

// Raw returns the bytes of a Text or CData token, or the content of a ProcInst token
// (after "<?", before "?>"; nil when it did not lie in one chunk).
func (l *Lexer) Raw() []byte { return l.raw }

// Tag returns the text of the current tag after '<' or "</", before '>' (and before the
// '/' of a self-closing tag), capped at MaxTag. Attr offsets point into it.
func (l *Lexer) Tag() []byte { return l.tag }

// Name returns the qualified name of the current tag.
func (l *Lexer) Name() []byte { return l.tag[:l.nameEnd] }

// Local returns the name of the current tag without its prefix (after the last colon).
func (l *Lexer) Local() []byte { return l.tag[l.colon+1 : l.nameEnd] }

// Colon returns where the prefix of the current tag's name ends in it, or -1.
func (l *Lexer) Colon() int { return l.colon }

// QName reports whether the current tag's name is an ASCII qualified name of Namespaces in
// XML: at most one colon, between two non-empty parts, neither starting with a digit, '.'
// or '-'.
func (l *Lexer) QName() bool { return l.qname }

// SelfClosing reports whether the current start tag is <x/>.
func (l *Lexer) SelfClosing() bool { return l.self }

// Long reports whether the current tag was longer than MaxTag; its attributes are not read.
func (l *Lexer) Long() bool { return l.long }

// Attrs returns the attributes of the current start tag, in order.
func (l *Lexer) Attrs() []Attr { return l.attrs }

// Fault returns why the lexer stopped, NoFault if it did not.
func (l *Lexer) Fault() Fault { return l.fault }

// Detail returns what the fault names: the start of a tag with a malformed name
// (FaultName, at most 40 bytes), the name of a tag (FaultEndTag, FaultEndUnopened,
// FaultEndMismatch, FaultAttr) or the open element (FaultIncomplete with MatchEnds).
func (l *Lexer) Detail() []byte { return l.detail }

// Open returns the name of the element an end tag did not close (FaultEndMismatch).
func (l *Lexer) Open() []byte { return l.detail2 }
