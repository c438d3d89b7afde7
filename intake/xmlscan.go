package intake

import (
	"bytes"
	"fmt"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/xmltext"
)

// xmlHook receives the elements of one XML part from an xmlScanner. Names are local names
// (without a namespace prefix); in start, s.attr gives the attributes of the tag; depth is
// the nesting depth of the element (0 for the root).
type xmlHook interface {
	start(s *xmlScanner, name []byte, depth int, selfClosing bool)
	end(s *xmlScanner, name []byte, depth int)
	text(s *xmlScanner, b []byte)
}

// Scanner states.
const (
	stText    = iota // character data, looking for '<'
	stOpen           // just after '<'
	stTag            // inside a start or end tag
	stBang           // just after "<!"
	stComment        // inside <!-- -->
	stCDATA          // inside <![CDATA[ ]]>
	stPI             // inside <? ?>
)

// maxTag caps the bytes of one tag the scanner keeps for its hooks; the elements hooks look
// at (row, c, mergeCell, sheet, Relationship) are far shorter in every real file.
const maxTag = 1024

// tagSpecial marks the bytes that end a run of ordinary bytes inside a tag.
var tagSpecial = [256]bool{'>': true, '"': true, '\'': true, '<': true}

// xmlScanner is an io.Writer that checks an XML part as it streams through, without
// building a tree: it refuses NUL bytes, document type and entity declarations, nesting
// deeper than a limit, and unterminated markup, and hands elements to a hook chosen by the
// root element. It stops at its first fault; the part is then refused.
type xmlScanner struct {
	part       string
	maxDepth   int
	checkDepth bool // false for VML, which Excel itself writes with unclosed <br> tags
	pick       func(root []byte) xmlHook

	state  int
	depth  int
	quote  byte   // the quote of an attribute value being read, or 0
	isEnd  bool   // the current tag is an end tag
	tag    []byte // the current tag's text after '<' or "</", capped at maxTag
	long   bool   // the current tag was longer than maxTag
	last   byte   // the last byte of the current tag, kept even past maxTag
	mark   int    // bytes matched of a terminator or of "[CDATA["
	root   []byte // local name of the root element
	rooted bool   // the root element has started
	names  []byte // qualified names of the open elements, concatenated
	ends   []int  // where each open element's name ends in names
	inRef  bool   // inside an entity reference in character data
	ref    []byte // the reference's text so far, after '&'
	attrs  []attr // the attributes of the current start tag, unless long
	cur    []byte // the current start tag, which attrs point into
	unesc  []byte // unescaped attribute values of the current tag
	hook   xmlHook
	textOn bool // the hook wants character data now

	fault    gyqc.Rule // rule of the first fault
	faultMsg string    // and its message
}

// reset prepares the scanner for a new part, keeping its buffer.
func (s *xmlScanner) reset(part string, maxDepth int, checkDepth bool, pick func([]byte) xmlHook) {
	*s = xmlScanner{part: part, maxDepth: maxDepth, checkDepth: checkDepth, pick: pick,
		tag: s.tag[:0], root: s.root[:0], names: s.names[:0], ends: s.ends[:0], ref: s.ref[:0], attrs: s.attrs[:0], unesc: s.unesc[:0]}
}

// failf records the first fault.
func (s *xmlScanner) failf(rule gyqc.Rule, format string, args ...any) {
	if s.fault == "" {
		s.fault, s.faultMsg = rule, fmt.Sprintf(format, args...)
	}
}

