package xmltext

import "bytes"

// Fault says why a Lexer stopped before the end of its input.
type Fault uint8

// Faults.
const (
	NoFault          Fault = iota
	FaultTagLT             // '<' inside a tag
	FaultName              // a tag's name is missing or not followed by white space
	FaultEndTag            // an end tag holds more than its name
	FaultEndUnopened       // an end tag with no element open
	FaultEndMismatch       // an end tag that does not close the element last opened (MatchEnds)
	FaultAttr              // malformed attributes, or '<' in a value
	FaultComment           // "<!-" not followed by '-'
	FaultCommentDash       // "--" inside a comment
	FaultCDATA             // "<![" not followed by "CDATA["
	FaultDecl              // a declaration: <!DOCTYPE, <!ENTITY, <!ELEMENT, <!ATTLIST, <!NOTATION
	FaultBang              // "<!" followed by anything else
	FaultIncomplete        // the input ends inside markup or (MatchEnds) inside an element
)

var faultText = [...]string{
	NoFault:          "no fault",
	FaultTagLT:       "'<' inside a tag",
	FaultName:        "invalid tag name",
	FaultEndTag:      "invalid characters in end tag",
	FaultEndUnopened: "end tag without a start tag",
	FaultEndMismatch: "end tag does not close the open element",
	FaultAttr:        "malformed attribute",
	FaultComment:     "malformed comment",
	FaultCommentDash: `"--" inside a comment`,
	FaultCDATA:       "malformed CDATA section",
	FaultDecl:        "declaration (<!DOCTYPE or similar)",
	FaultBang:        "unknown markup after <!",
	FaultIncomplete:  "input ends inside markup or an element",
}

// String says what the fault is, in English.
func (f Fault) String() string {
	if int(f) < len(faultText) {
		return faultText[f]
	}
	return "unknown fault"
}

// cdataOpen follows "<!" at the start of a CDATA section.
const cdataOpen = "[CDATA["

// brackets are the ']' of a CDATA section held back at a chunk's end.
var brackets = []byte("]]")

// bang decides what a "<!" starts once enough bytes are in: a comment, a CDATA section or a
// declaration (DOCTYPE, ENTITY, ELEMENT, ATTLIST, NOTATION), which is refused.
func (l *Lexer) bang() {
	l.carry = append(l.carry, l.in[l.pos])
	l.pos++
	t := l.carry
	switch c := t[0]; {
	case c == '-':
		if len(t) == 2 {
			if t[1] != '-' {
				l.fail(FaultComment, nil, nil)
				return
			}
			l.state, l.mark = stComment, 0
		}
	case c == '[':
		if t[len(t)-1] != cdataOpen[len(t)-1] {
			l.fail(FaultCDATA, nil, nil)
		} else if len(t) == len(cdataOpen) {
			l.state, l.mark = stCDATA, 0
		}
	case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
		l.fail(FaultDecl, nil, nil)
	default:
		l.fail(FaultBang, nil, nil)
	}
}

// comment skips the content of a comment up to "-->"; "--" must be followed by '>'.
func (l *Lexer) comment() Kind {
	in := l.in
	for i := l.pos; i < len(in); i++ {
		if l.mark == 0 {
			k := bytes.IndexByte(in[i:], '-')
			if k < 0 {
				break
			}
			i += k
		}
		switch b := in[i]; {
		case b == '-':
			if l.mark == 2 {
				l.pos = i
				return l.fail(FaultCommentDash, nil, nil)
			}
			l.mark++
		case b == '>' && l.mark == 2:
			l.state, l.mark, l.pos = stText, 0, i+1
			return Comment
		default:
			if l.mark == 2 {
				l.pos = i
				return l.fail(FaultCommentDash, nil, nil)
			}
			l.mark = 0
		}
	}
	l.pos = len(in)
	return none
}

// procInst skips a processing instruction up to "?>".
func (l *Lexer) procInst() Kind {
	in, i := l.in, l.pos
	if l.mark == 1 && in[i] == '>' { // "?" ended the last chunk
		l.state, l.mark, l.pos, l.raw = stText, 0, i+1, nil
		return ProcInst
	}
	l.mark = 0
	k := bytes.Index(in[i:], []byte("?>"))
	if k < 0 {
		if in[len(in)-1] == '?' {
			l.mark = 1
		}
		l.pos = len(in)
		return none
	}
	l.raw = nil
	if l.piAt >= 0 {
		l.raw = in[l.piAt : i+k]
	}
	l.state, l.pos = stText, i+k+2
	return ProcInst
}

// cdata reads the content of a CDATA section up to "]]>". Within a chunk it comes whole;
// across chunks in pieces, with up to two ']' held back at a chunk's end until the next
// shows whether they end the section.
func (l *Lexer) cdata() Kind {
	in, i := l.in, l.pos
	if l.mark > 0 {
		switch c := in[i]; {
		case c == '>' && l.mark == 2:
			l.state, l.mark, l.pos, l.raw = stText, 0, i+1, nil
			return CData
		case c == ']' && l.mark < 2:
			l.mark++
			l.pos++
			return none
		case c == ']':
			l.pos++
			l.raw = brackets[:1] // the first of three is content
			return CData
		default:
			l.raw, l.mark = brackets[:l.mark], 0
			return CData
		}
	}
	if k := bytes.Index(in[i:], []byte("]]>")); k >= 0 {
		l.state, l.pos, l.raw = stText, i+k+3, in[i:i+k]
		return CData
	}
	j := len(in)
	for j > i && len(in)-j < 2 && in[j-1] == ']' {
		j--
	}
	l.mark, l.pos, l.raw = len(in)-j, len(in), in[i:j]
	if j == i {
		return none
	}
	return CData
}
