package intake

import (
	"bytes"
	"unicode/utf8"

	"github.com/qianjiang/gyqc/internal/xmltext"
)

// refs checks the entity references in a piece of character data, which may end inside
// one: only the predefined entities and character references are allowed.
func (s *xmlScanner) refs(seg []byte) {
	for len(seg) > 0 {
		if !s.inRef {
			k := bytes.IndexByte(seg, '&')
			if k < 0 {
				return
			}
			seg, s.inRef, s.ref = seg[k+1:], true, s.ref[:0]
		}
		k := bytes.IndexByte(seg, ';')
		if k < 0 {
			s.ref = append(s.ref, seg...)
			if len(s.ref) > 12 {
				s.failf(RuleXMLSyntax, "部件“%s”含有无效的实体引用“&%s”", s.part, short(s.ref))
			}
			return
		}
		s.ref, seg, s.inRef = append(s.ref, seg[:k]...), seg[k+1:], false
		if _, ok := unescape(append(append([]byte{'&'}, s.ref...), ';')); !ok {
			s.failf(RuleXMLSyntax, "部件“%s”含有无法识别的实体引用“&%s;”", s.part, short(s.ref))
			return
		}
	}
}

// unescape resolves the predefined entities and character references of an attribute value
// or character data. Values without '&' come back unchanged, without copying.
func unescape(v []byte) ([]byte, bool) {
	if bytes.IndexByte(v, '&') < 0 {
		return v, true
	}
	out := make([]byte, 0, len(v))
	for len(v) > 0 {
		amp := bytes.IndexByte(v, '&')
		if amp < 0 {
			return append(out, v...), true
		}
		out = append(out, v[:amp]...)
		semi := bytes.IndexByte(v[amp:], ';')
		if semi < 0 || semi > 12 {
			return nil, false
		}
		ent := v[amp+1 : amp+semi]
		v = v[amp+semi+1:]
		r, ok := xmltext.Entity(ent)
		if !ok || r == 0 {
			return nil, false
		}
		out = utf8.AppendRune(out, r)

	}
	return out, true
}