// Write scans the next bytes of the part. It never returns an error: faults are kept for
// finish, and the bytes after a fault are only counted.
func (s *xmlScanner) Write(p []byte) (int, error) {
	if s.fault != "" {
		return len(p), nil
	}
	if bytes.IndexByte(p, 0) >= 0 {
		s.failf(RuleXMLSyntax, "部件“%s”含有空字符（0x00），不是有效的 XML", s.part)
		return len(p), nil
	}
	for i := 0; i < len(p) && s.fault == ""; {
		switch s.state {
		case stText:
			end := len(p)
			j := bytes.IndexByte(p[i:], '<')
			if j >= 0 {
				end = i + j
			}
			if seg := p[i:end]; len(seg) > 0 {
				if s.inRef || bytes.IndexByte(seg, '&') >= 0 {
					s.refs(seg)
				}
				if s.textOn {
					s.hook.text(s, seg)
				}
			}
			if j < 0 {
				i = len(p)
				continue
			}
			if s.inRef {
				s.failf(RuleXMLSyntax, "部件“%s”含有未结束的实体引用“&%s”", s.part, short(s.ref))
			}
			i = end + 1
			s.state = stOpen
		case stOpen:
			s.tag, s.long, s.last, s.mark = s.tag[:0], false, 0, 0
			switch p[i] {
			case '/':
				s.isEnd, s.state = true, stTag
				i++
			case '?':
				s.state = stPI
				i++
			case '!':
				s.state = stBang
				i++
			default:
				s.isEnd, s.state = false, stTag
			}
		case stTag:
			i = s.tagBytes(p, i)
		case stBang:
			s.tag = append(s.tag, p[i])
			i++
			s.bang()
		case stComment:
			i += s.skipTo(p[i:], '-', 2, false)
		case stPI:
			i += s.skipTo(p[i:], '?', 1, false)
		case stCDATA:
			i += s.skipTo(p[i:], ']', 2, s.textOn)
		}
	}
	return len(p), nil
}

// tagBytes reads the bytes of a start or end tag from p[i:], up to the '>' that ends it
// (jumping over quoted values), and returns where it stopped: at the end of p when the tag
// goes on in the next chunk, else just after the '>'.
func (s *xmlScanner) tagBytes(p []byte, i int) int {
	// Find the '>' that ends the tag, jumping over quoted values.
	start, end := i, -1
	for i < len(p) {
		if s.quote != 0 {
			k := bytes.IndexByte(p[i:], s.quote)
			if k < 0 {
				i = len(p)
				break
			}
			i, s.quote = i+k+1, 0
			continue
		}
		for i < len(p) && !tagSpecial[p[i]] {
			i++
		}
		if i == len(p) {
			break
		}
		c := p[i]
		i++
		if c == '<' {
			s.failf(RuleXMLSyntax, "部件“%s”的标签中出现了“<”，XML 结构异常", s.part)
			break
		}
		if c != '>' {
			s.quote = c
			continue
		}
		end = i - 1
		break
	}
	if end < 0 {
		s.keep(p[start:i]) // the tag goes on in the next chunk
		return i
	}
	s.state = stText
	if len(s.tag) == 0 && !s.long {
		// The whole tag is in this chunk: no copy.
		t := p[start:end]
		if len(t) > 0 {
			s.last = t[len(t)-1]
		}
		if len(t) > maxTag {
			t, s.long = t[:maxTag], true
		}
		s.finishTag(t)
	} else {
		s.keep(p[start:end])
		s.finishTag(s.tag)
	}
	return i
}

// keep appends b to the current tag up to maxTag.
func (s *xmlScanner) keep(b []byte) {
	if len(b) == 0 {
		return
	}
	s.last = b[len(b)-1]
	if room := maxTag - len(s.tag); len(b) > room {
		b, s.long = b[:room], true
	}
	s.tag = append(s.tag, b...)
}

