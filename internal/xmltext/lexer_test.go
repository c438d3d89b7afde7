package xmltext

import (
	"fmt"
	"strings"
	"testing"
)

// lex reads doc with a Lexer fed in chunks of n bytes (0: whole) and writes its tokens
// down, consecutive pieces of text and of CDATA joined, then the fault if any.
func lex(doc string, n int, opt Options) string {
	var l Lexer
	b := []byte(doc)
	if n == 0 {
		l.Whole(b, opt)
	} else {
		l.Reset(opt)
	}
	var out []string
	add := func(kind, s string) {
		if last := len(out) - 1; last >= 0 && strings.HasPrefix(out[last], kind) && (kind == "t:" || kind == "c:") {
			out[last] += s
			return
		}
		out = append(out, kind+s)
	}
	for {
		switch l.Next() {
		case More:
			if len(b) == 0 {
				l.Close()
				continue
			}
			k := min(n, len(b))
			l.Feed(b[:k])
			b = b[k:]
		case EOF:
			if l.Fault() != NoFault {
				out = append(out, fmt.Sprintf("fault:%v %q %q", l.Fault(), l.Detail(), l.Open()))
			}
			return strings.Join(out, " ")
		case Start:
			var at []string
			for _, a := range l.Attrs() {
				at = append(at, fmt.Sprintf("%s(%s)=%s/%v", l.Tag()[a.N0:a.N1], l.AttrLocal(a), l.AttrValue(a), a.Plain))
			}
			add("<", fmt.Sprintf("%s(%s) d%d self=%v long=%v %v>", l.Name(), l.Local(), l.Depth(), l.SelfClosing(), l.Long(), at))
		case End:
			add("</", fmt.Sprintf("%s d%d>", l.Name(), l.Depth()))
		case Text:
			add("t:", string(l.Raw()))
		case CData:
			add("c:", string(l.Raw()))
		case Comment:
			add("!--", "")
		case ProcInst:
			add("?", "")
		}
	}
}

