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

// maxTag caps the bytes of one tag the lexer keeps for the hooks; the elements hooks look
// at (row, c, mergeCell, sheet, Relationship) are far shorter in every real file.
const maxTag = 1024

// xmlScanner is an io.Writer that checks an XML part as it streams through, without
// building a tree: it drives the one XML lexer (xmltext.Lexer) over the chunks and adds the
// intake's rules — no NUL bytes, only predefined entities and character references, one
// root, nesting no deeper than a limit — and hands elements to a hook chosen by the root
// element. It stops at its first fault; the part is then refused.
type xmlScanner struct {
	part       string
	maxDepth   int
	checkDepth bool // false for VML, which Excel itself writes with unclosed <br> tags
	pick       func(root []byte) xmlHook

	lx     xmltext.Lexer
	rooted bool   // the root element has started
	inRef  bool   // inside an entity reference in character data
	ref    []byte // the reference's text so far, after '&'
	long   bool   // the current start tag was longer than maxTag: no attributes
	unesc  []byte // unescaped attribute values of the current tag
	escs   []esc  // which attributes they belong to
	hook   xmlHook
	textOn bool // the hook wants character data now

	fault    gyqc.Rule // rule of the first fault
	faultMsg string    // and its message
}

// esc is the unescaped value of the i-th attribute of the current tag: unesc[v0:v1].
type esc struct{ i, v0, v1 int }

// reset prepares the scanner for a new part, keeping its buffers.
func (s *xmlScanner) reset(part string, maxDepth int, checkDepth bool, pick func([]byte) xmlHook) {
	lx := s.lx
	lx.Reset(xmltext.Options{MaxTag: maxTag, MatchEnds: checkDepth})
	*s = xmlScanner{part: part, maxDepth: maxDepth, checkDepth: checkDepth, pick: pick, lx: lx,
		ref: s.ref[:0], unesc: s.unesc[:0], escs: s.escs[:0]}
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
	s.lx.Feed(p)
	s.drain()
	return len(p), nil
}

// drain hands the tokens of the input fed so far to the hook, until the lexer wants more.
func (s *xmlScanner) drain() {
	lx := &s.lx
	for s.fault == "" {
		k := lx.Next()
		if k == xmltext.Text {
			if seg := lx.Raw(); s.inRef || bytes.IndexByte(seg, '&') >= 0 {
				s.refs(seg)
			}
			if s.textOn {
				s.hook.text(s, lx.Raw())
			}
			continue
		}
		// Markup began: a reference left open before it is unterminated.
		if s.inRef && s.markup(k) {
			s.failf(RuleXMLSyntax, "部件“%s”含有未结束的实体引用“&%s”", s.part, short(s.ref))
			return
		}
		switch k {
		case xmltext.More:
			return
		case xmltext.EOF:
			if lx.Fault() != xmltext.NoFault {
				s.lexFault()
			}
			return
		case xmltext.CData:
			if b := lx.Raw(); s.textOn && len(b) > 0 {
				s.hook.text(s, b)
			}
		case xmltext.Start:
			s.start()
		case xmltext.End:
			if s.hook != nil {
				s.hook.end(s, lx.Local(), lx.Depth())
			}
		}
	}
}

// markup reports whether the lexer has read into markup to give k: the '<' after an open
// reference. At the end of the part the reference is left to finish.
func (s *xmlScanner) markup(k xmltext.Kind) bool {
	switch k {
	case xmltext.More:
		return !s.lx.InText()
	case xmltext.EOF:
		f := s.lx.Fault()
		return f != xmltext.NoFault && f != xmltext.FaultIncomplete
	}
	return true
}

// start handles a start tag: its attribute values must hold known references only, there
// is one root, and elements nest no deeper than the limit.
func (s *xmlScanner) start() {
	lx := &s.lx
	s.long = lx.Long()
	if !s.unescapeAttrs() {
		s.failf(RuleXMLSyntax, "部件“%s”的标签“%s”的属性格式错误", s.part, short(lx.Name()))
		return
	}
	self, name := lx.SelfClosing(), lx.Local()
	depth := lx.Depth()
	if !self {
		depth--
	}
	if depth == 0 {
		if s.rooted {
			s.failf(RuleXMLSyntax, "部件“%s”有不止一个根元素，XML 结构异常", s.part)
			return
		}
		s.rooted = true
		if s.pick != nil {
			s.hook = s.pick(name)
		}
	}
	if !self && s.checkDepth && depth+1 > s.maxDepth {
		s.failf(RuleXMLDepth, "部件“%s”的 XML 嵌套超过%d层，疑似恶意文件", s.part, s.maxDepth)
		return
	}
	if s.hook != nil {
		s.hook.start(s, name, depth, self)
	}
}