// bang decides what a "<!" starts once enough bytes are in: a comment, a CDATA section or a
// declaration (DOCTYPE, ENTITY, ELEMENT, ATTLIST, NOTATION), which is refused.
func (s *xmlScanner) bang() {
	t := s.tag
	switch {
	case t[0] == '-':
		if len(t) == 2 {
			if t[1] != '-' {
				s.failf(RuleXMLSyntax, "部件“%s”的注释格式错误", s.part)
			}
			s.state, s.mark = stComment, 0
		}
	case t[0] == '[':
		const cdata = "[CDATA["
		if t[len(t)-1] != cdata[len(t)-1] {
			s.failf(RuleXMLSyntax, "部件“%s”的 CDATA 段格式错误", s.part)
		} else if len(t) == len(cdata) {
			s.state, s.mark = stCDATA, 0
		}
	case t[0] >= 'A' && t[0] <= 'Z' || t[0] >= 'a' && t[0] <= 'z':
		s.failf(RuleXMLDTD, "部件“%s”含有文档类型或实体声明（<!DOCTYPE>、<!ENTITY>），Excel 和 WPS 保存的文件不会有，疑似恶意文件", s.part)
	default:
		s.failf(RuleXMLSyntax, "部件“%s”含有无法识别的标记“<!”", s.part)
	}
}

// skipTo consumes bytes up to and including the terminator made of n copies of c followed
// by '>' ("-->", "?>", "]]>"), passing the bytes before it to the hook when text is set.
// It returns the bytes consumed. Inside a comment, "--" must be followed by '>'.
func (s *xmlScanner) skipTo(p []byte, c byte, n int, text bool) int {
	for i := 0; i < len(p); i++ {
		b := p[i]
		switch {
		case b == c:
			if s.mark == n {
				if c == '-' {
					s.failf(RuleXMLSyntax, "部件“%s”的注释中含有“--”", s.part)
					return len(p)
				}
				if text {
					s.hook.text(s, p[i:i+1])
				}
				continue
			}
			s.mark++
		case b == '>' && s.mark == n:
			s.state, s.mark = stText, 0
			return i + 1
		default:
			if c == '-' && s.mark == n {
				s.failf(RuleXMLSyntax, "部件“%s”的注释中含有“--”", s.part)
				return len(p)
			}
			if text {
				for ; s.mark > 0; s.mark-- {
					s.hook.text(s, []byte{c})
				}
				s.hook.text(s, p[i:i+1])
			}
			s.mark = 0
		}
	}
	return len(p)
}

// finishTag handles a complete start or end tag, t being its text after '<' or "</" (at
// most maxTag bytes): its name and attributes must be well formed, and an end tag must
// close the element last opened.
func (s *xmlScanner) finishTag(t []byte) {
	self := !s.isEnd && s.last == '/'
	if self && !s.long {
		t = t[:len(t)-1]
	}
	n, colon := 0, -1
	for n < len(t) && xmltext.IsNameByte(t[n]) {
		if t[n] == ':' {
			colon = n
		}
		n++
	}
	qname := t[:n]
	if n == 0 || !xmltext.IsNameStart(t[0]) || n < len(t) && !xmltext.IsSpace(t[n]) {
		s.failf(RuleXMLSyntax, "部件“%s”含有名称无效的标签“%s”", s.part, short(t[:min(len(t), 40)]))
		return
	}
	name := qname[colon+1:]
	if s.isEnd {
		for _, c := range t[n:] {
			if !xmltext.IsSpace(c) {
				s.failf(RuleXMLSyntax, "部件“%s”的结束标签“%s”格式错误", s.part, short(qname))
				return
			}
		}
		s.depth--
		if s.depth < 0 {
			s.failf(RuleXMLSyntax, "部件“%s”的结束标签多于开始标签，XML 结构异常", s.part)
			return
		}
		if s.checkDepth {
			from := 0
			if k := len(s.ends); k > 1 {
				from = s.ends[k-2]
			}
			if !bytes.Equal(s.names[from:], qname) {
				s.failf(RuleXMLSyntax, "部件“%s”的结束标签“%s”与开始标签“%s”不匹配，XML 结构异常", s.part, short(qname), short(s.names[from:]))
				return
			}
			s.names, s.ends = s.names[:from], s.ends[:len(s.ends)-1]
		}
		if s.hook != nil {
			s.hook.end(s, name, s.depth)
		}
		return
	}
	s.attrs = s.attrs[:0]
	if !s.long && !s.parseAttrs(t, n) {
		s.failf(RuleXMLSyntax, "部件“%s”的标签“%s”的属性格式错误", s.part, short(qname))
		return
	}
	if s.depth == 0 {
		if s.rooted {
			s.failf(RuleXMLSyntax, "部件“%s”有不止一个根元素，XML 结构异常", s.part)
			return
		}
		s.root, s.rooted = append(s.root[:0], name...), true
		if s.pick != nil {
			s.hook = s.pick(name)
		}
	}
	depth := s.depth
	if !self {
		s.depth++
		if s.checkDepth && s.depth > s.maxDepth {
			s.failf(RuleXMLDepth, "部件“%s”的 XML 嵌套超过%d层，疑似恶意文件", s.part, s.maxDepth)
			return
		}
		if s.checkDepth {
			s.names = append(s.names, qname...)
			s.ends = append(s.ends, len(s.names))
		}
	}
	if s.hook != nil {
		s.hook.start(s, name, depth, self)
	}
}