// TestLexer reads markup whole and in chunks of every small size: the tokens and the
// fault must not depend on where the chunks end.
func TestLexer(t *testing.T) {
	match := Options{MatchEnds: true}
	for _, tc := range []struct {
		Name, In string
		Opt      Options
		Want     string
	}{
		{"elements and text", `<?xml version="1.0"?><a x="1"><b/>t&amp;u</a>`, match,
			`? <a(a) d1 self=false long=false [x(x)=1/true]> <b(b) d1 self=true long=false []> t:t&amp;u </a d0>`},
		{"prefixes, quotes and spaces", "<p:a p:r='A&amp;1' t = \"a>b/\"\n></p:a >", match,
			`<p:a(a) d1 self=false long=false [p:r(r)=A&amp;1/false t(t)=a>b//true]> </p:a d0>`},
		{"value with a line end", "<a v=\"1\r\n2\" w=\"中\"/>", match,
			"<a(a) d0 self=true long=false [v(v)=1\r\n2/false w(w)=中/false]>"},
		{"comment, PI and CDATA", `<a><!-- c - d --><?pi x?y ?><v><![CDATA[4]]]>2<![CDATA[]]></v></a>`, match,
			`<a(a) d1 self=false long=false []> !-- ? <v(v) d2 self=false long=false []> c:4] t:2 c: </v d1> </a d0>`},
		{"CDATA of brackets", `<v><![CDATA[]]]]]>]]></v>`, match, `<v(v) d1 self=false long=false []> c:]]] t:]]> </v d0>`},
		{"self-closing with attribute", `<a x="1"/>`, match, `<a(a) d0 self=true long=false [x(x)=1/true]>`},
		{"long tag", `<a x="` + strings.Repeat("y", 20) + `"/><b/>`, Options{MaxTag: 8},
			`<a(a) d0 self=true long=true []> <b(b) d0 self=true long=false []>`},
		{"long tag with bad attributes", `<a 1="` + strings.Repeat("y", 20) + `">`, Options{MaxTag: 8},
			`<a(a) d1 self=false long=true []>`},
		{"unclosed element without MatchEnds", `<a><br></a>`, Options{}, `<a(a) d1 self=false long=false []> <br(br) d2 self=false long=false []> </a d1>`},
		{"doctype", `<!DOCTYPE a><a/>`, match, `fault:declaration (<!DOCTYPE or similar) "" ""`},
		{"entity declaration", `<a><!ENTITY e "x"></a>`, match, `<a(a) d1 self=false long=false []> fault:declaration (<!DOCTYPE or similar) "" ""`},
		{"bad bang", `<!-x-->`, match, `fault:malformed comment "" ""`},
		{"other bang", `<!%x>`, match, `fault:unknown markup after <! "" ""`},
		{"bad CDATA", `<a><![CDATX[x]]></a>`, match, `<a(a) d1 self=false long=false []> fault:malformed CDATA section "" ""`},
		{"double dash", `<!-- a -- b -->`, match, `fault:"--" inside a comment "" ""`},
		{"triple dash", `<!-- a --->`, match, `fault:"--" inside a comment "" ""`},
		{"lt in a tag", `<a b<c>`, match, `fault:'<' inside a tag "" ""`},
		{"lt in a value", `<a b="<"/>`, match, `fault:malformed attribute "a" ""`},
		{"nameless", `< a/>`, match, `fault:invalid tag name " a" ""`},
		{"name then slash", `<a/ >`, match, `fault:invalid tag name "a/ " ""`},
		{"digit name", `<0a/>`, match, `fault:invalid tag name "0a" ""`},
		{"end tag with attribute", `<a></a x="1">`, match, `<a(a) d1 self=false long=false []> fault:invalid characters in end tag "a" ""`},
		{"stray end tag", `</a>`, Options{}, `fault:end tag without a start tag "a" ""`},
		{"mismatch", `<a><b></a>`, match, `<a(a) d1 self=false long=false []> <b(b) d2 self=false long=false []> fault:end tag does not close the open element "a" "b"`},
		{"unquoted", `<a x=1/>`, match, `fault:malformed attribute "a" ""`},
		{"no value", `<a x/>`, match, `fault:malformed attribute "a" ""`},
		{"unclosed", `<a><b>`, match, `<a(a) d1 self=false long=false []> <b(b) d2 self=false long=false []> fault:input ends inside markup or an element "b" ""`},
		{"cut in a tag", `<a x="1`, Options{}, `fault:input ends inside markup or an element "" ""`},
		{"cut in a comment", `<a/><!-- x`, Options{}, `<a(a) d0 self=true long=false []> fault:input ends inside markup or an element "" ""`},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			for _, n := range []int{0, 1, 2, 3, 5, 7, 64} {
				if got := lex(tc.In, n, tc.Opt); got != tc.Want {
					t.Errorf("chunks of %d:\ngot  %s\nwant %s", n, got, tc.Want)
				}
			}
		})
	}
}

// FuzzLexer checks that the tokens do not depend on how the input is cut into chunks: the
// intake feeds parts as they inflate, the fast reader whole.
func FuzzLexer(f *testing.F) {
	f.Add(`<?xml version="1.0"?><a x="1"><b/>t&amp;u<![CDATA[]]]>]]><!-- c --></a>`, uint8(3), true)
	f.Add(`<x:c r="A1" t="s" xmlns:x="urn:x"><x:v>1</x:v></x:c>`, uint8(1), false)
	f.Fuzz(func(t *testing.T, doc string, n uint8, matchEnds bool) {
		opt := Options{MatchEnds: matchEnds}
		whole := lex(doc, 0, opt)
		if got := lex(doc, int(n%64)+1, opt); got != whole {
			t.Fatalf("chunks of %d:\n%s\nwhole:\n%s", n%64+1, got, whole)
		}
	})
}