// unescapeAttrs resolves the references in the attribute values of the current start tag.
// It returns false when a value holds an unknown entity.
func (s *xmlScanner) unescapeAttrs() bool {
	s.unesc, s.escs = s.unesc[:0], s.escs[:0]
	for i, a := range s.lx.Attrs() {
		if a.Plain {
			continue
		}
		v := s.lx.AttrValue(a)
		if bytes.IndexByte(v, '&') < 0 {
			continue
		}
		u, ok := unescape(v)
		if !ok {
			return false
		}
		e := esc{i: i, v0: len(s.unesc)}
		s.unesc = append(s.unesc, u...)
		e.v1 = len(s.unesc)
		s.escs = append(s.escs, e)
	}
	return true
}

// lexFault records the lexer's fault in the intake's words.
func (s *xmlScanner) lexFault() {
	lx := &s.lx
	switch lx.Fault() {
	case xmltext.FaultTagLT:
		s.failf(RuleXMLSyntax, "部件“%s”的标签中出现了“<”，XML 结构异常", s.part)
	case xmltext.FaultName:
		s.failf(RuleXMLSyntax, "部件“%s”含有名称无效的标签“%s”", s.part, short(lx.Detail()))
	case xmltext.FaultEndTag:
		s.failf(RuleXMLSyntax, "部件“%s”的结束标签“%s”格式错误", s.part, short(lx.Detail()))
	case xmltext.FaultEndUnopened:
		s.failf(RuleXMLSyntax, "部件“%s”的结束标签多于开始标签，XML 结构异常", s.part)
	case xmltext.FaultEndMismatch:
		s.failf(RuleXMLSyntax, "部件“%s”的结束标签“%s”与开始标签“%s”不匹配，XML 结构异常", s.part, short(lx.Detail()), short(lx.Open()))
	case xmltext.FaultAttr:
		s.failf(RuleXMLSyntax, "部件“%s”的标签“%s”的属性格式错误", s.part, short(lx.Detail()))
	case xmltext.FaultComment:
		s.failf(RuleXMLSyntax, "部件“%s”的注释格式错误", s.part)
	case xmltext.FaultCommentDash:
		s.failf(RuleXMLSyntax, "部件“%s”的注释中含有“--”", s.part)
	case xmltext.FaultCDATA:
		s.failf(RuleXMLSyntax, "部件“%s”的 CDATA 段格式错误", s.part)
	case xmltext.FaultDecl:
		s.failf(RuleXMLDTD, "部件“%s”含有文档类型或实体声明（<!DOCTYPE>、<!ENTITY>），Excel 和 WPS 保存的文件不会有，疑似恶意文件", s.part)
	case xmltext.FaultBang:
		s.failf(RuleXMLSyntax, "部件“%s”含有无法识别的标记“<!”", s.part)
	default:
		s.incomplete()
	}
}

// incomplete records that the part ended in the middle of markup or with open elements.
func (s *xmlScanner) incomplete() {
	s.failf(RuleXMLSyntax, "部件“%s”的 XML 不完整（标签未结束），文件可能被截断", s.part)
}

// attr returns the value of the current start tag's attribute with the local name (the
// last one, as encoding/xml does when names repeat), or nil.
func (s *xmlScanner) attr(name string) []byte {
	var v []byte
	lx := &s.lx
	for i, a := range lx.Attrs() {
		if string(lx.AttrLocal(a)) != name {
			continue
		}
		v = lx.AttrValue(a)
		v = v[:len(v):len(v)]
		for _, e := range s.escs {
			if e.i == i {
				v = s.unesc[e.v0:e.v1:e.v1]
			}
		}
	}
	return v
}

// finish checks that the part did not end in the middle of markup or with open elements,
// and returns the rule of the part's fault, "" when it has none. It may be called again.
func (s *xmlScanner) finish() gyqc.Rule {
	if s.fault == "" {
		s.lx.Close()
		s.drain()
		if s.inRef {
			s.incomplete()
		}
	}
	return s.fault
}