// attr is one attribute of the current start tag: the offsets of its local name and value
// in the tag, or, when esc is set, of its unescaped value in xmlScanner.unesc. Offsets keep
// the slice free of pointers, which matters at one append per attribute.
type attr struct {
	n0, n1, v0, v1 int32
	esc            bool
}

// parseAttrs parses the attributes of the start tag t, which begin at from, into s.attrs.
// It returns false when they are malformed or a value holds an unknown entity.
func (s *xmlScanner) parseAttrs(t []byte, from int) bool {
	s.cur, s.attrs, s.unesc = t, s.attrs[:0], s.unesc[:0]
	for i := from; ; {
		for i < len(t) && xmltext.IsSpace(t[i]) {
			i++
		}
		if i == len(t) {
			return true
		}
		if !xmltext.IsNameStart(t[i]) {
			return false
		}
		a := attr{n0: int32(i)}
		for i < len(t) && xmltext.IsNameByte(t[i]) {
			if t[i] == ':' {
				a.n0 = int32(i + 1)
			}
			i++
		}
		a.n1 = int32(i)
		for i < len(t) && xmltext.IsSpace(t[i]) {
			i++
		}
		if i == len(t) || t[i] != '=' {
			return false
		}
		for i++; i < len(t) && xmltext.IsSpace(t[i]); i++ {
		}
		if i == len(t) || t[i] != '"' && t[i] != '\'' {
			return false
		}
		end := bytes.IndexByte(t[i+1:], t[i])
		if end < 0 {
			return false
		}
		a.v0, a.v1 = int32(i+1), int32(i+1+end)
		i += end + 2
		if bytes.IndexByte(t[a.v0:a.v1], '<') >= 0 {
			return false
		}
		if v := t[a.v0:a.v1]; bytes.IndexByte(v, '&') >= 0 {
			u, ok := unescape(v)
			if !ok {
				return false
			}
			a.esc, a.v0 = true, int32(len(s.unesc))
			s.unesc = append(s.unesc, u...)
			a.v1 = int32(len(s.unesc))
		}
		s.attrs = append(s.attrs, a)
	}
}

// attr returns the value of the current start tag's attribute with the local name (the
// last one, as encoding/xml does when names repeat), or nil.
func (s *xmlScanner) attr(name string) []byte {
	var v []byte
	for _, a := range s.attrs {
		if string(s.cur[a.n0:a.n1]) == name {
			if a.esc {
				v = s.unesc[a.v0:a.v1:a.v1]
			} else {
				v = s.cur[a.v0:a.v1:a.v1]
			}
		}
	}
	return v
}

// finish checks that the part did not end in the middle of markup or with open elements,
// and returns the rule of the part's fault, "" when it has none. It may be called again.
func (s *xmlScanner) finish() gyqc.Rule {
	if s.fault == "" && (s.state != stText || s.inRef || s.checkDepth && s.depth != 0) {
		s.failf(RuleXMLSyntax, "部件“%s”的 XML 不完整（标签未结束），文件可能被截断", s.part)
	}
	return s.fault
}
