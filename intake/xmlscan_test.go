package intake

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

// eventHook records what an xmlScanner hands its hook, to compare runs.
type eventHook struct{ events []string }

func (h *eventHook) start(s *xmlScanner, name []byte, depth int, self bool) {
	var at []string
	for _, a := range s.lx.Attrs() {
		name := string(s.lx.AttrLocal(a))
		at = append(at, name+"="+string(s.attr(name)))
	}
	h.events = append(h.events, fmt.Sprintf("<%s d%d self=%v %v>", name, depth, self, at))
	if string(name) == "v" {
		s.textOn = true
	}
}

func (h *eventHook) end(s *xmlScanner, name []byte, depth int) {
	h.events = append(h.events, fmt.Sprintf("</%s d%d>", name, depth))
	s.textOn = false
}

func (h *eventHook) text(s *xmlScanner, b []byte) {
	h.events = append(h.events, "text:"+string(b))
}

// scanXML runs the scanner over doc in chunks of n bytes (0: all at once) and returns the
// fault and the events, with consecutive text events joined.
func scanXML(doc string, n int) (gyqc.Rule, string) {
	h := &eventHook{}
	s := &xmlScanner{}
	s.reset("p.xml", 5, true, func([]byte) xmlHook { return h })
	b := []byte(doc)
	if n == 0 {
		n = len(b) + 1
	}
	for len(b) > 0 {
		k := min(n, len(b))
		s.Write(b[:k])
		b = b[k:]
	}
	fault := s.finish()
	var joined []string
	for _, e := range h.events {
		if last := len(joined) - 1; last >= 0 && strings.HasPrefix(e, "text:") && strings.HasPrefix(joined[last], "text:") {
			joined[last] += e[len("text:"):]
			continue
		}
		joined = append(joined, e)
	}
	return fault, strings.Join(joined, " ")
}

func TestXMLScanner(t *testing.T) {
	tests := []struct {
		name, doc string
		fault     gyqc.Rule
		events    string
	}{
		{name: "plain", doc: `<?xml version="1.0"?><a x="1"><b/><v>12</v></a>`,
			events: `<a d0 self=false [x=1]> <b d1 self=true []> <v d1 self=false []> text:12 </v d1> </a d0>`},
		{name: "prefixes and quotes", doc: `<x:a x:r='A&amp;1' t="a>b/"><x:v>&#49;</x:v></x:a>`,
			events: `<a d0 self=false [r=A&1 t=a>b/]> <v d1 self=false []> text:&#49; </v d1> </a d0>`},
		{name: "comment, PI and CDATA", doc: `<a><!-- c - d --><?pi x?y ?><v><![CDATA[4]]]>2</v></a>`,
			events: `<a d0 self=false []> <v d1 self=false []> text:4]2 </v d1> </a d0>`},
		{name: "depth at limit", doc: `<a><a><a><a><a/></a></a></a></a>`,
			events: `<a d0 self=false []> <a d1 self=false []> <a d2 self=false []> <a d3 self=false []> <a d4 self=true []> </a d3> </a d2> </a d1> </a d0>`},
		{name: "too deep", doc: `<a><a><a><a><a><a></a></a></a></a></a></a>`, fault: RuleXMLDepth,
			events: `<a d0 self=false []> <a d1 self=false []> <a d2 self=false []> <a d3 self=false []> <a d4 self=false []>`},
		{name: "doctype", doc: `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`, fault: RuleXMLDTD},
		{name: "entity inside", doc: `<a><!ENTITY e "x"></a>`, fault: RuleXMLDTD, events: `<a d0 self=false []>`},
		{name: "lower-case doctype", doc: `<!doctype a><a/>`, fault: RuleXMLDTD},
		{name: "nul byte", doc: "\x00<a></a>", fault: RuleXMLSyntax},
		{name: "unterminated tag", doc: `<a><b x="1`, fault: RuleXMLSyntax, events: `<a d0 self=false []>`},
		{name: "unclosed element", doc: `<a><b>`, fault: RuleXMLSyntax, events: `<a d0 self=false []> <b d1 self=false []>`},
		{name: "extra end tag", doc: `<a></a></a>`, fault: RuleXMLSyntax, events: `<a d0 self=false []> </a d0>`},
		{name: "two roots", doc: `<a/><b/>`, fault: RuleXMLSyntax, events: `<a d0 self=true []>`},
		{name: "lt in tag", doc: `<a x="<"/>`, fault: RuleXMLSyntax},
		{name: "double dash in comment", doc: `<a><!-- a -- b --></a>`, fault: RuleXMLSyntax, events: `<a d0 self=false []>`},
		{name: "unterminated comment", doc: `<a><!-- a </a>`, fault: RuleXMLSyntax, events: `<a d0 self=false []>`},
		{name: "bad CDATA", doc: `<a><![CDATX[x]]></a>`, fault: RuleXMLSyntax, events: `<a d0 self=false []>`},
		{name: "nameless tag", doc: `< a/>`, fault: RuleXMLSyntax},
		{name: "mismatched end tag", doc: `<a><b></a></b>`, fault: RuleXMLSyntax, events: `<a d0 self=false []> <b d1 self=false []>`},
		{name: "end tag with prefix", doc: `<x:a><b/></x:a>`, events: `<a d0 self=false []> <b d1 self=true []> </a d0>`},
		{name: "end tag with attribute", doc: `<a></a x="1">`, fault: RuleXMLSyntax, events: `<a d0 self=false []>`},
		{name: "name starting with a digit", doc: `<a><0b/></a>`, fault: RuleXMLSyntax, events: `<a d0 self=false []>`},
		{name: "attribute name starting with a digit", doc: `<a 0x="1"/>`, fault: RuleXMLSyntax},
		{name: "attribute without value", doc: `<a x/>`, fault: RuleXMLSyntax},
		{name: "unquoted attribute", doc: `<a x=1/>`, fault: RuleXMLSyntax},
		{name: "unknown entity in attribute", doc: `<a x="&nbsp;"/>`, fault: RuleXMLSyntax},
		{name: "references in text", doc: `<v>&lt;&#x31;&amp;</v>`, events: `<v d0 self=false []> text:&lt;&#x31;&amp; </v d0>`},
		{name: "unknown entity in text", doc: `<v>a&nbsp;b</v>`, fault: RuleXMLSyntax, events: `<v d0 self=false []> text:a&nbsp;`},
		{name: "unterminated reference", doc: `<v>a&amp</v>`, fault: RuleXMLSyntax, events: `<v d0 self=false []> text:a&amp`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Parts arrive in chunks of any size: every split must give the same result.
			for _, n := range []int{0, 1, 2, 3, 5, 7, 64} {
				fault, events := scanXML(tc.doc, n)
				if fault != tc.fault {
					t.Errorf("chunks of %d: got fault %q, want %q", n, fault, tc.fault)
				}
				// After a fault the rest of the chunk is skipped: the events up to the fault
				// must be there, and nothing but the rest of the chunk after them.
				if events != tc.events && (tc.fault == "" || !strings.HasPrefix(events, tc.events)) {
					t.Errorf("chunks of %d: got events\n%s\nwant\n%s", n, events, tc.events)
				}
			}
		})
	}
}

func TestXMLScannerLongTag(t *testing.T) {
	// A tag past maxTag is still parsed for its name and self-closing slash, and marked.
	doc := `<a><b x="` + strings.Repeat("y", 3*maxTag) + `"/></a>`
	h := &eventHook{}
	s := &xmlScanner{}
	s.reset("p.xml", 5, true, func([]byte) xmlHook { return h })
	s.Write([]byte(doc))
	if f := s.finish(); f != "" {
		t.Fatalf("got fault %q (%s)", f, s.faultMsg)
	}
	if len(h.events) != 3 || !strings.HasPrefix(h.events[1], "<b d1 self=true") {
		t.Errorf("got events %q", h.events)
	}
}

func TestUnescape(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{name: "plain", in: "A1", want: "A1", ok: true},
		{name: "predefined", in: "&lt;&gt;&amp;&quot;&apos;", want: `<>&"'`, ok: true},
		{name: "decimal", in: "A&#49;", want: "A1", ok: true},
		{name: "hex", in: "&#x41;&#X42;", ok: false}, // XML has no upper-case X
		{name: "hex lower", in: "&#x41;1", want: "A1", ok: true},
		{name: "unknown entity", in: "&e;", ok: false},
		{name: "unterminated", in: "&amp", ok: false},
		{name: "nul reference", in: "&#0;", ok: false},
		{name: "huge reference", in: "&#99999999999;", ok: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := unescape([]byte(tc.in))
			if ok != tc.ok || ok && string(got) != tc.want {
				t.Errorf("got %q, %v; want %q, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}
